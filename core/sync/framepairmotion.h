// The camera's motion between two frames from tracked points, for the visual rotation rate
// (visualrotation.cpp): the rotation of the static majority from unit bearings (two-point
// RANSAC, then Huber-weighted Kabsch), and rotation with translation from points lifted with
// depth (Gauss–Newton on the reprojection error). Pure functions; any thread.
#pragma once

#include <Eigen/Dense>
#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace ts::core::sync {

struct PairFit {
    bool ok = false;
    Eigen::Matrix3d r = Eigen::Matrix3d::Identity(); // first camera from second camera
    int tracks = 0;
    double rmsPx = 0;
};

// Rotation R with a ≈ R·b over unit bearings (first camera from second camera). Moving things
// (hands, a lifted object) can fill much of the view, so the static majority is found first
// (two-point RANSAC seeded by `seed`), then refined with Huber weights that drop to zero beyond
// 3·huberPx (pixels: focal · angle). inlier[k]: track k is within that cut.
PairFit fitRotation(const std::vector<Eigen::Vector3d>& a, const std::vector<Eigen::Vector3d>& b,
                    double focalPx, double huberPx, int minTracks, uint64_t seed,
                    std::vector<char>& inlier);

// Rotation (and translation) between two frames from 3-D points of one of them and their
// normalized image positions in the other, started from fit.r (rotation only). fromFirst: the
// points belong to the first frame. Tracks reprojecting further than 2·huberPx are dropped and
// the pose solved again (at most 3 rounds); fit keeps its rotation-only result when too few
// tracks are left.
void solveWithDepth(PairFit& fit, const std::vector<cv::Point3f>& pts,
                    const std::vector<cv::Point2f>& other, bool fromFirst, double focal,
                    double huberPx, int minTracks);

} // namespace ts::core::sync
