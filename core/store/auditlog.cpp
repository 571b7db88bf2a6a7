#include "store/auditlog.h"

#include "store/database.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "util/error.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

namespace ts::core {

namespace {

void field(std::string& out, std::string_view v) {
    out += std::to_string(v.size());
    out += ':';
    out += v;
    out += '\n';
}

std::string describe(const AuditEntry& e) {
    return "audit entry " + std::to_string(e.seq) + " (" + e.action + " " + e.entityId + " by " +
           e.actor + " at " + e.at + ")";
}

constexpr const char* kSelect = "SELECT seq, at, actor, action, entity, entity_id, before_json, "
                                "after_json, prev_hash, hash FROM audit_log";

AuditEntry readRow(const Statement& st) {
    AuditEntry e;
    e.seq = st.int64(0);
    e.at = st.text(1);
    e.actor = st.text(2);
    e.action = st.text(3);
    e.entity = st.text(4);
    e.entityId = st.text(5);
    e.beforeJson = st.text(6);
    e.afterJson = st.text(7);
    e.prevHash = st.text(8);
    e.hash = st.text(9);
    return e;
}

} // namespace

std::string AuditLog::genesisHash() {
    return std::string(64, '0');
}

std::string AuditLog::canonical(const AuditEntry& e) {
    std::string out = "touchstone-audit/1\n";
    field(out, e.prevHash);
    field(out, std::to_string(e.seq));
    field(out, e.at);
    field(out, e.actor);
    field(out, e.action);
    field(out, e.entity);
    field(out, e.entityId);
    field(out, e.beforeJson);
    field(out, e.afterJson);
    return out;
}

std::string AuditLog::computeHash(const AuditEntry& e) {
    return Sha256::hex(canonical(e));
}

AuditEntry AuditLog::append(const std::string& actor, const std::string& action,
                            const std::string& entity, const std::string& entityId,
                            const nlohmann::json& before, const nlohmann::json& after) {
    if (!db_.inTransaction())
        throw Error(db_.fileName(), "internal: audit entries must be written in a transaction");
    AuditEntry e;
    {
        Statement st = db_.prepare("SELECT audit_head, audit_count FROM project WHERE id = 1");
        if (!st.step())
            throw Error(db_.fileName(), "the project record is missing");
        e.prevHash = st.text(0);
        e.seq = st.int64(1) + 1;
    }
    e.at = utcNowIso8601();
    e.actor = actor;
    e.action = action;
    e.entity = entity;
    e.entityId = entityId;
    // nlohmann's objects are ordered maps, so dump() is stable for equal values.
    e.beforeJson = before.dump();
    e.afterJson = after.dump();
    e.hash = computeHash(e);
    db_.prepare("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, "
                "after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(e.seq, e.at, e.actor, e.action, e.entity, e.entityId, e.beforeJson, e.afterJson,
                 e.prevHash, e.hash)
        .run();
    db_.prepare("UPDATE project SET audit_head = ?, audit_count = ? WHERE id = 1")
        .bindAll(e.hash, e.seq)
        .run();
    return e;
}

std::vector<AuditEntry> AuditLog::entries(int64_t afterSeq, int64_t limit) {
    Statement st = db_.prepare(std::string(kSelect) + " WHERE seq > ? ORDER BY seq LIMIT ?");
    st.bindAll(afterSeq, limit);
    std::vector<AuditEntry> out;
    while (st.step())
        out.push_back(readRow(st));
    return out;
}

void AuditLog::verify(std::vector<VerifyFinding>& findings,
                      const std::function<void(int64_t, int64_t)>& progress, int64_t* checked) {
    std::string head;
    int64_t count = 0;
    {
        Statement st = db_.prepare("SELECT audit_head, audit_count FROM project WHERE id = 1");
        if (!st.step()) {
            findings.push_back({"audit.head", "project",
                                "The project record is missing, so the "
                                "audit chain has no head to check."});
            return;
        }
        head = st.text(0);
        count = st.int64(1);
    }
    const int64_t rows = db_.queryInt("SELECT count(*) FROM audit_log");

    for (const char* trigger : {"audit_log_no_update", "audit_log_no_delete"}) {
        Statement st =
            db_.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
        st.bind(1, trigger);
        if (!st.step())
            findings.push_back({"audit.trigger", std::string("trigger ") + trigger,
                                std::string("The audit log's protective trigger ") + trigger +
                                    " has been removed; someone edited the file outside "
                                    "Touchstone."});
    }

    Statement st = db_.prepare(std::string(kSelect) + " ORDER BY seq");
    std::string prevHash = genesisHash();
    int64_t expectedSeq = 1;
    int64_t done = 0;
    while (st.step()) {
        const AuditEntry e = readRow(st);
        if (e.seq != expectedSeq)
            findings.push_back({"audit.sequence", describe(e),
                                "Audit entry " + std::to_string(e.seq) + " follows entry " +
                                    std::to_string(expectedSeq - 1) + ": entries " +
                                    std::to_string(expectedSeq) + " to " +
                                    std::to_string(e.seq - 1) + " are missing."});
        if (e.prevHash != prevHash)
            findings.push_back({"audit.chain", describe(e),
                                "The " + describe(e) +
                                    " does not link to the entry before it (its previous hash "
                                    "differs): an entry before it was altered or removed."});
        if (computeHash(e) != e.hash)
            findings.push_back({"audit.hash", describe(e),
                                "The " + describe(e) +
                                    " does not match its hash: its content was altered after "
                                    "it was written."});
        prevHash = e.hash;
        expectedSeq = e.seq + 1;
        ++done;
        if (progress && done % 256 == 0)
            progress(done, rows);
    }
    if (checked)
        *checked = done;
    if (done != count)
        findings.push_back({"audit.count", "project audit head",
                            "The project records " + std::to_string(count) +
                                " audit entries but the log holds " + std::to_string(done) +
                                ": entries were removed or added outside Touchstone."});
    if (prevHash != head)
        findings.push_back({"audit.head", "project audit head",
                            "The newest audit entry's hash does not match the head recorded in "
                            "the project: the end of the log was removed or rewritten."});
    if (progress)
        progress(done, rows);
}

} // namespace ts::core
