// How well any estimator could time force against hands from contact events on a synthetic
// episode: the Cramér–Rao bound of one that knew every finger's exact path (palm frame) and
// every force profile, and had only to find their time shift from the noisy samples. It sets
// the floor under `estimateForceToHands` on the generator's episodes (bench sync-accuracy).
#pragma once

#include "synth/synth.h"

namespace ts::core::synth {

struct ContactTimingBound {
    int events = 0;            // contact starts and ends more than 0.5 s inside the episode
    double handsEventSdMs = 0; // one event's hands-side timing, RMS over the events
    double offsetSdMs = 0;     // the line's offset at the episode's middle
    double driftSdPpm = 0;     // and its slope
};

// Uses opts.seconds, taskSeconds, handsRateHz, forceRateHz, handJointNoiseM and forceNoiseN:
// each event is timed from the samples within ±windowSeconds of it (the finger's three moving
// joints, and the force channel).
ContactTimingBound contactTimingBound(const SynthOptions& opts, double windowSeconds = 0.4);

// The floor of timing force against hands as `estimateForceToHands` does, from the foot of each
// fingertip move: an estimator that knows only that the fingertip rests on one side of the event
// and starts (ends) a smooth move p + c2·τ² + c3·τ³ per axis on the other, with the rest position
// and the shape unknown per kind of event (one finger's arrivals or departures along one path),
// pooling a kind's repeats. The Cramér–Rao bound of each kind's time with those free, at the
// generator's hands rate and joint noise (the fingertip only, averaged over the sampling phase),
// and of the kinds' inverse-variance mean: the offset error left when each kind's time must be
// found from the bend of its move rather than from a known path. Kinds whose fingertip moves
// less than minTravelM in the palm frame are left out, as the estimator leaves them out.
struct FootTimingBound {
    int kinds = 0;          // kinds of events with a foot
    double kindSdMs = 0;    // one kind's time over the episode, median over the kinds
    double offsetSdMs = 0;  // the kinds' inverse-variance mean
};
FootTimingBound footTimingBound(const SynthOptions& opts, double restSeconds = 0.25,
                                double movingSeconds = 0.17, double minTravelM = 0.010);

} // namespace ts::core::synth
