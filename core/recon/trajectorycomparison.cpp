#include "recon/trajectorycomparison.h"

#include "recon/rigid.h"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>

namespace ts::core::recon {

TrajectoryComparison compareTrajectories(const Trajectory& est, const Trajectory& ref,
                                         TimeNs maxGapNs) {
    TrajectoryComparison c;
    std::vector<size_t> idx;
    std::vector<Eigen::Isometry3d> refPoses;
    for (size_t i = 0; i < est.size(); ++i)
        if (auto r = ref.at(est.times()[i], maxGapNs)) {
            idx.push_back(i);
            refPoses.push_back(*r);
        }
    c.pairs = idx.size();
    if (c.pairs < 3)
        return c;
    const Eigen::Index n = static_cast<Eigen::Index>(c.pairs);
    Eigen::Matrix3Xd A(3, n), B(3, n);
    for (Eigen::Index k = 0; k < n; ++k) {
        A.col(k) = est.pose(idx[static_cast<size_t>(k)]).translation();
        B.col(k) = refPoses[static_cast<size_t>(k)].translation();
    }
    const Eigen::Vector3d meanB = B.rowwise().mean();
    c.referenceMotionM = std::sqrt((B.colwise() - meanB).colwise().squaredNorm().mean());
    // Positions alone fix the alignment only when the camera moved enough; a near-still
    // camera is aligned by its first pose instead (orientation then carries the information).
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    if (c.referenceMotionM > 1e-3) {
        T.matrix() = Eigen::umeyama(A, B, false);
        const Eigen::Matrix4d S = Eigen::umeyama(A, B, true);
        c.scale = std::cbrt(S.topLeftCorner<3, 3>().determinant());
    } else {
        T = refPoses.front() * est.pose(idx.front()).inverse();
    }
    c.scaleError = std::abs(c.scale - 1);
    c.referenceFromEstimate = T;
    std::vector<double> e(c.pairs);
    double se = 0, sr = 0;
    for (size_t k = 0; k < c.pairs; ++k) {
        const Eigen::Isometry3d aligned = T * est.pose(idx[k]);
        e[k] = (aligned.translation() - refPoses[k].translation()).norm();
        se += e[k] * e[k];
        const double ang = rotationAngle(Eigen::Isometry3d(refPoses[k].inverse() * aligned));
        sr += ang * ang;
    }
    c.ateRmseM = std::sqrt(se / static_cast<double>(c.pairs));
    c.rotationRmseDeg = std::sqrt(sr / static_cast<double>(c.pairs)) * 180.0 / M_PI;
    c.ateMaxM = *std::max_element(e.begin(), e.end());
    std::nth_element(e.begin(), e.begin() + static_cast<long>(e.size() / 2), e.end());
    c.ateMedianM = e[e.size() / 2];
    // Relative error over 1 s: how much the estimated motion between two times differs from
    // the true one, independent of where the drift started.
    double sp = 0;
    size_t np = 0, j = 0;
    for (size_t k = 0; k < c.pairs; ++k) {
        const TimeNs tk = est.times()[idx[k]];
        while (j < c.pairs && est.times()[idx[j]] < tk + 1'000'000'000)
            ++j;
        if (j >= c.pairs)
            break;
        const Eigen::Isometry3d de = est.pose(idx[k]).inverse() * est.pose(idx[j]);
        const Eigen::Isometry3d dr = refPoses[k].inverse() * refPoses[j];
        const double d = (dr.inverse() * de).translation().norm();
        const double dt = static_cast<double>(est.times()[idx[j]] - tk) * 1e-9;
        sp += (d / dt) * (d / dt);
        ++np;
    }
    c.rpeTranslationMPerS = np ? std::sqrt(sp / static_cast<double>(np)) : 0;
    return c;
}

} // namespace ts::core::recon
