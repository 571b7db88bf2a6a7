// Reading and validating an episode bundle (docs/bundle-format.md). readBundle() never throws
// for bad input: every problem becomes a Diagnostic naming the file, line or frame.
#pragma once

#include "model/calibration.h"
#include "model/manifest.h"
#include "model/series.h"
#include "model/streamstats.h"
#include "util/diagnostic.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ts::core {

inline constexpr const char* kBundleFormat = "touchstone-episode/1";
inline constexpr int kBundleFormatVersion = 1;

struct BundleReadOptions {
    bool hashMedia = true;        // SHA-256 of every file (import needs it; a quick check not)
    bool keepSamples = true;      // keep the parsed samples in Bundle (else only stats)
    bool checkVideoFrames = true; // read every video packet to count frames and find truncation
    // Read every depth frame's PNG header (format, size against the calibration). Off: only the
    // first frame is read (the stream's size), for passes that decode the frames themselves and
    // cope with a bad one (sync).
    bool checkDepthFrames = true;
    // Read the IMU, pose, hands and force CSVs and the attachments. Off: only the manifest, the
    // calibration and the video and depth streams (frame tables, probes), so that a video pass
    // can start while the rest is read (sync).
    bool sampleStreams = true;
    int threads = 2;
    // Called from worker threads with a fraction in [0, 1]; may be empty.
    std::function<void(double)> progress;
    const std::atomic<bool>* cancel = nullptr;
};

// One bundle as read from disk: its manifest, calibration, per-stream statistics, the files
// it consists of, and what was found wrong. Samples are on each stream's raw clock.
struct Bundle {
    std::filesystem::path root;
    Manifest manifest;
    Calibration calibration;
    std::vector<StreamStats> stats; // in manifest stream order, for streams that could be read
    std::vector<MediaFile> media;   // every file of the bundle the manifest references
    Diagnostics diagnostics;

    std::map<std::string, FrameTimes> frames; // video and depth streams by name
    std::map<std::string, std::vector<ImuSample>> imu;
    std::map<std::string, std::vector<PoseSample>> pose;
    std::map<std::string, std::vector<HandSample>> hands;
    std::map<std::string, ForceSeries> force;

    bool ok() const { return !diagnostics.hasErrors(); }
    const StreamStats* statsFor(const std::string& stream) const;
};

Bundle readBundle(const std::filesystem::path& dir, const BundleReadOptions& options = {});

} // namespace ts::core
