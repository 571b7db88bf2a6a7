// Hands in the reconstructed world: the hand stream's joints (device frame, on its own clock)
// interpolated at any timeline time, moved into the world frame with the episode trajectory,
// reprojected into the RGB image for the overlay, and 2D keypoints (e.g. from a detector that
// sees only the image) lifted into 3D with the depth frame.
//
// Immutable after construction: any thread may call the const methods.
#pragma once

#include "model/clockmodel.h"
#include "model/handjoints.h"
#include "model/series.h"
#include "recon/backprojector.h"
#include "recon/trajectory.h"

#include <Eigen/Geometry>

#include <array>
#include <optional>
#include <vector>

namespace ts::core::recon {

using Joints3 = std::array<Eigen::Vector3d, kHandJointCount>;
using Joints2 = std::array<std::optional<Eigen::Vector2d>, kHandJointCount>;

class HandsInWorld {
public:
    // samples: the hand stream's rows; clock: its raw → timeline model. maxGapNs: no
    // interpolation across a gap longer than this (the hand was not seen).
    HandsInWorld(const std::vector<HandSample>& samples, const ClockModel& clock,
                 TimeNs maxGapNs = 100'000'000);

    bool empty() const { return times_[0].empty() && times_[1].empty(); }
    // Joints in the device frame at timeline time t, linearly interpolated.
    std::optional<Joints3> deviceJoints(Hand hand, TimeNs t) const;
    // The same in the world frame of `trajectory` (world_from_device on the timeline).
    std::optional<Joints3> worldJoints(Hand hand, TimeNs t, const Trajectory& trajectory) const;

    // Pixels of device-frame joints in the RGB image (distortion applied); nullopt for joints
    // behind the camera or outside the image.
    static Joints2 reproject(const Joints3& device, const BackProjector& projector);

    // Lifts one RGB pixel with the depth frame (organised depth-camera points): the median
    // depth of the depth points that land within `radiusPx` of the pixel, plus `behindM`
    // along the ray (a joint lies inside the finger, about one finger radius behind the skin
    // the camera sees). Device frame; nullopt without depth there.
    static std::optional<Eigen::Vector3d> lift(const Eigen::Vector2d& rgbPixel, const float* xyz,
                                               const BackProjector& projector,
                                               double radiusPx = 3.0, double behindM = 0.008);

private:
    std::array<std::vector<TimeNs>, 2> times_;
    std::array<std::vector<Joints3>, 2> joints_;
    TimeNs maxGapNs_;
};

} // namespace ts::core::recon
