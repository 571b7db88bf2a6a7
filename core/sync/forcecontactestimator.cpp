#include "sync/forcecontactestimator.h"

#include "sync/fingerpaths.h"
#include "sync/robustline.h"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace ts::core::sync {

namespace {

using namespace fingerpaths;

constexpr double kNs = 1e9;

// The samples around one ramp's foot, with what every trial start needs of them once.
struct RampSamples {
    std::vector<double> t, y; // t ascending (ns)
    std::vector<double> cumY; // cumY[i] = y[0] + … + y[i − 1]
    double yy = 0;

    void prepare() {
        cumY.assign(y.size() + 1, 0.0);
        yy = 0;
        for (size_t i = 0; i < y.size(); ++i) {
            cumY[i + 1] = cumY[i] + y[i];
            yy += y[i] * y[i];
        }
    }
};

// Least squares of y = b + H(τ)·(a2 τ² + a3 τ³): the foot of a ramp that starts from rest
// (C1, as a pressing finger does). Returns the residual sum of squares. Samples on the flat
// side (τ = 0) enter only through their count and sum, so each trial start visits just the
// ramp side, accumulating the moments of τ by hand rather than 3 × 3 outer products: it is
// evaluated some 70 times per contact event.
double footCost(const RampSamples& s, double t1, bool rising) {
    const size_t n = s.t.size();
    size_t r0 = 0, r1 = n; // the ramp side [r0, r1)
    if (rising)
        r0 = static_cast<size_t>(std::upper_bound(s.t.begin(), s.t.end(), t1) - s.t.begin());
    else
        r1 = static_cast<size_t>(std::lower_bound(s.t.begin(), s.t.end(), t1) - s.t.begin());
    TauMoments mom;
    double y2 = 0, y3 = 0;
    for (size_t i = r0; i < r1; ++i) {
        const double tau = (rising ? s.t[i] - t1 : t1 - s.t[i]) / kNs;
        const double t2 = tau * tau, t3 = t2 * tau;
        mom.add(t2, t3);
        y2 += s.y[i] * t2;
        y3 += s.y[i] * t3;
    }
    const Eigen::Vector3d r(s.cumY[n], y2, y3);
    const Eigen::Vector3d p = mom.normal(static_cast<double>(n)).ldlt().solve(r);
    return std::max(0.0, s.yy - p.dot(r));
}

// The ramp start (rising) or end (falling) in [lo, hi]: a 4 ms grid, then golden section.
double fitFoot(RampSamples& s, double lo, double hi, bool rising) {
    s.prepare();
    return gridThenGolden(lo, hi, 4e6, 30, [&](double x) { return footCost(s, x, rising); });
}

struct ForceEvent {
    Hand hand;
    int finger;
    bool onset;
    double t; // force raw ns
};

// Contact starts and ends of one channel, each timed where the force leaves (or reaches) zero.
void channelEvents(const ForceSeries& fs, size_t ch, Hand hand, int finger,
                   const ForceContactOptions& o, std::vector<ForceEvent>& out) {
    const size_t n = fs.tNs.size(), nc = fs.channels.size();
    if (n < 16)
        return;
    auto F = [&](size_t i) { return fs.values[i * nc + ch]; };
    // The noise from at most 65 536 steps spread over the recording (all of a minute at 1 kHz):
    // its median is as good as that of every step, and a ten-minute recording's 600 000 would
    // cost more than the rest of the channel's work.
    const size_t stride = std::max<size_t>(1, (n - 1) / 65536);
    std::vector<double> d;
    d.reserve((n - 1) / stride + 1);
    for (size_t i = 1; i < n; i += stride)
        d.push_back(std::abs(F(i) - F(i - 1)));
    std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
    const double sigma = 1.4826 * d[d.size() / 2] / std::sqrt(2.0);
    const double on = std::max(o.onN, 6 * sigma), off = std::max(o.offN, 3 * sigma);
    const auto T = [&](size_t i) { return static_cast<double>(fs.tNs[i]); };
    auto collect = [&](double a, double b, std::vector<double>& ts, std::vector<double>& ys) {
        const size_t i0 = static_cast<size_t>(
            std::lower_bound(fs.tNs.begin(), fs.tNs.end(), static_cast<TimeNs>(a)) -
            fs.tNs.begin());
        for (size_t i = i0; i < n && T(i) <= b; ++i) {
            ts.push_back(T(i));
            ys.push_back(F(i));
        }
    };
    auto peak = [&](double a, double b) {
        double p = 0;
        for (size_t i = static_cast<size_t>(
                 std::lower_bound(fs.tNs.begin(), fs.tNs.end(), static_cast<TimeNs>(a)) -
                 fs.tNs.begin());
             i < n && T(i) <= b; ++i)
            p = std::max(p, F(i));
        return p;
    };
    const double search = static_cast<double>(o.footSearchNs);
    bool in = F(0) > on; // a contact under way at the start has no onset to time
    size_t start = 0;
    bool startValid = false;
    for (size_t i = 1; i < n; ++i) {
        if (!in && F(i) > on) {
            in = true;
            start = i;
            startValid = T(i) - search - 5e7 >= T(0);
        } else if (in && F(i) < off) {
            in = false;
            const size_t last = i - 1; // last sample in contact
            if (T(last) - T(start) < static_cast<double>(o.minContactNs)) {
                startValid = false;
                continue;
            }
            if (startValid) {
                // Foot of the rise: from before the search range to half the plateau.
                const double tc = T(start);
                const double half = 0.5 * peak(tc, tc + 4e8);
                double tHi = tc;
                for (size_t k = start; k < n && T(k) < tc + 4e8; ++k)
                    if (F(k) >= half) {
                        tHi = T(k);
                        break;
                    }
                RampSamples rs;
                collect(tc - search - 5e7, tHi, rs.t, rs.y);
                out.push_back({hand, finger, true, fitFoot(rs, tc - search, tc, true)});
            }
            // The fall to zero, mirrored: the last sample above `on` is the crossing.
            size_t lastOn = last;
            while (lastOn > start && F(lastOn) <= on)
                --lastOn;
            const double tc = T(lastOn);
            if (tc + search + 5e7 <= T(n - 1)) {
                const double half = 0.5 * peak(tc - 4e8, tc);
                double tLo = tc;
                for (size_t k = lastOn; k > start && T(k) > tc - 4e8; --k)
                    if (F(k) >= half) {
                        tLo = T(k);
                        break;
                    }
                RampSamples rs;
                collect(tLo, tc + search + 5e7, rs.t, rs.y);
                out.push_back({hand, finger, false, fitFoot(rs, tc, tc + search, false)});
            }
            startValid = false;
        }
    }
}

// An event's kind: hand × finger × arrival or departure (< 40), plus 100 × the path it took
// (splitKindsByPath).
int kindId(Hand hand, int finger, bool onset) {
    return 20 * (hand == Hand::Right ? 1 : 0) + 2 * finger + (onset ? 1 : 0);
}
Hand kindHand(int kind) {
    return kind % 100 >= 20 ? Hand::Right : Hand::Left;
}
size_t kindFinger(int kind) {
    return static_cast<size_t>((kind % 20) / 2);
}

// Events of one kind whose moves differ by more than 30 % (and 5 mm) from every path seen so
// far start a path of their own: kind += 100 × path, paths numbered in the order first seen.
void splitKindsByPath(std::vector<int>& kind, const std::vector<Eigen::Vector3d>& span) {
    struct Path {
        Eigen::Vector3d sum = Eigen::Vector3d::Zero();
        int count = 0;
    };
    std::map<int, std::vector<Path>> paths;
    for (size_t i = 0; i < kind.size(); ++i) {
        std::vector<Path>& ps = paths[kind[i]];
        size_t p = 0;
        for (; p < ps.size(); ++p) {
            const Eigen::Vector3d mean = ps[p].sum / ps[p].count;
            if ((span[i] - mean).norm() < std::max(0.005, 0.3 * mean.norm()))
                break;
        }
        if (p == ps.size())
            ps.emplace_back();
        ps[p].sum += span[i];
        ++ps[p].count;
        kind[i] += 100 * static_cast<int>(p);
    }
}

// The line through the inlier events again, with an intercept per kind of event (hand ×
// finger × arrival or departure) and one slope from the spread within each kind, weighted by
// how tightly that kind is timed (1 / its residual variance, floored at 2 ms): a finger whose
// motion is timed with a constant bias (its path, its speed near rest) moves its own
// intercept, not the slope, and the sharply timed kinds count for more. The offset at `centre`
// is the kinds' means about that slope, weighted by how well each is known (kindTimeSe, their
// events' scatter, and kindBiasNs for the biases between kinds). Kinds with fewer than three
// events are left out, and so are kinds whose median sits further than kindOutlierNs (or five
// robust standard deviations of the kinds' medians) from the median kind: the kinds' timing
// biases spread by a few milliseconds, a kind tens of milliseconds away matched the wrong move.
// With none left, there is no line (nullopt).
// `standardError` (ns) receives how far the line may be off, RMS over the events' times: the
// slope's and the offset's standard errors from each kind's errors and from how the kinds'
// means scatter beyond them.
std::optional<LineFit> classWiseLine(const std::vector<double>& x, const std::vector<double>& y,
                                     const std::vector<int>& kind, const LineFit& common,
                                     double centre, const std::map<int, double>& kindTimeSe,
                                     double kindBiasNs, double kindOutlierNs,
                                     double* standardError) {
    // Each kind's events about the common slope; those further than 4 robust standard
    // deviations (at least 3 ms) from the kind's median are out. Whole kinds sit apart by their
    // timing biases (index arrivals 2–3 ms early, departures as late), so the common line's
    // inliers would drop kinds rather than events.
    std::map<int, std::vector<size_t>> byKind;
    for (size_t i = 0; i < x.size(); ++i)
        byKind[kind[i]].push_back(i);
    auto median = [](std::vector<double> v) {
        const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
        std::nth_element(v.begin(), mid, v.end());
        return *mid;
    };
    // Which of v lie within max(floor, sds robust standard deviations) of v's median (*mid).
    auto nearMedian = [&](const std::vector<double>& v, double floor, double sds, double* mid) {
        *mid = median(v);
        std::vector<double> dev;
        for (double e : v)
            dev.push_back(std::abs(e - *mid));
        const double limit = std::max(floor, sds * 1.4826 * median(dev));
        std::vector<char> near;
        for (double d : dev)
            near.push_back(d <= limit ? 1 : 0);
        return near;
    };
    std::map<int, double> kindMedian; // each kind's median about the common slope
    for (auto& [k, idx] : byKind) {
        std::vector<double> r;
        for (size_t i : idx)
            r.push_back(y[i] - common.slope * (x[i] - centre));
        const std::vector<char> near = nearMedian(r, 3e6, 4, &kindMedian[k]);
        std::vector<size_t> kept;
        for (size_t j = 0; j < idx.size(); ++j)
            if (near[j])
                kept.push_back(idx[j]);
        idx = std::move(kept);
    }
    std::erase_if(byKind, [](const auto& kv) { return kv.second.size() < 3; });
    if (byKind.size() >= 3) {
        std::vector<int> kinds;
        std::vector<double> mids;
        for (const auto& [k, idx] : byKind) {
            kinds.push_back(k);
            mids.push_back(kindMedian.at(k));
        }
        double mid = 0;
        const std::vector<char> near = nearMedian(mids, kindOutlierNs, 5, &mid);
        for (size_t j = 0; j < kinds.size(); ++j)
            if (!near[j])
                byKind.erase(kinds[j]);
    }
    if (byKind.empty())
        return std::nullopt;
    LineFit out = common;
    out.inlier.assign(x.size(), 0);
    out.inliers = 0;
    for (const auto& [k, idx] : byKind)
        for (size_t i : idx) {
            out.inlier[i] = 1;
            ++out.inliers;
        }
    double slopeInfo = 0; // Σ cxx/sd²
    for (int round = 0; round < 3; ++round) { // the weights depend on the slope
        double sxy = 0, sxx = 0;
        for (const auto& [k, idx] : byKind) {
            double mx = 0, my = 0;
            for (size_t i : idx) {
                mx += x[i];
                my += y[i];
            }
            mx /= static_cast<double>(idx.size());
            my /= static_cast<double>(idx.size());
            double ss = 0, cxy = 0, cxx = 0;
            for (size_t i : idx) {
                const double r = (y[i] - my) - out.slope * (x[i] - mx);
                ss += r * r;
                cxy += (x[i] - mx) * (y[i] - my);
                cxx += (x[i] - mx) * (x[i] - mx);
            }
            const double sd = std::max(2e6, std::sqrt(ss / static_cast<double>(idx.size() - 2)));
            sxy += cxy / (sd * sd);
            sxx += cxx / (sd * sd);
        }
        slopeInfo = sxx;
        if (sxx <= 0)
            return std::nullopt;
        out.slope = sxy / sxx;
    }
    // The offset: the kinds' means about that slope, each weighted by how well it is known —
    // its own time's error (the foot fit's, kindTimeSe), its events' scatter over their number,
    // and the timing bias that sets one kind apart from another (kindBiasNs). A kind timed from
    // a sharp move counts more than one read from a slow one, but no more than the biases
    // allow: without that last term the sharpest kind's bias would decide the offset.
    std::vector<double> known;
    for (const auto& [k, idx] : byKind)
        if (const auto it = kindTimeSe.find(k); it != kindTimeSe.end() && !std::isnan(it->second))
            known.push_back(it->second * it->second);
    const double fallback = known.empty() ? 9e12 : median(known); // (3 ms)² with none
    std::vector<double> mean, var; // per kind: its mean about the slope, and its variance
    double spread = 0;             // Σ (x − centre)²
    size_t n = 0;
    for (const auto& [k, idx] : byKind) {
        double m = 0;
        for (size_t i : idx)
            m += y[i] - out.slope * (x[i] - centre);
        m /= static_cast<double>(idx.size());
        double ss = 0;
        for (size_t i : idx) {
            const double r = y[i] - out.slope * (x[i] - centre) - m;
            ss += r * r;
            spread += (x[i] - centre) * (x[i] - centre);
        }
        const auto it = kindTimeSe.find(k);
        const double own =
            it != kindTimeSe.end() && !std::isnan(it->second) ? it->second * it->second : fallback;
        const auto nk = static_cast<double>(idx.size());
        mean.push_back(m);
        var.push_back(own + ss / (nk - 1) / nk);
        n += idx.size();
    }
    const size_t kinds = mean.size();
    std::vector<double> weight(kinds);
    double weightSum = 0, weighted = 0;
    for (size_t k = 0; k < kinds; ++k) {
        weight[k] = 1 / (var[k] + kindBiasNs * kindBiasNs);
        weightSum += weight[k];
        weighted += weight[k] * mean[k];
    }
    out.intercept = weighted / weightSum; // every weight is finite and positive
    // How far that may be off: each kind's variance and the spread of the kinds' biases, as
    // far as their means scatter beyond what their own errors explain (DerSimonian–Laird:
    // the part of the offset's error that more events of the same kinds do not shrink), with
    // each kind's weight; and the slope's error over the events' times.
    double between = 0;
    if (kinds > 1) {
        double s1 = 0, s2 = 0, sm = 0;
        for (size_t k = 0; k < kinds; ++k) {
            s1 += 1 / var[k];
            s2 += 1 / (var[k] * var[k]);
            sm += mean[k] / var[k];
        }
        double q = 0;
        for (size_t k = 0; k < kinds; ++k)
            q += (mean[k] - sm / s1) * (mean[k] - sm / s1) / var[k];
        between = std::max(0.0, (q - static_cast<double>(kinds - 1)) / (s1 - s2 / s1));
    }
    double offsetVar = 0;
    for (size_t k = 0; k < kinds; ++k) {
        const double share = weight[k] / weightSum;
        offsetVar += share * share * (var[k] + between);
    }
    const double nn = static_cast<double>(n);
    *standardError = std::sqrt(offsetVar + spread / nn / slopeInfo);
    return out;
}

} // namespace

std::optional<std::pair<Hand, int>> forceChannelFinger(const std::string& channel) {
    std::string s;
    for (char c : channel)
        s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::optional<Hand> hand;
    for (const auto& [prefix, h] :
         std::initializer_list<std::pair<const char*, Hand>>{{"right", Hand::Right},
                                                             {"left", Hand::Left},
                                                             {"r_", Hand::Right},
                                                             {"l_", Hand::Left},
                                                             {"r-", Hand::Right},
                                                             {"l-", Hand::Left}})
        if (s.rfind(prefix, 0) == 0) {
            hand = h;
            break;
        }
    if (!hand)
        return std::nullopt;
    static const std::array<const char*, 5> fingers{"thumb", "index", "middle", "ring", "pinky"};
    for (size_t f = 0; f < 5; ++f)
        if (s.find(fingers[f]) != std::string::npos)
            return std::make_pair(*hand, static_cast<int>(f));
    return std::nullopt;
}

ForceContactEstimate estimateForceToHands(const ForceSeries& force,
                                          const std::vector<HandSample>& hands,
                                          const ForceContactOptions& o) {
    ForceContactEstimate out;
    ClockEstimate& e = out.estimate;
    std::vector<ForceEvent> events;
    bool anyFinger = false;
    for (size_t c = 0; c < force.channels.size(); ++c)
        if (auto hf = forceChannelFinger(force.channels[c])) {
            anyFinger = true;
            channelEvents(force, c, hf->first, hf->second, o, events);
        }
    if (!anyFinger) {
        e.note = "no force channel names a fingertip (e.g. right_index)";
        return out;
    }
    if (events.empty()) {
        e.note = "no contact in the force stream (no force above " +
                 std::to_string(o.onN).substr(0, 4) + " N with a start and an end)";
        return out;
    }
    std::sort(events.begin(), events.end(),
              [](const ForceEvent& a, const ForceEvent& b) { return a.t < b.t; });
    e.windows = static_cast<int>(events.size());
    std::map<Hand, FingerTracks> tracks;
    for (Hand h : {Hand::Left, Hand::Right})
        tracks[h] = fingerTracks(hands, h, o.palmSmoothNs);
    if (tracks[Hand::Left].t.size() < 6 && tracks[Hand::Right].t.size() < 6) {
        e.note = "too few hand samples to see fingertips arrive and leave";
        return out;
    }

    // Coarse lag: fingers move just before a contact starts and just after it ends, and hold
    // still in between. Score = mean speed on the moving side − on the still side.
    const double w = 1.5e8;
    std::vector<const ForceEvent*> coarse;
    const size_t stride = std::max<size_t>(1, events.size() / 300);
    for (size_t i = 0; i < events.size(); i += stride)
        coarse.push_back(&events[i]);
    std::vector<double> lags, scores;
    for (TimeNs L = -o.maxLagNs; L <= o.maxLagNs; L += o.coarseStepNs)
        lags.push_back(static_cast<double>(L));
    // Event by event, the lags in increasing order: the three ends of the two spans only move
    // forward, so each is found by a cursor instead of a binary search (the sums per lag are
    // taken in the same event order as lag by lag: the same scores up to rounding).
    std::vector<double> sums(lags.size(), 0.0);
    std::vector<int> counts(lags.size(), 0);
    for (const ForceEvent* ev : coarse) {
        const FingerTracks& tr = tracks[ev->hand];
        const size_t f = static_cast<size_t>(ev->finger);
        if (tr.t.size() < 2)
            continue;
        std::array<size_t, 3> cursor{1, 1, 1};
        auto integralAt = [&](size_t c, double x) {
            size_t& i = cursor[c];
            while (i < tr.t.size() && tr.t[i] <= x)
                ++i;
            const size_t k = std::clamp<size_t>(i, 1, tr.t.size() - 1);
            const double u = (x - tr.t[k - 1]) / (tr.t[k] - tr.t[k - 1]);
            return tr.speedIntegral[f][k - 1] +
                   u * (tr.speedIntegral[f][k] - tr.speedIntegral[f][k - 1]);
        };
        for (size_t l = 0; l < lags.size(); ++l) {
            const double th = ev->t + lags[l];
            if (th - w < tr.t.front() || th + w > tr.t.back())
                continue; // a span leaves the track
            const double i0 = integralAt(0, th - w), i1 = integralAt(1, th),
                         i2 = integralAt(2, th + w);
            const double before = (i1 - i0) / (w / kNs), after = (i2 - i1) / (w / kNs);
            sums[l] += ev->onset ? before - after : after - before;
            ++counts[l];
        }
    }
    for (size_t l = 0; l < lags.size(); ++l)
        scores.push_back(counts[l] ? sums[l] / counts[l] : 0.0);
    const size_t ib =
        static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
    const double best = scores[ib];
    double competitor = 0;
    for (size_t i = 1; i + 1 < scores.size(); ++i)
        if (std::abs(lags[i] - lags[ib]) > 1e8 && scores[i] >= scores[i - 1] &&
            scores[i] >= scores[i + 1])
            competitor = std::max(competitor, scores[i]);
    e.peakScore = best;
    e.uniqueness = best > 0 ? std::clamp((best - competitor) / best, 0.0, 1.0) : 0.0;
    if (best <= 0.005) { // < 5 mm/s contrast: the hands do not mirror the contacts
        e.note = "force contacts do not line up with fingertip motion within ±" +
                 std::to_string(o.maxLagNs / 1'000'000'000) + " s";
        return out;
    }
    const double coarseLag = lags[ib];

    // Fine: time each event's finger transition on the hands clock, near guessLag(its time).
    std::vector<double> x, y;
    std::vector<int> kind;              // finger × direction × hand (classWiseLine)
    std::vector<Eigen::Vector3d> spans; // each event's whole move (splitKindsByPath)
    // A pass again keeps an event's earlier time where that lies well inside its new search
    // range (the same fit would find it again), so the second pass fits only the others.
    std::vector<double> timed(events.size(), std::numeric_limits<double>::quiet_NaN());
    auto timeEvents = [&](auto&& guessLag) {
        x.clear();
        y.clear();
        kind.clear();
        spans.clear();
        out.events.clear();
        for (size_t i = 0; i < events.size(); ++i) {
            const ForceEvent& ev = events[i];
            ContactEvent ce{ev.hand, ev.finger, ev.onset, ev.t, 0, false};
            const FingerTracks& tr = tracks[ev.hand];
            const double guess = ev.t + guessLag(ev.t);
            double th = timed[i];
            if (std::isnan(th) ||
                std::abs(th - guess) > static_cast<double>(o.handSearchNs) - 10e6) {
                double travel = 0;
                th = fitFingerFoot(tr, static_cast<size_t>(ev.finger), guess, ev.onset, o, &travel);
                if (travel < o.minTravelM)
                    th = std::numeric_limits<double>::quiet_NaN();
                timed[i] = th;
            }
            if (!std::isnan(th)) {
                spans.push_back(moveSpan(tr, static_cast<size_t>(ev.finger), th, ev.onset));
                ce.handTimeNs = th;
                ce.matched = true;
                x.push_back(ev.t);
                y.push_back(th - ev.t);
                kind.push_back(kindId(ev.hand, ev.finger, ev.onset));
            }
            out.events.push_back(ce);
        }
    };
    timeEvents([&](double) { return coarseLag; });
    // The coarse lag is one number, but a clock drifting by 100 ppm moves it by 60 ms over ten
    // minutes, and the fine search reaches ±handSearchNs around it: the events far from the
    // lag's moment fell outside and were lost (a third to a half of them on the bench's 600 s
    // recordings), and those near the edge were kept only when noise pulled their fit inside.
    // So the events are timed again around a first line through those found (a line through
    // every kind, a few ms off at most: the search only needs to be centred), and that pass is
    // kept if it times more of them.
    if (static_cast<int>(x.size()) >= o.minEvents && x.back() - x.front() >= 10 * kNs) {
        double centre = 0;
        const LineFit first = fitLineRobustCentred(x, y, 3e6, &centre);
        if (std::abs(first.slope) * (x.back() - x.front()) >
            0.1 * static_cast<double>(o.handSearchNs)) {
            auto saved = std::tuple(x, y, kind, spans, out.events);
            timeEvents([&](double t) { return first.intercept + first.slope * (t - centre); });
            if (x.size() < std::get<0>(saved).size())
                std::tie(x, y, kind, spans, out.events) = std::move(saved);
        }
    }
    // Sharpen each kind's events against the path of its other events: a kind is one finger's
    // arrival or departure along one path.
    splitKindsByPath(kind, spans);
    std::map<int, double> kindTimeSe; // each kind's own time's standard error (ns)
    if (o.templateRounds > 0) {
        std::map<int, std::vector<size_t>> byKind;
        for (size_t i = 0; i < x.size(); ++i)
            byKind[kind[i]].push_back(i);
        for (const auto& [k, idx] : byKind) {
            std::vector<double> te;
            for (size_t i : idx)
                te.push_back(x[i] + y[i]);
            kindTimeSe[k] =
                retimeAgainstKind(tracks[kindHand(k)], kindFinger(k), k % 2 == 1, te, o);
            for (size_t j = 0; j < idx.size(); ++j)
                y[idx[j]] = te[j] - x[idx[j]];
        }
        size_t j = 0;
        for (ContactEvent& ce : out.events)
            if (ce.matched)
                ce.handTimeNs = ce.forceTimeNs + y[j++];
    }
    e.usedWindows = static_cast<int>(x.size());
    if (static_cast<int>(x.size()) < o.minEvents) {
        e.note = "only " + std::to_string(x.size()) +
                 " contact events could be timed in both the force and the hands";
        return out;
    }
    double centre = 0;
    const LineFit fit = fitLineRobustCentred(x, y, 1e6, &centre);
    const double span = (x.back() - x.front()) / kNs;
    e.estimated = true;
    e.t0Ns = static_cast<TimeNs>(std::llround(centre));
    // How far the line may be off (RMS over the recording): without drift, the offset's
    // standard error alone.
    double standardError = fit.rms / std::sqrt(static_cast<double>(std::max(1, fit.inliers)));
    int inliers = fit.inliers;
    // The drift only from kinds with events spread over time: a line through events of
    // different kinds would mix their timing biases into the slope.
    std::optional<LineFit> byKind;
    if (span >= 10 && fit.inliers >= 2 * o.minEvents)
        byKind =
            classWiseLine(x, y, kind, fit, centre, kindTimeSe, static_cast<double>(o.kindBiasNs),
                          static_cast<double>(o.kindOutlierNs), &standardError);
    e.driftEstimated = byKind.has_value();
    if (byKind) {
        e.offsetNs = byKind->intercept;
        e.drift = byKind->slope;
        inliers = byKind->inliers;
    } else {
        std::vector<double> in;
        for (size_t i = 0; i < y.size(); ++i)
            if (fit.inlier[i])
                in.push_back(y[i]);
        std::nth_element(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(in.size() / 2),
                         in.end());
        e.offsetNs = in[in.size() / 2];
        e.drift = 0;
        e.note = "too few contacts of each kind over too short a time to estimate drift";
    }
    // Single events scatter by 2–15 ms, so their RMS about the line says little; 5 s means of
    // them (as estimateClock's windows) could sit on a line that was far off (a 30 s
    // recording's scattered 0.3 ms about a drift 300 ppm wrong). What QC's tolerance needs is
    // how well the events pin the line: its standard error is the residual reported.
    e.residualNs = standardError;
    e.inliers = inliers;
    const double cEvents = std::min(1.0, inliers / (3.0 * o.minEvents));
    const double cInliers = static_cast<double>(inliers) / static_cast<double>(x.size());
    const double cUnique = std::clamp(e.uniqueness / 0.3, 0.0, 1.0);
    // The line's standard error: 0.5 ms or better counts fully, 2.5 ms or worse not at all.
    const double cResidual = std::clamp(1.0 - (standardError - 0.5e6) / 2e6, 0.0, 1.0);
    e.confidence = cEvents * cInliers * cUnique * cResidual * (e.driftEstimated ? 1.0 : 0.6);
    if (inliers < o.minEvents) {
        e.confidence = 0;
        e.note = "the contact events disagree about the lag";
    }
    return out;
}

VectorSignal fingertipSpeedSignal(const std::vector<HandSample>& hands, Hand hand,
                                  const ForceContactOptions& o) {
    const FingerTracks tr = fingerTracks(hands, hand, o.palmSmoothNs);
    VectorSignal out;
    // Each tip's displacement across ±50 ms: over single 33 ms steps the tracking noise alone
    // reads as a third of a reaching speed.
    constexpr double kHalfSpan = 50e6;
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < tr.t.size(); ++i) {
        while (tr.t[lo] < tr.t[i] - kHalfSpan)
            ++lo;
        while (hi + 1 < tr.t.size() && tr.t[hi + 1] <= tr.t[i] + kHalfSpan)
            ++hi;
        if (hi == lo)
            continue;
        double speed = 0;
        for (size_t f = 0; f < 5; ++f)
            speed += (tr.tip[f][hi] - tr.tip[f][lo]).norm() / ((tr.t[hi] - tr.t[lo]) / kNs);
        out.t.push_back(static_cast<TimeNs>(std::llround(tr.t[i])));
        out.v.push_back({speed, 0.0, 0.0});
    }
    return out;
}

VectorSignal handForceSignal(const ForceSeries& force, Hand hand) {
    std::vector<size_t> channels;
    for (size_t c = 0; c < force.channels.size(); ++c)
        if (const auto hf = forceChannelFinger(force.channels[c]); hf && hf->first == hand)
            channels.push_back(c);
    VectorSignal out;
    if (channels.empty())
        return out;
    const size_t nc = force.channels.size();
    for (size_t i = 0; i < force.tNs.size(); ++i) {
        double sum = 0;
        for (size_t c : channels)
            sum += force.values[i * nc + c];
        out.t.push_back(force.tNs[i]);
        out.v.push_back({sum, 0.0, 0.0});
    }
    return out;
}

} // namespace ts::core::sync
