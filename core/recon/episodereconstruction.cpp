#include "recon/episodereconstruction.h"

#include "recon/rigid.h"
#include "sync/clockestimator.h"
#include "sync/signals.h"
#include "util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

namespace ts::core::recon {

namespace fs = std::filesystem;

namespace {

double since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string metres(double v) {
    std::ostringstream s;
    s.precision(3);
    s << v;
    return s.str();
}

// A wrong depth_scale_m shows as depth that is mostly outside the sensor's range: the first
// frame with measurements must have its median inside it.
void checkDepthScale(const media::DepthFrame& d, const BackProjectionSettings& range,
                     const std::string& file, const std::string& calibration) {
    std::vector<float> z;
    z.reserve(d.raw.size() / 7 + 1);
    for (size_t i = 0; i < d.raw.size(); i += 7)
        if (d.raw[i])
            z.push_back(static_cast<float>(d.raw[i] * d.scaleM));
    if (z.size() < 16)
        return;
    std::nth_element(z.begin(), z.begin() + static_cast<long>(z.size() / 2), z.end());
    const double median = z[z.size() / 2];
    if (median < range.minDepthM || median > range.maxDepthM)
        throw Error(file, "frame " + std::to_string(d.index) + ": the median depth is " +
                              metres(median) + " m, outside the plausible " +
                              metres(range.minDepthM) + " … " + metres(range.maxDepthM) +
                              " m; is depth_scale_m (" + metres(d.scaleM) + " m per unit) in " +
                              calibration + " right?");
}

} // namespace

std::optional<ClockModel> poseClockFromOdometry(const Trajectory& odometry,
                                                const std::vector<PoseSample>& pose) {
    if (odometry.size() < 20 || pose.size() < 20)
        return std::nullopt;
    const std::vector<PoseSample> odo = odometry.toPoseSamples();
    const TimeNs period =
        (odometry.lastNs() - odometry.firstNs()) / static_cast<TimeNs>(odometry.size() - 1);
    const sync::VectorSignal ref = sync::angularRateFromPose(odo, 3 * period);
    const TimeNs posePeriod =
        (pose.back().tNs - pose.front().tNs) / static_cast<TimeNs>(pose.size() - 1);
    const sync::VectorSignal other = sync::angularRateFromPose(pose, 3 * posePeriod);
    sync::ClockEstimateOptions o;
    o.coarseStepNs = std::max<TimeNs>(o.coarseStepNs, period / 4);
    const sync::ClockEstimate e = sync::estimateClock(ref, other, o);
    if (!e.estimated || e.confidence < 0.5)
        return std::nullopt;
    ClockModel m = sync::clockModelOf(e);
    m.method = "estimated";
    m.author = "touchstone";
    return m;
}

EpisodeRecon reconstructEpisode(const Bundle& bundle, const StreamClocks& clocks,
                                const ReconSettings& st) {
    const auto tStart = std::chrono::steady_clock::now();
    EpisodeRecon r;
    r.map = WorldMap(st.map);
    r.episodeId = bundle.manifest.id;
    EpisodeSources src(bundle, clocks, st.depth, st.useColour);
    const BackProjector& bp = src.projector();
    r.depthStream = src.depthStream();
    r.rgbStream = src.rgbStream();
    if (!clockKnown(src.clock(r.depthStream)))
        r.notes.push_back("the depth clock is not aligned to the timeline; its raw times are used");

    // The pose stream (first of its kind), on the timeline when its clock is known.
    const std::vector<PoseSample>* poseSamples = nullptr;
    for (const StreamDecl& s : bundle.manifest.streams)
        if (s.kind == StreamKind::Pose && r.poseStream.empty()) {
            r.poseStream = s.name;
            const auto it = bundle.pose.find(s.name);
            if (it != bundle.pose.end() && !it->second.empty())
                poseSamples = &it->second;
        }
    if (poseSamples && clockKnown(src.clock(r.poseStream)))
        r.pose = Trajectory::fromPoses(*poseSamples, src.clock(r.poseStream));
    const fs::path gtFile = bundle.root / "ground_truth.json";
    if (fs::exists(gtFile))
        r.groundTruth = Trajectory::fromGroundTruth(gtFile);

    MapPoses mapPoses = st.mapPoses;
    if (mapPoses == MapPoses::Auto)
        mapPoses = r.pose ? MapPoses::PoseStream : MapPoses::Odometry;
    if (mapPoses == MapPoses::PoseStream && !r.pose)
        throw Error((bundle.root / "episode.json").string(),
                    poseSamples ? "the pose stream's clock is not aligned to the timeline (run "
                                  "sync first, or pose the map by odometry)"
                                : "the episode has no pose stream to pose the map with");
    if (mapPoses == MapPoses::GroundTruth && !r.groundTruth)
        throw Error(gtFile.string(), "no ground truth to pose the map with");
    r.mapPoses = mapPoses == MapPoses::PoseStream    ? "pose"
                 : mapPoses == MapPoses::GroundTruth ? "ground-truth"
                                                     : "odometry";
    const Trajectory* mapTrajectory = mapPoses == MapPoses::PoseStream    ? &*r.pose
                                      : mapPoses == MapPoses::GroundTruth ? &*r.groundTruth
                                                                          : nullptr;

    const CameraModel& cam = bp.depthCamera();
    const size_t pixels = static_cast<size_t>(cam.width()) * static_cast<size_t>(cam.height());
    std::vector<float> xyz(3 * pixels), grey(pixels);
    RgbdOdometry odometry(cam, st.odometry);
    const Eigen::Isometry3d deviceFromDepth = bp.deviceFromDepth();
    const Eigen::Isometry3d depthFromDevice = deviceFromDepth.inverse();
    int64_t frames = src.depthFrames();
    if (st.maxFrames > 0)
        frames = std::min(frames, st.maxFrames);
    media::DepthFrame depth;
    bool scaleChecked = false;
    size_t posed = 0;
    double confidenceSum = 0;
    for (int64_t i = 0; i < frames; ++i) {
        if (st.cancel && st.cancel->load())
            throw Error("reconstruction of episode '" + r.episodeId + "' cancelled");
        auto t0 = std::chrono::steady_clock::now();
        const std::string file = src.depthFile(i);
        src.depth().frame(i, depth); // throws naming the file and frame
        bp.checkDepth(depth, file);
        if (!scaleChecked) {
            checkDepthScale(depth, st.depth, file, src.calibrationFile());
            scaleChecked =
                std::any_of(depth.raw.begin(), depth.raw.end(), [](uint16_t v) { return v != 0; });
        }
        r.readSeconds += since(t0);
        FrameReport f;
        f.index = i;
        f.tNs = src.depthTime(i);
        const media::VideoFrame* rgb = src.rgbAt(f.tNs);
        t0 = std::chrono::steady_clock::now();
        f.validPoints = bp.organised(depth.raw.data(), depth.scaleM, xyz.data());
        f.validFraction = static_cast<double>(f.validPoints) / static_cast<double>(pixels);
        f.coloured = rgb != nullptr;
        if (rgb)
            bp.registeredGrey(xyz.data(), *rgb, grey.data());
        r.backprojectSeconds += since(t0);

        t0 = std::chrono::steady_clock::now();
        if (f.validPoints > 0) {
            f.odometry = odometry.track(f.tNs, xyz.data(), rgb ? grey.data() : nullptr);
            r.odometry.add(f.tNs, deviceFromDepth * f.odometry.worldFromDepth * depthFromDevice);
            confidenceSum += f.odometry.confidence;
        } else {
            f.odometry.tNs = f.tNs;
            f.odometry.failed = true;
            f.odometry.note = "no valid depth in the frame";
        }
        r.odometrySeconds += since(t0);

        if (f.validPoints > 0) {
            t0 = std::chrono::steady_clock::now();
            std::optional<Eigen::Isometry3d> worldFromDevice;
            if (mapTrajectory)
                worldFromDevice = mapTrajectory->at(f.tNs);
            else if (!f.odometry.failed)
                worldFromDevice = r.odometry.pose(r.odometry.size() - 1);
            if (worldFromDevice) {
                ++posed; // counted also when the map comes from a cache
                if (st.buildMap) {
                    r.map.insert(bp.cloudFromOrganised(
                        xyz.data(), rgb, *worldFromDevice * deviceFromDepth, st.mapStride, false));
                    if (st.mapSnapshot && st.snapshotEveryFrames > 0 &&
                        posed % static_cast<size_t>(st.snapshotEveryFrames) == 0)
                        st.mapSnapshot(r.map,
                                       static_cast<double>(i + 1) / static_cast<double>(frames));
                }
            }
            r.mapSeconds += since(t0);
        }
        r.frames.push_back(std::move(f));
        if (st.progress)
            st.progress(static_cast<double>(i + 1) / static_cast<double>(frames));
    }
    if (r.frames.empty())
        throw Error(src.depthFile(0), "the depth stream has no frames");
    if (st.buildMap) {
        const auto t0 = std::chrono::steady_clock::now();
        r.map.finish();
        r.mapSeconds += since(t0);
        const PointCloud& all = r.map.level(0);
        if (!all.empty()) {
            r.mapMin = r.mapMax = all.points.front();
            for (const auto& p : all.points) {
                r.mapMin = r.mapMin.cwiseMin(p);
                r.mapMax = r.mapMax.cwiseMax(p);
            }
        }
    }
    r.keyframes = odometry.keyframes();
    r.failures = odometry.failures();
    for (const FrameReport& f : r.frames)
        if (f.validPoints == 0)
            ++r.failures;
    r.meanConfidence = confidenceSum / static_cast<double>(r.frames.size());
    r.posedFraction = static_cast<double>(posed) / static_cast<double>(r.frames.size());
    r.seconds = static_cast<double>(r.frames.back().tNs - r.frames.front().tNs) * 1e-9;
    r.decodeSeconds = src.decodeSeconds();

    // Checks: odometry against the pose stream (finding its clock when unknown) and the truth.
    if (poseSamples && !r.pose) {
        r.poseClockFromOdometry = poseClockFromOdometry(r.odometry, *poseSamples);
        if (r.poseClockFromOdometry)
            r.pose = Trajectory::fromPoses(*poseSamples, *r.poseClockFromOdometry);
        else
            r.notes.push_back("the pose stream's clock is unknown and could not be found from "
                              "the odometry; the odometry is not compared with it");
    }
    const TimeNs maxGap = 200'000'000;
    if (r.pose)
        r.odometryVsPose = compareTrajectories(r.odometry, *r.pose, maxGap);
    if (r.groundTruth) {
        r.odometryVsGroundTruth = compareTrajectories(r.odometry, *r.groundTruth, maxGap);
        if (r.pose) {
            // The pose stream sampled at the depth frames, so that both are scored alike.
            Trajectory at;
            for (const FrameReport& f : r.frames)
                if (auto p = r.pose->at(f.tNs, maxGap))
                    at.add(f.tNs, *p);
            r.poseVsGroundTruth = compareTrajectories(at, *r.groundTruth, maxGap);
        }
    }
    r.totalSeconds = since(tStart);
    return r;
}

} // namespace ts::core::recon
