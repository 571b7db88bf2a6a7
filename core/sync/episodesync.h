// Runs stream health and clock estimation over one episode's streams and works out, over the
// graph of clocks (the timeline clock, models declared in the manifest, and pairwise
// estimates), a raw → timeline clock model for every stream it can, flagging the rest.
//
// What is estimated today (docs/sync.md): IMU gyro ↔ pose-derived rotation rate (to the tens of
// microseconds), gyro and pose ↔ the camera's rotation in the video, force ↔ fingertip contact
// in the hands, and hands ↔ pose by world-frame stillness (to a few ms, low confidence). A stream
// whose clock has no path to the timeline clock keeps its stored model and is reported as "not
// aligned" with the relative estimate, if any, for people to see.
// Pure function on a read Bundle; any thread (one call per thread; nothing is shared).
#pragma once

#include "model/clockmodel.h"
#include "sync/clockestimator.h"
#include "sync/forcecontactestimator.h"
#include "sync/handsposeestimator.h"
#include "sync/streamhealth.h"
#include "sync/visualrotation.h"

#include <array>
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
    ForceContactOptions force; // force ↔ fingertip contact (hands)
    // Pairwise estimates less sure than this are reported but link no clock (and so are not
    // stored): a stored model should never be replaced by a guess.
    double minConfidence = 0.5;
    // A stream whose aligned model has a residual above this (ms), or that cannot be aligned,
    // is flagged for QC (qc_metric "sync.alignment" fails).
    double toleranceMs = 1.0;
    // Pose pairs further apart than this many nominal periods are not differentiated.
    double poseMaxGapPeriods = 3.0;
    // Measure the camera's rotation in the first video (a decoding pass) and link gyro and pose
    // to the camera clock with it. Off: only the links the other signals give.
    bool useVideo = true;
    VisualRotationOptions visual;
    // Robust re-weighting passes of the links through the video's rotation (its error comes in
    // bursts, e.g. while a hand sweeps through the view): ClockEstimateOptions::robustPasses.
    int visualRobustPasses = 2;
    // The windows' outlier floor of those links (ClockEstimateOptions::outlierFloorNs).
    double visualOutlierFloorNs = 500'000;
    // Once the pose clock is estimated against the video, solve each frame pair that has depth
    // for its rotation alone, with the translation the pose stream gives, and compare the links
    // through the video again (rateWithKnownTranslation).
    bool poseTranslation = true;
    // ... only when the pose's translation and the one the pairs measured agree in scale
    // within this factor (translationScale).
    double poseTranslationMaxScale = 1.5;
};

// The motion signals that need a pass over the media (the slow part), kept apart so that
// estimation can be rerun or benchmarked on its own.
struct EpisodeSignals {
    std::string videoStream; // empty: no usable video
    std::string depthStream; // depth used to separate translation, if any
    // Rotation of the video's camera frame into the device frame (device_from_<video>, else
    // device_from_rgb, else identity): what turns visual->rate into the gyro's frame.
    std::array<double, 4> deviceFromCamera{0, 0, 0, 1};
    std::optional<VisualRotation> visual; // the camera's rotation rate, on the video's clock
    std::string videoProblem;             // why there is no visual rotation, for people
    // Set by syncEpisode: the pose stream whose translation the pairs with depth were solved
    // with (SyncSettings::poseTranslation; empty: none) and how many pairs were.
    std::string translationStream;
    int64_t translationPairs = 0;
    std::string translationNote; // why the pose's translation was not used, for people
};

// Decodes the first video stream with RGB intrinsics and measures its rotation rate. Never
// throws for bad media: the problem is returned in videoProblem (naming file and frame).
EpisodeSignals extractEpisodeSignals(const Bundle& bundle, const SyncSettings& settings = {});

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

// One pairwise comparison of two streams' clocks (an edge of the clock graph).
struct PairwiseEstimate {
    std::string stream, other; // stream raw → other raw
    std::string method;
    ClockEstimate estimate;
    bool used = false; // linked a clock to the timeline
};

struct EpisodeSyncResult {
    std::string episodeId;
    std::vector<StreamSync> streams;     // manifest order
    std::vector<PairwiseEstimate> pairs; // every comparison made, surest first
    EpisodeSignals evidence;             // the video evidence used (for plots and reports)
};

// given: from extractEpisodeSignals; when null and settings.useVideo, extracted here.
EpisodeSyncResult syncEpisode(const Bundle& bundle, const SyncSettings& settings = {},
                              const EpisodeSignals* given = nullptr);

// Whether a stream's clock model puts it on the timeline surely enough for QC: set by hand
// (a person vouches for it), declared in the bundle, the timeline's own clock (identity with
// confidence), or estimated with at least settings.minConfidence and a residual within
// settings.toleranceMs. An identity of confidence 0 is a clock nothing has aligned. QC judges
// the model as stored now, so a clock set by hand after sync passes without another sync.
struct AlignmentVerdict {
    // Why, for a user interface that words it in its own language.
    enum class Why {
        SetByHand,      // method "manual"
        Declared,       // method "file": episode.json
        OnTimeline,     // the timeline's own clock
        NotAligned,     // an identity nothing has aligned
        LowConfidence,  // value: its confidence, limit: settings.minConfidence
        ResidualAbove,  // value: its residual (ms), limit: settings.toleranceMs
        ResidualWithin, // the same, passed
    };
    bool passed = false;
    Why why = Why::NotAligned;
    double value = 0;
    double limit = 0;
    std::string reason; // for people: "residual 1.240 ms above the tolerance of 1.000 ms"
};
AlignmentVerdict alignmentVerdict(const ClockModel& model, const SyncSettings& settings);

// Composition and inversion of raw → target mappings (offset, drift, t0), exact to first order
// in drift² (terms below 1e-8 relative).
ClockModel composeClocks(const ClockModel& aToB, const ClockModel& bToTimeline);
ClockModel invertClock(const ClockModel& aToB);

} // namespace ts::core::sync
