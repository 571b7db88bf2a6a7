#include "sync/clockestimator.h"

#include "sync/lagscorer.h"
#include "sync/robustline.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

namespace ts::core::sync {

namespace {

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
// on ever finer grids. Empty when no lag gives a score. climb: from the centre up to the nearest
// local maximum of the grid instead of scoring all of it — where the centre is already close
// (each window starts at its neighbour's lag, a fraction of a millisecond off) that is three or
// four scores instead of 2·range/h + 1. Where any point on the way has no score (the window
// leaves the overlap), the whole grid is scored as without it.
std::optional<double> refineLag(const LagScorer& sc, double centre, double range, double h,
                                double a, double b, double minOverlap, double* bestScore,
                                int parabolas = 7, bool climb = false) {
    const int K = static_cast<int>(std::ceil(range / h));
    // The grid's scores, each taken once: the first parabola's three points are among them
    // (its neighbours at the grid's ends excepted).
    std::vector<std::optional<double>> grid(static_cast<size_t>(2 * K + 1));
    std::vector<char> scored(grid.size(), 0);
    auto gridAt = [&](int k) -> const std::optional<double>& {
        const size_t i = static_cast<size_t>(k + K);
        if (!scored[i]) {
            grid[i] = sc.score(centre + k * h, a, b, minOverlap);
            scored[i] = 1;
        }
        return grid[i];
    };
    double best = -2;
    int bestK = -K - 1;
    bool whole = !climb;
    for (int k = 0; !whole;) {
        const std::optional<double>& m = gridAt(k);
        if (!m) {
            whole = true;
            break;
        }
        int next = k;
        double v = *m;
        for (const int q : {k - 1, k + 1}) {
            if (q < -K || q > K)
                continue;
            const std::optional<double>& s = gridAt(q);
            if (!s)
                whole = true;
            else if (*s > v) {
                v = *s;
                next = q;
            }
        }
        if (next == k && !whole) {
            best = v;
            bestK = k;
            break;
        }
        k = next;
    }
    if (whole) { // the climb stops before choosing when it turns to the whole grid
        for (int k = -K; k <= K; ++k) {
            const std::optional<double>& s = gridAt(k);
            if (s && *s > best) {
                best = *s;
                bestK = k;
            }
        }
    }
    if (bestK < -K)
        return std::nullopt;
    const double bestLag = centre + bestK * h;
    double lag = bestLag;
    for (int pass = 0; pass < parabolas; ++pass) {
        auto at = [&](int dk) -> std::optional<double> {
            const int k = bestK + dk;
            if (pass == 0 && k >= -K && k <= K)
                return gridAt(k);
            return sc.score(pass == 0 ? centre + k * h : lag + dk * h, a, b, minOverlap);
        };
        const auto l = at(-1);
        const auto m = at(0);
        const auto r = at(+1);
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

// The joint fit refines the windows' line; a result that leaves it by more than the windows'
// own scatter (at least a millisecond) anywhere in the recording has found another minimum
// (a periodic motion, a burst the weights did not catch), and the line is kept.
bool jointAgrees(const LagScorer::JointLine& j, double offset, double drift,
                 const std::vector<double>& xs, double t0, double windowRms) {
    const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
    const double limit = std::max(1e6, 3 * windowRms);
    for (double x : {*lo, *hi})
        if (std::abs(j.offset + j.drift * (x - t0) - offset - drift * (x - t0)) > limit)
            return false;
    return true;
}

} // namespace

ClockModel clockModelOf(const ClockEstimate& e) {
    ClockModel m;
    m.offsetNs = static_cast<TimeNs>(std::llround(e.offsetNs));
    m.drift = e.drift;
    m.t0Ns = e.t0Ns;
    m.confidence = e.confidence;
    m.residualNs = e.residualNs;
    return m;
}

ClockEstimate estimateClock(const VectorSignal& ref, const VectorSignal& other,
                            const ClockEstimateOptions& o) {
    ClockEstimate e;
    if (ref.size() < 8 || other.size() < 8) {
        e.note = "too few samples to compare";
        return e;
    }
    LagScorer sc(ref, other, o.removeMean);
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
        // Measured without a bias (the same scorer: building another costs a pass over the
        // dense signal).
        sc.setOtherBias({0, 0, 0});
        if (const auto m = sc.meanDifference(lag, cA, cB))
            e.bias = *m;
        sc.setOtherBias(e.bias);
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
    // With the joint fit to finish the job, a window's lag only starts it (and gives the
    // windowed residual): two parabola steps (to ~0.1 ms of grid) instead of seven. The joint
    // fit needs a drift, so with fewer than three windows the lags stay fully refined.
    const int parabolas = o.jointFit && starts.size() >= 3 ? 2 : 7;
    std::vector<double> xs, ys, used; // used: the start of each window with a lag
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
                                    nullptr, parabolas, true);
                    if (!lag)
                        break;
                    at = *lag;
                }
            } else {
                lag = refineLag(sc, lastLag, range, step / 2, a, b, o.minOverlap, nullptr,
                                parabolas, true);
            }
            if (!lag)
                continue;
            ++e.usedWindows;
            xs.push_back(c - *lag); // window centre on the other clock
            ys.push_back(*lag);
            used.push_back(a);
            lastLag = *lag;
            lastC = c;
        }
    }
    if (xs.empty()) {
        e.note = "no window had enough motion and overlap";
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
    if (xs.size() < 3) {
        // One or two windows with a lag (a short recording, or little motion): a line through
        // them fits exactly, so its RMS (0) says nothing of how well the lag is pinned. The
        // lags of each window's two halves, refined alike, do — half their difference (a
        // half without the motion to refine gives the coarse step: "not pinned to the
        // millisecond") — together with the windows' scatter about their mean.
        double ss = 0;
        for (size_t k = 0; k < xs.size(); ++k) {
            const double a = used[k], m = a + W / 2, b = a + W;
            std::vector<double> halves;
            for (const auto& [x0, x1] : {std::pair{a, m}, std::pair{m, b}})
                if (rmsOf(ref, x0, x1) >= o.minSignalRms)
                    if (const auto l =
                            refineLag(sc, ys[k], step, step / 2, x0, x1, o.minOverlap, nullptr))
                        halves.push_back(*l);
            const double half = halves.size() == 2 ? std::abs(halves[0] - halves[1]) / 2 : step;
            const double mean = (ys.front() + ys.back()) / 2;
            ss += half * half + (ys[k] - mean) * (ys[k] - mean);
        }
        e.residualNs = std::sqrt(ss / static_cast<double>(xs.size()));
    }
    // The line through the windows is the start of a fit over every sample at once.
    if (o.jointFit && e.driftEstimated) {
        if (const auto j = sc.fitJoint(e.offsetNs, e.drift, t0, refA, refB, o.robustPasses > 0,
                                       static_cast<double>(o.windowNs), 12);
            j && jointAgrees(*j, e.offsetNs, e.drift, xs, t0, f.rms)) {
            e.offsetNs = j->offset;
            e.drift = j->drift;
            double ss = 0;
            for (size_t i = 0; i < xs.size(); ++i)
                if (f.inlier[i]) {
                    const double r = ys[i] - e.offsetNs - e.drift * (xs[i] - t0);
                    ss += r * r;
                }
            e.residualNs = std::sqrt(ss / std::max(1, f.inliers));
        }
    }

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
