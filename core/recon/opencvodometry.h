// OpenCV's plain RgbdICPOdometry (opencv_contrib rgbd, default parameters, frame to frame) with
// the same inputs and output as RgbdOdometry: the reference the benchmark measures Touchstone's
// odometry against. Used by one thread at a time.
#pragma once

#include "recon/cameramodel.h"
#include "recon/trajectory.h"

#include <memory>

namespace ts::core::recon {

class OpenCvOdometry {
public:
    OpenCvOdometry(const CameraModel& depthCamera, double minDepthM, double maxDepthM);
    ~OpenCvOdometry();

    // xyz: organised depth-camera points (only z is used); grey: registered grey in [0, 1]
    // (< 0 unknown) or null. Returns false when OpenCV reports a failed alignment (the pose
    // then repeats the previous one).
    bool track(TimeNs t, const float* xyz, const float* grey);
    const Trajectory& trajectory() const { return trajectory_; }
    int failures() const { return failures_; }

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
    Trajectory trajectory_;
    int failures_ = 0;
};

} // namespace ts::core::recon
