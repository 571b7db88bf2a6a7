// The camera's motion between two frames from tracked points, against motions made up here:
// the rotation of the static majority when a third of the tracks move on their own, and the
// pose with translation from points lifted with depth, to the precision of the inputs.
#include "sync/framepairmotion.h"

#include <Eigen/Geometry>
#include <QtTest>

#include <random>

using namespace ts::core::sync;

namespace {

double angleBetween(const Eigen::Matrix3d& a, const Eigen::Matrix3d& b) {
    return Eigen::AngleAxisd(a.transpose() * b).angle();
}

} // namespace

class TstFramePairMotion : public QObject {
    Q_OBJECT
private slots:
    // b = Rᵀ·a for the static tracks; a third of them (a hand) moved by a rotation of their own.
    void rotationOfTheStaticMajority() {
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(-0.4, 0.4);
        std::normal_distribution<double> noise(0, 0.1 / 250); // 0.1 px at a 250 px focal length
        const Eigen::Matrix3d r =
            Eigen::AngleAxisd(0.02, Eigen::Vector3d(0.3, -1, 0.2).normalized()).toRotationMatrix();
        const Eigen::Matrix3d hand =
            Eigen::AngleAxisd(0.06, Eigen::Vector3d(1, 0.5, 0).normalized()).toRotationMatrix();
        std::vector<Eigen::Vector3d> a, b;
        for (int k = 0; k < 150; ++k) {
            const Eigen::Vector3d pa = Eigen::Vector3d(u(rng), u(rng), 1).normalized();
            Eigen::Vector3d pb = (k % 3 == 0 ? hand : r).transpose() * pa;
            pb += Eigen::Vector3d(noise(rng), noise(rng), 0);
            a.push_back(pa);
            b.push_back(pb.normalized());
        }
        std::vector<char> inlier;
        const PairFit fit = fitRotation(a, b, 250, 0.3, 12, 1, inlier);
        QVERIFY(fit.ok);
        QVERIFY2(angleBetween(fit.r, r) < 2e-4,
                 qPrintable(QString::number(angleBetween(fit.r, r))));
        int movedKept = 0;
        for (size_t k = 0; k < inlier.size(); k += 3)
            movedKept += inlier[k];
        QCOMPARE(movedKept, 0);
        QVERIFY(fit.tracks >= 95 && fit.tracks <= 100);
        QVERIFY(fit.rmsPx > 0.05 && fit.rmsPx < 0.3);
    }

    // Points at 0.4–1.2 m seen from a head that turned and moved 2 cm: the translation-aware
    // solve recovers the rotation where the rotation-only fit is pulled by the parallax, and
    // drops the tracks that do not fit.
    void poseWithDepthRemovesParallax() {
        std::mt19937 rng(9);
        std::uniform_real_distribution<double> u(-0.5, 0.5), z(0.4, 1.2);
        const Eigen::Matrix3d r =
            Eigen::AngleAxisd(0.015, Eigen::Vector3d(0, 1, 0.3).normalized()).toRotationMatrix();
        const Eigen::Vector3d t(0.02, -0.005, 0.01);
        std::vector<cv::Point3f> pts;
        std::vector<cv::Point2f> seen;
        std::vector<Eigen::Vector3d> a, b;
        for (int k = 0; k < 120; ++k) {
            const double d = z(rng);
            const Eigen::Vector3d p(u(rng) * d, u(rng) * d, d); // first camera
            Eigen::Vector3d q = r * p + t;                      // second camera
            if (k == 7 || k == 30)
                q.x() += 0.05 * q.z(); // two bad tracks
            pts.emplace_back(float(p.x()), float(p.y()), float(p.z()));
            seen.emplace_back(float(q.x() / q.z()), float(q.y() / q.z()));
            a.push_back(p.normalized());
            b.push_back(q.normalized());
        }
        std::vector<char> inlier;
        PairFit fit = fitRotation(a, b, 250, 0.3, 12, 3, inlier);
        QVERIFY(fit.ok);
        // fit.r is first-from-second; the true first-from-second rotation is rᵀ.
        const double rotationOnly = angleBetween(fit.r, r.transpose());
        solveWithDepth(fit, pts, seen, true, 250, 0.3, 12);
        const double withDepth = angleBetween(fit.r, r.transpose());
        qInfo("rotation error: %.2e rad rotation only, %.2e rad with depth", rotationOnly,
              withDepth);
        QVERIFY(rotationOnly > 1e-3);
        QVERIFY2(withDepth < 1e-5, qPrintable(QString::number(withDepth)));
        QCOMPARE(fit.tracks, 118);
        QVERIFY(fit.rmsPx < 0.01);
        // Too few tracks: the rotation-only result stays.
        PairFit few = fitRotation(a, b, 250, 0.3, 12, 3, inlier);
        const Eigen::Matrix3d before = few.r;
        solveWithDepth(few, {pts.begin(), pts.begin() + 5}, {seen.begin(), seen.begin() + 5}, true,
                       250, 0.3, 12);
        QVERIFY(few.r.isApprox(before));
    }

    // A narrow view of a table half a metre away, the head moving 2 mm sideways while it turns,
    // tracks with 0.15 px of noise: solved for rotation and translation at once, the noise
    // trades a sideways move for a turn; with the translation known, only the rotation is
    // solved and its error is several times smaller. The kept tracks are reported.
    void knownTranslationSeparatesTurnFromMove() {
        std::mt19937 rng(11);
        std::uniform_real_distribution<double> u(-0.4, 0.4), z(0.45, 0.6);
        std::normal_distribution<double> noise(0, 0.15 / 256);
        double sixDof = 0, rotationAlone = 0;
        const int trials = 40;
        for (int trial = 0; trial < trials; ++trial) {
            const Eigen::Matrix3d r =
                Eigen::AngleAxisd(0.004, Eigen::Vector3d(u(rng), 1, u(rng)).normalized())
                    .toRotationMatrix();
            const Eigen::Vector3d t(0.002, 0.0005 * u(rng), 0.001 * u(rng));
            std::vector<cv::Point3f> pts;
            std::vector<cv::Point2f> seen;
            std::vector<Eigen::Vector3d> a, b;
            for (int k = 0; k < 200; ++k) {
                const double d = z(rng);
                const Eigen::Vector3d p(u(rng) * d, 0.75 * u(rng) * d, d);
                const Eigen::Vector3d q = r * p + t;
                const Eigen::Vector2d n(q.x() / q.z() + noise(rng), q.y() / q.z() + noise(rng));
                pts.emplace_back(float(p.x()), float(p.y()), float(p.z()));
                seen.emplace_back(float(n.x()), float(n.y()));
                a.push_back(p.normalized());
                b.push_back(Eigen::Vector3d(n.x(), n.y(), 1).normalized());
            }
            std::vector<char> inlier;
            PairFit fit = fitRotation(a, b, 256, 0.3, 12, 5, inlier);
            QVERIFY(fit.ok);
            std::vector<size_t> kept;
            solveWithDepth(fit, pts, seen, true, 256, 0.3, 12, &kept);
            QVERIFY(kept.size() >= 190 && kept.size() == static_cast<size_t>(fit.tracks));
            QVERIFY(std::is_sorted(kept.begin(), kept.end()) && kept.back() < pts.size());
            sixDof += std::pow(angleBetween(fit.r, r.transpose()), 2);
            std::vector<Eigen::Vector3d> p3;
            std::vector<Eigen::Vector2d> q2;
            for (const size_t k : kept) {
                p3.emplace_back(pts[k].x, pts[k].y, pts[k].z);
                q2.emplace_back(seen[k].x, seen[k].y);
            }
            Eigen::Matrix3d secondFromFirst = fit.r.transpose();
            QVERIFY(refineRotation(p3, q2, t, 256, 0.3, 2, secondFromFirst));
            rotationAlone += std::pow(angleBetween(secondFromFirst, r), 2);
        }
        sixDof = std::sqrt(sixDof / trials);
        rotationAlone = std::sqrt(rotationAlone / trials);
        qInfo("rotation error RMS: %.2e rad solved with the translation, %.2e rad with it known",
              sixDof, rotationAlone);
        QVERIFY2(rotationAlone < 0.5 * sixDof,
                 qPrintable(QString("%1 vs %2").arg(rotationAlone).arg(sixDof)));
        // Nothing in front of the camera: no rotation.
        Eigen::Matrix3d r = Eigen::Matrix3d::Identity();
        QVERIFY(!refineRotation({Eigen::Vector3d(0, 0, -1)}, {Eigen::Vector2d(0, 0)},
                                Eigen::Vector3d::Zero(), 256, 0.3, 2, r));
    }
};

QTEST_GUILESS_MAIN(TstFramePairMotion)
#include "tst_framepairmotion.moc"
