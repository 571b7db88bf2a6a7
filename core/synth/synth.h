// The synthetic episode generator: writes a complete, valid episode bundle (video, depth, pose,
// IMU, hands, force, manifest, calibration) of a scripted pick-slip-regrasp task together with
// ground_truth.json, so that the sync, QC and export engines can be tested and scored.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace ts::core::synth {

struct SynthOptions {
    double seconds = 10;
    double fps = 30;
    int width = 640, height = 480; // RGB size; even, at least 16
    uint64_t seed = 1;
    // Per stream (depth, imu, pose, hands, force) true clock offset and drift against the RGB
    // camera clock (the timeline). "rgb" is the timeline itself and cannot be given.
    std::map<std::string, double> clockOffsetMs;
    std::map<std::string, double> clockDriftPpm;
    // Streams without an explicit value get a random offset in ±200 ms and drift in ±50 ppm.
    // Depth is the exception: like on phones with a depth sensor it shares the camera clock
    // unless an offset or drift is given for it, in which case it gets its own "depth" clock.
    bool randomClocks = true;
    double dropRate = 0.0; // probability that any sample or frame (video too) is lost, [0, 0.9]
    double jitterUs = 0.0; // std-dev of recorded-timestamp jitter; values stay at the true time
    double depthFps = 0;   // 0 = fps / 2; depth is half the RGB resolution, same field of view
    double poseRateHz = 100, imuRateHz = 1000, handsRateHz = 30, forceRateHz = 1000;
    std::string episodeId;   // default "synth-<seed>"
    std::string participant; // default "P-<seed>"
    std::string task;        // the manifest's task hint; a default sentence when empty
    int threads = 2;
    std::function<void(double)> progress; // fraction 0..1, called from the calling thread

    // Additions beyond the basic set.
    double taskSeconds = 10;          // period of the scripted task (it loops); >= 2
    double imuAccelNoise = 0.02;      // white noise std-dev per sample, m/s²
    double imuGyroNoise = 0.002;      // rad/s
    bool imuBias = true;              // a constant random bias on every IMU axis
    double handJointNoiseM = 0.001;   // std-dev of hand joint positions, metres
    double forceNoiseN = 0.02;        // std-dev of force readings, newtons
    int crf = 20;                     // x264 quality
    // How much the head turns: 1 is a seated person concentrating on a task (about 6°/s RMS);
    // 2 and 4 turn it twice and four times as far at the same pace.
    double headTurnScale = 1;
    // false: only the sampled streams (pose, imu, hands, force CSVs) and ground_truth.json, no
    // video, depth, manifest or calibration. Not an importable bundle: for scoring the
    // estimators that need no images (force ↔ hands, hands ↔ pose, gyro ↔ pose) on long
    // recordings at a fraction of the cost (10 minutes: seconds instead of a minute and 220 MB).
    bool images = true;
};

struct SynthSummary {
    std::filesystem::path dir;
    std::map<std::string, int64_t> counts;  // per stream: rows (hands: one per hand) or frames
    std::map<std::string, int64_t> dropped; // per stream: samples or frames lost
    double seconds = 0;                     // episode length on the timeline
    int64_t timelineStartNs = 0;
    double wallSeconds = 0;                 // how long generation took
};

// Throws ts::core::Error with a message naming the option for nonsense options, and naming the
// file for IO failures. outDir must not exist or be an empty folder. On failure a partly written
// folder may remain.
SynthSummary generateEpisode(const std::filesystem::path& outDir, const SynthOptions& opts);

// The episodes `bench sync-accuracy` scores (and tests mirror): every non-camera clock (imu,
// pose, hands, force) with an offset in ±500 ms and a drift in ±200 ppm drawn from the seed,
// 50 µs timestamp jitter, 1 % drops, video `width` wide at 4:3.
SynthOptions syncBenchOptions(uint64_t seed, double seconds, int width);

// Checks the options as generateEpisode does; throws ts::core::Error naming the bad option.
void validateOptions(const SynthOptions& opts);

} // namespace ts::core::synth
