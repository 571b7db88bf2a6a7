// The world map built in the background and cached in the project: snapshots published while
// it grows, the memory budget respected (the map coarsens instead), cancel stops the worker,
// a cache hit equals a fresh build, a corrupt cache entry is reported (and so rebuilt), and the
// cache key changes with the settings that shape the map.
#include "io/bundle.h"
#include "recon/reconprojectsettings.h"
#include "recon/worldmapbuilder.h"
#include "recon/worldmapcache.h"
#include "store/projectstore.h"
#include "synth/synth.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>

namespace fs = std::filesystem;
using namespace ts::core;
using namespace ts::core::recon;

namespace {

std::vector<std::array<float, 3>> sortedPoints(const PointCloud& c) {
    std::vector<std::array<float, 3>> p;
    for (const auto& v : c.points)
        p.push_back({v.x(), v.y(), v.z()});
    std::sort(p.begin(), p.end());
    return p;
}

} // namespace

class TstWorldMapBuilder : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    fs::path dir_, project_;
    std::optional<Bundle> bundle_;

    ReconSettings settings() const {
        ReconSettings st;
        st.mapPoses = MapPoses::GroundTruth; // the map, not the odometry, is under test here
        st.snapshotEveryFrames = 5;
        return st;
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        dir_ = fs::path(tmp_.path().toStdString()) / "bundles" / "ep";
        synth::SynthOptions so;
        so.seconds = 2;
        so.width = 320;
        so.height = 240;
        so.seed = 21;
        synth::generateEpisode(dir_, so);
        BundleReadOptions ro;
        ro.checkVideoFrames = false;
        bundle_ = readBundle(dir_, ro);
        QVERIFY(bundle_->ok());
        project_ = fs::path(tmp_.path().toStdString()) / "p.tsproj";
        ProjectStore s = ProjectStore::create(project_, "Map cache", "root");
        s.importBundle(*bundle_, "root");
    }

    void buildsInTheBackgroundWithSnapshots() {
        std::atomic<int> published{0};
        std::atomic<bool> sawFinal{false};
        double lastFraction = 0;
        bool increasing = true, levelsMatch = true;
        WorldMapBuilder b(*bundle_, manifestClocks(*bundle_), settings(),
                          [&](std::shared_ptr<const WorldMapSnapshot> s) {
                              increasing = increasing && s->fraction >= lastFraction;
                              lastFraction = s->fraction;
                              levelsMatch = levelsMatch && !s->levels.empty() &&
                                            s->levels[0].size() == s->voxels;
                              sawFinal = sawFinal || s->final;
                              ++published;
                          });
        QCOMPARE(b.state(), WorldMapBuilder::State::Idle);
        b.start();
        EpisodeRecon& r = b.wait();
        QCOMPARE(b.state(), WorldMapBuilder::State::Finished);
        QVERIFY2(published >= 3, qPrintable(QString::number(published)));
        QVERIFY(increasing && sawFinal && levelsMatch);
        QCOMPARE(b.progress(), 1.0);
        const auto last = b.snapshot();
        QVERIFY(last && last->final);
        QCOMPARE(last->voxels, r.map.voxels());
        QVERIFY(r.map.voxels() > 1000);
        QVERIFY(last->forBudget(500) && last->forBudget(500)->size() <= 500);
    }

    void respectsTheMemoryBudget() {
        ReconSettings st = settings();
        // Far less than the map needs at 5 mm (it holds tens of thousands of voxels).
        ReconProjectSettings p;
        p.mapMemoryMb = 1;
        p.applyTo(st.map);
        size_t peak = 0;
        WorldMapBuilder b(*bundle_, manifestClocks(*bundle_), st,
                          [&](std::shared_ptr<const WorldMapSnapshot> s) {
                              peak = std::max(peak, s->mapBytes + s->bytes());
                          });
        b.start();
        EpisodeRecon& r = b.wait();
        const size_t budget = 1024 * 1024;
        QVERIFY2(r.map.coarsenings() > 0, "a 1 MB budget must coarsen the map");
        QVERIFY(r.map.voxelM() > 0.005);
        QVERIFY(r.map.voxels() <= r.map.voxelBound());
        QVERIFY2(r.map.bytes() <= budget, qPrintable(QString::number(r.map.bytes())));
        QVERIFY2(peak <= budget, qPrintable(QString::number(peak)));
        QVERIFY(r.map.bytes() + b.snapshot()->bytes() <= budget);
    }

    void cancelStopsTheWorker() {
        std::atomic<bool> release{false};
        WorldMapBuilder* self = nullptr;
        WorldMapBuilder b(*bundle_, manifestClocks(*bundle_), settings(),
                          [&](std::shared_ptr<const WorldMapSnapshot>) {
                              // Cancel from "another thread" at the first snapshot.
                              if (!release.exchange(true))
                                  self->cancel();
                          });
        self = &b;
        b.start();
        try {
            b.wait();
            QFAIL("a cancelled build must not return a map");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("cancelled"), e.what());
        }
        QCOMPARE(b.state(), WorldMapBuilder::State::Cancelled);
        QVERIFY(b.progress() < 1.0);
        // Destroying a builder that runs cancels and joins it.
        auto quick = std::make_unique<WorldMapBuilder>(*bundle_, manifestClocks(*bundle_),
                                                       settings());
        quick->start();
        const auto t0 = std::chrono::steady_clock::now();
        quick.reset();
        QVERIFY(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(20));
    }

    void cacheHitEqualsFreshBuild() {
        ProjectStore s = ProjectStore::open(project_);
        const StreamClocks clocks = manifestClocks(*bundle_);
        const std::string id = bundle_->manifest.id;
        const ReconSettings st = settings();
        const std::string key = worldMapCacheKey(s, id, clocks, st);
        QCOMPARE(key.size(), size_t(64));
        QVERIFY(!loadCachedWorldMap(s, key).map); // nothing cached yet
        QVERIFY(loadCachedWorldMap(s, key).problem.empty());

        const EpisodeRecon fresh = reconstructEpisode(*bundle_, clocks, st);
        QVERIFY(storeCachedWorldMap(s, key, fresh.map));
        ProjectStore again = ProjectStore::open(project_); // "a second open"
        const CachedWorldMap hit = loadCachedWorldMap(again, key);
        QVERIFY2(hit.map, qPrintable(QString::fromStdString(hit.problem)));
        QCOMPARE(hit.map->voxels(), fresh.map.voxels());
        QCOMPARE(hit.map->voxelM(), fresh.map.voxelM());
        QCOMPARE(hit.map->levels(), fresh.map.levels());
        QVERIFY(sortedPoints(hit.map->level(0)) == sortedPoints(fresh.map.level(0)));
        // Coarser levels sum the voxels in hash order: equal up to float rounding.
        const auto a = sortedPoints(hit.map->level(3)), b = sortedPoints(fresh.map.level(3));
        QCOMPARE(a.size(), b.size());
        for (size_t i = 0; i < a.size(); ++i)
            for (size_t c = 0; c < 3; ++c)
                QVERIFY(std::abs(a[i][c] - b[i][c]) < 1e-5f);

        // Settings that shape the map, and the clocks, are part of the key.
        ReconSettings coarser = st;
        coarser.map.voxelM = 0.01;
        QVERIFY(worldMapCacheKey(s, id, clocks, coarser) != key);
        ReconSettings smaller = st;
        smaller.map.maxBytes = 8 << 20;
        QVERIFY(worldMapCacheKey(s, id, clocks, smaller) != key);
        StreamClocks shifted = clocks;
        shifted.begin()->second.offsetNs += 1'000'000;
        QVERIFY(worldMapCacheKey(s, id, shifted, st) != key);
        QVERIFY_THROWS_EXCEPTION(Error, worldMapCacheKey(s, "no-such-episode", clocks, st));
    }

    void corruptEntryIsReportedAndRebuilt() {
        ProjectStore s = ProjectStore::open(project_);
        const StreamClocks clocks = manifestClocks(*bundle_);
        const ReconSettings st = settings();
        const std::string key = worldMapCacheKey(s, bundle_->manifest.id, clocks, st);
        const EpisodeRecon fresh = reconstructEpisode(*bundle_, clocks, st);
        std::string bytes = fresh.map.serialize();
        // One flipped byte in the middle of the voxels, then a cut-short entry.
        bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
        s.putMediaCache(key, kWorldMapCacheKind, kWorldMapCacheVersion, bytes);
        CachedWorldMap c = loadCachedWorldMap(s, key);
        QVERIFY(!c.map);
        QVERIFY2(QString::fromStdString(c.problem).contains("corrupt"), c.problem.c_str());
        s.putMediaCache(key, kWorldMapCacheKind, kWorldMapCacheVersion,
                        fresh.map.serialize().substr(0, 1000));
        c = loadCachedWorldMap(s, key);
        QVERIFY(!c.map);
        QVERIFY2(QString::fromStdString(c.problem).contains("cut short"), c.problem.c_str());
        // Rebuilt and stored again, the entry reads back.
        QVERIFY(storeCachedWorldMap(s, key, fresh.map));
        c = loadCachedWorldMap(s, key);
        QVERIFY(c.map && c.map->voxels() == fresh.map.voxels());
    }

    void projectSettingIsValidated() {
        QCOMPARE(reconProjectSettingsFromJson(nullptr).mapMemoryMb, 512.0);
        QCOMPARE(reconProjectSettingsFromJson({{"map_memory_mb", 64}}).mapMemoryMb, 64.0);
        QVERIFY_THROWS_EXCEPTION(Error, reconProjectSettingsFromJson({{"map_memory_mb", 0}}));
        QVERIFY_THROWS_EXCEPTION(Error, reconProjectSettingsFromJson({{"map_memory_mb", "x"}}));
        QVERIFY_THROWS_EXCEPTION(Error, reconProjectSettingsFromJson({{"voxel_cm", 1}}));
        WorldMapSettings m;
        reconProjectSettingsFromJson({{"map_memory_mb", 2}, {"voxel_mm", 8}}).applyTo(m);
        QCOMPARE(m.maxBytes, size_t(2 * 1024 * 1024));
        QCOMPARE(m.voxelM, 0.008);
        QCOMPARE(WorldMap(m).voxelBound(), size_t(2 * 1024 * 1024) / WorldMap::kBytesPerVoxel);
    }
};

QTEST_GUILESS_MAIN(TstWorldMapBuilder)
#include "tst_worldmapbuilder.moc"
