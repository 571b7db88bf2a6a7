// One small picture of a video for the timeline's filmstrip: packed RGB24 in display
// orientation, with the time it was asked for and the frame it really shows (a keyframe near
// that time, so it can be decoded cheaply). A plain value, safe to copy between threads.
#pragma once

#include "model/time.h"

#include <cstdint>
#include <vector>

namespace ts::core::media {

struct Thumbnail {
    int slot = -1;           // position in the strip, 0-based
    TimeNs requestedNs = 0;  // the slot's time on the video's own clock
    int64_t frameIndex = -1; // display index of the frame shown (a keyframe)
    TimeNs frameNs = 0;      // that frame's presentation time
    int width = 0, height = 0;
    std::vector<uint8_t> rgb; // width * height * 3 bytes, rows top to bottom
};

} // namespace ts::core::media
