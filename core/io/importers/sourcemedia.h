// Bringing a source's media files into a bundle: a hard link when source and bundle share a
// file system (no copy of a 4 GB video), a copy otherwise; and the presentation times of every
// frame of a video, which become the frame timestamps when the source has no better ones.
#pragma once

#include "model/time.h"

#include <filesystem>
#include <string>
#include <vector>

namespace ts::core::importers {

// Throws ts::core::Error naming the file when neither a link nor a copy works.
void placeFile(const std::filesystem::path& from, const std::filesystem::path& to);

struct VideoFrameTimes {
    int width = 0, height = 0; // as displayed
    std::string codec;
    std::vector<TimeNs> tNs; // presentation time of each frame in display order, video clock
};

// Demuxes the whole file (no decoding). Throws ts::core::Error naming the file when it cannot
// be opened, has no video stream, or is truncated.
VideoFrameTimes readVideoFrameTimes(const std::filesystem::path& video,
                                    const std::string& displayName);

} // namespace ts::core::importers
