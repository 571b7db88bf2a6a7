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
        QVERIFY2(angleBetween(fit.r, r) < 2e-4, qPrintable(QString::number(angleBetween(fit.r, r))));
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
};

QTEST_GUILESS_MAIN(TstFramePairMotion)
#include "tst_framepairmotion.moc"
