// The project's tamper-evident audit log: every change appends an entry (who, when, what,
// before/after) whose SHA-256 covers the previous entry's hash, and the project row pins the
// newest hash and the count, so that editing, inserting or removing any entry — including
// the last ones — no longer recomputes to the pinned head.
//
// Canonical serialisation hashed for each entry (version 1):
//   "touchstone-audit/1\n" followed, for each field in the order
//   prev_hash, seq (decimal), at, actor, action, entity, entity_id, before_json, after_json,
//   by  <byte length in decimal> ":" <the field's bytes> "\n".
// Length prefixes make the encoding unambiguous whatever the fields contain; before/after
// are hashed as stored (JSON text), so no JSON re-canonicalisation is involved. The first
// entry's prev_hash is 64 zeros.
//
// The chain shows tampering by anyone who does not rewrite it from the altered entry to the
// project head; anchoring the head outside the file (export manifests) is later work.
// Thread ownership: an AuditLog works on its Database's thread.
#pragma once

#include "store/storerecords.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ts::core {

class Database;

class AuditLog {
public:
    explicit AuditLog(Database& db) : db_(db) {}

    static std::string genesisHash(); // 64 zeros
    static std::string canonical(const AuditEntry& e);
    static std::string computeHash(const AuditEntry& e);

    // Appends one entry and moves the project's head. Must run inside the caller's
    // transaction, so that the entry commits or rolls back with the change it records.
    AuditEntry append(const std::string& actor, const std::string& action,
                      const std::string& entity, const std::string& entityId,
                      const nlohmann::json& before, const nlohmann::json& after);

    // Entries with seq > afterSeq in order; limit < 0 means all.
    std::vector<AuditEntry> entries(int64_t afterSeq = 0, int64_t limit = -1);

    // Recomputes the chain and compares it with the project head; adds a finding per
    // problem. progress(done, total) is called every few hundred entries.
    void verify(std::vector<VerifyFinding>& findings,
                const std::function<void(int64_t, int64_t)>& progress = {},
                int64_t* checked = nullptr);

private:
    Database& db_;
};

} // namespace ts::core
