// The camera's rotation rate seen in its own video: features tracked between consecutive
// frames (pyramidal Lucas–Kanade on gray frames scaled down to a few hundred pixels), turned
// into bearings with the RGB intrinsics and distortion, and the rotation between the two frames
// fitted to them robustly (weighted Kabsch with Huber re-weighting, so that the hands and the
// parallax of a translating head count less). The result is a rate signal on the video's clock
// that the clock estimator compares with the gyro or with the pose-derived rate: the link that
// puts IMU and pose on the camera clock.
//
// One decoding pass over the video; pure function of its inputs; any thread. It opens its own
// VideoReader and runs one worker thread of its own for the duration of the call (decoding and
// per-frame preparation overlap the tracking on the calling thread).
#pragma once

#include "model/calibration.h"
#include "model/series.h"
#include "sync/signals.h"

#include <Eigen/Geometry>

#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace ts::core::media {
class DepthReader;
}

namespace ts::core::sync {

// A depth stream on the video's clock, registered to it through the calibration: tracked points
// of a frame that has depth become 3-D, and the motion to the next frame is solved with the
// translation (parallax of near surfaces would otherwise pass for rotation).
struct VisualDepth {
    media::DepthReader* reader = nullptr; // not owned; used by this call only
    CameraIntrinsics intrinsics;          // of the depth camera
    std::array<double, 4> rgbFromDepthQ{0, 0, 0, 1};
    std::array<double, 3> rgbFromDepthT{0, 0, 0};
    TimeNs maxTimeDiffNs = 1'000'000; // a depth frame this close to an RGB frame counts as its
};

struct VisualRotationOptions {
    int maxWidth = 320;    // frames are scaled down to at most this width (gray)
    int maxFeatures = 200; // corners tracked per frame pair
    int minTracks = 12;    // fewer good tracks: no rotation for this pair
    int windowPx = 11;     // Lucas–Kanade window (pixels of the scaled frame), per level
    int detectLevel = 1;   // corners are found on this pyramid level (1: half size)
    // Tracks start where the last pair's rotation puts them, and Lucas–Kanade then runs on the
    // pyramid levels up to this one only (0: full size alone; -1: no seeding, all levels).
    // A pair losing more than a fifth of its tracks so is tracked again on every level.
    int seededLevels = 0;
    double huberPixels = 0.3;   // residuals beyond this (in scaled pixels) are down-weighted
    double maxGapPeriods = 3.0; // pairs further apart than this many frame periods are skipped
    // The decoder runs on a stage thread of its own: one thread there costs least CPU (frame
    // threads hand frames over between them) while the other two stages use the second core.
    int decoderThreads = 1;
    // Decode without the in-loop deblocking filter where frames are scaled down by 2 or more
    // (VideoReaderOptions::skipLoopFilter): ~12 % less decoding, the block edges averaged away.
    bool fastDecode = true;
    // Keep the points of every pair solved with depth (VisualRotation::depthPairs below), so
    // that the rotation can be solved again once the camera's translation is known
    // (rateWithKnownTranslation). About 3 kB a pair: 5 MB a minute at 30 fps.
    bool keepDepthPoints = true;
    const std::atomic<bool>* cancel = nullptr; // checked per frame; throws ts::core::Error
    std::function<void(double)> progress;      // fraction 0..1, from the calling thread
};

// A rate sample's frame pair as solved with depth: the tracked points lifted with the depth of
// one frame (its camera's coordinates, metres) and where they were tracked to in the other
// (undistorted, normalized).
struct DepthPairPoints {
    size_t sample = 0;                         // index into VisualRotation::rate
    TimeNs firstT = 0, secondT = 0;            // the two frames (video clock)
    bool fromFirst = true;                     // the points are the first frame's
    std::array<float, 3> translation{0, 0, 0}; // as solved with the rotation (P_other = R·P + t)
    std::vector<std::array<float, 3>> points;
    std::vector<std::array<float, 2>> other;
};

struct VisualRotation {
    VectorSignal rate;             // camera-frame body rate (rad/s), stamped at pair midpoints
    int64_t frames = 0;            // frames decoded
    int64_t undecodableFrames = 0; // frames the decoder could not deliver (damaged video)
    int64_t pairs = 0;             // frame pairs with a rotation
    int64_t failedPairs = 0;       // pairs with too few tracks (blank, blurred or covered frames)
    int64_t depthPairs = 0;        // pairs solved with depth (rotation and translation)
    int64_t skippedPairs = 0;      // with depth given: pairs where neither frame had depth
    int64_t seededPairs = 0;       // pairs tracked from the last pair's rotation (seededLevels)
    int64_t reseededPairs = 0;     // pairs whose seeds lost tracks: tracked again on every level
    // Per rate sample (the same order as rate): the good tracks of its fit and their RMS
    // reprojection residual (scaled pixels), the fit's own measure of how well it is known.
    std::vector<int> pairTracks;
    std::vector<double> pairResidualPx;
    double medianTracks = 0;     // good tracks per pair
    double medianResidualPx = 0; // RMS reprojection residual per pair, scaled pixels
    double scale = 1;            // scaled frame width / calibrated width
    double focalPx = 1;          // focal length of the scaled frames (pixels)
    // With VisualRotationOptions::keepDepthPoints: every pair solved with depth, shared (and
    // never changed) so that copies of the result stay cheap.
    std::shared_ptr<const std::vector<DepthPairPoints>> depthPairPoints;
    // CPU seconds of the pass's own stages (decoding runs on the decoder's threads apart):
    // per-frame preparation (pyramid, corners, depth frame) and per-pair tracking and fitting.
    double prepareCpuSeconds = 0;
    double trackCpuSeconds = 0;
    std::string note; // what went wrong, for people; empty when fine
};

// The camera's position and orientation (world from camera) at a time on the video's clock;
// false where it is not known.
using CameraPoseAt =
    std::function<bool(TimeNs t, Eigen::Quaterniond& worldFromCamera, Eigen::Vector3d& position)>;

// The rotation rate again, each pair kept in depthPairPoints solved for its rotation alone with
// the translation between its frames taken from `poseAt` (e.g. a pose stream's positions on the
// video's clock). A narrow view sees a sideways move much as a turn, so a pair solved for both
// trades one for the other: on the synthetic bench this halves the rate's error and takes most
// of its slow part, which is what misplaces a clock. Pairs without kept points or without a
// known translation keep their rate. Runs one worker thread beside the calling one: poseAt is
// called from both at once. Pure function; any thread.
VectorSignal rateWithKnownTranslation(const VisualRotation& visual, const CameraPoseAt& poseAt,
                                      double huberPx, int minTracks, int64_t* resolved = nullptr);

// How the translation `poseAt` gives compares with the one the pairs measured when solved with
// their rotation: the least-squares scale s in t_measured ≈ s · t_pose over the kept pairs whose
// pose moved at least minMoveM between the frames. About 1 for metric positions on the right
// clock (the measured translations are noisy but unbiased); far from it for positions of
// another scale (a monocular SLAM's), whose translation would spoil the rotation. NaN with
// fewer than 30 such pairs. Pure function; any thread.
double translationScale(const VisualRotation& visual, const CameraPoseAt& poseAt,
                        double minMoveM = 0.0005);

// times maps the video's display indices to capture times on its raw clock (the bundle's
// timestamps CSV); intrinsics are those of the displayed frames. Throws ts::core::Error naming
// the file (and frame) when the video cannot be read or the intrinsics are unusable.
VisualRotation visualRotationRate(const std::filesystem::path& video, const FrameTimes& times,
                                  const CameraIntrinsics& intrinsics,
                                  const VisualRotationOptions& options = {},
                                  const VisualDepth* depth = nullptr);

} // namespace ts::core::sync
