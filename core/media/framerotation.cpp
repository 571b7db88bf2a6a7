#include "media/framerotation.h"

#include <cstring>

namespace ts::core::media {

void rotateRgb(std::vector<uint8_t>& rgb, int& width, int& height, int clockwiseDegrees,
               int channels) {
    const size_t c = static_cast<size_t>(channels);
    const int w = width, h = height;
    if (clockwiseDegrees == 0)
        return;
    std::vector<uint8_t> out(rgb.size());
    auto px = [c](std::vector<uint8_t>& v, int x, int y, int stride) {
        return v.data() + (static_cast<size_t>(y) * stride + x) * c;
    };
    if (clockwiseDegrees == 180) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                std::memcpy(px(out, x, y, w), px(rgb, w - 1 - x, h - 1 - y, w), c);
    } else if (clockwiseDegrees == 90) { // src (x, y) goes to (h-1-y, x)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                std::memcpy(px(out, h - 1 - y, x, h), px(rgb, x, y, w), c);
        width = h;
        height = w;
    } else if (clockwiseDegrees == 270) { // src (x, y) goes to (y, w-1-x)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                std::memcpy(px(out, y, w - 1 - x, h), px(rgb, x, y, w), c);
        width = h;
        height = w;
    } else {
        return;
    }
    rgb.swap(out);
}

} // namespace ts::core::media
