// The engine behind slip suggestions: a slip shows as a sharp drop of one hand's total
// fingertip force that does not go to zero (the object is still held, it slides) while the
// fingertips move relative to the wrist (the grip opens or shifts). A release drops the force to
// zero and is not a slip. Pure function on samples already on the timeline; any thread.
#pragma once

#include "model/handjoints.h"
#include "model/series.h"
#include "model/time.h"

#include <vector>

namespace ts::core::annotation {

struct SlipDetectorOptions {
    double windowSeconds = 0.4;   // the drop is measured against the peak this far back
    double minGripN = 3.0;        // the hand held at least this much before the drop
    double minDropFraction = 0.3; // and lost at least this share of it
    double minResidualN = 0.8;    // but kept at least this much (else: a release)
    double lookaheadSeconds = 0.3; // ... also this long after the drop
    double minTipMotionM = 0.004; // a fingertip moved this far relative to the wrist
    double smoothSeconds = 0.01;  // trailing mean of the force sum against sensor noise
};

struct SlipCandidate {
    Hand hand = Hand::Right;
    TimeNs startNs = 0, endNs = 0; // timeline: the drop begins / the low grip ends
    double peakN = 0, minN = 0;    // total force of the hand before and during the drop
    double dropFraction = 0;       // 1 - min/peak
    double tipMotionM = -1;        // largest fingertip displacement relative to the wrist; -1: no hand data
    double score = 0;              // 0..1, higher is likelier
};

// force: channels named "<hand>_<finger>" (e.g. right_index; others are ignored); hands: samples
// of both hands. Both on the timeline, increasing time. Candidates in start order.
std::vector<SlipCandidate> detectSlips(const std::vector<HandSample>& hands,
                                       const ForceSeries& force,
                                       const SlipDetectorOptions& options = {});

} // namespace ts::core::annotation
