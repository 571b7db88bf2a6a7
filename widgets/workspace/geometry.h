// The little geometry the workspace's views need: poses (world_from_device), the calibration's
// extrinsics, pinhole projection with radial-tangential distortion into the RGB image, and
// back-projection of depth pixels into 3D. Plain C++ on Eigen; any thread.
#pragma once

#include "model/calibration.h"
#include "model/series.h"

#include <Eigen/Geometry>

#include <optional>
#include <string>

namespace ts::widgets {

using Vec3d = Eigen::Vector3d;

inline Vec3d toVec(const core::Vec3& v) {
    return {v[0], v[1], v[2]};
}

struct Rigid { // a_from_b: p_a = R p_b + t
    Eigen::Quaterniond q = Eigen::Quaterniond::Identity();
    Vec3d t = Vec3d::Zero();
    Vec3d apply(const Vec3d& p) const { return q * p + t; }
    Rigid inverse() const;
    Rigid operator*(const Rigid& o) const; // this ∘ o
};

Rigid toRigid(const core::RigidTransform& r);
Rigid toRigid(const core::PoseSample& p);
// The calibration's extrinsic by name ("device_from_rgb", …); identity when absent.
Rigid extrinsic(const core::Calibration& c, const std::string& name);

Vec3d applyPose(const core::PoseSample& worldFromDevice, const Vec3d& pDevice);
// Position lerp and rotation slerp between a and b at fraction f, stamped t.
core::PoseSample interpolatePose(const core::PoseSample& a, const core::PoseSample& b, double f,
                                 int64_t t);

// Projects device-frame points into a camera's image (pixels of an image `imageWidth` wide:
// the intrinsics are scaled when the decoded frame has another size than calibrated).
class CameraProjector {
public:
    CameraProjector(const core::CameraIntrinsics& k, const Rigid& deviceFromCamera,
                    int imageWidth = 0, int imageHeight = 0);
    // Pixel position, or nothing behind the camera.
    std::optional<Eigen::Vector2d> project(const Vec3d& pDevice) const;
    // Camera-frame ray through pixel (u, v) at depth z (metres), in the device frame.
    // Distortion is ignored (depth cameras are rectified); good to a pixel for the RGB one.
    Vec3d backProject(double u, double v, double z) const;
    // The inverse of project() at camera-frame depth z: the device-frame point that projects
    // to pixel (u, v) with distortion (a few fixed-point steps; exact to a hundredth of a
    // pixel for the lens models we read).
    Vec3d unproject(double u, double v, double z) const;
    // A device-frame point's depth along the camera's optical axis (metres).
    double depth(const Vec3d& pDevice) const { return cameraFromDevice_.apply(pDevice).z(); }

private:
    core::CameraIntrinsics k_;
    Rigid cameraFromDevice_, deviceFromCamera_;
    double sx_ = 1, sy_ = 1;
};

} // namespace ts::widgets
