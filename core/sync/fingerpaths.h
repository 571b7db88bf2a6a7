// The hand side of force ↔ fingertip contact (estimateForceToHands): one hand's fingertips in
// its palm frame, the time a finger arrives on (leaves) a surface, and each kind of event timed
// again against the path of its other events. Internal to core/sync; pure functions, any thread.
#pragma once

#include "model/series.h"
#include "sync/forcecontactestimator.h"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace ts::core::sync::fingerpaths {

// One hand's fingertips in its own palm frame: head and wrist motion cancel, what is left is
// the finger closing and opening.
struct FingerTracks {
    std::vector<double> t;                            // raw ns
    std::array<std::vector<Eigen::Vector3d>, 5> tip;  // palm frame, metres
    std::array<std::vector<double>, 5> speedIntegral; // ∫|v| dt (metres), for window means
    std::vector<Eigen::Matrix3d> palm; // the palm's rotation (palm → device) at each sample
};

FingerTracks fingerTracks(const std::vector<HandSample>& all, Hand hand, TimeNs palmSmoothNs);

// The samples a finger's arrival (onset) or departure near `guess` is timed from: the search
// range around it, the moving side before (after) and the resting side after (before) it.
std::pair<double, double> footWindow(double guess, bool onset, const ForceContactOptions& o);

// The finger's arrival (onset) or departure near `guess` from the foot of its motion in the
// samples of footWindow (ts ascending): the fingertip at rest p, and before arrival (after
// departure) p + c2·τ² + c3·τ³ per axis, τ the time to (from) the event: the same smooth-start
// model as the force ramps, so that both sides are timed alike. NaN when the fingertip does
// not visibly move there. `standardError` (optional) receives the time's standard error (ns):
// the Cramér–Rao bound of the fit with the rest position and the shape (c2, c3 per axis) free,
// the noise from its residual. The foot of a smooth start is read from the few samples where
// it bends away from rest, so it is known far less well than the samples' noise suggests.
double footOfMove(const std::vector<double>& ts, const std::vector<Eigen::Vector3d>& ps,
                  double guess, bool onset, const ForceContactOptions& o, double* travel,
                  double* standardError = nullptr);

// The variance of a smooth start's time per unit noise variance (s² per m²): the Cramér–Rao
// bound with the rest position and the shape free (p, c2, c3 per axis; `coef` rows 1, τ², τ³,
// one column per axis), from samples at these τ (seconds, > 0 on the moving side). Not finite
// when the samples cannot pin it. footOfMove's standard error, and the floor of timing by the
// foot (synth::footTimingBound).
double footTimeVariance(const std::vector<double>& tau, const Eigen::Matrix3d& coef);

// The same for one finger's track.
double fitFingerFoot(const FingerTracks& tr, size_t f, double guess, bool onset,
                     const ForceContactOptions& o, double* travel);

// The fingertip's whole move at an event: its mean position 250–350 ms on the moving side minus
// that 50–150 ms on the resting side. It tells apart the paths one finger takes into (out of)
// the same contact: a ring finger closing on the box from wide open and from half open.
Eigen::Vector3d moveSpan(const FingerTracks& tr, size_t f, double te, bool onset);

// Each kind's events timed again against the fingertip path of the kind's other events
// (Woody's method, leave one out). The foot fit reads an event's time from the few samples
// near its rest; the path pooled from the other events of the same kind is known at every
// time within ±templateHalfWidthNs, so each event's samples are matched along their whole
// move (and its rest position, as an offset, is its own). That times the events against each
// other (the drift) to ~2–7 ms instead of 5–15. The pooled path has no time of its own: the
// kind's time is then the foot of the move fitted to all of its events' samples at once, over
// the move's own extent on the pooled path. Returns that time's standard error (ns, the foot
// fit's own: footOfMove), which every event of the kind shares; NaN with fewer than 3 events or
// no foot (te then keeps the events' times against each other, not the foot).
double retimeAgainstKind(const FingerTracks& tr, size_t f, bool onset, std::vector<double>& te,
                         const ForceContactOptions& o);

// The moments of τ of a smooth start from rest, y = b + H(τ)·(a₂τ² + a₃τ³), over the samples
// with τ > 0 (add each); samples at rest (τ = 0) enter the normal matrix only through their
// count. Both foot fits (a force ramp, a fingertip's move) visit only the moving side with it.
struct TauMoments {
    double s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0;
    void add(double t2, double t3) { // τ², τ³
        s2 += t2;
        s3 += t3;
        s4 += t2 * t2;
        s5 += t2 * t3;
        s6 += t3 * t3;
    }
    // The normal matrix of the basis (1, τ², τ³) for n samples in all.
    Eigen::Matrix3d normal(double n) const {
        Eigen::Matrix3d A;
        A << n, s2, s3, s2, s4, s5, s3, s5, s6;
        return A;
    }
};

// The minimum of f on [lo, hi]: the best point of a grid with this step, then golden-section
// search within a step of it (iterations steps, each reusing one of the last two evaluations).
template <class F> double gridThenGolden(double lo, double hi, double step, int iterations, F&& f) {
    double best = lo, bestCost = std::numeric_limits<double>::infinity();
    for (double x = lo; x <= hi; x += step)
        if (const double c = f(x); c < bestCost) {
            bestCost = c;
            best = x;
        }
    double a = std::max(lo, best - step), b = std::min(hi, best + step);
    const double g = (std::sqrt(5.0) - 1) / 2;
    double x1 = b - g * (b - a), x2 = a + g * (b - a);
    double f1 = f(x1), f2 = f(x2);
    for (int k = 0; k < iterations; ++k) {
        if (f1 < f2) {
            b = x2;
            x2 = x1;
            f2 = f1;
            x1 = b - g * (b - a);
            f1 = f(x1);
        } else {
            a = x1;
            x1 = x2;
            f1 = f2;
            x2 = a + g * (b - a);
            f2 = f(x2);
        }
    }
    return (a + b) / 2;
}

} // namespace ts::core::sync::fingerpaths
