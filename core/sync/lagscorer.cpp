#include "sync/lagscorer.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <utility>

namespace ts::core::sync {

inline Vec3 LagScorer::integralAt(const VectorSignal& d, double t) const {
    // From the sample at the start of t's stretch of one mean interval (the walks below make
    // the start exact, so the rounding of u0 does not matter).
    const double u0 = (t - static_cast<double>(d.t.front())) * perBucket_;
    size_t j = atBucket_[std::min(atBucket_.size() - 1, static_cast<size_t>(std::max(0.0, u0)))];
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

inline Vec3 LagScorer::boxMean(const VectorSignal& d, double t, size_t* hint, double box) const {
    if (box <= 0)
        return interpolate(d, t, hint);
    const double a = std::max(t - box / 2, static_cast<double>(d.t.front()));
    const double b = std::min(t + box / 2, static_cast<double>(d.t.back()));
    if (b <= a)
        return interpolate(d, t, hint);
    const Vec3 ia = integralAt(d, a);
    const Vec3 ib = integralAt(d, b);
    Vec3 r;
    for (int k = 0; k < 3; ++k)
        r[k] = (ib[k] - ia[k]) / (b - a);
    return r;
}

template <typename F>
void LagScorer::forPairs(double lag, double a, double b, F&& f, size_t* total) const {
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
    const double dFirst = static_cast<double>(d.t.front()), dLast = static_cast<double>(d.t.back());
    for (; i < s.size() && static_cast<double>(s.t[i]) < hi; ++i) {
        ++count;
        const double tq = static_cast<double>(s.t[i]) + shift;
        if (tq < dFirst || tq > dLast)
            continue;
        if (!hintSet) {
            hint = static_cast<size_t>(std::max<std::ptrdiff_t>(
                0, std::lower_bound(d.t.begin(), d.t.end(), tq,
                                    [](TimeNs x, double y) { return static_cast<double>(x) < y; }) -
                       d.t.begin() - 1));
            hintSet = true;
        }
        Vec3 y = boxMean(d, tq, &hint, boxOf(i));
        Vec3 x = s.v[i];
        Vec3& o = refSparse_ ? y : x; // the other signal's value
        for (int k = 0; k < 3; ++k)
            o[k] -= bias_[k];
        if constexpr (std::is_invocable_v<F, size_t, const Vec3&, const Vec3&>)
            f(i, x, y);
        else
            f(x, y, weightOf(i));
    }
    if (total)
        *total = count;
}

LagScorer::LagScorer(const VectorSignal& ref, const VectorSignal& other, bool removeMean)
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
        perBucket_ = 1 / bucket_;
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

void LagScorer::setRobustWeights(double lag, double a, double b) {
    if (weight_.empty())
        weight_.assign(sparse().size(), 1.0);
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

std::optional<Vec3> LagScorer::meanDifference(double lag, double a, double b) const {
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

std::optional<double> LagScorer::score(double lag, double a, double b, double minOverlap) const {
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

std::optional<LagScorer::JointLine> LagScorer::fitJoint(double o, double d, double t0, double a,
                                                        double b, bool robust, double block,
                                                        int iterations) const {
    const VectorSignal& s = sparse();
    const VectorSignal& dn = dense();
    if (s.size() < 8 || dn.size() < 2)
        return std::nullopt;
    const double dFirst = static_cast<double>(dn.t.front()),
                 dLast = static_cast<double>(dn.t.back());
    struct Row {
        double u;  // (x − t0) in seconds: the drift's lever
        double jo; // d lag / d offset
        Vec3 r, g; // residual and its derivative with respect to the lag
        double w;  // prior weight
        long blk;  // block of the sample's time, for the robust scale
    };
    std::vector<Row> rows;
    std::vector<double> mags;
    JointLine line{o, d, 0};
    for (int iter = 0; iter < iterations; ++iter) {
        rows.clear();
        size_t hint = 0;
        for (size_t i = 0; i < s.size(); ++i) {
            const double ts = static_cast<double>(s.t[i]);
            // The sample's time on both clocks, and the dense signal's time.
            double x, lag, jo;
            if (refSparse_) {
                if (ts < a || ts >= b)
                    continue;
                x = (ts - line.offset + line.drift * t0) / (1 + line.drift);
                lag = ts - x;
                jo = 1 / (1 + line.drift);
            } else {
                x = ts;
                lag = line.offset + line.drift * (x - t0);
                if (ts + lag < a || ts + lag >= b)
                    continue;
                jo = 1;
            }
            const double tq = refSparse_ ? ts - lag : ts + lag;
            const double h = boxOf(i);
            if (h <= 0 || tq - h / 2 < dFirst || tq + h / 2 > dLast)
                continue;
            Vec3 y = boxMean(dn, tq, &hint, h);
            const Vec3 y0 = interpolate(dn, tq - h / 2, &hint);
            const Vec3 y1 = interpolate(dn, tq + h / 2, &hint);
            Vec3 xv = s.v[i];
            Vec3& ov = refSparse_ ? y : xv;
            for (int k = 0; k < 3; ++k)
                ov[k] -= bias_[k];
            Row row;
            row.u = (x - t0) * 1e-9;
            row.jo = jo;
            const double sign = refSparse_ ? 1.0 : -1.0; // r = x − y(ts ∓ lag)
            for (int k = 0; k < 3; ++k) {
                row.r[k] = xv[k] - y[k];
                row.g[k] = sign * (y1[k] - y0[k]) / h;
            }
            row.w = s.weight.size() == s.size() ? s.weight[i] : 1.0;
            row.blk = static_cast<long>(std::floor((ts - a) / block));
            rows.push_back(row);
        }
        if (rows.size() < 8)
            return std::nullopt;
        line.samples = rows.size();
        if (robust) {
            // Rows come in time order, so each block is one run.
            for (size_t i = 0; i < rows.size();) {
                size_t j = i;
                mags.clear();
                for (; j < rows.size() && rows[j].blk == rows[i].blk; ++j)
                    mags.push_back(std::sqrt(rows[j].r[0] * rows[j].r[0] +
                                             rows[j].r[1] * rows[j].r[1] +
                                             rows[j].r[2] * rows[j].r[2]));
                auto mid = mags.begin() + static_cast<std::ptrdiff_t>(mags.size() / 2);
                std::nth_element(mags.begin(), mid, mags.end());
                const double c = std::max(1e-12, 2 * *mid); // as the windows' weights
                for (size_t k = i; k < j; ++k) {
                    const double m2 = (rows[k].r[0] * rows[k].r[0] + rows[k].r[1] * rows[k].r[1] +
                                       rows[k].r[2] * rows[k].r[2]) /
                                      (c * c);
                    rows[k].w /= 1 + m2;
                }
                i = j;
            }
        }
        // Normal equations in (offset ns, drift·1e9 ns/s).
        double h00 = 0, h01 = 0, h11 = 0, g0 = 0, g1 = 0;
        for (const Row& row : rows) {
            double gg = 0, gr = 0;
            for (int k = 0; k < 3; ++k) {
                gg += row.g[k] * row.g[k];
                gr += row.g[k] * row.r[k];
            }
            const double jd = row.jo * row.u;
            h00 += row.w * gg * row.jo * row.jo;
            h01 += row.w * gg * row.jo * jd;
            h11 += row.w * gg * jd * jd;
            g0 += row.w * gr * row.jo;
            g1 += row.w * gr * jd;
        }
        const double det = h00 * h11 - h01 * h01;
        if (!(det > 0))
            return std::nullopt;
        // r(lag + δ) ≈ r + g·δ: the step that minimises Σ w|r + g·δ|².
        double dOff = -(h11 * g0 - h01 * g1) / det;
        double dDrift = -(h00 * g1 - h01 * g0) / det;
        // Stay in the basin the start was found in: at most a millisecond per step.
        const double limit = 1e6;
        const double scale = std::max({1.0, std::abs(dOff) / limit});
        dOff /= scale;
        dDrift /= scale;
        line.offset += dOff;
        line.drift += dDrift * 1e-9;
        if (std::abs(dOff) < 20 && std::abs(dDrift) < 20)
            break; // below 20 ns and 0.02 ppm: settled
    }
    return line;
}

} // namespace ts::core::sync
