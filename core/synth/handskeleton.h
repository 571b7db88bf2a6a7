// A kinematic 21-joint hand (canonical MediaPipe order) with fixed adult bone lengths: forward
// kinematics from a wrist pose and per-finger flexion, and the inverse kinematics the task
// script uses to put fingertips exactly on object faces or the table.
#pragma once

#include "model/handjoints.h"
#include "synth/track.h"

#include <Eigen/Geometry>

#include <array>

namespace ts::core::synth {

// Per finger (thumb..pinky): base flexion and middle flexion; the distal joint follows the
// middle one with a fixed coupling, as real fingers do.
using FingerAngles = std::array<Eigen::Vector2d, 5>;

inline FingerAngles blend(const FingerAngles& a, const FingerAngles& b, double s) {
    FingerAngles r;
    for (size_t i = 0; i < 5; ++i)
        r[i] = a[i] + (b[i] - a[i]) * s;
    return r;
}

using HandJoints = std::array<Eigen::Vector3d, kHandJointCount>;

class HandSkeleton {
public:
    // The wrist frame: x from the wrist towards the middle knuckle, z the palm normal (the way
    // the fingers curl), y = z × x. The thumb lies on -y for a right hand and +y for a left one.
    explicit HandSkeleton(Hand hand);

    Hand hand() const { return hand_; }
    HandJoints joints(const Pose& wrist, const FingerAngles& angles) const;
    Eigen::Vector3d fingertip(int finger, const Pose& wrist, const Eigen::Vector2d& angles) const;

    // Angles that put the fingertip on the world plane n·x = c, within the finger's flexion
    // plane. fixReach: the tip's distance along the finger's base direction is given (value, m)
    // and its depth towards the palm is solved; otherwise the depth is given and the reach
    // solved. Returns the residual distance (0 when reachable).
    double solveTipOnPlane(int finger, const Pose& wrist, const Eigen::Vector3d& n, double c,
                           bool fixReach, double value, Eigen::Vector2d& angles) const;

private:
    struct Finger {
        Eigen::Vector3d base; // knuckle (thumb: CMC) in the wrist frame
        Eigen::Vector3d e1;   // direction of the straight finger in the wrist frame
        std::array<double, 3> length;
        double coupling;      // distal flexion = coupling × middle flexion
        int firstJoint;       // canonical index of the base joint
    };
    Eigen::Vector2d planarTip(const Finger& f, const Eigen::Vector2d& a) const;

    Hand hand_;
    std::array<Finger, 5> fingers_;
};

} // namespace ts::core::synth
