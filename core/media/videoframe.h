// One decoded video frame in display format: packed RGB24 (or 8-bit gray for analysis passes),
// already turned to the video's displayed orientation, with the index and time it belongs to.
#pragma once

#include "model/time.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ts::core::media {

struct VideoFrame {
    int64_t index = -1;        // display order, 0-based, as ffmpeg's select=eq(n,N) counts
    int64_t pts = 0;           // stream time base
    TimeNs ptsNs = 0;          // presentation time on the video's own clock
    int width = 0, height = 0; // displayed size (after rotation)
    bool key = false;
    bool damaged = false;     // the decoder reported errors (concealed) in this frame
    int channels = 3;         // 3: RGB24; 1: gray (VideoReaderOptions::grayMaxWidth)
    std::vector<uint8_t> rgb; // width * height * channels bytes, rows top to bottom
    // A display-sized copy made on the decoding thread when one was asked for
    // (VideoReader::setPreviewSize): 32-bit B, G, R, 255 per pixel (Qt's RGB32 on little-endian
    // machines), in the displayed orientation; empty otherwise. Playback draws it as it is.
    int previewWidth = 0, previewHeight = 0;
    std::vector<uint8_t> preview;

    std::size_t bytes() const { return rgb.size() + preview.size() + sizeof(VideoFrame); }
};

} // namespace ts::core::media
