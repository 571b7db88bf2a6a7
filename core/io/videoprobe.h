// A quick but honest check of a video file with libavformat/libavcodec: it opens, has a video
// stream, its packets can all be read (counting frames), and its first frame decodes.
#pragma once

#include "util/diagnostic.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace ts::core {

struct VideoProbe {
    bool opened = false;
    int width = 0, height = 0;
    std::string codec;
    int64_t frames = -1;         // packets of the video stream (-1 when not counted)
    int64_t declaredFrames = -1; // what the container's index says (0 when unknown)
    double durationSeconds = 0;
};

// Reports video.open, video.truncated and video.decode findings under `displayName`.
VideoProbe probeVideo(const std::filesystem::path& file, const std::string& displayName,
                      bool countFrames, Diagnostics& diags);

} // namespace ts::core
