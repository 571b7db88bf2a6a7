// Draws the hands of one instant over a video frame: bones and joints coloured by finger,
// each hand's confidence (faint and dashed when low, with its value at the wrist), and
// fingertip force as halos whose size and strength grow with the newtons. Pure painting on a
// QPainter whose coordinates are the frame's pixels; GUI thread.
#pragma once

#include "workspace/geometry.h"

#include <QPainter>

#include <array>
#include <optional>

namespace ts::widgets {

struct EpisodeData;

struct HandOverlayOptions {
    bool skeleton = true;
    bool force = true;
    double scale = 1.0; // screen pixels per frame pixel, so lines keep their width on screen
};

// What was drawn, for tests: joints inside the image, and halos.
struct HandOverlayStats {
    int hands = 0, joints = 0, halos = 0;
};

HandOverlayStats drawHands(QPainter& p, const EpisodeData& data, const CameraProjector& camera,
                           int64_t timeNs, const HandOverlayOptions& options);

} // namespace ts::widgets
