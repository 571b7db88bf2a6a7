// Where every frame of a video is, in display order: pts, dts, byte position, size and
// whether it is a keyframe. Built once by demuxing (no decoding) and cached in the project.
#pragma once

#include "model/time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::core::media {

struct FrameIndexEntry {
    int64_t pts = 0; // stream time base
    int64_t dts = 0;
    int64_t pos = -1; // byte offset of the packet, -1 if unknown
    int32_t size = 0;
    bool key = false;
    bool corrupt = false; // the demuxer flagged the packet
};

class FrameIndex {
public:
    // Bump when the layout or the meaning of an index changes, so cached ones are rebuilt.
    static constexpr int kVersion = 1;

    std::vector<FrameIndexEntry> frames; // display order (sorted by pts)
    int timeBaseNum = 1, timeBaseDen = 1;
    bool truncated = false;      // the file ends before the packets its container lists
    int64_t truncatedAfter = -1; // packets read before the file ended

    int64_t size() const { return static_cast<int64_t>(frames.size()); }
    // Display index of the frame with this pts, or -1.
    int64_t indexOfPts(int64_t pts) const;
    // The last frame whose presentation time is <= t (ns on the video's own clock), or -1.
    int64_t indexAtTimeNs(TimeNs t) const;
    // The nearest keyframe at or before display index n (0 if none is marked).
    int64_t keyframeAtOrBefore(int64_t n) const;
    TimeNs ptsToNs(int64_t pts) const;

    std::string serialize() const;
    static std::optional<FrameIndex> deserialize(std::string_view data);
};

} // namespace ts::core::media
