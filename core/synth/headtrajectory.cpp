#include "synth/headtrajectory.h"

#include "synth/rng.h"

#include <cmath>

namespace ts::core::synth {

namespace {
constexpr double kTwoPi = 6.283185307179586;

Eigen::Matrix3d hat(const Eigen::Vector3d& v) {
    Eigen::Matrix3d m;
    m << 0, -v.z(), v.y(), v.z(), 0, -v.x(), -v.y(), v.x(), 0;
    return m;
}

// Right Jacobian of SO(3): for R(t) = R0 exp(r(t)), the body rate is Jr(r) dr/dt.
Eigen::Matrix3d rightJacobian(const Eigen::Vector3d& r) {
    const double th = r.norm();
    const Eigen::Matrix3d K = hat(r);
    if (th < 1e-8)
        return Eigen::Matrix3d::Identity() - 0.5 * K;
    const double th2 = th * th;
    return Eigen::Matrix3d::Identity() - (1.0 - std::cos(th)) / th2 * K +
           (th - std::sin(th)) / (th2 * th) * K * K;
}
} // namespace

Eigen::Vector3d HeadTrajectory::basePosition() { return {0.0, -0.32, 0.45}; }
Eigen::Vector3d HeadTrajectory::lookAt() { return {0.02, 0.08, 0.0}; }

HeadTrajectory::HeadTrajectory(uint64_t seed, double turnScale) {
    Rng rng(seed, "head-trajectory");
    // Slow sway, a breathing-like component and a small fast nod: a few centimetres and a few
    // degrees in total, like a seated person concentrating on a task.
    const std::array<double, kWaves> posAmp{0.018, 0.008, 0.003};
    const std::array<double, kWaves> rotAmp{0.045 * turnScale, 0.020 * turnScale,
                                            0.006 * turnScale}; // radians
    const std::array<std::array<double, 2>, kWaves> freq{{{0.12, 0.25}, {0.4, 0.8}, {1.0, 1.6}}};
    for (auto* set : {&position_, &rotation_}) {
        const auto& amp = set == &position_ ? posAmp : rotAmp;
        for (auto& axis : *set)
            for (int k = 0; k < kWaves; ++k)
                axis[static_cast<size_t>(k)] =
                    Wave{amp[static_cast<size_t>(k)] * rng.uniform(0.6, 1.0),
                         kTwoPi * rng.uniform(freq[static_cast<size_t>(k)][0],
                                              freq[static_cast<size_t>(k)][1]),
                         rng.uniform(0.0, kTwoPi)};
    }
    const Eigen::Vector3d z = (lookAt() - basePosition()).normalized();
    const Eigen::Vector3d x = z.cross(Eigen::Vector3d::UnitZ()).normalized();
    const Eigen::Vector3d y = z.cross(x);
    R0_.col(0) = x;
    R0_.col(1) = y;
    R0_.col(2) = z;
}

void HeadTrajectory::evaluate(const Axis& axis, double t, double& x, double& dx, double& ddx) {
    x = dx = ddx = 0;
    for (const auto& w : axis) {
        const double s = std::sin(w.omega * t + w.phase);
        const double c = std::cos(w.omega * t + w.phase);
        x += w.amplitude * s;
        dx += w.amplitude * w.omega * c;
        ddx -= w.amplitude * w.omega * w.omega * s;
    }
}

Eigen::Vector3d HeadTrajectory::rotationVector(double t, Eigen::Vector3d* rate) const {
    Eigen::Vector3d r;
    for (int i = 0; i < 3; ++i) {
        double x, dx, ddx;
        evaluate(rotation_[static_cast<size_t>(i)], t, x, dx, ddx);
        r[i] = x;
        if (rate)
            (*rate)[i] = dx;
    }
    return r;
}

Eigen::Vector3d HeadTrajectory::position(double t) const {
    Eigen::Vector3d p = basePosition();
    for (int i = 0; i < 3; ++i) {
        double x, dx, ddx;
        evaluate(position_[static_cast<size_t>(i)], t, x, dx, ddx);
        p[i] += x;
    }
    return p;
}

Eigen::Matrix3d HeadTrajectory::rotation(double t) const {
    const Eigen::Vector3d r = rotationVector(t, nullptr);
    const double th = r.norm();
    if (th < 1e-12)
        return R0_;
    return R0_ * Eigen::AngleAxisd(th, r / th).toRotationMatrix();
}

std::array<double, 4> HeadTrajectory::quaternion(double t) const {
    Eigen::Quaterniond q(rotation(t));
    Eigen::Quaterniond ref(R0_);
    if (ref.w() < 0) // readers like a positive w; the head never turns far from R0
        ref.coeffs() = -ref.coeffs();
    if (q.dot(ref) < 0)
        q.coeffs() = -q.coeffs();
    q.normalize();
    return {q.x(), q.y(), q.z(), q.w()};
}

HeadTrajectory::State HeadTrajectory::state(double t) const {
    State s;
    s.p = basePosition();
    for (int i = 0; i < 3; ++i) {
        double x, dx, ddx;
        evaluate(position_[static_cast<size_t>(i)], t, x, dx, ddx);
        s.p[i] += x;
        s.v[i] = dx;
        s.a[i] = ddx;
    }
    Eigen::Vector3d rate;
    const Eigen::Vector3d r = rotationVector(t, &rate);
    s.R = rotation(t);
    s.omega = rightJacobian(r) * rate;
    return s;
}

} // namespace ts::core::synth
