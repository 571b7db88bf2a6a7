// Motion signals that the sync engine compares across clocks: timestamped 3-vectors (gyro
// rates, pose-derived rotation rates), their magnitudes and their resampling onto a uniform
// grid. Pure functions on plain values; any thread.
#pragma once

#include "model/series.h"
#include "model/time.h"

#include <vector>

namespace ts::core::sync {

// Samples of a 3-vector on one raw clock, in increasing time order.
struct VectorSignal {
    std::vector<TimeNs> t;
    std::vector<Vec3> v;
    // Optional, one per sample (empty: not known). interval: the sample is the mean over
    // [t − interval/2, t + interval/2] (a rate measured between two video frames is the mean
    // over exactly their interval, which is longer where a frame was dropped). weight: how
    // much the measurement is trusted relative to the others (e.g. from a visual fit's tracks
    // and residual); 1 is the norm.
    std::vector<TimeNs> interval;
    std::vector<double> weight;
    size_t size() const { return t.size(); }
    bool empty() const { return t.empty(); }
};

// The gyro axes of an IMU stream, rotated by imuToDevice (x, y, z, w; identity by default) so
// that they are in the device frame of the pose stream.
VectorSignal gyroSignal(const std::vector<ImuSample>& imu,
                        const std::array<double, 4>& imuToDevice = {0, 0, 0, 1});

// Every sample rotated by q (x, y, z, w): e.g. a camera-frame rate into the device frame.
VectorSignal rotateSignal(const VectorSignal& s, const std::array<double, 4>& q);

// Body-frame angular rate from consecutive world_from_device quaternions: for each pair,
// 2·log(q_i⁻¹ q_{i+1}) / Δt, stamped at the pair's midpoint, where the finite difference is
// second-order accurate. This is what a gyro fixed to the device measures. Pairs further
// apart than maxGapNs (dropped stretches) are skipped because their rate is smeared.
VectorSignal angularRateFromPose(const std::vector<PoseSample>& pose, TimeNs maxGapNs);

// Euclidean norm of each sample, as a 1-axis signal in x (y = z = 0).
VectorSignal magnitude(const VectorSignal& s);

// Linear interpolation of s at time t (s must not be empty; clamps at the ends).
Vec3 interpolate(const VectorSignal& s, double t, size_t* hint = nullptr);

// s resampled at start + k·step for k = 0..count-1 by linear interpolation; samples outside the
// signal's time range are zero and reported invalid in `valid` (if given).
std::vector<Vec3> resampleUniform(const VectorSignal& s, TimeNs start, TimeNs step, size_t count,
                                  std::vector<char>* valid = nullptr);

} // namespace ts::core::sync
