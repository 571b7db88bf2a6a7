// Importing an in-memory episode bundle (with real files, so hashes are real): rows, stats,
// clock models, relative media paths; refusals (duplicate id, errors, roles, consent
// conflicts) leave nothing half-imported.
#include "storetestutil.h"

#include "store/projectstore.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace ts::core;
using tstest::contains;
using tstest::errorOf;

namespace {



const StreamInfo& streamNamed(const EpisodeDetail& d, const std::string& name) {
    for (const auto& s : d.streams)
        if (s.stats.name == name)
            return s;
    throw std::runtime_error("no stream " + name);
}

} // namespace

class TstStoreImport : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> tmp_;
    fs::path dir() const { return fs::path(tmp_->path().toStdString()); }
    fs::path projectFile() const { return dir() / "study.tsproj"; }

    ProjectStore makeProject() {
        ProjectStore s = ProjectStore::create(projectFile(), "Study", "root");
        s.addUser("root", "lee", Role::Lead);
        s.addUser("root", "ann", Role::Annotator);
        s.addUser("root", "rev", Role::Reviewer);
        return s;
    }

private slots:
    void init() { tmp_ = std::make_unique<QTemporaryDir>(); }

    void importStoresEverything() {
        ProjectStore s = makeProject();
        const Bundle b = tstest::writeTestBundle(dir() / "bundles" / "ep-1", "ep-1");
        const ImportResult r = s.importBundle(b, "lee");
        QCOMPARE(r.episodeId, std::string("ep-1"));
        QCOMPARE(r.streams, int64_t(3));
        QCOMPARE(r.mediaFiles, int64_t(5));
        QCOMPARE(r.warnings, int64_t(1));
        QVERIFY(r.newParticipant && r.newConsent);

        const auto list = s.episodes();
        QCOMPARE(list.size(), size_t(1));
        QCOMPARE(list[0].id, std::string("ep-1"));
        QCOMPARE(list[0].status, EpisodeStatus::New);
        QCOMPARE(list[0].participant, std::string("P-0001"));
        QCOMPARE(list[0].streamCount, int64_t(3));
        QCOMPARE(list[0].importedBy, std::string("lee"));
        // Duration from the timeline-clock stream (rgb): 29 frame intervals of 33.333333 ms.
        QCOMPARE(list[0].durationNs, TimeNs(29 * 33'333'333LL));

        const auto d = s.episode("ep-1");
        QVERIFY(d.has_value());
        QCOMPARE(d->bundlePath, std::string("bundles/ep-1"));
        QCOMPARE(d->timelineStartNs, TimeNs(1'000'000'000));
        QCOMPARE(d->mediaCount, int64_t(5));
        QCOMPARE(d->consent.id, std::string("C-0001"));
        QCOMPARE(d->consent.scope, std::vector<std::string>{"research"});
        QVERIFY(!d->consent.withdrawnAt);
        QCOMPARE(d->device.serial, std::string("T-1"));
        QCOMPARE(d->warnings.size(), size_t(1));
        QCOMPARE(d->warnings[0].code, std::string("timestamps.gap"));
        QCOMPARE(d->warnings[0].line, int64_t(42));
        QCOMPARE(d->streams.size(), size_t(3));

        const StreamInfo& rgb = streamNamed(*d, "rgb");
        QCOMPARE(rgb.stats.kind, StreamKind::Video);
        QCOMPARE(rgb.stats.count, int64_t(30));
        QCOMPARE(rgb.stats.codec, std::string("h264"));
        QCOMPARE(rgb.stats.width, 640);
        QCOMPARE(rgb.timestamps, std::string("rgb_frames.csv"));
        QCOMPARE(rgb.clockModel.method, std::string("identity"));
        QCOMPARE(rgb.clockModel.confidence, 1.0);

        const StreamInfo& imu = streamNamed(*d, "imu");
        QCOMPARE(imu.stats.count, int64_t(100));
        QCOMPARE(imu.stats.gaps, int64_t(1));
        QCOMPARE(imu.stats.droppedEstimate, int64_t(2));
        QCOMPARE(imu.stats.jitterNs, 1500.0);
        QCOMPARE(imu.stats.medianIntervalNs, TimeNs(10'000'000));
        QCOMPARE(imu.clockModel.method, std::string("identity"));
        QCOMPARE(imu.clockModel.confidence, 0.0); // not yet estimated
        QCOMPARE(imu.clockModel.author, std::string("lee"));

        const StreamInfo& pose = streamNamed(*d, "pose");
        QCOMPARE(pose.clockModel.method, std::string("file"));
        QCOMPARE(pose.clockModel.offsetNs, TimeNs(5'000'000));
        QCOMPARE(pose.clockModel.drift, 20e-6);
        QCOMPARE(pose.clockModel.confidence, 1.0);

        // Media rows are relative to the project folder, with the real hashes.
        const fs::path f = projectFile();
        QCOMPARE(tstest::rawText(f, "SELECT path FROM media_file WHERE role = 'stream:imu'"),
                 std::string("bundles/ep-1/imu.csv"));
        QCOMPARE(tstest::rawText(f, "SELECT sha256 FROM media_file WHERE role = 'stream:imu'"),
                 b.media[3].sha256);
        QCOMPARE(tstest::rawInt(f, "SELECT size FROM media_file WHERE role = 'stream:imu'"),
                 int64_t(fs::file_size(dir() / "bundles/ep-1/imu.csv")));
        QCOMPARE(tstest::rawText(f, "SELECT nominal_rate_hz FROM stream WHERE name = 'rgb'"),
                 std::string("30.0"));

        // The import is audited: participant, consent, episode.
        const auto audit = s.auditEntries();
        QCOMPARE(audit.back().action, std::string("episode.import"));
        QCOMPARE(audit.back().actor, std::string("lee"));
        QCOMPARE(audit[audit.size() - 2].action, std::string("consent.create"));
        QCOMPARE(audit[audit.size() - 3].action, std::string("participant.create"));

        const ProjectInfo info = s.info();
        QCOMPARE(info.episodes, int64_t(1));
        QCOMPARE(info.streams, int64_t(3));
        QCOMPARE(info.mediaFiles, int64_t(5));
        QCOMPARE(info.participants, int64_t(1));
        QVERIFY(s.verify().ok());
    }

    void participantAndConsentAreReused() {
        ProjectStore s = makeProject();
        s.importBundle(tstest::writeTestBundle(dir() / "b" / "ep-1", "ep-1"), "lee");
        const ImportResult r =
            s.importBundle(tstest::writeTestBundle(dir() / "b" / "ep-2", "ep-2"), "root");
        QVERIFY(!r.newParticipant && !r.newConsent);
        QCOMPARE(s.info().participants, int64_t(1));
        QCOMPARE(s.info().consents, int64_t(1));
        QCOMPARE(s.episodes().size(), size_t(2));
    }

    void bundleOutsideProjectFolder() {
        const fs::path projDir = dir() / "projects";
        fs::create_directories(projDir);
        ProjectStore s = ProjectStore::create(projDir / "p.tsproj", "P", "root");
        s.importBundle(tstest::writeTestBundle(dir() / "data" / "ep-9", "ep-9"), "root");
        QCOMPARE(s.episode("ep-9")->bundlePath, std::string("../data/ep-9"));
        QCOMPARE(tstest::rawText(projDir / "p.tsproj",
                                 "SELECT path FROM media_file WHERE role = 'manifest'"),
                 std::string("../data/ep-9/episode.json"));
        QVERIFY(s.verify().ok());
    }

    void duplicateIdIsRefusedAndNothingChanges() {
        ProjectStore s = makeProject();
        s.importBundle(tstest::writeTestBundle(dir() / "ep-1", "ep-1"), "lee");
        const int64_t before = tstest::totalRows(projectFile());
        const std::string head = s.info().auditHead;
        tstest::BundleOptions other;
        other.participant = "P-0002"; // would be a new participant: must not appear
        other.consentId = "C-0002";
        const Bundle again = tstest::writeTestBundle(dir() / "copy-of-ep-1", "ep-1", other);
        const std::string msg = errorOf([&] { s.importBundle(again, "lee"); });
        QVERIFY2(contains(msg, "ep-1") && contains(msg, "already in project"), msg.c_str());
        QVERIFY2(contains(msg, (dir() / "copy-of-ep-1").string()), msg.c_str());
        QCOMPARE(tstest::totalRows(projectFile()), before);
        QCOMPARE(s.info().auditHead, head);
    }

    void failureLateInTheImportRollsBack() {
        ProjectStore s = makeProject();
        s.importBundle(tstest::writeTestBundle(dir() / "ep-1", "ep-1"), "lee");
        const int64_t before = tstest::totalRows(projectFile());
        const std::string head = s.info().auditHead;
        // New participant and consent are inserted, then the episode and its first streams;
        // the corrupt statistics only fail at the third stream's insert.
        tstest::BundleOptions o;
        o.participant = "P-0077";
        o.consentId = "C-0077";
        o.corruptStats = true;
        const std::string msg = errorOf(
            [&] { s.importBundle(tstest::writeTestBundle(dir() / "ep-2", "ep-2", o), "lee"); });
        QVERIFY2(contains(msg, projectFile().string()), msg.c_str());
        QCOMPARE(tstest::totalRows(projectFile()), before);
        QCOMPARE(tstest::rawInt(projectFile(),
                                "SELECT count(*) FROM participant WHERE pseudonym = 'P-0077'"),
                 int64_t(0));
        QCOMPARE(s.info().auditHead, head);
        QVERIFY(!s.episode("ep-2"));
        QVERIFY(s.verify().ok());
        // The store is still usable after the rollback.
        s.importBundle(tstest::writeTestBundle(dir() / "ep-3", "ep-3"), "lee");
        QCOMPARE(s.episodes().size(), size_t(2));
    }

    void rolesAreEnforced() {
        ProjectStore s = makeProject();
        const Bundle b = tstest::writeTestBundle(dir() / "ep-1", "ep-1");
        const int64_t before = tstest::totalRows(projectFile());
        std::string msg = errorOf([&] { s.importBundle(b, "ann"); });
        QVERIFY2(contains(msg, "'ann' is an annotator and may not import"), msg.c_str());
        msg = errorOf([&] { s.importBundle(b, "rev"); });
        QVERIFY2(contains(msg, "'rev' is a reviewer and may not import"), msg.c_str());
        msg = errorOf([&] { s.importBundle(b, "mallory"); });
        QVERIFY2(contains(msg, "no user 'mallory'") && contains(msg, projectFile().string()),
                 msg.c_str());
        QCOMPARE(tstest::totalRows(projectFile()), before);
        s.importBundle(b, "lee");
        QCOMPARE(s.episodes().size(), size_t(1));
    }

    void bundleWithErrorsIsRefused() {
        ProjectStore s = makeProject();
        tstest::BundleOptions o;
        o.withError = true;
        const int64_t before = tstest::totalRows(projectFile());
        const std::string msg = errorOf(
            [&] { s.importBundle(tstest::writeTestBundle(dir() / "bad", "bad", o), "lee"); });
        QVERIFY2(contains(msg, "1 error(s)") && contains(msg, "pose.csv:7") &&
                     contains(msg, (dir() / "bad").string()),
                 msg.c_str());
        QCOMPARE(tstest::totalRows(projectFile()), before);
    }

    void duplicateStreamNamesAreRefused() {
        ProjectStore s = makeProject();
        Bundle b = tstest::writeTestBundle(dir() / "dup", "dup");
        b.manifest.streams[2].name = "imu";
        const std::string msg = errorOf([&] { s.importBundle(b, "lee"); });
        QVERIFY2(contains(msg, "two streams named 'imu'"), msg.c_str());
    }

    void missingHashesAreRefused() {
        ProjectStore s = makeProject();
        Bundle b = tstest::writeTestBundle(dir() / "nohash", "nohash");
        b.media[1].sha256.clear(); // as if read with hashMedia = false
        const std::string msg = errorOf([&] { s.importBundle(b, "lee"); });
        QVERIFY2(contains(msg, "rgb.mp4") && contains(msg, "SHA-256"), msg.c_str());
    }

    void conflictingConsentIsRefused() {
        ProjectStore s = makeProject();
        s.importBundle(tstest::writeTestBundle(dir() / "ep-1", "ep-1"), "lee");
        tstest::BundleOptions o;
        o.formVersion = "2026.2"; // same participant and consent id, different form
        const int64_t before = tstest::totalRows(projectFile());
        const std::string msg = errorOf(
            [&] { s.importBundle(tstest::writeTestBundle(dir() / "ep-2", "ep-2", o), "lee"); });
        QVERIFY2(contains(msg, "C-0001") && contains(msg, "form_version") &&
                     contains(msg, "2026.2"),
                 msg.c_str());
        QCOMPARE(tstest::totalRows(projectFile()), before);
    }

    void durationWithoutTimelineStreams() {
        ProjectStore s = makeProject();
        Bundle b = tstest::writeTestBundle(dir() / "ep-x", "ep-x");
        // Drop the video: the slam clock's file model then places the episode on the timeline.
        b.manifest.streams.erase(b.manifest.streams.begin());
        b.stats.erase(b.stats.begin());
        s.importBundle(b, "lee");
        const auto d = s.episode("ep-x");
        // pose: raw 0 .. 29 * 33333333 ns, mapped by t + 5 ms + 20 ppm * t.
        const TimeNs last = 29 * 33'333'333LL;
        QCOMPARE(d->timelineStartNs, TimeNs(5'000'000));
        QCOMPARE(d->timelineEndNs, last + 5'000'000 + std::llround(20e-6 * double(last)));
    }
};

QTEST_GUILESS_MAIN(TstStoreImport)
#include "tst_store_import.moc"
