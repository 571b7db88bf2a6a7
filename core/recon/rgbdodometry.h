// Touchstone's RGB-D odometry: the metric trajectory of the depth camera from depth (and the
// registered grey image when there is colour), for episodes without a pose stream or to check
// one. Each frame is aligned to a keyframe (not to the previous frame, so that error does not
// pile up while the view overlaps) by Gauss-Newton on point-to-plane ICP plus a photometric
// term, coarse to fine, robustly weighted so that moving hands and objects count little.
// Every frame gets a confidence and a failure flag; a failed frame restarts tracking from a
// new keyframe at the predicted pose.
//
// Threads: an RgbdOdometry is used by one thread at a time (frames must come in time order).
#pragma once

#include "recon/cameramodel.h"
#include "recon/rgbdpyramid.h"
#include "recon/trajectory.h"

#include <Eigen/Geometry>

#include <array>
#include <memory>
#include <string>

namespace ts::core::recon {

struct OdometrySettings {
    int levels = 3;
    std::array<int, 4> iterations{6, 8, 10, 10}; // per level, finest first
    int fineStride = 2;               // use every n-th pixel (rows and columns) at level 0
    double geometricSigmaM = 0.002;   // scale of point-to-plane residuals (metres)
    double photometricSigma = 0.03;   // scale of grey-level residuals ([0, 1] grey)
    double maxCorrespondenceM = 0.05; // farther pairs are not the same surface point
    bool photometric = true;          // use colour when the frames have it
    // A new keyframe when fewer than this fraction of the frame's points still match it, or
    // when the camera moved farther from it than these.
    double keyframeMinOverlap = 0.7;
    double keyframeMaxTranslationM = 0.10;
    double keyframeMaxRotationDeg = 10;
    // Failure: too few matches, or a jump away from the constant-velocity prediction.
    double minInlierFraction = 0.25;
    double maxJumpM = 0.10;
    double maxJumpDeg = 15;
};

struct OdometryFrame {
    TimeNs tNs = 0;
    Eigen::Isometry3d worldFromDepth = Eigen::Isometry3d::Identity(); // world = first frame
    double confidence = 0;                                            // 0 … 1
    bool failed = false;          // the alignment was not trusted: pose is the prediction
    bool keyframe = false;        // this frame became the keyframe
    double inlierFraction = 0;    // matched points / valid sampled points at the finest level
    double residualM = 0;         // RMS point-to-plane residual of the inliers
    double sigmaTranslationM = 0; // 1-σ translation uncertainty from the normal equations
    int iterations = 0;
    std::string note; // why it failed, for people
};

class RgbdOdometry {
public:
    RgbdOdometry(const CameraModel& depthCamera, OdometrySettings settings = {});
    ~RgbdOdometry();

    // The next frame (organised depth-camera points, optional registered grey image).
    OdometryFrame track(TimeNs t, const float* xyz, const float* grey);
    // The same with a pyramid the caller built (e.g. on another thread).
    OdometryFrame track(TimeNs t, std::shared_ptr<const RgbdPyramid> frame);

    // world_from_depth of every frame tracked so far (world = the first frame's depth camera).
    const Trajectory& trajectory() const { return trajectory_; }
    const OdometrySettings& settings() const { return settings_; }
    int keyframes() const { return keyframes_; }
    int failures() const { return failures_; }

    struct Alignment {
        Eigen::Isometry3d refFromCur = Eigen::Isometry3d::Identity();
        double inlierFraction = 0, residualM = 0, sigmaTranslationM = 0;
        int iterations = 0;
        bool ok = false;
    };
    // Aligns `cur` to `ref` starting from `guess` (ref_from_cur). Public for tests.
    Alignment align(const RgbdPyramid& ref, const RgbdPyramid& cur,
                    const Eigen::Isometry3d& guess) const;

private:
    CameraModel camera_;
    OdometrySettings settings_;
    Trajectory trajectory_;
    std::shared_ptr<const RgbdPyramid> keyframe_;
    Eigen::Isometry3d keyPose_ = Eigen::Isometry3d::Identity();
    Eigen::Isometry3d lastPose_ = Eigen::Isometry3d::Identity();
    Eigen::Isometry3d velocity_ = Eigen::Isometry3d::Identity(); // last frame-to-frame motion
    int keyframes_ = 0, failures_ = 0;
};

} // namespace ts::core::recon
