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

} // namespace ts::core::synth
