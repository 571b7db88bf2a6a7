#include "store/storeverifier.h"

#include "store/auditlog.h"
#include "store/database.h"
#include "store/mediadigest.h"
#include "store/statement.h"
#include "util/error.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

#include <map>
#include <system_error>

namespace ts::core {

namespace fs = std::filesystem;

namespace {
// Shares of the progress bar: hashing media dominates the time of a real project.
constexpr double kSqliteShare = 0.1;
constexpr double kMediaShare = 0.8;
} // namespace

StoreVerifier::StoreVerifier(Database& db, fs::path projectDir)
    : db_(db), projectDir_(std::move(projectDir)) {}

VerifyReport StoreVerifier::run(const VerifyProgress& progress) {
    VerifyReport r;
    auto report = [&](double f, const std::string& what) {
        if (progress)
            progress(f, what);
    };
    report(0.0, "checking the database file");
    checkSqlite(r);
    report(kSqliteShare, "checking media files");
    checkMedia(r, progress);
    checkMediaDigests(r);
    report(kSqliteShare + kMediaShare, "checking the audit log");
    AuditLog(db_).verify(
        r.findings,
        [&](int64_t done, int64_t total) {
            report(
                kSqliteShare + kMediaShare +
                    (1.0 - kSqliteShare - kMediaShare) *
                        (total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0),
                "checking the audit log");
        },
        &r.auditEntriesChecked);
    report(1.0, "done");
    return r;
}

void StoreVerifier::checkSqlite(VerifyReport& r) {
    {
        Statement st = db_.prepare("PRAGMA integrity_check");
        while (st.step()) {
            const std::string row = st.text(0);
            if (row != "ok")
                r.findings.push_back({"sqlite.integrity", db_.fileName(),
                                      "SQLite reports damage in the project file: " + row});
        }
    }
    Statement st = db_.prepare("PRAGMA foreign_key_check");
    while (st.step()) {
        const std::string table = st.text(0);
        const std::string row = st.isNull(1) ? "?" : std::to_string(st.int64(1));
        const std::string parent = st.text(2);
        r.findings.push_back({"sqlite.foreign_key", table + " row " + row,
                              "Row " + row + " of table " + table +
                                  " refers to a missing row of table " + parent + "."});
    }
}

void StoreVerifier::checkMedia(VerifyReport& r, const VerifyProgress& progress) {
    const int64_t total = db_.queryInt("SELECT count(*) FROM media_file");
    Statement st = db_.prepare("SELECT m.path, m.size, m.sha256, e.ident FROM media_file m "
                               "JOIN episode e ON e.id = m.episode_id ORDER BY e.ident, m.path");
    int64_t done = 0;
    while (st.step()) {
        const std::string rel = st.text(0);
        const int64_t size = st.int64(1);
        const std::string sha = st.text(2);
        const std::string episode = st.text(3);
        const fs::path file = fs::path(rel).is_absolute() ? fs::path(rel) : projectDir_ / rel;
        const std::string entity = "media " + rel + " (episode " + episode + ")";
        if (progress)
            progress(kSqliteShare + kMediaShare * (total > 0 ? static_cast<double>(done) /
                                                                   static_cast<double>(total)
                                                             : 1.0),
                     "checking " + rel);
        ++done;

        std::error_code ec;
        if (!fs::is_regular_file(file, ec)) {
            r.findings.push_back({"media.missing", entity,
                                  "File " + file.string() + " of episode " + episode +
                                      " is missing (moved or deleted)."});
            continue;
        }
        const auto actual = fs::file_size(file, ec);
        if (ec) {
            r.findings.push_back({"media.unreadable", entity,
                                  "File " + file.string() + " of episode " + episode +
                                      " cannot be read: " + ec.message() + "."});
            continue;
        }
        ++r.mediaChecked;
        if (static_cast<int64_t>(actual) != size) {
            r.findings.push_back({"media.size", entity,
                                  "File " + file.string() + " of episode " + episode + " has " +
                                      std::to_string(actual) + " bytes but " +
                                      std::to_string(size) + " were recorded: it was altered."});
            continue;
        }
        try {
            if (Sha256::hexOfFile(file) != sha)
                r.findings.push_back({"media.sha256", entity,
                                      "File " + file.string() + " of episode " + episode +
                                          " no longer matches its recorded SHA-256: its "
                                          "content was altered."});
        } catch (const Error& e) {
            r.findings.push_back({"media.unreadable", entity, e.what()});
        }
    }
}

void StoreVerifier::checkMediaDigests(VerifyReport& r) {
    std::map<std::string, std::vector<MediaDigestItem>> byEpisode;
    {
        Statement st = db_.prepare("SELECT e.ident FROM episode e");
        while (st.step())
            byEpisode[st.text(0)];
    }
    Statement st = db_.prepare("SELECT e.ident, m.path, m.size, m.sha256 FROM media_file m "
                               "JOIN episode e ON e.id = m.episode_id");
    while (st.step())
        byEpisode[st.text(0)].push_back({st.text(1), st.int64(2), st.text(3)});

    for (auto& [episode, items] : byEpisode) {
        Statement a = db_.prepare("SELECT seq, after_json FROM audit_log WHERE action = "
                                  "'episode.import' AND entity_id = ? ORDER BY seq DESC LIMIT 1");
        a.bind(1, episode);
        if (!a.step()) {
            r.findings.push_back({"audit.import_missing", "episode " + episode,
                                  "Episode " + episode +
                                      " has no import entry in the audit log: it was added "
                                      "outside Touchstone."});
            continue;
        }
        const auto after = nlohmann::json::parse(a.text(1), nullptr, false);
        const bool known = after.is_object() && after.contains("media_digest") &&
                           after["media_digest"].is_string();
        if (!known || after["media_digest"].get<std::string>() != mediaDigest(items))
            r.findings.push_back(
                {"media.rows", "episode " + episode,
                 "The media list of episode " + episode +
                     " (paths, sizes or hashes) differs from the one recorded at import in audit "
                     "entry " +
                     std::to_string(a.int64(0)) + ": media records were edited."});
    }
}

} // namespace ts::core
