// Reads a Project Aria MPS closed_loop_trajectory.csv (tracking_timestamp_us,
// tx/ty/tz/qx/qy/qz/qw_world_device, angular_velocity_*_device, …) into pose samples and the
// device-frame angular velocity, on the device's tracking clock in nanoseconds. Used to test
// and benchmark the sync engine on real motion. Pure function; any thread.
#pragma once

#include "model/series.h"

#include <filesystem>
#include <vector>

namespace ts::core {

struct MpsTrajectory {
    std::vector<PoseSample> pose;      // world_from_device
    std::vector<TimeNs> angularTimeNs; // same times as pose
    std::vector<Vec3> angularVelocity; // rad/s, device frame
};

// Throws ts::core::Error naming the file and line for a missing column or a bad number.
MpsTrajectory readMpsTrajectory(const std::filesystem::path& file);

} // namespace ts::core
