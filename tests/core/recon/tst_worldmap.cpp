// The world map fuses points per voxel (mean position and colour), stays within its voxel
// bound by coarsening, serves levels of detail for a point budget, and round-trips its cache;
// a damaged cache is reported naming the file; per-frame clouds are cached within a budget.
#include "recon/framecloudcache.h"
#include "recon/worldmap.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace ts::core;
using namespace ts::core::recon;

namespace {
PointCloud grid(int n, float step, uint8_t grey) {
    PointCloud c;
    for (int x = 0; x < n; ++x)
        for (int y = 0; y < n; ++y) {
            c.points.emplace_back(x * step + 0.0001f, y * step + 0.0001f, 0.0001f);
            c.colours.push_back({grey, grey, grey});
        }
    return c;
}
} // namespace

class TstWorldMap : public QObject {
    Q_OBJECT
private slots:
    void fusesPerVoxel() {
        WorldMapSettings s;
        s.voxelM = 0.01;
        WorldMap m(s);
        m.insert(grid(10, 0.01f, 100));
        m.insert(grid(10, 0.01f, 200)); // the same places again: no new voxels
        m.finish();
        QCOMPARE(m.voxels(), size_t(100));
        QCOMPARE(m.inserted(), size_t(200));
        const PointCloud& l0 = m.level(0);
        QCOMPARE(l0.size(), size_t(100));
        for (const auto& c : l0.colours)
            QCOMPARE(int(c[0]), 150);
    }

    void memoryIsBounded() {
        WorldMapSettings s;
        s.voxelM = 0.001;
        s.maxVoxels = 1000;
        WorldMap m(s);
        m.insert(grid(100, 0.001f, 50)); // 10 000 voxels at 1 mm
        QVERIFY(m.voxels() <= 1000);
        QVERIFY(m.coarsenings() >= 2);
        QVERIFY(m.voxelM() >= 0.004 - 1e-12);
        m.finish();
        // Coarser, but the whole area is still there.
        float maxX = 0;
        for (const auto& p : m.level(0).points)
            maxX = std::max(maxX, p.x());
        QVERIFY(maxX > 0.09f);
    }

    void levelsOfDetailForBudget() {
        WorldMapSettings s;
        s.voxelM = 0.001;
        WorldMap m(s);
        m.insert(grid(64, 0.001f, 80));
        m.finish();
        QVERIFY(m.levels() >= 5);
        for (int k = 1; k < m.levels(); ++k)
            QVERIFY(m.level(k).size() < m.level(k - 1).size());
        QCOMPARE(m.forBudget(5000).size(), size_t(4096));
        QVERIFY(m.forBudget(1500).size() <= 1500);
        QVERIFY(m.forBudget(1500).size() >= 1024 / 2);
        QCOMPARE(m.forBudget(0).size(), m.level(m.levels() - 1).size());
    }

    void frameCloudsAreCachedWithinBudget() {
        int loads = 0;
        FrameCloudCache cache(
            [&](int64_t f) {
                ++loads;
                return grid(20, 0.01f, static_cast<uint8_t>(f));
            },
            3 * grid(20, 0.01f, 0).bytes() + 10); // room for three frames
        for (int64_t f : {1, 2, 3, 1, 2, 3})
            QCOMPARE(int(cache.cloud(f)->colours.front()[0]), int(f));
        QCOMPARE(loads, 3);
        QCOMPARE(cache.hits(), int64_t(3));
        cache.cloud(4); // evicts frame 1, the least recently used
        QCOMPARE(cache.size(), size_t(3));
        cache.cloud(2);
        QCOMPARE(loads, 4);
        cache.cloud(1);
        QCOMPARE(loads, 5);
        QVERIFY(cache.bytes() <= 3 * grid(20, 0.01f, 0).bytes() + 10);
    }

    void cacheRoundTripAndDamage() {
        QTemporaryDir tmp;
        const std::filesystem::path file = tmp.filePath("map.bin").toStdString();
        WorldMap m;
        m.insert(grid(30, 0.01f, 90));
        m.finish();
        m.save(file);
        const WorldMap back = WorldMap::load(file);
        QCOMPARE(back.voxels(), m.voxels());
        QCOMPARE(back.levels(), m.levels());
        QCOMPARE(back.voxelM(), m.voxelM());
        std::filesystem::resize_file(file, std::filesystem::file_size(file) - 10);
        try {
            WorldMap::load(file);
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("map.bin"));
            QVERIFY(QString(e.what()).contains("cut short"));
        }
    }
};

QTEST_GUILESS_MAIN(TstWorldMap)
#include "tst_worldmap.moc"
