#include "annotation/consent.h"

#include "annotation/editsession.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "store/transaction.h"
#include "store/usertable.h"
#include "util/error.h"
#include "util/visiblename.h"

#include <nlohmann/json.hpp>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

UserInfo requireConsentManager(Database& db, const std::string& actor, const std::string& what) {
    UserTable users(db);
    const UserInfo who = users.requireActor(actor);
    if (!roleMayManageConsent(who.role))
        throw Error(db.fileName(),
                    describeUser(who) + " may not " + what + ": only leads and admins may");
    return who;
}

std::optional<int64_t> participantId(Database& db, const std::string& pseudonym) {
    Statement st = db.prepare("SELECT id FROM participant WHERE pseudonym = ?");
    st.bind(1, pseudonym);
    if (!st.step())
        return std::nullopt;
    return st.int64(0);
}

} // namespace

void addParticipant(ProjectStore& store, const std::string& actor, const std::string& pseudonym,
                    const std::string& notes) {
    Database& db = store.database();
    Transaction tx(db);
    const UserInfo who = requireConsentManager(db, actor, "add participants");
    if (pseudonym.empty())
        throw Error(db.fileName(), "a participant needs a pseudonymous id");
    if (const std::string problem = visibleNameProblem(pseudonym); !problem.empty())
        throw Error(db.fileName(), "participant id '" + pseudonym + "' " + problem);
    if (participantId(db, pseudonym))
        throw Error(db.fileName(), "there is already a participant '" + pseudonym + "'");
    db.prepare("INSERT INTO participant (pseudonym, created_at, notes) VALUES (?, ?, ?)")
        .bindAll(pseudonym, utcNowIso8601(), notes)
        .run();
    AuditLog(db).append(who.name, "participant.create", "participant", pseudonym, nullptr,
                        {{"pseudonym", pseudonym}, {"notes", notes}});
    tx.commit();
}

void addConsentForm(ProjectStore& store, const std::string& actor, const ConsentForm& f) {
    Database& db = store.database();
    Transaction tx(db);
    const UserInfo who = requireConsentManager(db, actor, "add consent forms");
    if (f.version.empty())
        throw Error(db.fileName(), "a consent form needs a version");
    Statement st = db.prepare("SELECT 1 FROM consent_form WHERE version = ?");
    st.bind(1, f.version);
    if (st.step())
        throw Error(db.fileName(), "consent form version '" + f.version + "' is already registered");
    const json after{{"version", f.version}, {"title", f.title}, {"terms", f.terms}, {"scope", f.scope}};
    db.prepare("INSERT INTO consent_form (version, title, terms, scope, created_at, created_by) "
               "VALUES (?, ?, ?, ?, ?, ?)")
        .bindAll(f.version, f.title, f.terms, json(f.scope).dump(), utcNowIso8601(), who.name)
        .run();
    AuditLog(db).append(who.name, "consent_form.create", "consent_form", f.version, nullptr, after);
    tx.commit();
}

void addConsent(ProjectStore& store, const std::string& actor, const std::string& pseudonym,
                const ConsentRecord& c) {
    Database& db = store.database();
    Transaction tx(db);
    const UserInfo who = requireConsentManager(db, actor, "record consent");
    const auto pid = participantId(db, pseudonym);
    if (!pid)
        throw Error(db.fileName(), "there is no participant '" + pseudonym + "'");
    if (c.id.empty() || c.formVersion.empty() || c.signedAt.empty())
        throw Error(db.fileName(), "participant " + pseudonym +
                                       ": a consent record needs a reference, a form version "
                                       "and the date it was signed");
    {
        Statement st = db.prepare("SELECT 1 FROM consent_form WHERE version = ? UNION SELECT 1 "
                                  "FROM consent WHERE form_version = ?");
        st.bindAll(c.formVersion, c.formVersion);
        if (!st.step())
            throw Error(db.fileName(), "participant " + pseudonym + ": consent form version '" +
                                           c.formVersion +
                                           "' is not registered (add it with add-form first)");
    }
    {
        Statement st =
            db.prepare("SELECT 1 FROM consent WHERE participant_id = ? AND consent_ref = ?");
        st.bindAll(*pid, c.id);
        if (st.step())
            throw Error(db.fileName(), "participant " + pseudonym + " already has consent '" +
                                           c.id + "'");
    }
    const json after{{"participant", pseudonym},   {"id", c.id},
                     {"form_version", c.formVersion}, {"terms", c.terms},
                     {"scope", c.scope},           {"compensation", c.compensation},
                     {"signed_at", c.signedAt}};
    db.prepare("INSERT INTO consent (participant_id, consent_ref, form_version, terms, scope, "
               "compensation, signed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(*pid, c.id, c.formVersion, c.terms, json(c.scope).dump(), c.compensation,
                 c.signedAt, utcNowIso8601())
        .run();
    AuditLog(db).append(who.name, "consent.create", "consent", pseudonym + "/" + c.id, nullptr,
                        after);
    tx.commit();
}

void withdrawParticipant(ProjectStore& store, const std::string& actor,
                         const std::string& pseudonym, const std::string& atIn) {
    Database& db = store.database();
    Transaction tx(db);
    const UserInfo who = requireConsentManager(db, actor, "record a withdrawal");
    const auto pid = participantId(db, pseudonym);
    if (!pid)
        throw Error(db.fileName(), "there is no participant '" + pseudonym + "'");
    {
        Statement st = db.prepare("SELECT withdrawn_at FROM participant WHERE id = ?");
        st.bind(1, *pid);
        st.step();
        if (!st.isNull(0))
            throw Error(db.fileName(), "participant " + pseudonym + " already withdrew on " +
                                           st.text(0));
    }
    const std::string at = atIn.empty() ? utcNowIso8601() : atIn;
    db.prepare("UPDATE participant SET withdrawn_at = ? WHERE id = ?").bindAll(at, *pid).run();
    db.prepare("UPDATE consent SET withdrawn_at = ? WHERE participant_id = ? AND withdrawn_at IS "
               "NULL")
        .bindAll(at, *pid)
        .run();
    const int64_t episodes =
        db.queryInt("SELECT count(*) FROM episode WHERE participant_id = " + std::to_string(*pid));
    AuditLog(db).append(who.name, "participant.withdraw", "participant", pseudonym,
                        {{"withdrawn_at", nullptr}},
                        {{"withdrawn_at", at}, {"episodes_excluded", episodes}});
    tx.commit();
}

std::vector<Participant> participants(ProjectStore& store) {
    Database& db = store.database();
    std::vector<Participant> out;
    Statement st = db.prepare("SELECT p.id, p.pseudonym, p.notes, p.created_at, p.withdrawn_at, "
                              "(SELECT count(*) FROM episode e WHERE e.participant_id = p.id) "
                              "FROM participant p ORDER BY p.pseudonym");
    while (st.step()) {
        Participant p;
        p.pseudonym = st.text(1);
        p.notes = st.text(2);
        p.createdAt = st.text(3);
        p.withdrawnAt = st.optText(4);
        p.episodes = st.int64(5);
        Statement c = db.prepare("SELECT consent_ref, form_version, terms, scope, compensation, "
                                 "signed_at, withdrawn_at FROM consent WHERE participant_id = ? "
                                 "ORDER BY consent_ref");
        c.bind(1, st.int64(0));
        while (c.step()) {
            ConsentRecord r;
            r.id = c.text(0);
            r.formVersion = c.text(1);
            r.terms = c.text(2);
            r.scope = json::parse(c.text(3)).get<std::vector<std::string>>();
            r.compensation = c.text(4);
            r.signedAt = c.text(5);
            r.withdrawnAt = c.optText(6);
            p.consents.push_back(std::move(r));
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<ConsentForm> consentForms(ProjectStore& store) {
    Statement st = store.database().prepare(
        "SELECT version, title, terms, scope, created_at, created_by FROM consent_form ORDER BY "
        "version");
    std::vector<ConsentForm> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2),
                       json::parse(st.text(3)).get<std::vector<std::string>>(), st.text(4),
                       st.text(5)});
    return out;
}

std::vector<std::string> exportableEpisodes(ProjectStore& store) {
    Statement st = store.database().prepare(
        "SELECT e.ident FROM episode e JOIN participant p ON p.id = e.participant_id "
        "JOIN consent c ON c.id = e.consent_id WHERE e.status = 'approved' AND "
        "p.withdrawn_at IS NULL AND c.withdrawn_at IS NULL AND c.signed_at <> '' ORDER BY e.id");
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

ConsentIssue consentIssue(ProjectStore& store, const std::string& episode) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    Statement st = db.prepare("SELECT p.pseudonym, p.withdrawn_at, c.consent_ref, c.withdrawn_at, "
                              "c.signed_at FROM episode x JOIN participant p ON p.id = "
                              "x.participant_id JOIN consent c ON c.id = x.consent_id WHERE x.id = ?");
    st.bind(1, e.rowId);
    if (!st.step())
        return {"no_record", "", "", ""};
    if (!st.isNull(1))
        return {"participant_withdrew", st.text(0), st.text(2), st.text(1)};
    if (!st.isNull(3))
        return {"consent_withdrawn", st.text(0), st.text(2), st.text(3)};
    if (st.text(4).empty())
        return {"never_signed", st.text(0), st.text(2), ""};
    return {};
}

std::string consentProblem(ProjectStore& store, const std::string& episode) {
    return consentIssueText(episode, consentIssue(store, episode));
}

std::string consentIssueText(const std::string& episode, const ConsentIssue& c) {
    if (c.code == "no_record")
        return "episode " + episode + " has no consent record";
    if (c.code == "participant_withdrew")
        return "participant " + c.participant + " withdrew on " + c.date;
    if (c.code == "consent_withdrawn")
        return "consent " + c.consent + " of participant " + c.participant + " was withdrawn on " +
               c.date;
    if (c.code == "never_signed")
        return "consent " + c.consent + " of participant " + c.participant + " was never signed";
    return "";
}

} // namespace ts::core::annotation
