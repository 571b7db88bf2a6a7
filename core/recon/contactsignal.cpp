#include "recon/contactsignal.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ts::core::recon {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// The tip of `finger` in the palm frame of `j` (device-frame joints), its origin the palm's
// centre (wrist and the four knuckles): a finger or thumb closing on an object brings its tip
// nearer to it, one opening takes it away.
Eigen::Vector3f palmTip(const Joints3& j, int finger) {
    const Eigen::Vector3d w = j[Wrist];
    const Eigen::Vector3d o = (w + j[IndexMcp] + j[MiddleMcp] + j[RingMcp] + j[PinkyMcp]) / 5.0;
    const Eigen::Vector3d x = (j[IndexMcp] - w).normalized();
    const Eigen::Vector3d z = x.cross(j[PinkyMcp] - w).normalized();
    Eigen::Matrix3d R;
    R.col(0) = x;
    R.col(1) = z.cross(x);
    R.col(2) = z;
    return (R.transpose() * (j[static_cast<size_t>(kFingertips[static_cast<size_t>(finger)])] - o))
        .cast<float>();
}

double seconds(TimeNs a, TimeNs b) {
    return static_cast<double>(a - b) * 1e-9;
}

// Zero crossing of the line fitted to (t, sqrt(y)) (t in seconds relative to t0); nullopt for
// fewer than two points or a line that does not fall.
std::optional<double> sqrtZeroCrossing(const std::vector<std::pair<double, double>>& pts) {
    if (pts.size() < 2)
        return std::nullopt;
    double st = 0, sy = 0, stt = 0, sty = 0;
    for (const auto& [t, y] : pts) {
        const double r = std::sqrt(y);
        st += t, sy += r, stt += t * t, sty += t * r;
    }
    const double n = static_cast<double>(pts.size());
    const double den = n * stt - st * st;
    if (std::abs(den) < 1e-18)
        return std::nullopt;
    const double beta = (n * sty - st * sy) / den;
    const double alpha = (sy - beta * st) / n;
    if (!(beta < 0))
        return std::nullopt;
    return -alpha / beta;
}

TimeNs toNs(TimeNs t0, double s) {
    return t0 + static_cast<TimeNs>(std::llround(s * 1e9));
}

bool usableGap(const FingertipTrack& tr, size_t i, const ContactSettings& st) {
    return tr.gapM[i] && *tr.gapM[i] >= -st.skinM;
}

// Onset of a contact seen against a surface, first detected at frame k and lasting to `end`.
TimeNs refineGapOnset(const ContactSignal& s, const FingertipTrack& tr, size_t k, size_t end,
                      const ContactSettings& st) {
    // The gap while touching: the median over the contact's first frames.
    std::vector<double> plateau;
    for (size_t i = k; i < end && plateau.size() < 15; ++i)
        if (usableGap(tr, i, st))
            plateau.push_back(*tr.gapM[i]);
    std::nth_element(plateau.begin(), plateau.begin() + static_cast<long>(plateau.size() / 2),
                     plateau.end());
    const double g0 = plateau[plateau.size() / 2];
    const double eps = 5e-5;
    const TimeNs t0 = s.times[k];
    std::vector<std::pair<double, double>> pts;
    // Back from k while the gap grows (the approach), then on after k while it still shrinks.
    double prev = std::numeric_limits<double>::infinity();
    size_t first = k;
    for (size_t j = k + 1; j-- > (k >= 6 ? k - 6 : 0);) {
        if (!usableGap(tr, j, st))
            break;
        const double y = *tr.gapM[j] - g0;
        if (j < k && (y <= eps || y < prev))
            break;
        if (y > eps) {
            pts.emplace_back(seconds(s.times[j], t0), y);
            first = j;
        }
        prev = std::max(y, 0.0);
    }
    size_t last = k;
    prev = usableGap(tr, k, st) ? *tr.gapM[k] - g0 : 0;
    for (size_t j = k + 1; j < std::min(end, k + 3); ++j) {
        if (!usableGap(tr, j, st))
            break;
        const double y = *tr.gapM[j] - g0;
        if (y <= eps || y > prev)
            break;
        pts.emplace_back(seconds(s.times[j], t0), y);
        last = j;
        prev = y;
    }
    // The three frames nearest the contact: farther ones are where the approach still
    // accelerated or another joint's motion dominated.
    std::sort(pts.begin(), pts.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    if (pts.size() > 3)
        pts.resize(3);
    const auto z = sqrtZeroCrossing(pts);
    if (!z)
        return t0;
    const double lo = seconds(s.times[first], t0);
    // The last frames of a braking approach sit within the plane's noise of touching: the
    // onset may lie up to two frames past the last one still measurably apart.
    const double hi = seconds(s.times[std::min(last + 2, s.times.size() - 1)], t0);
    return toNs(t0, std::clamp(*z, lo, hi));
}

// Onset of a hidden tip's contact: its finger came to rest at frame k.
TimeNs refineRestOnset(const ContactSignal& s, const FingertipTrack& tr, size_t k, size_t end) {
    // Where it rests: a couple of frames in, past what interpolation of the hand stream
    // smears across the onset.
    const size_t pk = std::min(k + 2, end - 1);
    const Eigen::Vector3f P = tr.palmTip[pk] ? *tr.palmTip[pk] : *tr.palmTip[k];
    const TimeNs t0 = s.times[k];
    // The frame before k may already be at rest (the step into it was still above the rest
    // speed): the onset lies after k − 2. Frames at rest are skipped, the approach is fitted.
    std::vector<std::pair<double, double>> pts;
    double prev = 0;
    for (size_t j = k; j-- > (k >= 5 ? k - 5 : 0);) {
        if (!tr.palmTip[j])
            break;
        const double r = static_cast<double>((*tr.palmTip[j] - P).norm());
        if (r <= 5e-5 && pts.empty())
            continue;
        if (r <= 5e-5 || r < prev)
            break;
        pts.emplace_back(seconds(s.times[j], t0), r);
        prev = r;
    }
    const auto z = sqrtZeroCrossing(pts);
    if (!z || k == 0)
        return t0;
    return toNs(t0, std::clamp(*z, seconds(s.times[k >= 2 ? k - 2 : 0], t0), 0.0));
}

} // namespace

double ContactSignal::probabilityAt(Hand h, int finger, TimeNs t) const {
    const auto& p = track(h, finger).probability;
    if (times.empty() || t < times.front() || t > times.back())
        return std::numeric_limits<double>::quiet_NaN();
    const size_t i = static_cast<size_t>(std::lower_bound(times.begin(), times.end(), t) -
                                         times.begin());
    if (times[i] == t)
        return p[i];
    const double a = static_cast<double>(t - times[i - 1]) /
                     static_cast<double>(times[i] - times[i - 1]);
    return (1 - a) * p[i - 1] + a * p[i];
}

void appendContactFrame(ContactSignal& signal, TimeNs t,
                        const std::array<std::optional<Joints3>, 2>& joints,
                        const std::array<std::array<FingertipObservation, 5>, 2>& observed,
                        const ContactSettings& st) {
    signal.times.push_back(t);
    for (Hand h : {Hand::Left, Hand::Right}) {
        const size_t hi = static_cast<size_t>(h);
        for (int f = 0; f < 5; ++f) {
            FingertipTrack& tr = signal.track(h, f);
            const FingertipObservation& o = observed[hi][static_cast<size_t>(f)];
            const bool seen = joints[hi].has_value();
            tr.gapM.push_back(seen && o.distanceM
                                  ? std::optional<double>(*o.distanceM - st.tipRadiusM)
                                  : std::nullopt);
            tr.hidden.push_back(seen && o.hidden ? 1 : 0);
            tr.palmTip.push_back(seen ? std::optional<Eigen::Vector3f>(palmTip(*joints[hi], f))
                                      : std::nullopt);
            tr.probability.push_back(kNaN);
        }
    }
}

std::vector<ContactInterval> contactIntervals(const ContactSignal& s, Hand hand, int finger,
                                              const ContactSettings& st) {
    const FingertipTrack& tr = s.track(hand, finger);
    const size_t n = s.times.size();
    std::vector<ContactInterval> out;
    bool in = false, kinematic = false;
    size_t start = 0;
    int lastMotion = 0; // +1 closing, -1 opening, 0 unknown
    auto close = [&](size_t endFrame, TimeNs endNs) {
        const TimeNs on = kinematic ? refineRestOnset(s, tr, start, endFrame)
                                    : refineGapOnset(s, tr, start, endFrame, st);
        out.push_back({hand, finger, on, std::max(endNs, on)});
        in = false;
    };
    for (size_t i = 0; i < n; ++i) {
        bool moving = false;
        const bool motionKnown = i > 0 && tr.palmTip[i] && tr.palmTip[i - 1];
        if (motionKnown) {
            const Eigen::Vector3f& a = *tr.palmTip[i - 1];
            const Eigen::Vector3f& b = *tr.palmTip[i];
            moving = (b - a).norm() > st.restSpeedMps * seconds(s.times[i], s.times[i - 1]);
            if (moving)
                lastMotion = b.norm() < a.norm() ? +1 : -1;
        }
        const bool opening = motionKnown && moving && lastMotion == -1;
        // A seen contact starts only from a tip seen apart from the surface in the frame
        // before: a gap that appears already closed is skin of a neighbouring finger.
        const bool wasApart = i > 0 && usableGap(tr, i - 1, st) && *tr.gapM[i - 1] >= st.onM;
        if (usableGap(tr, i, st)) {
            const double g = *tr.gapM[i];
            if (!in && g < st.onM && wasApart) {
                in = true, kinematic = false, start = i;
            } else if (in && !kinematic && g > st.offM) {
                close(i, s.times[i]);
            } else if (in && kinematic && opening) {
                close(i, s.times[i]);
            }
        } else if (tr.hidden[i] && motionKnown) {
            // A contact found on a hidden face ends when the finger opens, not when some
            // other surface comes into view near it.
            if (!in && !moving && lastMotion == +1) {
                in = true, kinematic = true, start = i;
            } else if (in && opening) {
                close(i, s.times[i]);
            }
        } else if (in && !tr.palmTip[i] && !usableGap(tr, i, st)) {
            close(i, s.times[i]); // the hand is lost: nothing tells the contact goes on
        }
    }
    if (in)
        close(n, s.times.back());
    // A contact of a single frame is depth noise around the threshold, not a touch.
    std::erase_if(out, [&](const ContactInterval& c) {
        return n > 1 && c.endNs - c.startNs < (s.times[1] - s.times[0]) * 3 / 2;
    });
    return out;
}

void updateContactProbabilities(ContactSignal& s, const ContactSettings& st) {
    const double mid = 0.5 * (st.onM + st.offM), width = 0.0003;
    for (Hand h : {Hand::Left, Hand::Right})
        for (int f = 0; f < 5; ++f) {
            FingertipTrack& tr = s.track(h, f);
            const auto iv = contactIntervals(s, h, f, st);
            size_t k = 0;
            for (size_t i = 0; i < s.times.size(); ++i) {
                const TimeNs t = s.times[i];
                while (k < iv.size() && iv[k].endNs <= t)
                    ++k;
                if (usableGap(tr, i, st))
                    tr.probability[i] =
                        static_cast<float>(1.0 / (1.0 + std::exp((*tr.gapM[i] - mid) / width)));
                else if (tr.hidden[i] && tr.palmTip[i])
                    tr.probability[i] = k < iv.size() && iv[k].startNs <= t ? 1.0f : 0.0f;
                else
                    tr.probability[i] = kNaN;
            }
        }
}

ContactSignal computeContactSignal(EpisodeSources& src, const HandsInWorld& hands,
                                   const ContactSettings& st, const std::atomic<bool>* cancel,
                                   const std::function<void(double)>& progress) {
    const BackProjector& bp = src.projector();
    const size_t pixels = static_cast<size_t>(bp.depthCamera().width()) *
                          static_cast<size_t>(bp.depthCamera().height());
    std::vector<float> xyz(3 * pixels);
    media::DepthFrame d;
    ContactSignal s;
    const int64_t frames = src.depthFrames();
    for (int64_t i = 0; i < frames; ++i) {
        if (cancel && cancel->load())
            throw Error("contact signal: cancelled");
        src.depth().frame(i, d);
        bp.checkDepth(d, src.depthFile(i));
        const TimeNs t = src.depthTime(i);
        bp.organised(d.raw.data(), d.scaleM, xyz.data());
        std::array<std::optional<Joints3>, 2> j{hands.deviceJoints(Hand::Left, t),
                                                hands.deviceJoints(Hand::Right, t)};
        std::array<std::array<FingertipObservation, 5>, 2> o{};
        for (size_t h = 0; h < 2; ++h)
            if (j[h])
                o[h] = observeFingertips(xyz.data(), bp, *j[h], j[1 - h] ? &*j[1 - h] : nullptr,
                                         st);
        appendContactFrame(s, t, j, o, st);
        if (progress)
            progress(static_cast<double>(i + 1) / static_cast<double>(frames));
    }
    updateContactProbabilities(s, st);
    return s;
}

} // namespace ts::core::recon
