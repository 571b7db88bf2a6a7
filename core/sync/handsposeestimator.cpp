#include "sync/handsposeestimator.h"

#include "sync/fingerpaths.h"
#include "sync/robustline.h"
#include "sync/signals.h"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ts::core::sync {

namespace {

// Hands are tracked in the device frame: mapped into the world with the pose at t + lag, a
// hand that rests (on a table, on an object it holds still) stays put only at the true lag;
// at a wrong one every joint moves by ≈ lag · (ω × r), the head's rotation levered out to the
// hand. Each sample is compared with the same hand's sample `baseline` earlier (a third of a
// second: the head's rate changes over that span, so a lag error shows; consecutive samples
// 33 ms apart see only the change of that rate within 33 ms). A pair's cost is the summed
// squared world-frame displacement of the 21 joints, reduced once to the sums its value
// depends on: with the later joints x_j at pose (R₁, p₁) and the earlier ones y_j at (R₀, p₀),
//   Σ_j |R₁x_j + p₁ − R₀y_j − p₀|² = Σ|x_j|² + Σ|y_j|² + n|Δp|² − 2 tr(R₁ᵀR₀ Σ y_j x_jᵀ)
//                                   + 2 Δpᵀ(R₁ Σx_j − R₀ Σy_j),
// one 3 × 3 product per pair and lag instead of 2 × 21 joint rotations (the joints are within
// a metre of the device and a pair moves them millimetres to centimetres, so double precision
// keeps the difference to ~1e-10 of its size). Hands that move in the world give large pair
// costs whatever the lag; the scores below are robust to them (a quantile, or Geman–McClure).
class StillnessCost {
public:
    StillnessCost(const std::vector<HandSample>& hands, const std::vector<PoseSample>& pose,
                  TimeNs baselineNs)
        : hands_(hands), pose_(pose), baseline_(static_cast<double>(baselineNs)) {
        std::array<std::vector<size_t>, 2> byHand;
        for (size_t i = 0; i < hands.size(); ++i)
            byHand[hands[i].hand == Hand::Left ? 0 : 1].push_back(i);
        for (const auto& idx : byHand) {
            size_t k = 0; // the earlier sample: nearest to t − baseline, cursor moves forward
            for (size_t q = 0; q < idx.size(); ++q) {
                const double want = static_cast<double>(hands[idx[q]].tNs) - baseline_;
                while (k + 1 < q && static_cast<double>(hands[idx[k + 1]].tNs) <= want)
                    ++k;
                size_t e = k;
                if (k + 1 < q && std::abs(static_cast<double>(hands[idx[k + 1]].tNs) - want) <
                                     std::abs(static_cast<double>(hands[idx[k]].tNs) - want))
                    e = k + 1;
                if (e >= q ||
                    std::abs(static_cast<double>(hands[idx[e]].tNs) - want) > 0.25 * baseline_)
                    continue; // samples lost there
                Pair pr;
                pr.earlier = idx[e];
                pr.later = idx[q];
                const HandSample& cur = hands[pr.later];
                const HandSample& pre = hands[pr.earlier];
                for (int j = 0; j < kHandJointCount; ++j) {
                    const Eigen::Vector3d x(cur.joints[j][0], cur.joints[j][1], cur.joints[j][2]);
                    const Eigen::Vector3d y(pre.joints[j][0], pre.joints[j][1], pre.joints[j][2]);
                    pr.sq += x.squaredNorm() + y.squaredNorm();
                    pr.yx += y * x.transpose();
                    pr.sx += x;
                    pr.sy += y;
                }
                pairs_.push_back(pr);
            }
        }
        std::sort(pairs_.begin(), pairs_.end(), [&](const Pair& a, const Pair& b) {
            return hands[a.later].tNs < hands[b.later].tNs;
        });
        poseQ_.reserve(pose.size());
        for (const PoseSample& p : pose)
            poseQ_.emplace_back(p.q[3], p.q[0], p.q[1], p.q[2]);
    }

    // Every pair's cost (squared metres) whose later sample lies in hands times [a, b), with
    // the pose at t + lag; pairs whose pose is not known are left out.
    void pairCosts(double lag, double a, double b, std::vector<double>& out) const {
        out.clear();
        auto first =
            std::lower_bound(pairs_.begin(), pairs_.end(), a, [&](const Pair& p, double t) {
                return static_cast<double>(hands_[p.later].tNs) < t;
            });
        // The pose at each sample's time + lag, once per sample (a sample is the later one of
        // its own pair and the earlier one of a pair a baseline on).
        const double lo = a - 2 * baseline_;
        auto h0 = std::lower_bound(hands_.begin(), hands_.end(), lo,
                                   [](const HandSample& h, double t) { return h.tNs < t; });
        const size_t i0 = static_cast<size_t>(h0 - hands_.begin());
        size_t i1 = i0;
        while (i1 < hands_.size() && static_cast<double>(hands_[i1].tNs) < b)
            ++i1;
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
        for (auto it = first; it != pairs_.end() && static_cast<double>(hands_[it->later].tNs) < b;
             ++it) {
            if (it->earlier < i0 || !has_[it->later - i0] || !has_[it->earlier - i0])
                continue;
            const Eigen::Matrix3d& r1 = rot_[it->later - i0];
            const Eigen::Matrix3d& r0 = rot_[it->earlier - i0];
            const Eigen::Vector3d dp = pos_[it->later - i0] - pos_[it->earlier - i0];
            const double cross = ((r1.transpose() * r0).cwiseProduct(it->yx.transpose())).sum();
            out.push_back(std::max(0.0, it->sq + kHandJointCount * dp.squaredNorm() - 2 * cross +
                                            2 * dp.dot(r1 * it->sx - r0 * it->sy)));
        }
    }

    // The q-quantile of the pair costs: the coarse score, which needs no scale (at the true
    // lag the resting quarter of the pairs is at the tracking noise). Empty when too few pairs.
    std::optional<double> quantile(double lag, double a, double b, double q) const {
        pairCosts(lag, a, b, scratch_);
        if (scratch_.size() < 10)
            return std::nullopt;
        const auto k = static_cast<std::ptrdiff_t>(q * static_cast<double>(scratch_.size() - 1));
        std::nth_element(scratch_.begin(), scratch_.begin() + k, scratch_.end());
        return scratch_[static_cast<size_t>(k)];
    }

    // Mean Geman–McClure cost s / (1 + s / scale): a resting hand's pairs count fully, a
    // moving hand's saturate at `scale` and no longer pull the minimum. Empty when too few.
    std::optional<double> robust(double lag, double a, double b, double scale) const {
        pairCosts(lag, a, b, scratch_);
        if (scratch_.size() < 10)
            return std::nullopt;
        double sum = 0;
        for (double s : scratch_)
            sum += s / (1 + s / scale);
        return sum / static_cast<double>(scratch_.size());
    }

private:
    struct Pair {
        size_t earlier = 0, later = 0;                // same hand, a baseline apart
        double sq = 0;                                // Σ|x_j|² + Σ|y_j|²
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
    double baseline_;
    std::vector<Pair> pairs_; // by the later sample's time
    std::vector<Eigen::Quaterniond> poseQ_;
    // Scratch of one evaluation (the cost is used by one thread).
    mutable std::vector<Eigen::Matrix3d> rot_;
    mutable std::vector<Eigen::Vector3d> pos_;
    mutable std::vector<char> has_;
    mutable std::vector<double> scratch_;
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
    // The cost looks samples up by time (bundles are read in order; other callers may not).
    const auto byTime = [](const auto& a, const auto& b) { return a.tNs < b.tNs; };
    if (!std::is_sorted(hands.begin(), hands.end(), byTime) ||
        !std::is_sorted(pose.begin(), pose.end(), byTime)) {
        std::vector<HandSample> h = hands;
        std::vector<PoseSample> p = pose;
        std::stable_sort(h.begin(), h.end(), byTime);
        std::stable_sort(p.begin(), p.end(), byTime);
        return estimateHandsToPose(h, p, o);
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
    const StillnessCost cost(hands, pose, o.pairBaselineNs);
    const double A = static_cast<double>(hands.front().tNs);
    const double B = static_cast<double>(hands.back().tNs) + 1;
    const double mid = (A + B) / 2;
    const double cA = std::max(A, mid - static_cast<double>(o.coarseSpanNs) / 2);
    const double cB = std::min(B, mid + static_cast<double>(o.coarseSpanNs) / 2);
    const double step = static_cast<double>(o.coarseStepNs);
    const int K = static_cast<int>(std::ceil(static_cast<double>(o.maxLagNs) / step));
    std::vector<double> costs(2 * static_cast<size_t>(K) + 1, HUGE_VAL);
    for (int k = -K; k <= K; ++k)
        if (const auto c = cost.quantile(k * step, cA, cB, o.coarseQuantile))
            costs[static_cast<size_t>(k + K)] = *c;
    const auto qMin = std::min_element(costs.begin(), costs.end());
    if (!std::isfinite(*qMin)) {
        e.note = "the streams do not overlap in time within the search range";
        return e;
    }
    // The robust scale: the resting pairs' cost at the coarse lag (tracking noise, ~1e-4 m²
    // for 1 mm joints), so that a pair that moves by more than the noise stops counting.
    const double scale = std::max(*qMin, 1e-8);
    // The quantile's curve has a wide basin with bumps on its shoulders; the robust cost's is
    // as narrow as the lag the noise allows, and flat beyond: depth and rivals are read on it.
    for (int k = -K; k <= K; ++k)
        costs[static_cast<size_t>(k + K)] = cost.robust(k * step, cA, cB, scale).value_or(HUGE_VAL);
    const auto minIt = std::min_element(costs.begin(), costs.end());
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
    const double poseFront = static_cast<double>(pose.front().tNs);
    const double poseBack = static_cast<double>(pose.back().tNs);
    const double baseline = static_cast<double>(o.pairBaselineNs);
    std::vector<double> xs, ys;
    double lastLag = kMin * step;
    for (double a = A; a + W <= B + 1; a += S) {
        ++e.windows;
        // The window's cost on a grid around the last lag, then a parabola through the
        // lowest grid point and its neighbours, then again on a finer grid around it.
        std::optional<double> vertex;
        double centre = lastLag;
        // After a window has pinned the lag, the next one is within its scatter plus the
        // drift over a stride (200 ppm × 15 s = 3 ms): a narrower search.
        const double h = static_cast<double>(xs.empty() ? o.fitHalfWidthNs : o.nextHalfWidthNs);
        const double dStep = static_cast<double>(o.fitStepNs);
        // Only pairs whose pose is known at every lag tried: a pair that drops out as the lag
        // moves changes the mean and pulls the minimum (near the ends it biased the first
        // window by ~1 ms).
        const double reach = h + 2 * dStep;
        const double wa = std::max(a, poseFront - (centre - reach) + 1.5 * baseline);
        const double wb = std::min(a + W, poseBack - (centre + reach));
        if (wb - wa < W / 2)
            continue;
        std::vector<double> lx, ly;
        // The window's robust cost at centre + d for d over ±half on a `by` grid.
        const auto sample = [&](double half, double by) {
            lx.clear();
            ly.clear();
            for (double d = -half; d <= half + 1; d += by)
                if (const auto c = cost.robust(centre + d, wa, wb, scale)) {
                    lx.push_back(d);
                    ly.push_back(*c);
                }
        };
        sample(h, dStep);
        if (lx.size() < 5)
            continue;
        const size_t im = std::clamp<size_t>(
            static_cast<size_t>(std::min_element(ly.begin(), ly.end()) - ly.begin()), 2,
            lx.size() - 3);
        vertex = parabolaMinimum({lx.begin() + static_cast<std::ptrdiff_t>(im) - 2,
                                  lx.begin() + static_cast<std::ptrdiff_t>(im) + 3},
                                 {ly.begin() + static_cast<std::ptrdiff_t>(im) - 2,
                                  ly.begin() + static_cast<std::ptrdiff_t>(im) + 3});
        if (!vertex || std::abs(*vertex) > h)
            continue;
        centre += *vertex;
        sample(dStep, dStep / 4);
        if (lx.size() < 5)
            continue;
        vertex = parabolaMinimum(lx, ly);
        if (!vertex || std::abs(*vertex) > 2 * dStep)
            continue;
        centre += *vertex;
        ++e.usedWindows;
        xs.push_back((wa + wb) / 2);
        ys.push_back(centre);
        lastLag = centre;
    }
    if (xs.empty()) {
        e.note = "no window gave a clear minimum";
        return e;
    }
    double t0 = 0;
    const LineFit f = fitLineRobustCentred(xs, ys, o.outlierFloorNs, &t0);
    e.estimated = true;
    e.t0Ns = static_cast<TimeNs>(std::llround(t0));
    e.offsetNs = f.intercept;
    e.driftEstimated = xs.size() >= 3;
    e.drift = e.driftEstimated ? f.slope : 0.0;
    e.inliers = f.inliers;
    e.residualNs = f.rms;
    // When the slope's standard error exceeds 50 ppm (windows that scatter by milliseconds,
    // or too short a recording) the drift is not known, and the offset is their mean.
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
    // Resting pairs halve their robust cost at the true lag; a minimum 10 % below the typical
    // cost counts fully (synthetic episodes: ~30 %); the residual of the windows says how well
    // it is pinned (1 ms residual halves the confidence).
    const double depth = std::clamp(e.peakScore / 0.1, 0.0, 1.0);
    const double precision = 1.0 / (1.0 + e.residualNs / 1e6);
    e.confidence = depth * e.uniqueness * std::sqrt(coverage) * agreement * precision *
                   (e.driftEstimated ? 1.0 : 0.6);
    if (scatterUnknown)
        e.note = "too few windows (" + std::to_string(e.inliers) +
                 ") to tell how precise the offset is; taken as good to about a millisecond";
    else if (e.uniqueness < 0.5)
        e.note = "several lags fit about as well (ambiguous motion)";
    else if (agreement < 0.8)
        e.note = "windowed offsets disagree";
    else if (!e.driftEstimated)
        e.note = "drift not determinable; offset good to about a millisecond only";
    else if (precision < 0.5)
        e.note = "offset good to a millisecond or worse";
    return e;
}

VectorSignal palmRotationRateSignal(const std::vector<HandSample>& hands, Hand hand,
                                    TimeNs baselineNs) {
    // The palm's rotation per sample from the six rigid palm joints of the samples within
    // ±70 ms (fingerpaths::fingerTracks): from one sample's joints alone its rate would be
    // noise at 30 Hz.
    const fingerpaths::FingerTracks tr = fingerpaths::fingerTracks(hands, hand, 70'000'000);
    VectorSignal s;
    const double base = static_cast<double>(baselineNs);
    size_t j = 0;
    for (size_t i = 0; i < tr.t.size(); ++i) {
        j = std::max(j, i + 1);
        while (j < tr.t.size() && tr.t[j] < tr.t[i] + base)
            ++j;
        if (j >= tr.t.size())
            break;
        const double dt = tr.t[j] - tr.t[i];
        if (dt > 1.5 * base)
            continue; // samples lost there: the rate would be smeared
        const Eigen::AngleAxisd aa(tr.palm[i].transpose() * tr.palm[j]);
        const Eigen::Vector3d w = aa.axis() * aa.angle() / (dt * 1e-9);
        s.t.push_back(static_cast<TimeNs>(std::llround((tr.t[i] + tr.t[j]) / 2)));
        s.v.push_back({w.x(), w.y(), w.z()});
    }
    return s;
}

} // namespace ts::core::sync
