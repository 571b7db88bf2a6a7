// Draws the hands of one instant over a video frame: bones and joints coloured by finger,
// each hand's confidence (faint and dashed when low, with its value at the wrist), and
// fingertip force as halos whose size and strength grow with the newtons. Pure painting on a
// QPainter whose coordinates are the frame's pixels; GUI thread.
#pragma once

#include "model/handjoints.h"
#include "model/series.h"
#include "workspace/geometry.h"

#include <QPainter>

#include <array>
#include <map>
#include <optional>
#include <utility>

namespace ts::widgets {

using core::TimeNs;
struct EpisodeData;
struct HandPose;

// Corrected joints of the hands stream, keyed by hand sample (hand, time on the stream's own
// clock), as the annotation session reads them from the store; the raw samples stay as they
// are and the views draw the corrected positions in their place.
class JointCorrections {
public:
    using Joints = std::array<std::optional<core::Vec3>, core::kHandJointCount>;
    void set(core::Hand h, TimeNs rawNs, int joint, const core::Vec3& position);
    const Joints* at(core::Hand h, TimeNs rawNs) const;
    bool empty() const { return byHandSample_.empty(); }

private:
    std::map<std::pair<int, TimeNs>, Joints> byHandSample_;
};

// A hand sample with the corrections applied; `corrected` says which joints were replaced.
HandPose correctedPose(const HandPose& raw, const JointCorrections* corrections,
                       std::array<bool, core::kHandJointCount>* corrected = nullptr);

// A joint being dragged on the video: drawn at `position` (device frame) instead.
struct DraggedJoint {
    core::Hand hand = core::Hand::Right;
    int joint = 0;
    core::Vec3 position{};
};

struct HandOverlayOptions {
    bool skeleton = true;
    bool force = true;
    double scale = 1.0; // screen pixels per frame pixel, so lines keep their width on screen
    const JointCorrections* corrections = nullptr; // drawn in place of the raw joints, ringed
    std::optional<DraggedJoint> dragged;
};

// What was drawn, for tests: joints inside the image, and halos.
struct HandOverlayStats {
    int hands = 0, joints = 0, halos = 0, corrected = 0;
};

HandOverlayStats drawHands(QPainter& p, const EpisodeData& data, const CameraProjector& camera,
                           int64_t timeNs, const HandOverlayOptions& options);

} // namespace ts::widgets
