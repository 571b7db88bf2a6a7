// The synthetic head (device = RGB camera) trajectory: a seated person looking down at the
// table, moving smoothly in all six degrees of freedom, with exact analytic derivatives so that
// the IMU, the pose stream and the rendered images agree to numerical precision.
#pragma once

#include <Eigen/Geometry>

#include <array>
#include <cstdint>

namespace ts::core::synth {

class HeadTrajectory {
public:
    struct State {
        Eigen::Vector3d p;        // world position of the device (camera centre), metres
        Eigen::Matrix3d R;        // world_from_device rotation (camera: x right, y down, z fwd)
        Eigen::Vector3d v;        // world velocity, m/s
        Eigen::Vector3d a;        // world acceleration, m/s²
        Eigen::Vector3d omega;    // angular rate in the device frame, rad/s
    };

    // turnScale scales the head's turning (1: a seated person concentrating on a task, about
    // 6°/s RMS; SynthOptions::headTurnScale).
    explicit HeadTrajectory(uint64_t seed, double turnScale = 1.0);

    // t: seconds since the start of the timeline.
    State state(double t) const;
    Eigen::Vector3d position(double t) const;
    Eigen::Matrix3d rotation(double t) const;
    // world_from_device as x, y, z, w, with the sign fixed to the base orientation's hemisphere
    // so that written quaternions never flip between samples.
    std::array<double, 4> quaternion(double t) const;

    // Where the head rests on average and what it looks at (the table near the object).
    static Eigen::Vector3d basePosition();
    static Eigen::Vector3d lookAt();

private:
    struct Wave {
        double amplitude, omega, phase;
    };
    static constexpr int kWaves = 3;
    using Axis = std::array<Wave, kWaves>;

    static void evaluate(const Axis& axis, double t, double& x, double& dx, double& ddx);
    Eigen::Vector3d rotationVector(double t, Eigen::Vector3d* rate) const;

    std::array<Axis, 3> position_; // world x, y, z offsets
    std::array<Axis, 3> rotation_; // rotation vector components in the base camera frame
    Eigen::Matrix3d R0_;
};

} // namespace ts::core::synth
