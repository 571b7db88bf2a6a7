// One depth frame prepared for odometry: per pyramid level its vertex map (depth camera frame,
// metres), normal map, registered grey levels and their image gradient, with the intrinsics
// of that level. Built once per frame, then read-only: any thread may read a const one.
#pragma once

#include "recon/cameramodel.h"

#include <Eigen/Geometry>

#include <vector>

namespace ts::core::recon {

class RgbdPyramid {
public:
    struct Level {
        int width = 0, height = 0;
        double fx = 0, fy = 0, cx = 0, cy = 0;
        std::vector<Eigen::Vector3f> vertex; // z = 0 where invalid
        std::vector<Eigen::Vector3f> normal; // zero where it could not be estimated
        std::vector<float> grey;             // [0, 1], < 0 where unknown; empty without colour
        std::vector<float> gradU, gradV;     // d grey / d pixel; 0 where unknown
        bool valid(size_t i) const { return vertex[i].z() > 0; }
    };

    // xyz: organised points of the depth camera (3 floats per pixel, z = 0 invalid); grey: the
    // registered grey image (may be null). `camera` gives the level-0 intrinsics and its size.
    RgbdPyramid(const CameraModel& camera, const float* xyz, const float* grey, int levels);

    int levels() const { return static_cast<int>(levels_.size()); }
    const Level& level(int l) const { return levels_[static_cast<size_t>(l)]; }
    bool hasGrey() const { return !levels_.front().grey.empty(); }
    size_t validPixels() const { return valid_; }

private:
    static void computeNormals(Level& L);
    static void computeGradients(Level& L);
    std::vector<Level> levels_;
    size_t valid_ = 0;
};

} // namespace ts::core::recon
