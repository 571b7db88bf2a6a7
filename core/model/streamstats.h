// Counts, rates and time ranges of one stream as read from its files, on its raw clock.
#pragma once

#include "model/streamkind.h"
#include "model/time.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ts::core {

struct StreamStats {
    std::string name;
    StreamKind kind = StreamKind::Imu;
    std::string clock;
    int64_t count = 0;  // samples (hands: one per hand per time; video/depth: frames)
    TimeNs firstNs = 0; // raw clock
    TimeNs lastNs = 0;
    double rateHz = 0.0; // from the median interval between distinct timestamps
    TimeNs medianIntervalNs = 0;
    TimeNs maxGapNs = 0;
    int64_t gaps = 0;                  // intervals longer than 1.5 median intervals
    int64_t droppedEstimate = 0;       // samples missing in those gaps at the median rate
    double jitterNs = 0.0;             // RMS deviation of regular intervals from the median
    std::vector<std::string> channels; // force channel names; hands: "left"/"right" present
    int width = 0, height = 0;         // video / depth
    std::string codec;                 // video
};

// A file of the bundle as the store remembers it.
struct MediaFile {
    std::string path; // relative to the bundle root, '/' separated
    std::string role; // manifest | calibration | stream:<name> | ground_truth
    uint64_t size = 0;
    std::string sha256;
};

} // namespace ts::core
