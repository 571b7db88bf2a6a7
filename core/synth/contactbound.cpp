#include "synth/contactbound.h"

#include "sync/fingerpaths.h"
#include "synth/taskscript.h"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>
#include <vector>

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

// The fingertip alone in the palm's frame.
Eigen::Vector3d tipInPalm(const TaskScript& s, Hand h, int f, double t) {
    return fingerInPalm(s, h, f, t)[0];
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

FootTimingBound footTimingBound(const SynthOptions& o, double rest, double moving,
                                double minTravel) {
    const TaskScript script(o.taskSeconds);
    const double T = o.seconds, period = o.taskSeconds, dt = 1.0 / o.handsRateHz;
    // Kinds: the same event of the task's loop (hand, finger, direction, time in the loop).
    std::map<std::tuple<int, int, int, long>, std::pair<double, int>> kinds; // first time, count
    for (const auto& iv : script.contacts(T))
        for (const bool arrival : {true, false}) {
            const double tc = arrival ? iv.start : iv.end;
            if (tc <= 0.5 || tc >= T - 0.5)
                continue;
            const auto key = std::tuple(static_cast<int>(iv.hand), iv.finger, arrival ? 1 : 0,
                                        std::lround(std::fmod(tc, period) * 1e3));
            ++kinds.try_emplace(key, tc, 0).first->second.second;
        }
    FootTimingBound b;
    std::vector<double> kindSd;
    double info = 0;
    for (const auto& [key, first] : kinds) {
        const auto [tc, repeats] = first;
        const auto hand = static_cast<Hand>(std::get<0>(key));
        const int finger = std::get<1>(key);
        const double side = std::get<2>(key) ? -1 : 1; // towards the moving side
        auto path = [&](double tau) { return tipInPalm(script, hand, finger, tc + side * tau); };
        // The move's extent: where the path has covered 95 % of its travel from its rest
        // 50 ms on the resting side (as the estimator bounds its pooled fit).
        const Eigen::Vector3d rest0 = path(-0.05);
        double travel = 0;
        for (double u = 0; u <= 0.35; u += 1e-3)
            travel = std::max(travel, (path(u) - rest0).norm());
        if (travel < minTravel)
            continue;
        double extent = moving;
        for (double u = 0; u <= 0.35; u += 1e-3)
            if ((path(u) - rest0).norm() >= 0.95 * travel) {
                extent = u;
                break;
            }
        const double hi = std::clamp(extent, moving / 2, moving);
        // The smooth start that fits the true path best (rest position and shape, per axis).
        std::vector<double> taus;
        for (double u = -rest; u <= hi; u += 1e-3)
            taus.push_back(u);
        Eigen::MatrixXd A = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(taus.size()), 3);
        Eigen::MatrixXd Y(static_cast<Eigen::Index>(taus.size()), 3);
        for (size_t i = 0; i < taus.size(); ++i) {
            const double u = std::max(0.0, taus[i]);
            const auto r = static_cast<Eigen::Index>(i);
            A.row(r) << 1, u * u, u * u * u;
            Y.row(r) = path(taus[i]).transpose();
        }
        const Eigen::Matrix3d coef = A.colPivHouseholderQr().solve(Y); // rows 1, τ², τ³
        // The samples of ten sampling phases at once: their information is ten events' worth,
        // so one event's variance (averaged over where the samples fall) is ten times theirs.
        constexpr int kPhases = 10;
        std::vector<double> sampled;
        for (int ph = 0; ph < kPhases; ++ph)
            for (double u = -rest + dt * ph / kPhases; u <= hi; u += dt)
                sampled.push_back(u);
        const double var = sync::fingerpaths::footTimeVariance(sampled, coef) * kPhases *
                           o.handJointNoiseM * o.handJointNoiseM / repeats;
        if (!(var > 0) || !std::isfinite(var))
            continue;
        kindSd.push_back(std::sqrt(var) * 1e3);
        info += 1 / var;
        ++b.kinds;
    }
    if (b.kinds == 0)
        return b;
    std::nth_element(kindSd.begin(), kindSd.begin() + static_cast<std::ptrdiff_t>(kindSd.size() / 2),
                     kindSd.end());
    b.kindSdMs = kindSd[kindSd.size() / 2];
    b.offsetSdMs = 1e3 / std::sqrt(info);
    return b;
}

} // namespace ts::core::synth
