// Rigid transforms as the reconstruction uses them: conversion from the bundle's
// translation + quaternion records to Eigen isometries, interpolation between two poses and
// the small-motion exponential the odometry steps with. Pure functions; any thread.
#pragma once

#include "model/calibration.h"
#include "model/series.h"

#include <Eigen/Geometry>

namespace ts::core::recon {

Eigen::Isometry3d toIsometry(const RigidTransform& t);
Eigen::Isometry3d toIsometry(const PoseSample& p);
PoseSample toPoseSample(TimeNs t, const Eigen::Isometry3d& pose);

// Linear in translation, spherical in rotation; s in [0, 1] from a to b.
Eigen::Isometry3d interpolate(const Eigen::Isometry3d& a, const Eigen::Isometry3d& b, double s);

// exp of a twist (ω, v), ω first: the exact SE(3) exponential.
Eigen::Isometry3d expTwist(const Eigen::Matrix<double, 6, 1>& xi);

// The nearest proper rotation: products of many poses drift off SO(3) in floating point, and
// Isometry3d::inverse() (a transpose) amplifies that drift when poses are chained.
Eigen::Isometry3d orthonormalised(const Eigen::Isometry3d& t);

double rotationAngle(const Eigen::Isometry3d& t); // radians of the rotation part

} // namespace ts::core::recon
