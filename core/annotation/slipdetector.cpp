#include "annotation/slipdetector.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <string>

namespace ts::core::annotation {

namespace {

TimeNs secondsNs(double s) {
    return static_cast<TimeNs>(std::llround(s * 1e9));
}

double distance(const Vec3& a, const Vec3& b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                     (a[2] - b[2]) * (a[2] - b[2]));
}

// Largest displacement of any fingertip relative to the wrist over [from, to], measured from
// the hand's last sample at or before `from`; -1 when the hand has no samples there.
double tipMotion(const std::vector<HandSample>& hands, Hand hand, TimeNs from, TimeNs to) {
    const HandSample* ref = nullptr;
    double best = -1;
    for (const HandSample& s : hands) {
        if (s.hand != hand)
            continue;
        if (s.tNs <= from) {
            ref = &s;
            continue;
        }
        if (s.tNs > to)
            break;
        if (!ref)
            ref = &s;
        best = std::max(best, 0.0);
        for (int tip : kFingertips) {
            Vec3 now, was;
            for (int k = 0; k < 3; ++k) {
                now[k] = s.joints[tip][k] - s.joints[Wrist][k];
                was[k] = ref->joints[tip][k] - ref->joints[Wrist][k];
            }
            best = std::max(best, distance(now, was));
        }
    }
    return best;
}

std::vector<SlipCandidate> detectHand(const std::vector<HandSample>& hands,
                                      const ForceSeries& force, Hand hand,
                                      const SlipDetectorOptions& o) {
    const std::string prefix = std::string(handName(hand)) + "_";
    std::vector<size_t> cols;
    for (size_t c = 0; c < force.channels.size(); ++c)
        if (force.channels[c].rfind(prefix, 0) == 0)
            cols.push_back(c);
    const size_t n = force.tNs.size(), nc = force.channels.size();
    if (cols.empty() || n < 3)
        return {};

    // Total force, smoothed with a trailing mean.
    std::vector<double> g(n);
    {
        const TimeNs smooth = secondsNs(o.smoothSeconds);
        double sum = 0;
        size_t first = 0;
        std::vector<double> raw(n);
        for (size_t i = 0; i < n; ++i) {
            double v = 0;
            for (size_t c : cols)
                v += force.values[i * nc + c];
            raw[i] = v;
            sum += v;
            while (force.tNs[i] - force.tNs[first] > smooth)
                sum -= raw[first++];
            g[i] = sum / static_cast<double>(i - first + 1);
        }
    }

    // Samples below (1 - minDrop) of the window's peak while some grip remains.
    const TimeNs window = secondsNs(o.windowSeconds);
    std::deque<size_t> maxq; // indices with decreasing g: the window maximum at the front
    std::vector<size_t> peakOf(n);
    std::vector<char> low(n, 0);
    for (size_t i = 0; i < n; ++i) {
        while (!maxq.empty() && g[maxq.back()] <= g[i])
            maxq.pop_back();
        maxq.push_back(i);
        while (force.tNs[i] - force.tNs[maxq.front()] > window)
            maxq.pop_front();
        peakOf[i] = maxq.front();
        const double peak = g[peakOf[i]];
        low[i] = peak >= o.minGripN && g[i] <= peak * (1.0 - o.minDropFraction) &&
                 g[i] >= o.minResidualN;
    }

    std::vector<SlipCandidate> out;
    const TimeNs lookahead = secondsNs(o.lookaheadSeconds);
    for (size_t i = 0; i < n;) {
        if (!low[i]) {
            ++i;
            continue;
        }
        size_t j = i;
        while (j + 1 < n && low[j + 1])
            ++j;
        const size_t p = peakOf[i];
        const double peak = g[p];
        size_t m = i;
        for (size_t k = i; k <= j; ++k)
            if (g[k] < g[m])
                m = k;
        // A release: the grip goes on falling to (nearly) nothing right after.
        bool released = false;
        for (size_t k = j + 1; k < n && force.tNs[k] - force.tNs[j] <= lookahead; ++k)
            if (g[k] < o.minResidualN)
                released = true;
        if (!released) {
            SlipCandidate c;
            c.hand = hand;
            // The drop begins where the grip last stood near its peak, and the slip lasts while
            // the grip stays near its minimum.
            size_t s = p;
            for (size_t k = p; k <= m; ++k)
                if (g[k] >= peak * 0.95)
                    s = k;
            size_t e = m;
            const double lowLevel = g[m] + 0.15 * (peak - g[m]);
            while (e + 1 < n && g[e + 1] <= lowLevel)
                ++e;
            c.startNs = force.tNs[s];
            c.endNs = force.tNs[e];
            c.peakN = peak;
            c.minN = g[m];
            c.dropFraction = 1.0 - g[m] / peak;
            c.tipMotionM = tipMotion(hands, hand, c.startNs, c.endNs);
            const bool moved = c.tipMotionM < 0 || c.tipMotionM >= o.minTipMotionM;
            if (moved) {
                const double motionScore =
                    c.tipMotionM < 0 ? 0.5
                                     : std::min(1.0, c.tipMotionM / (3.0 * o.minTipMotionM));
                c.score = std::clamp(c.dropFraction * motionScore, 0.0, 1.0);
                if (!out.empty() && out.back().hand == hand && c.startNs <= out.back().endNs) {
                    out.back().endNs = std::max(out.back().endNs, c.endNs);
                    out.back().score = std::max(out.back().score, c.score);
                } else {
                    out.push_back(c);
                }
            }
        }
        i = j + 1;
    }
    return out;
}

} // namespace

std::vector<SlipCandidate> detectSlips(const std::vector<HandSample>& hands,
                                       const ForceSeries& force, const SlipDetectorOptions& o) {
    std::vector<SlipCandidate> out = detectHand(hands, force, Hand::Left, o);
    for (const SlipCandidate& c : detectHand(hands, force, Hand::Right, o))
        out.push_back(c);
    std::sort(out.begin(), out.end(), [](const SlipCandidate& a, const SlipCandidate& b) {
        return a.startNs < b.startNs;
    });
    return out;
}

} // namespace ts::core::annotation
