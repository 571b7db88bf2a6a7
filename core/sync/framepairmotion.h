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
    // Solved with depth (solveWithDepth): P_other = R·P + t, metres, from the camera whose
    // points were lifted to the other one. Zero otherwise.
    Eigen::Vector3d t = Eigen::Vector3d::Zero();
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
// tracks are left. kept: the indices of the points the final pose was solved with.
void solveWithDepth(PairFit& fit, const std::vector<cv::Point3f>& pts,
                    const std::vector<cv::Point2f>& other, bool fromFirst, double focal,
                    double huberPx, int minTracks, std::vector<size_t>* kept = nullptr);

// The rotation alone when the translation is known (e.g. from a pose stream's positions):
// q ≈ π(R·P + t), Gauss–Newton from r with Huber weights (huberPx, pixels: focal · normalized),
// at most `iterations` steps. With a narrow view a sideways move and a turn move the points
// almost alike, and a pose solved for both trades one for the other; with t given, R is not
// traded. False when too few points lie in front of the camera.
bool refineRotation(const std::vector<Eigen::Vector3d>& p, const std::vector<Eigen::Vector2d>& q,
                    const Eigen::Vector3d& t, double focal, double huberPx, int iterations,
                    Eigen::Matrix3d& r);

} // namespace ts::core::sync
