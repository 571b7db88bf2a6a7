// Estimates how the hands stream's raw clock maps onto the pose stream's from the fact that
// hands are tracked in the device frame: mapped into the world with the pose at the right
// time, the head's motion cancels and a hand that rests stays put. A cost curve over the lag
// (each sample's world-frame displacement from the same hand's a third of a second earlier,
// robust to hands that move: docs/sync.md "Hands ↔ pose"), a parabola fit around its minimum
// per window, and a robust line for offset + drift. Pure function on plain values; any thread.
#pragma once

#include "model/series.h"
#include "sync/clockestimator.h"
#include "sync/signals.h"

#include <vector>

namespace ts::core::sync {

struct HandsPoseOptions {
    TimeNs maxLagNs = 1'000'000'000;
    TimeNs coarseStepNs = 10'000'000;
    TimeNs coarseSpanNs = 12'000'000'000;
    TimeNs windowNs = 10'000'000'000;
    TimeNs strideNs = 5'000'000'000;
    // Each hand sample is compared with the same hand's sample this much earlier.
    TimeNs pairBaselineNs = 330'000'000;
    // The coarse score over ±maxLagNs: this quantile of the pairs' costs (the resting quarter).
    double coarseQuantile = 0.25;
    // The first window is searched over ± fitHalfWidthNs around the coarse lag, the next ones
    // over ± nextHalfWidthNs around the last lag, on a fitStepNs grid, then over ± fitStepNs
    // on a quarter of it.
    TimeNs fitHalfWidthNs = 40'000'000;
    TimeNs nextHalfWidthNs = 12'000'000;
    TimeNs fitStepNs = 4'000'000;
    double minHeadRate = 0.05; // rad/s RMS: slower heads carry no evidence
    // Long recordings spread at most this many windows evenly (the stride grows): each costs
    // 16–30 evaluations over 10 s of hands, and 40 already pin offset and drift.
    int maxWindows = 40;
    // With fewer than three windows their scatter cannot be measured: a typical window
    // scatter stands in for it (0.3 ms on the bench; 1 ms leaves room for real recordings),
    // so that a short recording is not reported as precise (residual 0) and trusted on one
    // window.
    double typicalScatterNs = 1e6;
    // Windows further off the line than this (or 3 × the windows' RMS) are outliers: a
    // window's lag scatters by ~0.3 ms on synthetic episodes.
    double outlierFloorNs = 0.5e6;
};

// hands raw → pose raw, in the same form as estimateClock().
ClockEstimate estimateHandsToPose(const std::vector<HandSample>& hands,
                                  const std::vector<PoseSample>& pose,
                                  const HandsPoseOptions& options = {});

// The evidence of a hands ↔ pose estimate, for plots: how fast one hand's palm turns as the
// device sees it (rad/s in the palm's frame, on the hands clock), from its rotation across
// ±baselineNs / 2. A hand at rest in the world turns in the device frame just as fast as the
// head turns the other way, so where the hand rests, the magnitude of this follows the head's
// rotation rate (angularRateFromPose) at the true lag. Empty without samples of that hand.
VectorSignal palmRotationRateSignal(const std::vector<HandSample>& hands, Hand hand,
                                    TimeNs baselineNs = 300'000'000);

} // namespace ts::core::sync
