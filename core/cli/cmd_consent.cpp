// touchstone-cli consent PROJECT add-participant|add-form|add-consent|withdraw|list|exportable:
// participants, consent forms and records, withdrawal (docs/cli.md). Leads and admins change
// them; every change is audited.
#include "annotation/consent.h"
#include "cli/annotationcli.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace ts::core::cli {

using nlohmann::json;
using namespace ts::core::annotation;

int cmdConsent(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"},
           {"as", "user", "notes", "title", "terms", "scope", "ref", "form", "signed",
            "compensation", "at"});
    const auto& pos = a.positional();
    if (pos.size() < 2)
        throw UsageError("consent takes PROJECT add-participant|add-form|add-consent|withdraw|"
                         "list|exportable");
    ProjectStore store = ProjectStore::open(resolveProjectFile(pos[0]));
    const std::string& action = pos[1];
    const std::string actor = actingUser(a);
    auto needArg = [&](const char* what) -> const std::string& {
        if (pos.size() != 3)
            throw UsageError(std::string("consent ") + action + " needs " + what);
        return pos[2];
    };
    json result;
    if (action == "add-participant") {
        const std::string& p = needArg("a participant id");
        addParticipant(store, actor, p, a.value("notes").value_or(""));
        result = {{"participant", p}, {"created", true}};
    } else if (action == "add-form") {
        ConsentForm f;
        f.version = needArg("a form version");
        f.title = a.value("title").value_or("");
        f.terms = a.value("terms").value_or("");
        f.scope = a.values("scope");
        addConsentForm(store, actor, f);
        result = {{"form", f.version}, {"created", true}};
    } else if (action == "add-consent") {
        const std::string& p = needArg("a participant id");
        if (!a.value("ref") || !a.value("form") || !a.value("signed"))
            throw UsageError("consent add-consent needs --ref ID --form VERSION --signed DATE");
        ConsentRecord c;
        c.id = *a.value("ref");
        c.formVersion = *a.value("form");
        c.signedAt = *a.value("signed");
        c.terms = a.value("terms").value_or("");
        c.compensation = a.value("compensation").value_or("");
        c.scope = a.values("scope");
        addConsent(store, actor, p, c);
        result = {{"participant", p}, {"consent", c.id}, {"created", true}};
    } else if (action == "withdraw") {
        const std::string& p = needArg("a participant id");
        withdrawParticipant(store, actor, p, a.value("at").value_or(""));
        json excluded = json::array();
        for (const auto& e : store.episodes())
            if (e.participant == p)
                excluded.push_back(e.id);
        result = {{"participant", p}, {"withdrawn", true}, {"episodes_excluded", excluded}};
    } else if (action == "list") {
        json ps = json::array();
        for (const Participant& p : participants(store)) {
            json cs = json::array();
            for (const ConsentRecord& c : p.consents)
                cs.push_back({{"id", c.id},
                              {"form_version", c.formVersion},
                              {"terms", c.terms},
                              {"scope", c.scope},
                              {"compensation", c.compensation},
                              {"signed_at", c.signedAt},
                              {"withdrawn_at", c.withdrawnAt ? json(*c.withdrawnAt) : json(nullptr)}});
            ps.push_back({{"participant", p.pseudonym},
                          {"notes", p.notes},
                          {"created_at", p.createdAt},
                          {"withdrawn_at", p.withdrawnAt ? json(*p.withdrawnAt) : json(nullptr)},
                          {"episodes", p.episodes},
                          {"consents", cs}});
        }
        json fs = json::array();
        for (const ConsentForm& f : consentForms(store))
            fs.push_back({{"version", f.version},
                          {"title", f.title},
                          {"terms", f.terms},
                          {"scope", f.scope},
                          {"created_at", f.createdAt},
                          {"created_by", f.createdBy}});
        result = {{"participants", ps}, {"forms", fs}};
        if (!a.flag("json")) {
            for (const json& p : ps)
                out << p["participant"].get<std::string>() << "\t" << p["episodes"] << " episode(s)\t"
                    << (p["withdrawn_at"].is_null()
                            ? std::string("consenting")
                            : "withdrawn " + p["withdrawn_at"].get<std::string>())
                    << "\n";
            for (const json& f : fs)
                out << "form " << f["version"].get<std::string>() << "\t"
                    << f["title"].get<std::string>() << "\n";
            return 0;
        }
    } else if (action == "exportable") {
        result = {{"exportable", exportableEpisodes(store)}};
        if (!a.flag("json")) {
            for (const json& e : result["exportable"])
                out << e.get<std::string>() << "\n";
            return 0;
        }
    } else {
        throw UsageError("unknown consent action '" + action +
                         "' (add-participant, add-form, add-consent, withdraw, list, exportable)");
    }
    if (a.flag("json")) {
        out << result.dump(2) << "\n";
        return 0;
    }
    // What was recorded, in words (the same as --json says).
    if (action == "add-participant") {
        out << "added participant " << result["participant"].get<std::string>() << "\n";
    } else if (action == "add-form") {
        out << "added consent form " << result["form"].get<std::string>() << "\n";
    } else if (action == "add-consent") {
        out << "recorded consent " << result["consent"].get<std::string>() << " of participant "
            << result["participant"].get<std::string>() << " (form " << *a.value("form")
            << ", signed " << *a.value("signed") << ")\n";
    } else { // withdraw
        const json& ex = result["episodes_excluded"];
        out << "recorded the withdrawal of participant " << result["participant"].get<std::string>()
            << "; " << ex.size() << " episode(s) leave every export and cannot be approved";
        for (size_t i = 0; i < ex.size(); ++i)
            out << (i == 0 ? ": " : ", ") << ex[i].get<std::string>();
        out << "\n";
    }
    return 0;
}

} // namespace ts::core::cli
