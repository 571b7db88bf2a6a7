// Sensor calibration of an episode (calibration.json): intrinsics, distortion, depth scale and
// the rigid transforms between the device frame and each sensor.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {

struct CameraIntrinsics {
    int width = 0, height = 0;
    double fx = 0, fy = 0, cx = 0, cy = 0;
    std::string distortionModel = "none"; // none | radtan
    std::vector<double> distortion;       // OpenCV order k1, k2, p1, p2, k3
};

struct RigidTransform { // a_from_b
    std::array<double, 3> t{0, 0, 0};
    std::array<double, 4> q{0, 0, 0, 1}; // x, y, z, w
};

struct Calibration {
    std::map<std::string, CameraIntrinsics> cameras; // "rgb", "depth", ...
    std::optional<double> depthScaleM;
    std::map<std::string, RigidTransform> extrinsics; // "device_from_rgb", ...
};

} // namespace ts::core
