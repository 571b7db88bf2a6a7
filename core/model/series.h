// The samples of each stream kind as a bundle holds them, on the stream's own raw clock.
#pragma once

#include "model/handjoints.h"
#include "model/time.h"

#include <array>
#include <string>
#include <vector>

namespace ts::core {

using Vec3 = std::array<double, 3>;

struct FrameTimes { // video and depth: frame index → capture time (mid-exposure)
    std::vector<int64_t> frameIndex;
    std::vector<TimeNs> tNs;
};

struct ImuSample {
    TimeNs tNs = 0;
    Vec3 accel{}; // m/s², specific force in the IMU frame
    Vec3 gyro{};  // rad/s
};

struct PoseSample { // world_from_device
    TimeNs tNs = 0;
    Vec3 t{};                  // metres
    std::array<double, 4> q{}; // x, y, z, w
};

struct HandSample {
    TimeNs tNs = 0;
    Hand hand = Hand::Left;
    double confidence = 0.0;                    // 0..1
    std::array<Vec3, kHandJointCount> joints{}; // device frame, metres, canonical order
};

struct ForceSeries {
    std::vector<std::string> channels;
    std::vector<TimeNs> tNs;
    std::vector<double> values; // row-major, tNs.size() × channels.size(), newtons
};

} // namespace ts::core
