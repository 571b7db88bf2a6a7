#include "sync/handsposeestimator.h"

#include "sync/robustline.h"
#include "sync/signals.h"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ts::core::sync {

namespace {

// The cost is evaluated some 10⁶ times per hour of hands, so each step between consecutive
// samples of one hand is reduced once to the sums its value depends on: with the current
// joints x_j at pose (R₁, p₁) and the previous ones y_j at (R₀, p₀),
//   Σ_j |R₁x_j + p₁ − R₀y_j − p₀|² = Σ|x_j|² + Σ|y_j|² + n|Δp|² − 2 tr(R₁ᵀR₀ Σ y_j x_jᵀ)
//                                   + 2 Δpᵀ(R₁ Σx_j − R₀ Σy_j),
// which costs one 3 × 3 product per step and lag instead of 2 × 21 joint rotations. The joints
// are within a metre of the device and a step moves them millimetres, so double precision
// keeps the difference to ~1e-10 of its size.
class StillnessCost {
public:
    StillnessCost(const std::vector<HandSample>& hands, const std::vector<PoseSample>& pose)
        : hands_(hands), pose_(pose) {
        TimeNs period = 33'000'000;
        if (hands.size() > 2)
            period = (hands.back().tNs - hands.front().tNs) /
                     static_cast<TimeNs>(std::max<size_t>(1, hands.size() / 2));
        maxStep_ = 3 * period;
        // Each sample's step from the previous sample of the same hand.
        steps_.resize(hands.size());
        std::array<std::ptrdiff_t, 2> last{-1, -1};
        for (size_t i = 0; i < hands.size(); ++i) {
            const int hi = hands[i].hand == Hand::Left ? 0 : 1;
            Step& s = steps_[i];
            s.prev = last[static_cast<size_t>(hi)];
            last[static_cast<size_t>(hi)] = static_cast<std::ptrdiff_t>(i);
            if (s.prev < 0 || hands[i].tNs - hands[static_cast<size_t>(s.prev)].tNs > maxStep_) {
                s.prev = -1;
                continue;
            }
            const HandSample& cur = hands[i];
            const HandSample& pre = hands[static_cast<size_t>(s.prev)];
            for (int j = 0; j < kHandJointCount; ++j) {
                const Eigen::Vector3d x(cur.joints[j][0], cur.joints[j][1], cur.joints[j][2]);
                const Eigen::Vector3d y(pre.joints[j][0], pre.joints[j][1], pre.joints[j][2]);
                s.sq += x.squaredNorm() + y.squaredNorm();
                s.yx += y * x.transpose();
                s.sx += x;
                s.sy += y;
            }
        }
        poseQ_.reserve(pose.size());
        for (const PoseSample& p : pose)
            poseQ_.emplace_back(p.q[3], p.q[0], p.q[1], p.q[2]);
    }

    // Mean squared world-frame step of every joint between consecutive samples of one hand,
    // over hands times [a, b), with the pose at t + lag. Empty when too few steps.
    std::optional<double> operator()(double lag, double a, double b) const {
        auto first = std::lower_bound(hands_.begin(), hands_.end(), a,
                                      [](const HandSample& h, double t) { return h.tNs < t; });
        const size_t i0 = static_cast<size_t>(first - hands_.begin());
        size_t i1 = i0;
        while (i1 < hands_.size() && static_cast<double>(hands_[i1].tNs) < b)
            ++i1;
        // The pose at every sample's time + lag, once.
        rot_.resize(i1 - i0);
        pos_.resize(i1 - i0);
        has_.assign(i1 - i0, 0);
        size_t hint = 0;
        for (size_t i = i0; i < i1; ++i) {
            Eigen::Quaterniond q;
            if (poseAt(static_cast<double>(hands_[i].tNs) + lag, q, pos_[i - i0], hint)) {
                rot_[i - i0] = q.toRotationMatrix();
                has_[i - i0] = 1;
            }
        }
        double sum = 0;
        size_t n = 0;
        for (size_t i = i0; i < i1; ++i) {
            const Step& s = steps_[i];
            if (s.prev < static_cast<std::ptrdiff_t>(i0) || !has_[i - i0] ||
                !has_[static_cast<size_t>(s.prev) - i0])
                continue;
            const Eigen::Matrix3d& r1 = rot_[i - i0];
            const Eigen::Matrix3d& r0 = rot_[static_cast<size_t>(s.prev) - i0];
            const Eigen::Vector3d dp = pos_[i - i0] - pos_[static_cast<size_t>(s.prev) - i0];
            const double cross = ((r1.transpose() * r0).cwiseProduct(s.yx.transpose())).sum();
            sum += s.sq + kHandJointCount * dp.squaredNorm() - 2 * cross +
                   2 * dp.dot(r1 * s.sx - r0 * s.sy);
            ++n;
        }
        if (n < 10)
            return std::nullopt;
        return sum / static_cast<double>(n);
    }

private:
    struct Step {
        std::ptrdiff_t prev = -1; // previous sample of the same hand, -1: none close enough
        double sq = 0;            // Σ|x_j|² + Σ|y_j|²
        Eigen::Matrix3d yx = Eigen::Matrix3d::Zero(); // Σ y_j x_jᵀ
        Eigen::Vector3d sx = Eigen::Vector3d::Zero(), sy = Eigen::Vector3d::Zero();
    };

    // Pose at t: quaternions interpolated linearly and normalised (consecutive poses differ by
    // hundredths of a radian, where this matches slerp to ~1e-7 rad), positions linearly.
    bool poseAt(double t, Eigen::Quaterniond& q, Eigen::Vector3d& p, size_t& hint) const {
        if (pose_.size() < 2 || t < static_cast<double>(pose_.front().tNs) ||
            t >= static_cast<double>(pose_.back().tNs))
            return false;
        if (hint >= pose_.size() - 1 || static_cast<double>(pose_[hint].tNs) > t)
            hint = static_cast<size_t>(
                std::upper_bound(pose_.begin(), pose_.end(), t,
                                 [](double x, const PoseSample& s) { return x < s.tNs; }) -
                pose_.begin() - 1);
        while (hint + 1 < pose_.size() - 1 && static_cast<double>(pose_[hint + 1].tNs) <= t)
            ++hint;
        const PoseSample& a = pose_[hint];
        const PoseSample& c = pose_[hint + 1];
        const double u = (t - static_cast<double>(a.tNs)) / static_cast<double>(c.tNs - a.tNs);
        const Eigen::Quaterniond& qa = poseQ_[hint];
        const Eigen::Quaterniond& qc = poseQ_[hint + 1];
        const double sign = qa.dot(qc) < 0 ? -1.0 : 1.0;
        q.coeffs() = qa.coeffs() * (1 - u) + qc.coeffs() * (sign * u);
        q.normalize();
        for (int k = 0; k < 3; ++k)
            p[k] = a.t[k] * (1 - u) + c.t[k] * u;
        return true;
    }

    const std::vector<HandSample>& hands_;
    const std::vector<PoseSample>& pose_;
    std::vector<Step> steps_;
    std::vector<Eigen::Quaterniond> poseQ_;
    // Scratch of one evaluation (the cost is used by one thread).
    mutable std::vector<Eigen::Matrix3d> rot_;
    mutable std::vector<Eigen::Vector3d> pos_;
    mutable std::vector<char> has_;
    TimeNs maxStep_ = 0;
};

// Least-squares parabola through (x_i, y_i); the vertex if it opens upwards.
std::optional<double> parabolaMinimum(const std::vector<double>& x, const std::vector<double>& y) {
    Eigen::MatrixXd A(static_cast<Eigen::Index>(x.size()), 3);
    Eigen::VectorXd b(static_cast<Eigen::Index>(x.size()));
    for (size_t i = 0; i < x.size(); ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        A(r, 0) = x[i] * x[i];
        A(r, 1) = x[i];
        A(r, 2) = 1;
        b(r) = y[i];
    }
    const Eigen::Vector3d c = A.colPivHouseholderQr().solve(b);
    if (!(c[0] > 0))
        return std::nullopt;
    return -c[1] / (2 * c[0]);
}

} // namespace

ClockEstimate estimateHandsToPose(const std::vector<HandSample>& hands,
                                  const std::vector<PoseSample>& pose, const HandsPoseOptions& o) {
    ClockEstimate e;
    if (hands.size() < 20 || pose.size() < 20) {
        e.note = "too few samples to compare";
        return e;
    }
    // Without head rotation nothing moves the hands in the device frame: no evidence.
    const VectorSignal rate = angularRateFromPose(pose, 100'000'000);
    double ss = 0;
    for (const Vec3& v : rate.v)
        ss += v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
    e.signalRms = rate.empty() ? 0.0 : std::sqrt(ss / static_cast<double>(rate.size()));
    if (e.signalRms < o.minHeadRate) {
        e.note = "the head hardly moves: hands cannot be aligned to pose";
        return e;
    }
    const StillnessCost cost(hands, pose);
    const double A = static_cast<double>(hands.front().tNs);
    const double B = static_cast<double>(hands.back().tNs) + 1;
    const double mid = (A + B) / 2;
    const double cA = std::max(A, mid - static_cast<double>(o.coarseSpanNs) / 2);
    const double cB = std::min(B, mid + static_cast<double>(o.coarseSpanNs) / 2);
    const double step = static_cast<double>(o.coarseStepNs);
    const int K = static_cast<int>(std::ceil(static_cast<double>(o.maxLagNs) / step));
    std::vector<double> costs(2 * static_cast<size_t>(K) + 1, HUGE_VAL);
    for (int k = -K; k <= K; ++k)
        if (const auto c = cost(k * step, cA, cB))
            costs[static_cast<size_t>(k + K)] = *c;
    const auto minIt = std::min_element(costs.begin(), costs.end());
    if (!std::isfinite(*minIt)) {
        e.note = "the streams do not overlap in time within the search range";
        return e;
    }
    const int kMin = static_cast<int>(minIt - costs.begin()) - K;
    std::vector<double> finite;
    for (double c : costs)
        if (std::isfinite(c))
            finite.push_back(c);
    std::nth_element(finite.begin(),
                     finite.begin() + static_cast<std::ptrdiff_t>(finite.size() / 2), finite.end());
    const double median = finite[finite.size() / 2];
    // Depth of the minimum against the typical cost, and against the best other local minimum
    // more than 50 ms away.
    e.peakScore = median > 0 ? (median - *minIt) / median : 0.0;
    const int guard = std::max(3, static_cast<int>(std::ceil(50e6 / step)));
    double second = median;
    for (int k = -K + 1; k < K; ++k) {
        if (std::abs(k - kMin) <= guard)
            continue;
        const size_t i = static_cast<size_t>(k + K);
        if (costs[i] <= costs[i - 1] && costs[i] <= costs[i + 1])
            second = std::min(second, costs[i]);
    }
    e.uniqueness =
        median > *minIt ? std::clamp((second - *minIt) / (median - *minIt), 0.0, 1.0) : 0.0;

    double W = static_cast<double>(o.windowNs), S = static_cast<double>(o.strideNs);
    if (B - A < 2 * W) {
        W = B - A;
        S = W;
    } else if (o.maxWindows > 1) {
        S = std::max(S, (B - A - W) / (o.maxWindows - 1));
    }
    std::vector<double> xs, ys;
    double lastLag = kMin * step;
    for (double a = A; a + W <= B + 1; a += S) {
        ++e.windows;
        // Two passes: centre the fit on the window's own minimum, then fit around it.
        double centre = lastLag;
        std::optional<double> vertex;
        for (int pass = 0; pass < 2; ++pass) {
            std::vector<double> lx, ly;
            const double h = static_cast<double>(o.fitHalfWidthNs);
            for (double d = -h; d <= h + 1; d += static_cast<double>(o.fitStepNs))
                if (const auto c = cost(centre + d, a, a + W)) {
                    lx.push_back(d);
                    ly.push_back(*c);
                }
            if (lx.size() < 5)
                break;
            vertex = parabolaMinimum(lx, ly);
            if (!vertex || std::abs(*vertex) > h)
                break;
            centre += *vertex;
        }
        if (!vertex)
            continue;
        ++e.usedWindows;
        xs.push_back(a + W / 2 - centre);
        ys.push_back(centre);
        lastLag = centre;
    }
    if (xs.empty()) {
        e.note = "no window gave a clear minimum";
        return e;
    }
    double t0 = 0;
    const LineFit f = fitLineRobustCentred(xs, ys, 2e6 /* 2 ms: the method's own noise */, &t0);
    e.estimated = true;
    e.t0Ns = static_cast<TimeNs>(std::llround(t0));
    e.offsetNs = f.intercept;
    e.driftEstimated = xs.size() >= 3;
    e.drift = e.driftEstimated ? f.slope : 0.0;
    e.inliers = f.inliers;
    e.residualNs = f.rms;
    // The windows of this coarse method often scatter by milliseconds: when the slope's
    // standard error exceeds 50 ppm the drift is not known, and the offset is their mean.
    double sxx = 0, n = 0, sy = 0;
    for (size_t i = 0; i < xs.size(); ++i)
        if (f.inlier[i]) {
            sxx += (xs[i] - t0) * (xs[i] - t0);
            sy += ys[i];
            ++n;
        }
    if (e.driftEstimated && (sxx <= 0 || f.rms / std::sqrt(sxx) > 50e-6)) {
        e.driftEstimated = false;
        e.drift = 0;
        e.offsetNs = sy / n;
        double ss = 0;
        for (size_t i = 0; i < xs.size(); ++i)
            if (f.inlier[i])
                ss += (ys[i] - e.offsetNs) * (ys[i] - e.offsetNs);
        e.residualNs = std::sqrt(ss / n);
    }
    const bool scatterUnknown = e.inliers < 3;
    if (scatterUnknown)
        e.residualNs = std::max(e.residualNs, o.typicalScatterNs);
    const double agreement = static_cast<double>(e.inliers) / static_cast<double>(xs.size());
    const double coverage = static_cast<double>(e.usedWindows) / e.windows;
    // A minimum 0.5 % below the typical cost already pins the lag on synthetic data; the
    // residual of the windows says how well (1 ms residual halves the confidence).
    const double depth = std::clamp(e.peakScore / 0.005, 0.0, 1.0);
    const double precision = 1.0 / (1.0 + e.residualNs / 1e6);
    e.confidence = depth * e.uniqueness * std::sqrt(coverage) * agreement * precision *
                   (e.driftEstimated ? 1.0 : 0.6);
    if (scatterUnknown)
        e.note = "too few windows (" + std::to_string(e.inliers) +
                 ") to tell how precise the offset is; taken as good to a few ms";
    else if (e.uniqueness < 0.5)
        e.note = "several lags fit about as well (ambiguous motion)";
    else if (agreement < 0.8)
        e.note = "windowed offsets disagree";
    else if (!e.driftEstimated)
        e.note = "drift not determinable; offset good to a few ms only";
    else if (precision < 0.5)
        e.note = "offset good to a few ms only";
    return e;
}

} // namespace ts::core::sync
