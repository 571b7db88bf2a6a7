#include "media/depthframe.h"

namespace ts::core::media {

uint16_t DepthFrame::rawAt(int x, int y) const {
    if (x < 0 || y < 0 || x >= width || y >= height)
        return 0;
    const size_t i = static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x);
    return i < raw.size() ? raw[i] : 0;
}

float DepthFrame::metres(int x, int y) const {
    const uint16_t v = rawAt(x, y);
    return v == 0 ? 0.0f : static_cast<float>(static_cast<double>(v) * scaleM);
}

size_t DepthFrame::bytes() const {
    return raw.size() * sizeof(uint16_t);
}

} // namespace ts::core::media
