#include "synth/handskeleton.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace ts::core::synth {

namespace {
Eigen::Vector3d e2Local() { return Eigen::Vector3d(0, 0, 1); }
} // namespace

HandSkeleton::HandSkeleton(Hand hand) : hand_(hand) {
    // Lateral coordinate l > 0 is towards the thumb; in the wrist frame y = side * l.
    const double side = hand == Hand::Right ? -1.0 : 1.0;
    const double thumbSpread = 20.0 * std::numbers::pi / 180.0;
    // Adult bone lengths (metres), roughly a 50th-percentile hand.
    fingers_[0] = {{0.025, side * 0.020, 0.008},
                   {std::cos(thumbSpread), side * std::sin(thumbSpread), 0.0},
                   {0.040, 0.032, 0.026}, 0.8, ThumbCmc};
    fingers_[1] = {{0.088, side * 0.022, 0}, {1, 0, 0}, {0.040, 0.024, 0.020}, 0.7, IndexMcp};
    fingers_[2] = {{0.090, 0, 0}, {1, 0, 0}, {0.044, 0.027, 0.021}, 0.7, MiddleMcp};
    fingers_[3] = {{0.084, -side * 0.019, 0}, {1, 0, 0}, {0.041, 0.026, 0.020}, 0.7, RingMcp};
    fingers_[4] = {{0.075, -side * 0.036, 0}, {1, 0, 0}, {0.032, 0.019, 0.018}, 0.7, PinkyMcp};
}

Eigen::Vector2d HandSkeleton::planarTip(const Finger& f, const Eigen::Vector2d& a) const {
    const std::array<double, 3> phi{a[0], a[0] + a[1], a[0] + a[1] + f.coupling * a[1]};
    Eigen::Vector2d tip(0, 0);
    for (size_t i = 0; i < 3; ++i)
        tip += f.length[i] * Eigen::Vector2d(std::cos(phi[i]), std::sin(phi[i]));
    return tip;
}

HandJoints HandSkeleton::joints(const Pose& wrist, const FingerAngles& angles) const {
    HandJoints j;
    const Eigen::Matrix3d R = wrist.q.toRotationMatrix();
    j[Wrist] = wrist.p;
    for (size_t fi = 0; fi < 5; ++fi) {
        const Finger& f = fingers_[fi];
        const Eigen::Vector3d e1 = R * f.e1;
        const Eigen::Vector3d e2 = R * e2Local();
        Eigen::Vector3d p = wrist.p + R * f.base;
        const Eigen::Vector2d& a = angles[fi];
        const std::array<double, 3> phi{a[0], a[0] + a[1], a[0] + a[1] + f.coupling * a[1]};
        j[static_cast<size_t>(f.firstJoint)] = p;
        for (size_t s = 0; s < 3; ++s) {
            p += f.length[s] * (std::cos(phi[s]) * e1 + std::sin(phi[s]) * e2);
            j[static_cast<size_t>(f.firstJoint) + s + 1] = p;
        }
    }
    return j;
}

Eigen::Vector3d HandSkeleton::fingertip(int finger, const Pose& wrist,
                                        const Eigen::Vector2d& angles) const {
    const Finger& f = fingers_[static_cast<size_t>(finger)];
    const Eigen::Matrix3d R = wrist.q.toRotationMatrix();
    const Eigen::Vector2d tip = planarTip(f, angles);
    return wrist.p + R * f.base + tip.x() * (R * f.e1) + tip.y() * (R * e2Local());
}

double HandSkeleton::solveTipOnPlane(int finger, const Pose& wrist, const Eigen::Vector3d& n,
                                     double c, bool fixReach, double value,
                                     Eigen::Vector2d& angles) const {
    const Finger& f = fingers_[static_cast<size_t>(finger)];
    const Eigen::Matrix3d R = wrist.q.toRotationMatrix();
    const Eigen::Vector3d b = wrist.p + R * f.base;
    const Eigen::Vector3d e1 = R * f.e1;
    const Eigen::Vector3d e2 = R * e2Local();
    // The target is where the flexion plane's line (fixed reach or depth) meets the plane.
    Eigen::Vector2d target;
    if (fixReach)
        target = {value, (c - n.dot(b) - value * n.dot(e1)) / n.dot(e2)};
    else
        target = {(c - n.dot(b) - value * n.dot(e2)) / n.dot(e1), value};

    // Damped Newton on the two angles, from a half-curled start so the finger bends the
    // anatomical way (knuckles out).
    Eigen::Vector2d a(0.5, 0.9);
    for (int it = 0; it < 100; ++it) {
        const Eigen::Vector2d r = planarTip(f, a) - target;
        if (r.norm() < 1e-10)
            break;
        const std::array<double, 3> phi{a[0], a[0] + a[1], a[0] + a[1] + f.coupling * a[1]};
        const std::array<double, 3> dphi2{0.0, 1.0, 1.0 + f.coupling};
        Eigen::Matrix2d J = Eigen::Matrix2d::Zero();
        for (size_t s = 0; s < 3; ++s) {
            const Eigen::Vector2d d(-std::sin(phi[s]), std::cos(phi[s]));
            J.col(0) += f.length[s] * d;
            J.col(1) += f.length[s] * dphi2[s] * d;
        }
        const Eigen::Matrix2d JtJ = J.transpose() * J + 1e-6 * Eigen::Matrix2d::Identity();
        a -= JtJ.ldlt().solve(J.transpose() * r);
        a[1] = std::clamp(a[1], 0.0, 1.9);
    }
    angles = a;
    return (planarTip(f, a) - target).norm();
}

} // namespace ts::core::synth
