// A perceptual colour ramp (turbo-like) for depth, shared by the video overlay and 3D cloud.
#pragma once

#include <QColor>

namespace ts::widgets {

// Colour of depth z metres on the ramp from `near` (red) to `far` (blue).
QColor depthColour(double z, double near, double far);

} // namespace ts::widgets
