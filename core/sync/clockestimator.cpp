#include "sync/clockestimator.h"

#include "sync/robustline.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <type_traits>
#include <utility>

namespace ts::core::sync {

namespace {

// Similarity of ref(t) and other(t − lag) over ref times [a, b): 1 − Σ|d|² / Σ(|x|² + |y|²),
// with x sampled on the sparser signal and the denser one interpolated (its interpolation error
// is the smaller). Empty when too few samples pair up.
class Scorer {
public:
    Scorer(const VectorSignal& ref, const VectorSignal& other, bool removeMean)
        : ref_(ref), other_(other), removeMean_(removeMean) {
        refSparse_ = ref.size() * spanOf(other) <= other.size() * spanOf(ref);
        const VectorSignal& s = refSparse_ ? ref_ : other_;
        const VectorSignal& d = refSparse_ ? other_ : ref_;
        box_ = s.size() > 1 ? spanOf(s) / static_cast<double>(s.size() - 1) : 0.0;
        // Running integral of the dense signal's linear interpolant, for box means.
        cum_.assign(d.size(), Vec3{0, 0, 0});
        for (size_t j = 1; j < d.size(); ++j) {
            const double dt = static_cast<double>(d.t[j] - d.t[j - 1]);
            for (int k = 0; k < 3; ++k)
                cum_[j][k] = cum_[j - 1][k] + 0.5 * (d.v[j][k] + d.v[j - 1][k]) * dt;
        }
        // The last sample at or before each stretch of one mean interval: a box end is found
        // with a step or two instead of a walk across the box (33 gyro samples for a video
        // frame).
        if (d.size() > 1) {
            bucket_ = spanOf(d) / static_cast<double>(d.size() - 1);
            const size_t nb = static_cast<size_t>(spanOf(d) / bucket_) + 1;
            atBucket_.resize(nb);
            size_t j = 0;
            const double t0 = static_cast<double>(d.t.front());
            for (size_t k = 0; k < nb; ++k) {
                const double tk = t0 + static_cast<double>(k) * bucket_;
                while (j + 1 < d.size() && static_cast<double>(d.t[j + 1]) <= tk)
                    ++j;
                atBucket_[k] = j;
            }
        }
    }

    // A constant that the other signal carries on top of the reference (a gyro bias): it is
    // subtracted before comparing, because it would otherwise pull the best lag.
    void setOtherBias(const Vec3& b) { bias_ = b; }

    // Weights the sparse samples of ref range [a, b) by how well they match at `lag`
    // (Cauchy: 1 / (1 + (r / c)²), c = 2 × the median mismatch). A measured signal with bursts
    // of error (a visual rotation while a hand sweeps through the view) then pulls the lag
    // by its good stretches. The weights depend on |mismatch| only, so they do not favour a
    // side of the lag they were taken at.
    void setRobustWeights(double lag, double a, double b) {
        if (weight_.empty())
            weight_.assign((refSparse_ ? ref_ : other_).size(), 1.0);
        std::vector<std::pair<size_t, double>> r;
        forPairs(
            lag, a, b,
            [&](size_t i, const Vec3& x, const Vec3& y) {
                const double d =
                    std::sqrt((x[0] - y[0]) * (x[0] - y[0]) + (x[1] - y[1]) * (x[1] - y[1]) +
                              (x[2] - y[2]) * (x[2] - y[2]));
                r.emplace_back(i, d);
            },
            nullptr);
        if (r.size() < 8)
            return;
        std::vector<double> mags(r.size());
        for (size_t k = 0; k < r.size(); ++k)
            mags[k] = r[k].second;
        std::nth_element(mags.begin(), mags.begin() + static_cast<std::ptrdiff_t>(mags.size() / 2),
                         mags.end());
        const double c = std::max(1e-12, 2 * mags[mags.size() / 2]);
        for (const auto& [i, d] : r)
            weight_[i] = 1.0 / (1.0 + (d / c) * (d / c));
    }

    // Mean of other(t − lag) − ref(t) over the pairs of ref range [a, b), or empty.
    std::optional<Vec3> meanDifference(double lag, double a, double b) const {
        Vec3 sum{0, 0, 0};
        size_t n = 0;
        forPairs(
            lag, a, b,
            [&](const Vec3& x, const Vec3& y, double) {
                // x is the sparse signal's sample, y the dense one's interpolated value.
                for (int k = 0; k < 3; ++k)
                    sum[k] += refSparse_ ? y[k] - x[k] : x[k] - y[k];
                ++n;
            },
            nullptr);
        if (n == 0)
            return std::nullopt;
        for (auto& v : sum)
            v /= static_cast<double>(n);
        return sum;
    }

    std::optional<double> score(double lag, double a, double b, double minOverlap) const {
        double sxx = 0, syy = 0, sdd = 0, sw = 0;
        Vec3 mx{0, 0, 0}, my{0, 0, 0};
        size_t pairs = 0, total = 0;
        forPairs(
            lag, a, b,
            [&](const Vec3& x, const Vec3& y, double w) {
                for (int k = 0; k < 3; ++k) {
                    sxx += w * x[k] * x[k];
                    syy += w * y[k] * y[k];
                    sdd += w * (x[k] - y[k]) * (x[k] - y[k]);
                    mx[k] += w * x[k];
                    my[k] += w * y[k];
                }
                sw += w;
                ++pairs;
            },
            &total);
        if (pairs < 4 || static_cast<double>(pairs) < minOverlap * static_cast<double>(total))
            return std::nullopt;
        if (removeMean_) {
            const double n = sw;
            if (n <= 0)
                return std::nullopt;
            for (int k = 0; k < 3; ++k) {
                sxx -= mx[k] * mx[k] / n;
                syy -= my[k] * my[k] / n;
                const double md = (mx[k] - my[k]) / n;
                sdd -= n * md * md;
            }
        }
        const double denom = sxx + syy;
        if (denom <= 0)
            return std::nullopt;
        return 1.0 - sdd / denom;
    }

private:
    // Calls f(x, y) for each sample x of the sparse signal whose time maps into ref range
    // [a, b) and lies inside the dense signal, y being the dense signal there (bias removed).
    template <typename F>
    void forPairs(double lag, double a, double b, F&& f, size_t* total) const {
        const VectorSignal& s = refSparse_ ? ref_ : other_;
        const VectorSignal& d = refSparse_ ? other_ : ref_;
        // Sample times on the sparse signal's clock covering ref range [a, b).
        const double lo = refSparse_ ? a : a - lag, hi = refSparse_ ? b : b - lag;
        const double shift = refSparse_ ? -lag : lag;
        auto it = std::lower_bound(s.t.begin(), s.t.end(), lo,
                                   [](TimeNs x, double y) { return static_cast<double>(x) < y; });
        size_t i = static_cast<size_t>(it - s.t.begin());
        size_t hint = 0;
        bool hintSet = false;
        size_t count = 0;
        const double dFirst = static_cast<double>(d.t.front()),
                     dLast = static_cast<double>(d.t.back());
        for (; i < s.size() && static_cast<double>(s.t[i]) < hi; ++i) {
            ++count;
            const double tq = static_cast<double>(s.t[i]) + shift;
            if (tq < dFirst || tq > dLast)
                continue;
            if (!hintSet) {
                hint = static_cast<size_t>(std::max<std::ptrdiff_t>(
                    0, std::lower_bound(
                           d.t.begin(), d.t.end(), tq,
                           [](TimeNs x, double y) { return static_cast<double>(x) < y; }) -
                           d.t.begin() - 1));
                hintSet = true;
            }
            Vec3 y = boxMean(d, tq, &hint);
            Vec3 x = s.v[i];
            Vec3& o = refSparse_ ? y : x; // the other signal's value
            for (int k = 0; k < 3; ++k)
                o[k] -= bias_[k];
            if constexpr (std::is_invocable_v<F, size_t, const Vec3&, const Vec3&>)
                f(i, x, y);
            else
                f(x, y, weight_.empty() ? 1.0 : weight_[i]);
        }
        if (total)
            *total = count;
    }

    // The dense signal averaged over one sparse interval around t. Comparing box means rather
    // than point values matters twice: a pose-derived rate is itself the mean over its interval,
    // and point interpolation lets the dense signal's white noise weigh differently at
    // on-sample and between-sample lags, which pulls the optimum to a sub-sample phase.
    Vec3 boxMean(const VectorSignal& d, double t, size_t* hint) const {
        if (box_ <= 0)
            return interpolate(d, t, hint);
        const double a = std::max(t - box_ / 2, static_cast<double>(d.t.front()));
        const double b = std::min(t + box_ / 2, static_cast<double>(d.t.back()));
        if (b <= a)
            return interpolate(d, t, hint);
        const Vec3 ia = integralAt(d, a);
        const Vec3 ib = integralAt(d, b);
        Vec3 r;
        for (int k = 0; k < 3; ++k)
            r[k] = (ib[k] - ia[k]) / (b - a);
        return r;
    }

    Vec3 integralAt(const VectorSignal& d, double t) const {
        const double u0 = (t - static_cast<double>(d.t.front())) / bucket_;
        size_t j =
            atBucket_[std::min(atBucket_.size() - 1, static_cast<size_t>(std::max(0.0, u0)))];
        while (j > 0 && static_cast<double>(d.t[j]) > t)
            --j;
        while (j + 1 < d.size() && static_cast<double>(d.t[j + 1]) <= t)
            ++j;
        if (j + 1 >= d.size())
            return cum_[j];
        const double tj = static_cast<double>(d.t[j]);
        const double h = static_cast<double>(d.t[j + 1]) - tj;
        const double u = t - tj;
        Vec3 r;
        for (int k = 0; k < 3; ++k)
            r[k] = cum_[j][k] + d.v[j][k] * u + 0.5 * (d.v[j + 1][k] - d.v[j][k]) / h * u * u;
        return r;
    }

private:
    static double spanOf(const VectorSignal& s) {
        return s.size() < 2 ? 1.0 : static_cast<double>(s.t.back() - s.t.front());
    }
    const VectorSignal& ref_;
    const VectorSignal& other_;
    bool removeMean_;
    bool refSparse_ = true;
    Vec3 bias_{0, 0, 0};
    std::vector<double> weight_;   // per sparse sample; empty: all 1
    double box_ = 0;               // the sparse signal's mean interval, ns
    std::vector<Vec3> cum_;        // running integral of the dense signal (signal·ns)
    double bucket_ = 1;            // the dense signal's mean interval, ns
    std::vector<size_t> atBucket_; // last dense sample at or before t0 + k·bucket_
};

double rmsOf(const VectorSignal& s, double a, double b) {
    double ss = 0;
    size_t n = 0;
    auto it = std::lower_bound(s.t.begin(), s.t.end(), a,
                               [](TimeNs x, double y) { return static_cast<double>(x) < y; });
    for (size_t i = static_cast<size_t>(it - s.t.begin());
         i < s.size() && static_cast<double>(s.t[i]) < b; ++i) {
        for (int k = 0; k < 3; ++k)
            ss += s.v[i][k] * s.v[i][k];
        ++n;
    }
    return n ? std::sqrt(ss / static_cast<double>(n)) : 0.0;
}

// Vertex of the parabola through (−h, a), (0, b), (h, c), as an offset from the middle.
double parabolaVertex(double a, double b, double c, double h) {
    const double den = a - 2 * b + c;
    if (den >= 0)
        return 0; // not a maximum: keep the sample
    return std::clamp(0.5 * h * (a - c) / den, -h, h);
}

// Best lag in [centre − range, centre + range] on a grid of step h, then refined by parabolas
// on ever finer grids. Empty when no lag gives a score.
std::optional<double> refineLag(const Scorer& sc, double centre, double range, double h, double a,
                                double b, double minOverlap, double* bestScore) {
    double best = -2, bestLag = centre;
    bool any = false;
    const int K = static_cast<int>(std::ceil(range / h));
    for (int k = -K; k <= K; ++k) {
        const auto s = sc.score(centre + k * h, a, b, minOverlap);
        if (s && *s > best) {
            best = *s;
            bestLag = centre + k * h;
            any = true;
        }
    }
    if (!any)
        return std::nullopt;
    double lag = bestLag;
    for (int pass = 0; pass < 7; ++pass) {
        const auto l = sc.score(lag - h, a, b, minOverlap);
        const auto m = sc.score(lag, a, b, minOverlap);
        const auto r = sc.score(lag + h, a, b, minOverlap);
        if (!l || !m || !r)
            break;
        lag += parabolaVertex(*l, *m, *r, h);
        best = std::max(best, *m);
        h /= 4;
    }
    if (bestScore)
        *bestScore = best;
    return lag;
}

} // namespace

ClockEstimate estimateClock(const VectorSignal& ref, const VectorSignal& other,
                            const ClockEstimateOptions& o) {
    ClockEstimate e;
    if (ref.size() < 8 || other.size() < 8) {
        e.note = "too few samples to compare";
        return e;
    }
    Scorer sc(ref, other, o.removeMean);
    const double refA = static_cast<double>(ref.t.front());
    const double refB = static_cast<double>(ref.t.back()) + 1;
    e.signalRms = rmsOf(ref, refA, refB);
    if (e.signalRms < o.minSignalRms) {
        e.note = "too little motion to align (signal RMS below the floor)";
        return e;
    }

    // Coarse: a lag grid no finer than the denser signal needs.
    const double medianStep = std::max(
        1.0, std::min(static_cast<double>(ref.t.back() - ref.t.front()) / (ref.size() - 1),
                      static_cast<double>(other.t.back() - other.t.front()) / (other.size() - 1)));
    const double step = std::min(static_cast<double>(o.coarseStepNs), std::max(1e6, medianStep));
    const int K = static_cast<int>(std::ceil(static_cast<double>(o.maxLagNs) / step));
    // The coarse search looks at the middle coarseSpan only: enough to find the lag, its cost
    // independent of the length, and drift cannot smear the peak over a long recording.
    const double midAll = (refA + refB) / 2;
    const double cA = std::max(refA, midAll - static_cast<double>(o.coarseSpanNs) / 2);
    const double cB = std::min(refB, midAll + static_cast<double>(o.coarseSpanNs) / 2);
    // First on a grid of at least 5 ms (the similarity of motion signals varies over tens of
    // ms, so no lobe falls between its points), then the best lobe on the fine grid: a fifth
    // of the evaluations for a 1 kHz gyro.
    const int m = std::max(1, static_cast<int>(std::lround(5e6 / step)));
    const int J = K / m;
    std::vector<double> scores(2 * static_cast<size_t>(J) + 1, -2.0);
    for (int j = -J; j <= J; ++j) {
        if (const auto s = sc.score(j * m * step, cA, cB, 0.5))
            scores[static_cast<size_t>(j + J)] = *s;
    }
    const auto bestIt = std::max_element(scores.begin(), scores.end());
    if (*bestIt <= -2.0) {
        e.note = "the streams do not overlap in time within the search range";
        return e;
    }
    const int jBest = static_cast<int>(bestIt - scores.begin()) - J;
    int kBest = jBest * m;
    e.peakScore = *bestIt;
    for (int k = std::max(-K, jBest * m - m + 1); m > 1 && k <= std::min(K, jBest * m + m - 1);
         ++k) {
        if (const auto s = sc.score(k * step, cA, cB, 0.5); s && *s > e.peakScore) {
            e.peakScore = *s;
            kBest = k;
        }
    }
    // The best competing local maximum away from the main lobe (± 50 ms or 3 steps).
    const int guard = std::max(3, static_cast<int>(std::ceil(50e6 / (m * step))));
    double second = -1.0;
    int jSecond = 0;
    for (int j = -J + 1; j < J; ++j) {
        if (std::abs(j - jBest) <= guard)
            continue;
        const double s = scores[static_cast<size_t>(j + J)];
        if (s >= scores[static_cast<size_t>(j + J - 1)] &&
            s >= scores[static_cast<size_t>(j + J + 1)] && s > second) {
            second = s;
            jSecond = j;
        }
    }
    // The competitor on the fine grid too, so that both peaks are measured alike (a periodic
    // motion's equal peaks must come out equal).
    for (int k = std::max(-K, jSecond * m - m + 1);
         m > 1 && second > -1.0 && k <= std::min(K, jSecond * m + m - 1); ++k)
        if (const auto s = sc.score(k * step, cA, cB, 0.5))
            second = std::max(second, *s);
    e.uniqueness = std::clamp((e.peakScore - std::max(second, 0.0)) /
                                  std::max(1e-9, 1.0 - std::max(second, 0.0)),
                              0.0, 1.0);
    double coarseLag = kBest * step;

    // A constant bias of the other signal (gyro bias) is estimated over the coarse span,
    // where its trade-off with the lag averages out; short recordings (mostly one trend) keep
    // it at zero, because there a bias and a shift cannot be told apart.
    const double spanAll = cB - cA;
    auto updateBias = [&](double lag) {
        if (!o.estimateBias || spanAll < static_cast<double>(o.biasMinSpanNs))
            return;
        Scorer unbiased(ref, other, o.removeMean);
        if (const auto m = unbiased.meanDifference(lag, cA, cB)) {
            sc.setOtherBias(*m);
            e.bias = *m;
        }
    };
    updateBias(coarseLag);
    if (o.estimateBias && spanAll >= static_cast<double>(o.biasMinSpanNs)) {
        if (const auto l = refineLag(sc, coarseLag, step, step / 2, cA, cB, 0.5, nullptr)) {
            coarseLag = *l;
            updateBias(coarseLag);
        }
    }

    // Windows on the reference clock; too short for two windows: one window, no drift.
    const double span = refB - refA;
    double W = static_cast<double>(o.windowNs), S = static_cast<double>(o.strideNs);
    if (span < 2 * W) {
        W = span;
        S = span;
    }
    std::vector<double> starts;
    for (double a = refA; a + W <= refB + 1; a += S)
        starts.push_back(a);
    e.windows = static_cast<int>(starts.size());
    // Walk outward from the middle (where the coarse lag was found), each window searched
    // around the last good one's lag: the search stays narrow however long the recording is.
    const size_t midIndex = static_cast<size_t>(
        std::min_element(starts.begin(), starts.end(),
                         [&](double x, double y) {
                             return std::abs(x + W / 2 - midAll) < std::abs(y + W / 2 - midAll);
                         }) -
        starts.begin());
    std::vector<double> xs, ys;
    for (int dir : {+1, -1}) {
        double lastLag = coarseLag, lastC = midAll;
        for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(midIndex) + (dir < 0 ? -1 : 0);
             i >= 0 && i < static_cast<std::ptrdiff_t>(starts.size()); i += dir) {
            const double a = starts[static_cast<size_t>(i)], b = a + W, c = a + W / 2;
            if (rmsOf(ref, a, b) < o.minSignalRms)
                continue;
            const double range = 2 * step + o.maxDriftPpm * 1e-6 * std::abs(c - lastC);
            std::optional<double> lag;
            if (o.robustPasses > 0) {
                double at = lastLag;
                for (int pass = 0; pass < o.robustPasses; ++pass) {
                    sc.setRobustWeights(at, a, b);
                    lag = refineLag(sc, at, pass == 0 ? range : step, step / 2, a, b, o.minOverlap,
                                    nullptr);
                    if (!lag)
                        break;
                    at = *lag;
                }
            } else {
                lag = refineLag(sc, lastLag, range, step / 2, a, b, o.minOverlap, nullptr);
            }
            if (!lag)
                continue;
            ++e.usedWindows;
            xs.push_back(c - *lag); // window centre on the other clock
            ys.push_back(*lag);
            lastLag = *lag;
            lastC = c;
        }
    }
    if (xs.empty()) {
        e.note = "no window had enough motion and overlap";
        return e;
    }
    double t0 = 0;
    const LineFit f =
        fitLineRobustCentred(xs, ys, 200e3 /* 0.2 ms: below that nobody is an outlier */, &t0);
    e.estimated = true;
    e.t0Ns = static_cast<TimeNs>(std::llround(t0));
    e.offsetNs = f.intercept;
    e.driftEstimated = xs.size() >= 3;
    e.drift = e.driftEstimated ? f.slope : 0.0;
    e.inliers = f.inliers;
    e.residualNs = f.rms;

    // Confidence: how alike the signals are at the peak, how unique the peak is, how much of
    // the recording carried evidence and agreed with the line.
    const double similarity = std::clamp((e.peakScore - 0.3) / 0.6, 0.0, 1.0);
    const double coverage = static_cast<double>(e.usedWindows) / e.windows;
    const double agreement = static_cast<double>(e.inliers) / static_cast<double>(xs.size());
    const double energy =
        std::clamp((e.signalRms - o.minSignalRms) / (2 * o.minSignalRms), 0.0, 1.0);
    // Without drift the model holds near t0 only; how far off it is elsewhere is unknown.
    const double driftKnown = e.driftEstimated ? 1.0 : 0.6;
    e.confidence =
        similarity * e.uniqueness * std::sqrt(coverage) * agreement * energy * driftKnown;
    if (similarity < 0.5)
        e.note = "the signals are only weakly alike at the best lag";
    else if (e.uniqueness < 0.5)
        e.note = "several lags fit about as well (ambiguous motion)";
    else if (agreement < 0.8)
        e.note = "windowed offsets disagree";
    else if (!e.driftEstimated)
        e.note = "recording too short to estimate drift";
    return e;
}

} // namespace ts::core::sync
