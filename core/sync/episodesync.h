// Runs stream health and clock estimation over one episode's streams and works out, over the
// graph of clocks (the timeline clock, models declared in the manifest, and pairwise
// estimates), a raw → timeline clock model for every stream it can, flagging the rest.
//
// What is estimated today (docs/sync.md): IMU gyro ↔ pose-derived rotation rate (to the tens of
// microseconds) and hands ↔ pose by world-frame stillness (to a few ms, low confidence). A stream
// whose clock has no path to the timeline clock keeps its stored model and is reported as "not
// aligned" with the relative estimate, if any, for people to see.
// Pure function on a read Bundle; any thread (one call per thread; nothing is shared).
#pragma once

#include "model/clockmodel.h"
#include "sync/clockestimator.h"
#include "sync/handsposeestimator.h"
#include "sync/streamhealth.h"

#include <optional>
#include <string>
#include <vector>

namespace ts::core {
struct Bundle;
}

namespace ts::core::sync {

struct SyncSettings {
    HealthThresholds health;
    ClockEstimateOptions gyro; // gyro ↔ pose rotation rate (rad/s)
    HandsPoseOptions hands;    // hands ↔ pose world-frame stillness
    // Pairwise estimates less sure than this are reported but link no clock (and so are not
    // stored): a stored model should never be replaced by a guess.
    double minConfidence = 0.5;
    // Pose pairs further apart than this many nominal periods are not differentiated.
    double poseMaxGapPeriods = 3.0;
};

struct StreamSync {
    std::string stream;
    std::string kind;
    std::string clock;
    StreamHealth health;
    // aligned: model maps raw → timeline and should be stored; else the stored one stays.
    bool aligned = false;
    ClockModel model;
    std::string method;     // how: "timeline", "file", "gyro~pose-rotation-rate", "none"
    std::string relativeTo; // for a pairwise estimate: the other stream
    std::optional<ClockEstimate> estimate; // the pairwise estimate behind the model, if any
    std::string note;                      // what could not be done, for people
};

struct EpisodeSyncResult {
    std::string episodeId;
    std::vector<StreamSync> streams; // manifest order
};

EpisodeSyncResult syncEpisode(const Bundle& bundle, const SyncSettings& settings = {});

// Composition and inversion of raw → target mappings (offset, drift, t0), exact to first order
// in drift² (terms below 1e-8 relative).
ClockModel composeClocks(const ClockModel& aToB, const ClockModel& bToTimeline);
ClockModel invertClock(const ClockModel& aToB);

} // namespace ts::core::sync
