// Everything the generator decides before writing a single file: the checked options with
// defaults filled in, the timeline span, each stream's clock and rate, the cameras and the IMU
// biases. The stream writers and the ground truth all read from this one plan.
#pragma once

#include "model/clockmodel.h"
#include "synth/rng.h"
#include "synth/scenerenderer.h"
#include "synth/synth.h"

#include <Eigen/Core>

#include <map>
#include <string>
#include <vector>

namespace ts::core::synth {

struct StreamPlan {
    std::string name;
    std::string clock;   // the clock's name in episode.json
    ClockModel model;    // true raw → timeline mapping
    double rateHz = 0;
    Rng rng(uint64_t seed) const { return Rng(seed, "sampling-" + name); }
};

// What was actually written for one stream (for ground_truth.json and the summary).
struct StreamReport {
    int64_t count = 0;   // rows (hands: one per hand) or frames
    int64_t dropped = 0; // samples lost (hands: sample times, each losing both hands)
    TimeNs firstRaw = 0, lastRaw = 0;
};

struct EpisodePlan {
    SynthOptions opts;   // defaults filled in (ids, depth rate)
    TimeNs start = 0;    // timeline start (> 0 so that raw times stay positive)
    TimeNs end = 0;      // exclusive
    std::map<std::string, StreamPlan> streams; // rgb, depth, imu, pose, hands, force
    PinholeCamera rgb, depth;
    Eigen::Vector3d accelBias = Eigen::Vector3d::Zero(), gyroBias = Eigen::Vector3d::Zero();

    static const std::vector<std::string>& streamNames();
    static const std::vector<std::string>& forceChannels();
};

EpisodePlan makePlan(const SynthOptions& opts); // validates first

} // namespace ts::core::synth
