// touchstone-cli audit PROJECT [--episode ID] [--json] | audit PROJECT verify [--json]: the
// audit log (who changed what, when, before and after), optionally of one episode, and a check
// of its hash chain alone (the full project check, media included, is `verify`).
#include "cli/annotationcli.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "project/projectpath.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace ts::core::cli {

using nlohmann::json;

int cmdAudit(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"episode", "limit", "after"});
    const auto& pos = a.positional();
    if (pos.empty() || pos.size() > 2 || (pos.size() == 2 && pos[1] != "verify"))
        throw UsageError("audit takes PROJECT [--episode ID], or PROJECT verify");
    if (a.value("limit") && a.integer("limit", 0) < 0)
        throw UsageError("--limit takes a count of entries, 0 or more, not " + *a.value("limit"));
    if (a.value("after") && a.integer("after", 0) < 0)
        throw UsageError("--after takes an entry's sequence number, 0 or more, not " +
                         *a.value("after"));
    ProjectStore store = ProjectStore::open(resolveProjectFile(pos[0]));
    Database& db = store.database();
    if (pos.size() == 2) {
        std::vector<VerifyFinding> findings;
        int64_t checked = 0;
        AuditLog(db).verify(findings, {}, &checked);
        if (a.flag("json")) {
            json f = json::array();
            for (const auto& x : findings)
                f.push_back({{"code", x.code}, {"entity", x.entity}, {"message", x.message}});
            out << json{{"project", store.file().string()},
                        {"ok", findings.empty()},
                        {"audit_entries_checked", checked},
                        {"findings", f}}
                       .dump(2)
                << "\n";
        } else {
            for (const auto& x : findings)
                out << x.code << ": " << x.message << "\n";
            out << (findings.empty() ? "audit chain intact: " : "audit chain BROKEN: ") << checked
                << " entries checked\n";
        }
        return findings.empty() ? 0 : 1;
    }

    const auto episode = a.value("episode");
    if (episode && !store.episode(*episode))
        throw Error(store.file().string(), "there is no episode '" + *episode + "' in this project");
    // ?1 after, ?2 episode (NULL: all), ?3 limit. An entry concerns an episode when it is about
    // the episode itself or its before/after names it (annotation edits do).
    Statement st = db.prepare(
        "SELECT seq, at, actor, action, entity, entity_id, before_json, after_json, hash "
        "FROM audit_log WHERE seq > ?1 AND (?2 IS NULL OR (entity = 'episode' AND entity_id = ?2) "
        "OR json_extract(after_json, '$.episode') = ?2 OR "
        "json_extract(before_json, '$.episode') = ?2) ORDER BY seq LIMIT ?3");
    st.bind(1, static_cast<int64_t>(a.integer("after", 0)));
    if (episode)
        st.bind(2, *episode);
    else
        st.bind(2, nullptr);
    st.bind(3, static_cast<int64_t>(a.integer("limit", -1)));
    json entries = json::array();
    while (st.step()) {
        json e{{"seq", st.int64(0)},      {"at", st.text(1)},        {"actor", st.text(2)},
               {"action", st.text(3)},    {"entity", st.text(4)},    {"entity_id", st.text(5)},
               {"before", json::parse(st.text(6))}, {"after", json::parse(st.text(7))},
               {"hash", st.text(8)}};
        if (a.flag("json")) {
            entries.push_back(std::move(e));
        } else {
            const json& side = e["after"].is_object() ? e["after"] : e["before"];
            out << e["seq"].get<int64_t>() << "\t" << e["at"].get<std::string>() << "\t"
                << e["actor"].get<std::string>() << "\t" << e["action"].get<std::string>() << "\t"
                << e["entity"].get<std::string>() << " " << e["entity_id"].get<std::string>()
                << (side.is_object() && side.contains("text") && side["text"].is_string()
                        ? "\t" + side["text"].get<std::string>()
                        : std::string())
                << "\n";
        }
    }
    if (a.flag("json"))
        out << json{{"project", store.file().string()},
                    {"episode", episode ? json(*episode) : json(nullptr)},
                    {"entries", entries}}
                   .dump(2)
            << "\n";
    return 0;
}

} // namespace ts::core::cli
