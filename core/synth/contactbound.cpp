#include "synth/contactbound.h"

#include "synth/taskscript.h"

#include <Eigen/Dense>

#include <array>
#include <cmath>

namespace ts::core::synth {

namespace {

constexpr std::array<int, 6> kPalm{0, 1, 5, 9, 13, 17}; // rigid in the hand
constexpr std::array<int, 5> kTip{4, 8, 12, 16, 20};

// The finger's three moving joints in the palm's frame (the palm of time 0 rotated onto the
// palm of time t): what the hands tell about the finger once head and wrist cancel.
std::array<Eigen::Vector3d, 3> fingerInPalm(const TaskScript& s, Hand h, int f, double t) {
    const HandJoints j = s.joints(h, t), j0 = s.joints(h, 0);
    Eigen::Vector3d c = Eigen::Vector3d::Zero(), c0 = Eigen::Vector3d::Zero();
    for (int k : kPalm) {
        c += j[static_cast<size_t>(k)];
        c0 += j0[static_cast<size_t>(k)];
    }
    c /= 6;
    c0 /= 6;
    Eigen::Matrix3d H = Eigen::Matrix3d::Zero();
    for (int k : kPalm)
        H += (j0[static_cast<size_t>(k)] - c0) * (j[static_cast<size_t>(k)] - c).transpose();
    const Eigen::JacobiSVD<Eigen::Matrix3d> svd(H, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::Matrix3d D = Eigen::Matrix3d::Identity();
    D(2, 2) = (svd.matrixV() * svd.matrixU().transpose()).determinant() < 0 ? -1 : 1;
    const Eigen::Matrix3d R = svd.matrixV() * D * svd.matrixU().transpose();
    std::array<Eigen::Vector3d, 3> out;
    for (size_t k = 0; k < 3; ++k)
        out[k] = R.transpose() *
                 (j[static_cast<size_t>(kTip[static_cast<size_t>(f)] - static_cast<int>(k))] - c);
    return out;
}

} // namespace

ContactTimingBound contactTimingBound(const SynthOptions& o, double window) {
    const TaskScript script(o.taskSeconds);
    const double T = o.seconds, dt = 1e-4;
    Eigen::Matrix2d info = Eigen::Matrix2d::Zero(); // Fisher information of (offset, drift)
    ContactTimingBound b;
    double handVar = 0;
    for (const auto& iv : script.contacts(T)) {
        for (const double tc : {iv.start, iv.end}) {
            if (tc <= 0.5 || tc >= T - 0.5)
                continue;
            // Fisher information of the event's time: Σ |∂sample/∂t|² / σ² over the samples
            // (a grid of the stream's rate; its phase hardly matters at ±0.4 s).
            double hands = 0, force = 0;
            for (double t = tc - window; t <= tc + window; t += 1.0 / o.handsRateHz) {
                const auto a = fingerInPalm(script, iv.hand, iv.finger, t + dt),
                           z = fingerInPalm(script, iv.hand, iv.finger, t - dt);
                double speed2 = 0; // Σ over the three joints of |velocity|²
                for (size_t k = 0; k < 3; ++k)
                    speed2 += ((a[k] - z[k]) / (2 * dt)).squaredNorm();
                hands += speed2 / (o.handJointNoiseM * o.handJointNoiseM);
            }
            for (double t = tc - window; t <= tc + window; t += 1.0 / o.forceRateHz) {
                const double d = (script.force(iv.hand, iv.finger, t + dt) -
                                  script.force(iv.hand, iv.finger, t - dt)) /
                                 (2 * dt);
                force += d * d / (o.forceNoiseN * o.forceNoiseN);
            }
            if (hands <= 0 || force <= 0)
                continue;
            const double var = 1 / hands + 1 / force; // s²
            const double x = tc - T / 2;
            info += (Eigen::Matrix2d() << 1, x, x, x * x).finished() / var;
            handVar += 1 / hands;
            ++b.events;
        }
    }
    if (b.events < 2)
        return b;
    const Eigen::Matrix2d cov = info.inverse();
    b.handsEventSdMs = std::sqrt(handVar / b.events) * 1e3;
    b.offsetSdMs = std::sqrt(cov(0, 0)) * 1e3;
    b.driftSdPpm = std::sqrt(cov(1, 1)) * 1e6;
    return b;
}

} // namespace ts::core::synth
