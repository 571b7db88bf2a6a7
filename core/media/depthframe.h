// One decoded depth image: raw sensor units as stored, with the scale that turns them into metres.
#pragma once

#include "model/time.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ts::core::media {

struct DepthFrame {
    int64_t index = -1; // frame index in the stream
    TimeNs tNs = 0;     // capture time on the stream's clock (depth_frames.csv), 0 if unknown
    int width = 0, height = 0;
    std::vector<uint16_t> raw; // row-major raw units, 0 = invalid
    double scaleM = 0.001;     // metres per raw unit (calibration depth_scale_m)

    // 0 for invalid pixels and for coordinates outside the image (callers probe neighbourhoods
    // near the border and should not have to clamp).
    float metres(int x, int y) const;
    uint16_t rawAt(int x, int y) const; // 0 outside the image
    size_t bytes() const;               // memory held by the pixels, for caches
    bool valid() const { return index >= 0 && !raw.empty(); }
};

} // namespace ts::core::media
