// The frame index cached in the project: a real episode (a video made by the ffmpeg program)
// is imported, its video found through the store, and opened twice; the second open must take
// the index from the project (proved by planting a different but valid index and seeing the
// reader use it), a stale version, a damaged blob or an index that does not fit the file is
// rebuilt, and verify() stays clean with cache rows in the project.
#include "core/store/storetestutil.h"
#include "io/bundle.h"
#include "media/indexcache.h"
#include "store/projectstore.h"
#include "support/minibundle.h"
#include "util/error.h"
#include "util/sha256.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

namespace fs = std::filesystem;
using namespace ts::core;
using namespace ts::core::media;

namespace {

std::string dump(const VerifyReport& r) {
    std::string s;
    for (const auto& f : r.findings)
        s += "[" + f.code + "] " + f.entity + ": " + f.message + "\n";
    return s.empty() ? "<no findings>" : s;
}

std::string hexOf(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

} // namespace

class TstIndexCache : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    fs::path dir() const { return fs::path(tmp_.path().toStdString()); }
    fs::path project() const { return dir() / "p.tsproj"; }

    // Replaces the cached blob behind the store's back (as an old or damaged file would hold).
    void plantBlob(const std::string& sha, const std::string& blob, int version) {
        tstest::rawExec(project(), "UPDATE media_cache SET data = X'" + hexOf(blob) +
                                       "', version = " + std::to_string(version) +
                                       " WHERE sha256 = '" + sha + "' AND kind = 'frame_index'");
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        ts::test::MiniBundleOptions o;
        o.videoFrames = 30;
        QString why;
        const QString bundleDir = QString::fromStdString((dir() / "bundles" / "ep").string());
        QVERIFY2(ts::test::writeMiniBundle(bundleDir, o, &why), qPrintable(why));
        ProjectStore s = ProjectStore::create(project(), "Index cache", "root");
        const Bundle b = readBundle(bundleDir.toStdString());
        QVERIFY(b.ok());
        s.importBundle(b, "root");
    }

    void findsTheEpisodeVideo() {
        ProjectStore s = ProjectStore::open(project());
        const EpisodeVideo v = findEpisodeVideo(s, "mini-001", "rgb");
        QVERIFY(v.file.is_absolute());
        QCOMPARE(v.file, fs::weakly_canonical(dir() / "bundles" / "ep" / "rgb.mp4"));
        QCOMPARE(v.sha256, Sha256::hexOfFile(v.file));
        QCOMPARE(v.size, int64_t(fs::file_size(v.file)));
        QVERIFY_THROWS_EXCEPTION(Error, findEpisodeVideo(s, "no-such", "rgb"));
        QVERIFY_THROWS_EXCEPTION(Error, findEpisodeVideo(s, "mini-001", "no-such"));
        try {
            findEpisodeVideo(s, "mini-001", "imu");
            QFAIL("an IMU stream is not a video");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("not video") != std::string::npos, e.what());
        }
    }

    void secondOpenUsesTheCache() {
        ProjectStore s = ProjectStore::open(project());
        const EpisodeVideo v = findEpisodeVideo(s, "mini-001");
        IndexSource source{};
        auto first = openVideoWithProjectCache(s, v.file, v.sha256, &source);
        QCOMPARE(source, IndexSource::Built);
        QCOMPARE(first->frameCount(), int64_t(30));
        const auto stored = s.mediaCache(v.sha256, kFrameIndexCacheKind, FrameIndex::kVersion);
        QVERIFY(stored.has_value());
        QCOMPARE(*stored, first->index().serialize());

        auto second = openVideoWithProjectCache(s, v.file, v.sha256, &source);
        QCOMPARE(source, IndexSource::ProjectCache);
        QCOMPARE(second->index().serialize(), first->index().serialize());
        // Frames read through the cached index are the same frames.
        for (int64_t n : {int64_t(0), int64_t(17), int64_t(29)})
            QVERIFY(second->frame(n).rgb == first->frame(n).rgb);

        // Proof that the cache is read, not the file: a different but valid index (the first
        // 12 frames only) is what the reader then believes.
        FrameIndex shorter = first->index();
        shorter.frames.resize(12);
        plantBlob(v.sha256, shorter.serialize(), FrameIndex::kVersion);
        auto planted = openVideoWithProjectCache(s, v.file, v.sha256, &source);
        QCOMPARE(source, IndexSource::ProjectCache);
        QCOMPARE(planted->frameCount(), int64_t(12));
        QVERIFY(planted->frame(11).rgb == first->frame(11).rgb);
        // Left as it is: using a cache does not rewrite it.
        QCOMPARE(*s.mediaCache(v.sha256, kFrameIndexCacheKind, FrameIndex::kVersion),
                 shorter.serialize());
        s.putMediaCache(v.sha256, kFrameIndexCacheKind, FrameIndex::kVersion,
                        first->index().serialize());
    }

    void staleVersionIsRebuilt() {
        ProjectStore s = ProjectStore::open(project());
        const EpisodeVideo v = findEpisodeVideo(s, "mini-001");
        IndexSource source{};
        openVideoWithProjectCache(s, v.file, v.sha256, &source); // make sure there is an entry
        FrameIndex shorter = openVideoWithProjectCache(s, v.file, v.sha256)->index();
        shorter.frames.resize(5);
        // An index written by an older build, under an older version number.
        plantBlob(v.sha256, shorter.serialize(), FrameIndex::kVersion - 1);
        auto r = openVideoWithProjectCache(s, v.file, v.sha256, &source);
        QCOMPARE(source, IndexSource::Built);
        QCOMPARE(r->frameCount(), int64_t(30));
        QCOMPARE(tstest::rawInt(project(), "SELECT version FROM media_cache WHERE sha256 = '" +
                                               v.sha256 + "' AND kind = 'frame_index'"),
                 int64_t(FrameIndex::kVersion));
        openVideoWithProjectCache(s, v.file, v.sha256, &source);
        QCOMPARE(source, IndexSource::ProjectCache);
    }

    void damagedOrUnfittingBlobIsRebuilt() {
        ProjectStore s = ProjectStore::open(project());
        const EpisodeVideo v = findEpisodeVideo(s, "mini-001");
        IndexSource source{};
        const FrameIndex good = openVideoWithProjectCache(s, v.file, v.sha256)->index();

        for (const std::string& junk : {std::string("TSFI"), std::string("garbage"),
                                        good.serialize().substr(0, 40), std::string()}) {
            plantBlob(v.sha256, junk, FrameIndex::kVersion);
            auto r = openVideoWithProjectCache(s, v.file, v.sha256, &source);
            QCOMPARE(source, IndexSource::Built);
            QCOMPARE(r->frameCount(), int64_t(30));
        }
        // A valid index whose packets lie past the end of the file (the file was replaced
        // by a shorter one since import) is not trusted.
        FrameIndex beyond = good;
        beyond.frames.back().pos = int64_t(fs::file_size(v.file)) + 1000;
        plantBlob(v.sha256, beyond.serialize(), FrameIndex::kVersion);
        openVideoWithProjectCache(s, v.file, v.sha256, &source);
        QCOMPARE(source, IndexSource::Built);
        QCOMPARE(*s.mediaCache(v.sha256, kFrameIndexCacheKind, FrameIndex::kVersion),
                 good.serialize());
    }

    void verifyIsCleanWithCacheRows() {
        ProjectStore s = ProjectStore::open(project());
        const int64_t audit = s.info().auditEntries;
        const EpisodeVideo v = findEpisodeVideo(s, "mini-001");
        openVideoWithProjectCache(s, v.file, v.sha256);
        QVERIFY(tstest::rawInt(project(), "SELECT count(*) FROM media_cache") >= 1);
        const VerifyReport r = s.verify();
        QVERIFY2(r.ok(), dump(r).c_str());
        QCOMPARE(s.info().auditEntries, audit); // caching is not an edit
    }

    void notAVideoNamesTheFile() {
        ProjectStore s = ProjectStore::open(project());
        const fs::path bogus = dir() / "bundles" / "ep" / "imu.csv";
        try {
            openVideoWithProjectCache(s, bogus, Sha256::hexOfFile(bogus));
            QFAIL("a CSV file is not a video");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find(bogus.string()) != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TstIndexCache)
#include "tst_indexcache.moc"
