// Estimates how one stream's raw clock maps onto another's from a motion signal that both
// see (e.g. gyro rates and pose-derived rotation rates): a coarse search over ±maxLag, sub-
// sample refinement in windows, and offset + drift from a robust line through the windowed
// offsets. The confidence drops to 0 when the evidence is weak or ambiguous (a still sensor,
// a flat or many-peaked similarity), so that "cannot tell" is never a confident wrong number.
// Pure function on plain values; any thread.
#pragma once

#include "model/clockmodel.h"
#include "model/time.h"
#include "sync/signals.h"

#include <string>

namespace ts::core::sync {

struct ClockEstimateOptions {
    TimeNs maxLagNs = 1'000'000'000;      // coarse search range, ±
    TimeNs coarseStepNs = 5'000'000;      // coarse lag grid (finer for denser signals)
    TimeNs coarseSpanNs = 12'000'000'000; // the coarse search uses the middle this much
    TimeNs windowNs = 5'000'000'000;      // windows for the windowed offsets
    TimeNs strideNs = 2'500'000'000;
    double minOverlap = 0.8;              // fraction of a window's samples that must pair up
    double minSignalRms = 0.02;           // below this RMS (signal units) a window has no evidence
    double maxDriftPpm = 500;             // bounds the per-window search around the coarse lag
    bool removeMean = false;              // compare shapes only (unknown bias or scale of zero)
    bool estimateBias = true;             // subtract a constant bias of `other` (gyro bias)
    TimeNs biasMinSpanNs = 5'000'000'000; // shorter recordings: bias assumed zero
    // > 0: each window's samples are weighted by how well they match at the window's starting
    // lag (Cauchy weights), the lag refined, and this repeated this many times. For a measured
    // signal with bursts of error (visual rotation); 0 for clean signals (gyro vs pose).
    int robustPasses = 0;
    // Offset and drift from one fit over every sample (Gauss–Newton, started from the line
    // through the windowed lags; robust like the windows when robustPasses > 0) instead of the
    // line alone: each sample weighs by its own evidence, not each window alike.
    bool jointFit = true;
    // A window whose lag is off the line by less than this is never an outlier (the line's
    // robust cut is max(this, 3 · 1.4826 · MAD)): 0.2 ms for gyro ↔ pose, whose windows agree
    // to tens of µs; the links through the video use 0.5 ms (their windows scatter by 0.2–0.4 ms
    // even when right, and a few windows' MAD is itself noisy).
    double outlierFloorNs = 200'000;
};

// other raw → ref raw: t_ref = t_other + offsetNs + drift·(t_other − t0Ns).
struct ClockEstimate {
    bool estimated = false; // false: nothing usable; the numbers are 0
    double offsetNs = 0;
    double drift = 0; // dimensionless (20 ppm = 20e-6)
    TimeNs t0Ns = 0;
    bool driftEstimated = false; // too short for windows: drift left at 0
    double confidence = 0;       // 0 = cannot tell … 1 = certain
    double residualNs = 0;       // RMS of windowed offsets about the fitted line
    int windows = 0;             // windows tried
    int usedWindows = 0;         // windows with enough signal
    int inliers = 0;
    double peakScore = 0;  // similarity at the coarse peak, −1 … 1
    double uniqueness = 0; // how far the peak stands above the best other peak, 0 … 1
    double signalRms = 0;  // RMS of the reference signal
    Vec3 bias{0, 0, 0};    // constant estimated in `other` (e.g. gyro bias), signal units
    std::string note;      // why confidence is low, for people
};

ClockEstimate estimateClock(const VectorSignal& ref, const VectorSignal& other,
                            const ClockEstimateOptions& options = {});

// The estimate as a clock model (other raw → ref raw; the offset rounded to the nanosecond),
// with its confidence and residual; method and author are the caller's to set.
ClockModel clockModelOf(const ClockEstimate& e);

} // namespace ts::core::sync
