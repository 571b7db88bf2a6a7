// Estimates how a fingertip-force stream's raw clock maps onto the hands stream's from the
// moments of contact: force leaves zero when a fingertip has come to rest on a surface and
// returns to zero just as the finger starts to leave it. Force onsets and ends are timed on the
// force signal itself (a smooth-start fit to the foot of each ramp, sub-millisecond at 1 kHz);
// the finger's arrival and departure are timed on the continuous fingertip track in the palm
// frame (the palm's rotation taken over ±70 ms; the same smooth-start fit, over ~4 samples of
// 30 Hz hands: ~3–15 ms per event), then each kind of event (a finger's arrivals or
// departures along one path) again against the path pooled from its other events (~2–7 ms;
// sync/fingerpaths.h); the paired time differences give offset + drift, the drift from the
// spread within each kind, each kind weighted by how tightly it is timed. No contact, or
// contacts the hands do not mirror, give confidence 0 ("cannot tell").
// Pure function on plain values; any thread.
#pragma once

#include "model/series.h"
#include "sync/clockestimator.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ts::core::sync {

struct ForceContactOptions {
    TimeNs maxLagNs = 1'000'000'000; // coarse search range, ±
    TimeNs coarseStepNs = 2'000'000;
    double onN = 0.15;                 // contact starts above max(onN, 6 σ of the force noise)
    double offN = 0.08;                // and ends below max(offN, 3 σ)
    TimeNs minContactNs = 60'000'000;  // shorter force blips are no contact
    TimeNs footSearchNs = 150'000'000; // a ramp's start is sought this far before its crossing
    TimeNs handMovingNs = 120'000'000; // the finger's approach (departure) fitted this far
    TimeNs handRestNs = 200'000'000;   // and its rest after (before) the event this far
    TimeNs handSearchNs = 50'000'000;  // each event is sought this far around the coarse lag
    double minTravelM = 0.010; // the fingertip must move this far in handMovingNs (palm frame)
    TimeNs palmSmoothNs = 70'000'000; // the palm's rotation from the samples within ± this
    int minEvents = 6;                // fewer matched contact events: confidence 0
    // Each kind's events (one finger's arrivals or departures along one path) timed again
    // against the path pooled from the kind's other events; 0 rounds turns it off.
    int templateRounds = 3;
    TimeNs templateHalfWidthNs = 400'000'000; // the path is matched within ± this of the event
    TimeNs templateStepNs = 10'000'000;       // its knots (piecewise linear) this far apart
    double templateSmoothness = 10;           // weight of its second differences
    TimeNs templateSearchNs = 15'000'000;     // each event moves at most this far per round
    // How far one kind's timing bias may sit from another's, when the kinds' means are weighted
    // into the offset (on noise-free synthetic hands they spread by about 1.6 ms).
    TimeNs kindBiasNs = 1'500'000;
    // A kind whose events sit further than this (or five robust standard deviations of the
    // kinds' medians, if more) from the kinds' median is not a timing bias but a wrong match
    // (a hand's other move taken for the contact) and is left out of the line.
    TimeNs kindOutlierNs = 10'000'000;
};

// A force channel's hand and finger (0 thumb … 4 pinky) from its name: "right_thumb",
// "Left-Index", "r_middle", … ; nullopt for channels that name no fingertip.
std::optional<std::pair<Hand, int>> forceChannelFinger(const std::string& channel);

// One contact event seen in both streams (for plots and tests).
struct ContactEvent {
    Hand hand = Hand::Right;
    int finger = 0;
    bool onset = true;      // contact start (else end)
    double forceTimeNs = 0; // on the force clock
    double handTimeNs = 0;  // matching finger arrival/departure on the hands clock (0: none)
    bool matched = false;
};

struct ForceContactEstimate {
    ClockEstimate estimate; // force raw → hands raw, in the form of estimateClock()
    std::vector<ContactEvent> events;
};

ForceContactEstimate estimateForceToHands(const ForceSeries& force,
                                          const std::vector<HandSample>& hands,
                                          const ForceContactOptions& options = {});

// The evidence of a force ↔ hands estimate, for plots: one hand's fingertip speed in its palm
// frame (m/s, each tip's displacement across ±50 ms, summed over the five; in v[0]) and its
// fingertip forces summed (N, in v[0]), each on its own clock. Force rises where the fingers
// come to rest.
VectorSignal fingertipSpeedSignal(const std::vector<HandSample>& hands, Hand hand,
                                  const ForceContactOptions& options = {});
VectorSignal handForceSignal(const ForceSeries& force, Hand hand);

} // namespace ts::core::sync
