// Back-projection geometry: a known plane comes back exactly, distortion and its inverse agree,
// out-of-range depth is dropped, colour comes from the right RGB pixel through the extrinsics,
// and bad calibration or frames are reported naming the file (and frame).
#include "recon/backprojector.h"
#include "recon/cameramodel.h"
#include "recon/trajectorycomparison.h"
#include "util/error.h"

#include <QtTest>

#include <cmath>

using namespace ts::core;
using namespace ts::core::recon;

namespace {

Calibration calibration(bool distorted) {
    Calibration c;
    CameraIntrinsics d;
    d.width = 64, d.height = 48, d.fx = 60, d.fy = 62, d.cx = 31.2, d.cy = 23.7;
    if (distorted) {
        d.distortionModel = "radtan";
        d.distortion = {-0.2, 0.05, 0.001, -0.002, 0.0};
    }
    c.cameras["depth"] = d;
    CameraIntrinsics r;
    r.width = 128, r.height = 96, r.fx = 120, r.fy = 120, r.cx = 63.5, r.cy = 47.5;
    c.cameras["rgb"] = r;
    c.depthScaleM = 0.001;
    return c;
}

media::DepthFrame plane(const CameraModel& cam, double z, uint16_t holeEvery = 0) {
    media::DepthFrame f;
    f.index = 3;
    f.width = cam.width(), f.height = cam.height();
    f.raw.assign(static_cast<size_t>(f.width * f.height), static_cast<uint16_t>(z * 1000));
    for (size_t i = 0; holeEvery && i < f.raw.size(); i += holeEvery)
        f.raw[i] = 0;
    return f;
}

} // namespace

class TstBackProjector : public QObject {
    Q_OBJECT
private slots:
    void distortionRoundTrip() {
        const CameraModel cam(calibration(true).cameras["depth"], "calibration.json");
        double worst = 0;
        for (int v = 0; v < cam.height(); v += 5)
            for (int u = 0; u < cam.width(); u += 5) {
                const Eigen::Vector2d r = cam.ray(u, v);
                Eigen::Vector2d px;
                QVERIFY(cam.project({r.x() * 0.7, r.y() * 0.7, 0.7}, px));
                worst = std::max(worst, (px - Eigen::Vector2d(u, v)).norm());
            }
        QVERIFY2(worst < 1e-6, qPrintable(QString::number(worst)));
    }

    void planeComesBackMetric() {
        const BackProjector bp(calibration(true), "calibration.json");
        const media::DepthFrame f = plane(bp.depthCamera(), 0.8, 7);
        const PointCloud c = bp.cloud(f, nullptr, "depth/000003.png");
        size_t holes = 0;
        for (uint16_t v : f.raw)
            holes += v == 0;
        QCOMPARE(c.size(), f.raw.size() - holes);
        for (size_t i = 0; i < c.size(); ++i) {
            QVERIFY(std::abs(c.points[i].z() - 0.8f) < 1e-6f);
            // The point projects back onto its own pixel.
            Eigen::Vector2d px;
            QVERIFY(bp.depthCamera().project(c.points[i].cast<double>(), px));
            const int u = c.pixels[i] % f.width, v = c.pixels[i] / f.width;
            QVERIFY((px - Eigen::Vector2d(u, v)).norm() < 1e-3);
        }
    }

    // The vectorised paths (separable rays without distortion, planar rays with it; 8 pixels a
    // step and a scalar tail) against the plain definition z · ray(u, v), on a width that is
    // no multiple of 8 and depth with holes and out-of-range values.
    void organisedMatchesPerPixelRays_data() {
        QTest::addColumn<bool>("distorted");
        QTest::newRow("pinhole") << false;
        QTest::newRow("radtan") << true;
    }
    void organisedMatchesPerPixelRays() {
        QFETCH(bool, distorted);
        Calibration c = calibration(distorted);
        c.cameras["depth"].width = 61;
        c.cameras["depth"].height = 13;
        BackProjectionSettings range;
        range.minDepthM = 0.3;
        range.maxDepthM = 3.0;
        const BackProjector bp(c, "calibration.json", range);
        const size_t n = 61 * 13;
        std::vector<uint16_t> raw(n);
        for (size_t i = 0; i < n; ++i)
            raw[i] = static_cast<uint16_t>((i * 7919) % 4000); // 0 … 3.999 m, holes at 0
        std::vector<float> xyz(3 * n, -1.0f);
        const size_t valid = bp.organised(raw.data(), 0.001, xyz.data());
        const std::vector<float>& rays = bp.depthCamera().rayTable();
        size_t expectValid = 0;
        for (size_t i = 0; i < n; ++i) {
            float z = static_cast<float>(raw[i]) * 0.001f;
            const bool ok = z >= 0.3f && z <= 3.0f;
            expectValid += ok;
            z = ok ? z : 0.0f;
            QCOMPARE(xyz[3 * i + 2], z);
            QVERIFY2(std::abs(xyz[3 * i] - rays[2 * i] * z) < 1e-6f &&
                         std::abs(xyz[3 * i + 1] - rays[2 * i + 1] * z) < 1e-6f,
                     qPrintable(QString("pixel %1").arg(i)));
        }
        QCOMPARE(valid, expectValid);
    }

    void outOfRangeDepthIsDropped() {
        BackProjectionSettings s;
        s.minDepthM = 0.2;
        s.maxDepthM = 2.0;
        const BackProjector bp(calibration(false), "calibration.json", s);
        media::DepthFrame f = plane(bp.depthCamera(), 1.0);
        f.raw[0] = 100;  // 0.1 m: too near
        f.raw[1] = 5000; // 5 m: too far
        f.raw[2] = 0;    // no measurement
        QCOMPARE(bp.cloud(f, nullptr, "f").size(), f.raw.size() - 3);
    }

    void colourThroughExtrinsics() {
        Calibration c = calibration(false);
        // The RGB camera sits 5 cm to the right of the depth camera.
        c.extrinsics["device_from_depth"] = {};
        c.extrinsics["device_from_rgb"] = RigidTransform{{0.05, 0, 0}, {0, 0, 0, 1}};
        const BackProjector bp(c, "calibration.json");
        const media::DepthFrame f = plane(bp.depthCamera(), 1.0);
        media::VideoFrame rgb;
        rgb.index = 3;
        rgb.width = 128, rgb.height = 96;
        rgb.rgb.resize(128 * 96 * 3);
        for (int v = 0; v < 96; ++v)
            for (int u = 0; u < 128; ++u) {
                uint8_t* p = &rgb.rgb[static_cast<size_t>(3 * (v * 128 + u))];
                p[0] = static_cast<uint8_t>(u * 2), p[1] = static_cast<uint8_t>(v * 2), p[2] = 7;
            }
        const PointCloud cloud = bp.cloud(f, &rgb, "f");
        QVERIFY(cloud.hasColour());
        for (size_t i = 0; i < cloud.size(); i += 37) {
            const Eigen::Vector3d p = cloud.points[i].cast<double>() - Eigen::Vector3d(0.05, 0, 0);
            const double u = 120 * p.x() / p.z() + 63.5, v = 120 * p.y() / p.z() + 47.5;
            if (u < 0 || v < 0 || u > 127 || v > 95)
                continue;
            QVERIFY(std::abs(cloud.colours[i][0] - 2 * u) <= 1.01);
            QVERIFY(std::abs(cloud.colours[i][1] - 2 * v) <= 1.01);
        }
    }

    void badCalibrationNamesTheFile() {
        Calibration c = calibration(false);
        c.cameras.erase("depth");
        try {
            BackProjector bp(c, "/x/calibration.json");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("/x/calibration.json"));
            QVERIFY(QString(e.what()).contains("depth"));
        }
        c = calibration(false);
        c.depthScaleM.reset();
        QVERIFY_THROWS_EXCEPTION(Error, BackProjector(c, "calibration.json"));
        c = calibration(false);
        c.cameras["depth"].fx = -1;
        QVERIFY_THROWS_EXCEPTION(Error, BackProjector(c, "calibration.json"));
    }

    void wrongFrameSizeNamesFileAndFrame() {
        const BackProjector bp(calibration(false), "calibration.json");
        media::DepthFrame f = plane(bp.depthCamera(), 1.0);
        f.width = 32;
        try {
            bp.cloud(f, nullptr, "depth/000003.png");
            QFAIL("no error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("depth/000003.png"));
            QVERIFY(QString(e.what()).contains("frame 3"));
        }
    }

    void trajectoryComparisonFindsScale() {
        Trajectory truth, est;
        for (int i = 0; i < 50; ++i) {
            Eigen::Isometry3d p = Eigen::Isometry3d::Identity();
            p.translation() =
                Eigen::Vector3d(0.1 * std::sin(i * 0.2), 0.05 * i * 0.01, 0.02 * std::cos(i * 0.3));
            truth.add(i * 1'000'000, p);
            Eigen::Isometry3d q = p;
            q.translation() *= 1.05; // 5 % too large
            est.add(i * 1'000'000, q);
        }
        const TrajectoryComparison c = compareTrajectories(est, truth);
        QCOMPARE(c.pairs, size_t(50));
        QVERIFY(std::abs(c.scale - 1 / 1.05) < 1e-6);
        QVERIFY(c.ateRmseM > 1e-3); // a rigid alignment cannot undo the scale
        QVERIFY(compareTrajectories(truth, truth).ateRmseM < 1e-9);
    }
};

QTEST_GUILESS_MAIN(TstBackProjector)
#include "tst_backprojector.moc"
