// Reconstruction of one episode in one pass over its depth frames: back-projection, odometry
// (always, as the metric trajectory and as a check of any pose stream), the fused world map
// posed by the pose stream when its clock is known (else by the odometry), and the figures a
// reviewer needs: trajectory error against the pose stream and the ground truth, scale,
// coverage, per-frame confidence and failures.
//
// Threads: reconstructEpisode() runs on the calling thread (a worker; never the GUI thread)
// and shares nothing; `cancel` and `progress` are the only links to other threads.
#pragma once

#include "io/bundle.h"
#include "recon/episodesources.h"
#include "recon/rgbdodometry.h"
#include "recon/trajectory.h"
#include "recon/trajectorycomparison.h"
#include "recon/worldmap.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ts::core::recon {

enum class MapPoses { Auto, PoseStream, Odometry, GroundTruth };

struct ReconSettings {
    BackProjectionSettings depth;
    OdometrySettings odometry;
    WorldMapSettings map;
    bool buildMap = true;
    int mapStride = 2; // fuse every n-th depth pixel (rows and columns)
    MapPoses mapPoses = MapPoses::Auto;
    bool useColour = true;                // decode RGB for colour and the photometric odometry term
    int64_t maxFrames = 0;                // 0: every depth frame
    std::function<void(double)> progress; // fraction done, from the calling thread
    const std::atomic<bool>* cancel = nullptr;
    // Called on the calling thread every `snapshotEveryFrames` fused frames with the map being
    // filled (not finished) and the fraction done: WorldMapBuilder publishes levels from it.
    std::function<void(const WorldMap&, double)> mapSnapshot;
    int snapshotEveryFrames = 30;
};

struct FrameReport {
    int64_t index = 0;
    TimeNs tNs = 0;           // timeline
    size_t validPoints = 0;   // back-projected points kept
    double validFraction = 0; // of the depth image's pixels
    bool coloured = false;
    OdometryFrame odometry; // worldFromDepth in the odometry's own world
};

struct EpisodeRecon {
    std::string episodeId, depthStream, rgbStream, poseStream;
    std::string mapPoses; // "pose", "odometry" or "ground-truth": what posed the map
    std::vector<FrameReport> frames;
    Trajectory odometry;            // world_from_device; world = the first frame's device frame
    std::optional<Trajectory> pose; // the pose stream on the timeline, when its clock is known
    std::optional<Trajectory> groundTruth;
    std::optional<TrajectoryComparison> odometryVsPose, odometryVsGroundTruth, poseVsGroundTruth;
    std::optional<ClockModel> poseClockFromOdometry; // when the pose clock was unknown
    WorldMap map{WorldMapSettings{}};
    int keyframes = 0, failures = 0;
    double meanConfidence = 0;
    double seconds = 0; // span of the depth frames on the timeline
    // Coverage: the share of depth frames that were posed, and the bounding box of the map.
    double posedFraction = 0;
    Eigen::Vector3f mapMin = Eigen::Vector3f::Zero(), mapMax = Eigen::Vector3f::Zero();
    // Wall time per stage, seconds.
    double readSeconds = 0, decodeSeconds = 0, backprojectSeconds = 0, odometrySeconds = 0,
           mapSeconds = 0, totalSeconds = 0;
    std::vector<std::string> notes; // what could not be done, for people
};

// Throws ts::core::Error naming the file (and frame) on bad input: no calibration, no depth
// stream, a depth frame that cannot be decoded or whose depth is implausible for the
// calibrated depth scale. Throws Error("cancelled") when `cancel` became true.
EpisodeRecon reconstructEpisode(const Bundle& bundle, const StreamClocks& clocks,
                                const ReconSettings& settings = {});

// The pose stream's raw → timeline model found by matching its rotation rate with the
// odometry's (which is on the timeline); nullopt when the motion does not tell.
std::optional<ClockModel> poseClockFromOdometry(const Trajectory& odometry,
                                                const std::vector<PoseSample>& pose);

} // namespace ts::core::recon
