// Turning a packed picture (RGB24, or any bytes-per-pixel) by a multiple of 90 degrees clockwise
// (display rotation).
#pragma once

#include <cstdint>
#include <vector>

namespace ts::core::media {

// Rotates in place (through a copy); width and height are updated for 90 and 270.
void rotateRgb(std::vector<uint8_t>& rgb, int& width, int& height, int clockwiseDegrees,
               int channels = 3);

} // namespace ts::core::media
