// One episode resampled onto the frames of a dataset: frame k is at timeline time
// start + k / fps (start = the first RGB frame), and every stream is brought there through its
// clock model (raw → timeline) and interpolated: pose (translation linear, rotation nlerp),
// IMU, force, each hand's 21 joints and confidence. Samples further apart than a few of the
// stream's intervals are not bridged: the frame gets NaN (confidence 0 for hands). Labels
// (per tier) and events become per-frame values.
#pragma once

#include "export/exportepisode.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {
struct Bundle;
}

namespace ts::core::exporting {

struct EpisodeFrames {
    double fps = 30;
    int64_t count = 0;
    std::vector<TimeNs> timelineNs;   // per frame
    std::string videoStream;          // empty when the episode has no video
    std::vector<int64_t> videoFrame;  // per frame: the RGB frame captured nearest to it
    std::vector<float> pose;          // count × 7: tx ty tz qx qy qz qw (world_from_device)
    std::vector<float> imu;           // count × 6: ax ay az gx gy gz
    std::array<std::vector<float>, 2> hands;      // [left, right]: count × 63 (x0 y0 z0 … z20)
    std::array<std::vector<float>, 2> handConfidence; // count
    std::vector<std::string> forceChannels;
    std::vector<float> force;         // count × channels
    std::map<std::string, std::vector<std::optional<std::string>>> labels; // tier → per frame
    std::map<std::string, std::vector<uint8_t>> events; // kind → per frame 0/1
    std::vector<std::string> task;    // per frame: the task label, else the episode's task
    int64_t correctedJoints = 0;      // keypoint corrections applied to the hands

    // The timeline time of frame k: start + round(k × 1e9 / fps).
    static TimeNs frameTime(TimeNs start, int64_t k, double fps);
};

// The episode's frames at `fps` from a bundle read with samples. Throws Error naming the
// episode when it has no RGB video to define the timeline.
EpisodeFrames sampleEpisode(const ExportEpisode& episode, const Bundle& bundle, double fps);

// The event kinds that always get a column, in order (custom kinds follow when present).
inline const std::vector<std::string>& standardEventKinds() {
    static const std::vector<std::string> k{"slip", "regrasp", "recovery", "contact"};
    return k;
}

} // namespace ts::core::exporting
