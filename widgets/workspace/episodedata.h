// Everything an episode workspace shows, read once on a worker thread and then shared
// read-only by every panel: the bundle's samples with their times mapped onto the timeline by
// the project's clock models, per-stream coverage (gaps), the signals for plotting, the sync
// engine's report, and where the video and depth live.
//
// Ownership: built by loadEpisodeData() on any thread; afterwards immutable and held through
// std::shared_ptr<const EpisodeData> by the panels (GUI thread).
#pragma once

#include "io/bundle.h"
#include "media/frameindex.h"
#include "model/calibration.h"
#include "model/clockmodel.h"
#include "store/storerecords.h"
#include "sync/episodesync.h"
#include "workspace/minmaxpyramid.h"

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ts::widgets {

using core::TimeNs;

// One stream's presence on the timeline: intervals with samples, and the gaps between them.
struct StreamCoverage {
    std::string name;
    core::StreamKind kind = core::StreamKind::Imu;
    TimeNs periodNs = 0; // median interval
    struct Span {
        TimeNs start, end;
    };
    std::vector<Span> covered; // sorted, disjoint
    std::vector<Span> gaps;    // between covered spans: intervals > 1.5 periods
    int64_t dropped = 0;       // samples missing in the gaps at the median rate
    bool aligned = true;       // the stream's clock maps onto the timeline (not a guess)
    std::shared_ptr<const std::vector<TimeNs>> times; // the samples (distinct times)
};

// Build coverage from sorted sample times (a gap is an interval longer than 1.5 periods).
StreamCoverage coverageFromTimes(const std::string& name, core::StreamKind kind,
                                 const std::vector<TimeNs>& times);

// One plotted channel: times shared by the channels of one stream, values with their LOD.
struct SignalChannel {
    std::string name;  // "right_index", "accel x", ...
    std::string group; // lane: "Force", "Acceleration", ...
    std::string unit;
    std::shared_ptr<const std::vector<TimeNs>> t;
    std::shared_ptr<const MinMaxPyramid> values;
};

// A hand at one time with joints in the device frame (canonical order).
struct HandPose {
    TimeNs t = 0;
    TimeNs rawNs = 0; // the sample's time on the hands stream's own clock (keys corrections)
    core::Hand hand = core::Hand::Left;
    float confidence = 0;
    std::array<core::Vec3, core::kHandJointCount> joints{};
};

struct EpisodeData {
    std::string id, task, participant;
    std::filesystem::path bundleDir;
    TimeNs start = 0, end = 0; // timeline span of all streams
    core::Calibration calibration;

    // Video (empty file: the episode has none).
    std::filesystem::path videoFile;
    std::string videoSha256;
    std::shared_ptr<const core::media::FrameIndex> videoIndex; // from the project cache
    std::vector<TimeNs> frameTimes;                            // timeline, per frame
    TimeNs framePeriodNs = 33'333'333;

    // Depth: the bundle for DepthReader::openFromBundle, and the frame times on the timeline.
    std::string depthStream;
    std::vector<TimeNs> depthTimes;

    std::array<std::vector<HandPose>, 2> hands; // by core::Hand, sorted by time (timeline)
    TimeNs handsPeriodNs = 33'333'333;
    std::vector<core::PoseSample> pose; // world_from_device, timeline times

    // Force: channel names "<left|right>_<finger>" map to fingertips; values by sample.
    std::vector<std::string> forceChannels;
    std::vector<TimeNs> forceTimes;
    std::vector<double> forceValues; // row-major

    std::vector<SignalChannel> channels;
    std::vector<StreamCoverage> coverage;  // manifest order
    std::vector<core::StreamInfo> streams; // the store's view: clock models
    core::sync::EpisodeSyncResult sync;

    // The bundle as read (samples on raw clocks), for depth and the sync evidence.
    std::shared_ptr<const core::Bundle> bundle;

    // Lookups at a timeline time (nearest sample not further than `maxGap` away).
    const HandPose* handAt(core::Hand h, TimeNs t) const;
    std::optional<core::PoseSample> poseAt(TimeNs t) const; // interpolated
    // Fingertip force (N) of hand h, finger 0..4, at t; nullopt without such a channel.
    std::optional<double> fingertipForce(core::Hand h, int finger, TimeNs t) const;
    int forceChannel(core::Hand h, int finger) const;
    const core::StreamInfo* stream(const std::string& name) const;
};

struct LoadOptions {
    bool runSync = true; // the Sync panel's report (a second or so per minute of recording)
};

// Opens its own connection to the project (any thread), reads the episode's bundle (no
// hashing), maps its streams onto the timeline with the project's clock models and prepares
// the plotted signals. Throws core::Error naming the episode or the file that cannot be read.
std::shared_ptr<const EpisodeData> loadEpisodeData(const std::filesystem::path& projectFile,
                                                   const std::string& episodeId,
                                                   const LoadOptions& options = {});

} // namespace ts::widgets
