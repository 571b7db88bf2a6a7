// Back-projection of depth frames into metric 3D: each valid depth pixel becomes a point in the
// depth camera frame (intrinsics, distortion, depth scale), moved into the device frame (and on
// to the world with a pose) and coloured from the RGB frame through the depth→RGB extrinsics.
// Depth outside [minDepthM, maxDepthM] and zero (no measurement) is dropped.
//
// Immutable after construction: any number of threads may call its const methods at once.
#pragma once

#include "media/depthframe.h"
#include "media/videoframe.h"
#include "model/calibration.h"
#include "recon/cameramodel.h"
#include "recon/pointcloud.h"

#include <Eigen/Geometry>

#include <optional>
#include <string>
#include <vector>

namespace ts::core::recon {

struct BackProjectionSettings {
    double minDepthM = 0.05;
    double maxDepthM = 8.0;
};

class BackProjector {
public:
    // `calibrationFile` names the file in errors. Throws ts::core::Error when the calibration
    // lacks the depth camera, the depth scale or holds unusable intrinsics. The RGB camera is
    // optional (clouds are then uncoloured).
    BackProjector(const Calibration& calibration, const std::string& calibrationFile,
                  BackProjectionSettings settings = {});

    const CameraModel& depthCamera() const { return depth_; }
    bool hasRgb() const { return rgb_.has_value(); }
    const CameraModel& rgbCamera() const { return *rgb_; }
    double depthScaleM() const { return scaleM_; }
    const BackProjectionSettings& settings() const { return settings_; }
    const Eigen::Isometry3d& deviceFromDepth() const { return deviceFromDepth_; }
    const Eigen::Isometry3d& deviceFromRgb() const { return deviceFromRgb_; }
    const Eigen::Isometry3d& rgbFromDepth() const { return rgbFromDepth_; }

    // The fast path: every pixel's point in the depth camera frame, 3 floats per pixel
    // row-major, (0, 0, 0) where the depth is invalid. Returns how many are valid. `raw` holds
    // width × height raw units of the depth camera; scaleM is metres per unit.
    size_t organised(const uint16_t* raw, double scaleM, float* xyz) const;

    // Valid points only, in the device frame (world frame when worldFromDevice is given),
    // coloured from `rgb` when given, with the depth pixel of each point. `file` names the
    // depth frame's file in errors (wrong size).
    PointCloud cloud(const media::DepthFrame& depth, const media::VideoFrame* rgb,
                     const std::string& file,
                     const Eigen::Isometry3d* worldFromDevice = nullptr) const;

    // Valid points of organised() output, moved by `target` (from the depth camera frame to
    // the frame wanted), coloured from `rgb` when given; every `stride`-th row and column.
    PointCloud cloudFromOrganised(const float* xyz, const media::VideoFrame* rgb,
                                  const Eigen::Isometry3d& target, int stride = 1,
                                  bool keepPixels = true) const;

    // Grey level in [0, 1] of the RGB frame where each depth pixel's point lands (bilinear),
    // registered to the depth image; -1 where the depth is invalid or the point falls outside
    // the RGB image. `xyz` is organised() output.
    void registeredGrey(const float* xyz, const media::VideoFrame& rgb, float* grey) const;

    // Throws Error(file, "frame N: ...") when the frame does not have the calibrated size.
    void checkDepth(const media::DepthFrame& depth, const std::string& file) const;
    void checkRgb(const media::VideoFrame& rgb, const std::string& file) const;

private:
    CameraModel depth_;
    std::optional<CameraModel> rgb_;
    double scaleM_ = 0.001;
    BackProjectionSettings settings_;
    Eigen::Isometry3d deviceFromDepth_ = Eigen::Isometry3d::Identity();
    Eigen::Isometry3d deviceFromRgb_ = Eigen::Isometry3d::Identity();
    Eigen::Isometry3d rgbFromDepth_ = Eigen::Isometry3d::Identity();
    // The rays of organised(), laid out for 8-wide loads: without distortion they are separable
    // (x/z by column, y/z by row: two small tables that stay in L1); with it, one x/z and one
    // y/z plane (structure of arrays) instead of the interleaved rayTable().
    bool separable_ = false;
    std::vector<float> rayX_, rayY_;
};

} // namespace ts::core::recon
