// Schema migration 2 (the media_cache table) and the media cache API: projects written with
// schema version 1 open and are brought forward without touching their data or audit log;
// cache entries round-trip binary data, are versioned and replaced, write no audit entries,
// and leave verify() clean; episodeMedia() lists what the import recorded.
#include "storetestutil.h"

#include "store/projectstore.h"
#include "store/schema.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace ts::core;

namespace {

const std::string kSha(64, 'a');

std::string dump(const VerifyReport& r) {
    std::string s;
    for (const auto& f : r.findings)
        s += "[" + f.code + "] " + f.entity + ": " + f.message + "\n";
    return s.empty() ? "<no findings>" : s;
}

int64_t tableCount(const fs::path& file, const std::string& table) {
    return tstest::rawInt(file, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                "name = '" +
                                    table + "'");
}

} // namespace

class TstStoreMediaCache : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    fs::path path(const std::string& name) const {
        return fs::path(tmp_.path().toStdString()) / name;
    }

    // A project as schema version 1 wrote it: everything of migration 1, nothing of later ones.
    fs::path makeVersion1Project(const std::string& name) {
        const fs::path file = path(name);
        {
            ProjectStore s = ProjectStore::create(file, "Old", "root");
            s.importBundle(tstest::writeTestBundle(path(name + "-ep"), "ep-1"), "root");
        }
        // Undo migration 3 too (its event column carries a foreign key, so the table is made
        // again from migration 1's own statement; the project has no events yet).
        const std::string m1 = schemaMigrations()[0].sql;
        const size_t from = m1.find("CREATE TABLE event (");
        const size_t to = m1.find(");", from) + 2;
        tstest::rawExec(file, "DROP TABLE slip_decision; DROP TABLE episode_contributor; "
                              "DROP TABLE consent_form; DROP INDEX event_recovers; DROP TABLE "
                              "event; " +
                                  m1.substr(from, to - from) +
                                  " CREATE INDEX event_episode ON event(episode_id, start_ns);"
                                  " DROP INDEX label_vocabulary; DROP INDEX "
                                  "keypoint_correction_episode; DROP INDEX audit_log_entity;"
                                  " ALTER TABLE participant DROP COLUMN withdrawn_at;"
                                  " ALTER TABLE participant DROP COLUMN notes;");
        tstest::rawExec(file, "DROP TABLE media_cache; PRAGMA user_version = 1;");
        return file;
    }

private slots:
    void migrationTwoIsAppended() {
        const auto steps = schemaMigrations();
        QVERIFY(steps.size() >= 2);
        QCOMPARE(steps[1].version, 2);
        QVERIFY(std::string(steps[1].sql).find("CREATE TABLE media_cache") != std::string::npos);
        // Migration 1 still creates no cache table: released steps are never edited.
        QVERIFY(std::string(steps[0].sql).find("media_cache") == std::string::npos);
    }

    void version1ProjectOpensAndMigrates() {
        const fs::path file = makeVersion1Project("old.tsproj");
        QCOMPARE(tstest::rawInt(file, "PRAGMA user_version"), int64_t(1));
        QCOMPARE(tableCount(file, "media_cache"), int64_t(0));
        const int64_t auditBefore = tstest::rawInt(file, "SELECT count(*) FROM audit_log");
        const std::string headBefore =
            tstest::rawText(file, "SELECT audit_head FROM project WHERE id = 1");
        {
            ProjectStore s = ProjectStore::open(file);
            QCOMPARE(s.info().schemaVersion, currentSchemaVersion());
            QCOMPARE(s.info().episodes, int64_t(1));
            QVERIFY(s.episode("ep-1").has_value());
            QVERIFY(!s.mediaCache(kSha, "frame_index", 1));
            s.putMediaCache(kSha, "frame_index", 1, "abc");
            QCOMPARE(s.mediaCache(kSha, "frame_index", 1), std::optional<std::string>("abc"));
            const VerifyReport r = s.verify();
            QVERIFY2(r.ok(), dump(r).c_str());
        }
        QCOMPARE(tstest::rawInt(file, "PRAGMA user_version"), int64_t(currentSchemaVersion()));
        QCOMPARE(tableCount(file, "media_cache"), int64_t(1));
        // Migrating is not an edit: the audit log is as it was.
        QCOMPARE(tstest::rawInt(file, "SELECT count(*) FROM audit_log"), auditBefore);
        QCOMPARE(tstest::rawText(file, "SELECT audit_head FROM project WHERE id = 1"), headBefore);
        // A second open has nothing left to migrate.
        QCOMPARE(ProjectStore::open(file).info().schemaVersion, currentSchemaVersion());
    }

    void roundTripsBinaryAndVersions() {
        const fs::path file = path("cache.tsproj");
        ProjectStore s = ProjectStore::create(file, "C", "root");
        std::string blob;
        for (int i = 0; i < 70000; ++i)
            blob.push_back(static_cast<char>(i * 7 % 256)); // NULs and invalid UTF-8 included
        s.putMediaCache(kSha, "frame_index", 3, blob);
        QCOMPARE(s.mediaCache(kSha, "frame_index", 3), std::optional<std::string>(blob));
        QCOMPARE(tstest::rawText(file, "SELECT typeof(data) FROM media_cache"),
                 std::string("blob"));
        // Another version reads as missing; another kind is another entry.
        QVERIFY(!s.mediaCache(kSha, "frame_index", 2));
        QVERIFY(!s.mediaCache(kSha, "waveform", 3));
        // Replacing keeps one row per (sha256, kind).
        s.putMediaCache(kSha, "frame_index", 4, "new");
        QVERIFY(!s.mediaCache(kSha, "frame_index", 3));
        QCOMPARE(s.mediaCache(kSha, "frame_index", 4), std::optional<std::string>("new"));
        QCOMPARE(tstest::rawInt(file, "SELECT count(*) FROM media_cache"), int64_t(1));
        s.putMediaCache(kSha, "other", 1, "");
        QCOMPARE(s.mediaCache(kSha, "other", 1), std::optional<std::string>(""));
    }

    void refusesBadKeys() {
        ProjectStore s = ProjectStore::create(path("keys.tsproj"), "K", "root");
        QVERIFY_THROWS_EXCEPTION(Error, s.putMediaCache("abc", "frame_index", 1, "x"));
        QVERIFY_THROWS_EXCEPTION(Error, s.putMediaCache(std::string(64, 'A'), "frame_index", 1,
                                                        "x")); // one spelling per hash
        QVERIFY_THROWS_EXCEPTION(Error, s.putMediaCache(kSha, "", 1, "x"));
        QCOMPARE(tstest::rawInt(path("keys.tsproj"), "SELECT count(*) FROM media_cache"),
                 int64_t(0));
    }

    void cacheWritesAreNotAuditedAndVerifyStaysClean() {
        const fs::path file = path("audit.tsproj");
        ProjectStore s = ProjectStore::create(file, "A", "root");
        s.importBundle(tstest::writeTestBundle(path("audit-ep"), "ep-1"), "root");
        const ProjectInfo before = s.info();
        for (const MediaRecord& m : s.episodeMedia("ep-1"))
            s.putMediaCache(m.sha256, "frame_index", 1, std::string(100, '\0'));
        const ProjectInfo after = s.info();
        QCOMPARE(after.auditEntries, before.auditEntries);
        QCOMPARE(after.auditHead, before.auditHead);
        QVERIFY(tstest::rawInt(file, "SELECT count(*) FROM media_cache") >= 4);
        const VerifyReport r = s.verify();
        QVERIFY2(r.ok(), dump(r).c_str());
        // Reopened (the integrity check on open runs over the cache rows too).
        QVERIFY(ProjectStore::open(file).verify().ok());
    }

    void episodeMediaListsImportRecords() {
        ProjectStore s = ProjectStore::create(path("media.tsproj"), "M", "root");
        s.importBundle(tstest::writeTestBundle(path("media-ep"), "ep-1"), "root");
        const auto media = s.episodeMedia("ep-1");
        QCOMPARE(media.size(), size_t(5));
        QVERIFY(std::is_sorted(media.begin(), media.end(),
                               [](const auto& a, const auto& b) { return a.path < b.path; }));
        const auto rgb = std::find_if(media.begin(), media.end(), [](const MediaRecord& m) {
            return m.path == "media-ep/rgb.mp4";
        });
        QVERIFY(rgb != media.end());
        QCOMPARE(rgb->role, std::string("stream:rgb"));
        QCOMPARE(rgb->size, int64_t(4096));
        QCOMPARE(rgb->sha256.size(), size_t(64));
        QVERIFY(s.episodeMedia("no-such-episode").empty());
    }
};

QTEST_GUILESS_MAIN(TstStoreMediaCache)
#include "tst_store_mediacache.moc"
