// A calibrated camera of the episode (pinhole + OpenCV radtan distortion): projection of
// camera-frame points to pixels, and the undistorted viewing ray of every pixel that depth
// back-projection multiplies by z. Immutable after construction; any thread may call it.
#pragma once

#include "model/calibration.h"

#include <Eigen/Core>
#include <Eigen/LU>

#include <string>
#include <vector>

namespace ts::core::recon {

class CameraModel {
public:
    CameraModel() = default;
    // Throws ts::core::Error naming `source` (the calibration file and camera) when the
    // intrinsics are unusable or the distortion model is unknown.
    CameraModel(const CameraIntrinsics& k, const std::string& source);

    int width() const { return k_.width; }
    int height() const { return k_.height; }
    double fx() const { return k_.fx; }
    double fy() const { return k_.fy; }
    double cx() const { return k_.cx; }
    double cy() const { return k_.cy; }
    bool distorted() const { return distorted_; }
    const CameraIntrinsics& intrinsics() const { return k_; }

    // Pixel of a camera-frame point (distortion applied); false when z <= 0.
    bool project(const Eigen::Vector3d& p, Eigen::Vector2d& pixel) const;
    // Distortion of normalised coordinates (x/z, y/z) and its inverse (fixed-point iteration,
    // accurate to 1e-9 inside the image for the distortions cameras have).
    Eigen::Vector2d distort(const Eigen::Vector2d& xn) const;
    Eigen::Vector2d undistort(const Eigen::Vector2d& xd) const;
    // Normalised undistorted ray (x/z, y/z) of a pixel.
    Eigen::Vector2d ray(double u, double v) const;
    // The ray of every pixel, row-major, two floats (x/z, y/z) per pixel; computed once.
    const std::vector<float>& rayTable() const { return rays_; }

private:
    CameraIntrinsics k_;
    bool distorted_ = false;
    double k1_ = 0, k2_ = 0, p1_ = 0, p2_ = 0, k3_ = 0;
    std::vector<float> rays_;
};

} // namespace ts::core::recon
