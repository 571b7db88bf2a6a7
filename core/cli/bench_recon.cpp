// touchstone-cli bench recon-accuracy | recon: the reconstruction engine on synthetic episodes
// generated in the run, scored against their ground truth, with OpenCV's plain
// RgbdICPOdometry run in the same harness on the same frames as the reference
// (docs/recon.md, docs/performance.md).
#include "cli/benchutil.h"
#include "io/bundle.h"
#include "recon/episodereconstruction.h"
#include "recon/contactsignal.h"
#include "recon/handsinworld.h"
#include "recon/opencvodometry.h"
#include "recon/rgbdodometry.h"
#include "recon/worldmapcache.h"
#include "store/projectstore.h"
#include "sync/groundtruthclocks.h"
#include "synth/episodeplan.h"
#include "synth/headtrajectory.h"
#include "synth/synth.h"
#include "synth/taskscript.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace ts::core::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A synthetic episode for the benchmark, generated once into the work folder.
fs::path episode(const fs::path& work, uint64_t seed, double seconds, double depthFps,
                 synth::SynthOptions* used) {
    synth::SynthOptions so;
    so.seed = seed;
    so.seconds = seconds;
    so.depthFps = depthFps;
    so.handJointNoiseM = 0; // score the engine's geometry, not the input's noise
    const fs::path dir =
        work / ("recon-" + std::to_string(seed) + "-" + std::to_string(static_cast<int>(seconds)) +
                "s-" + std::to_string(static_cast<int>(depthFps)) + "fps");
    generateOrReuse(dir, so);
    if (used)
        *used = so;
    return dir;
}

Bundle readQuick(const fs::path& dir) {
    BundleReadOptions ro;
    ro.hashMedia = false;
    ro.checkVideoFrames = false;
    Bundle b = readBundle(dir, ro);
    if (!b.ok())
        throw Error(dir.string(), "synthetic bundle does not read back cleanly");
    return b;
}

// The true clocks of a synthetic episode, as certain models (the sync engine's job is scored
// elsewhere; here the geometry is).
recon::StreamClocks trueClocks(const fs::path& dir) {
    recon::StreamClocks c;
    for (auto [name, m] : sync::readGroundTruthClocks(dir / "ground_truth.json")) {
        m.confidence = 1;
        m.method = "file";
        c[name] = m;
    }
    return c;
}

struct OdometryRun {
    recon::Trajectory ours, opencv; // world_from_device
    double oursSeconds = 0, opencvSeconds = 0;
    int frames = 0, oursFailures = 0, opencvFailures = 0;
};

// Both odometries on the same prepared frames (back-projection and colour untimed).
OdometryRun runOdometries(const Bundle& b, const recon::StreamClocks& clocks) {
    recon::EpisodeSources src(b, clocks);
    const recon::BackProjector& bp = src.projector();
    const recon::CameraModel& cam = bp.depthCamera();
    const size_t n = static_cast<size_t>(cam.width()) * static_cast<size_t>(cam.height());
    std::vector<float> xyz(3 * n), grey(n);
    recon::RgbdOdometry ours(cam);
    recon::OpenCvOdometry cv(cam, bp.settings().minDepthM, bp.settings().maxDepthM);
    OdometryRun r;
    const Eigen::Isometry3d D = bp.deviceFromDepth(), Di = D.inverse();
    media::DepthFrame d;
    for (int64_t i = 0; i < src.depthFrames(); ++i) {
        src.depth().frame(i, d);
        const TimeNs t = src.depthTime(i);
        const media::VideoFrame* rgb = src.rgbAt(t);
        bp.organised(d.raw.data(), d.scaleM, xyz.data());
        if (rgb)
            bp.registeredGrey(xyz.data(), *rgb, grey.data());
        const float* g = rgb ? grey.data() : nullptr;
        double t0 = now();
        const recon::OdometryFrame f = ours.track(t, xyz.data(), g);
        r.oursSeconds += now() - t0;
        r.ours.add(t, D * f.worldFromDepth * Di);
        t0 = now();
        cv.track(t, xyz.data(), g);
        r.opencvSeconds += now() - t0;
        ++r.frames;
    }
    r.opencv = cv.trajectory().transformed(D);
    {
        recon::Trajectory fixed; // right-multiply by depth_from_device as for ours
        for (size_t i = 0; i < r.opencv.size(); ++i)
            fixed.add(r.opencv.times()[i], r.opencv.pose(i) * Di);
        r.opencv = fixed;
    }
    r.oursFailures = ours.failures();
    r.opencvFailures = cv.failures();
    return r;
}

void line(std::ostream& out, const std::string& bench, const std::string& figure, double value,
          const std::string& unit, const std::string& reference, double refValue,
          const std::string& better, json goal) {
    out << benchLine(bench, figure, value, unit, reference, refValue, better, goal).dump() << "\n";
}

const char* kCvRef = "OpenCV RgbdICPOdometry (defaults, frame to frame), same frames";

} // namespace

int benchReconAccuracy(const Args& a, std::ostream& out, std::ostream& err) {
    double seconds = a.number("seconds", 10);
    const int episodes = static_cast<int>(a.integer("episodes", 3));
    if (seconds < 1 || episodes < 1)
        throw UsageError("bench recon-accuracy needs --seconds >= 1 and --episodes >= 1");
    if (seconds < 3) { // the first fingertip lands on the table after about 1.6 s
        err << "bench recon-accuracy: episodes last at least 3 s so that they hold contacts\n";
        seconds = 3;
    }
    WorkDir work = makeWorkDir(a);
    std::vector<double> ate, cvAte, scaleErr, cvScaleErr, reproj, lift, onsetFrames;
    size_t liftTried = 0, liftVisible = 0, onsetsTrue = 0, onsetsFound = 0, onsetsExtra = 0;
    for (int e = 0; e < episodes; ++e) {
        synth::SynthOptions so;
        // Depth at the RGB rate, so that "one frame" is the same 33 ms for every figure.
        const fs::path dir = episode(work.path, 3000 + static_cast<uint64_t>(e), seconds, 30, &so);
        err << "bench recon-accuracy: episode " << (e + 1) << "/" << episodes << "\n";
        const Bundle b = readQuick(dir);
        const recon::StreamClocks clocks = trueClocks(dir);
        const recon::Trajectory truth =
            recon::Trajectory::fromGroundTruth(dir / "ground_truth.json");

        // Odometry: ours and OpenCV's on the same frames.
        const OdometryRun run = runOdometries(b, clocks);
        const auto mine = recon::compareTrajectories(run.ours, truth);
        const auto ref = recon::compareTrajectories(run.opencv, truth);
        ate.push_back(mine.ateRmseM);
        cvAte.push_back(ref.ateRmseM);
        scaleErr.push_back(mine.scaleError);
        cvScaleErr.push_back(ref.scaleError);

        // Hands: reprojection, lifting and contact against the script's true joints.
        const synth::EpisodePlan plan = synth::makePlan(so);
        const synth::HeadTrajectory head(so.seed, so.headTurnScale);
        const synth::TaskScript task(so.taskSeconds);
        recon::EpisodeSources src(b, clocks);
        const recon::BackProjector& bp = src.projector();
        const recon::HandsInWorld hands(b.hands.at("hands"), clocks.at("hands"));
        auto trueDevice = [&](Hand h, TimeNs t) {
            const double s = static_cast<double>(t - plan.start) * 1e-9;
            const Eigen::Matrix3d R = head.rotation(s);
            const Eigen::Vector3d p = head.position(s);
            const synth::HandJoints w = task.joints(h, s);
            recon::Joints3 d;
            for (size_t k = 0; k < d.size(); ++k)
                d[k] = R.transpose() * (w[k] - p);
            return d;
        };
        auto truePixel = [&](const Eigen::Vector3d& d, Eigen::Vector2d& px) {
            if (d.z() <= 0)
                return false;
            px = {plan.rgb.fx * d.x() / d.z() + plan.rgb.cx,
                  plan.rgb.fy * d.y() / d.z() + plan.rgb.cy};
            return px.x() >= 0 && px.y() >= 0 && px.x() <= plan.rgb.width - 1 &&
                   px.y() <= plan.rgb.height - 1;
        };
        const auto& rgbTimes = b.frames.at("rgb").tNs;
        for (TimeNs raw : rgbTimes) {
            const TimeNs t = clocks.at("rgb").toTimeline(raw);
            for (Hand h : {Hand::Left, Hand::Right}) {
                const auto est = hands.deviceJoints(h, t);
                if (!est)
                    continue;
                const recon::Joints2 px = recon::HandsInWorld::reproject(*est, bp);
                const recon::Joints3 truthJ = trueDevice(h, t);
                for (size_t k = 0; k < px.size(); ++k) {
                    Eigen::Vector2d tp;
                    if (px[k] && truePixel(truthJ[k], tp))
                        reproj.push_back((*px[k] - tp).norm());
                }
            }
        }
        const size_t npx = static_cast<size_t>(bp.depthCamera().width()) *
                           static_cast<size_t>(bp.depthCamera().height());
        std::vector<float> xyz(3 * npx);
        media::DepthFrame d;
        recon::ContactSignal signal;
        for (int64_t i = 0; i < src.depthFrames(); ++i) {
            src.depth().frame(i, d);
            const TimeNs t = src.depthTime(i);
            bp.organised(d.raw.data(), d.scaleM, xyz.data());
            const std::array<std::optional<recon::Joints3>, 2> joints{
                hands.deviceJoints(Hand::Left, t), hands.deviceJoints(Hand::Right, t)};
            std::array<std::array<recon::FingertipObservation, 5>, 2> seen{};
            for (size_t h = 0; h < 2; ++h)
                if (joints[h])
                    seen[h] = recon::observeFingertips(xyz.data(), bp, *joints[h],
                                                       joints[1 - h] ? &*joints[1 - h] : nullptr);
            recon::appendContactFrame(signal, t, joints, seen);
            for (Hand h : {Hand::Left, Hand::Right}) {
                // Lifting: the true joints' pixels (what a perfect 2D detector reports).
                const recon::Joints3 truthJ = trueDevice(h, t);
                for (size_t k = 0; k < truthJ.size(); ++k) {
                    Eigen::Vector2d tp;
                    if (!truePixel(truthJ[k], tp))
                        continue;
                    ++liftTried;
                    const auto p = recon::HandsInWorld::lift(tp, xyz.data(), bp);
                    // Scored where the joint's own finger is what the depth sees there (a
                    // joint hidden behind the box or the other hand cannot be lifted by depth).
                    if (p && std::abs(p->z() - truthJ[k].z()) < 0.03) {
                        ++liftVisible;
                        lift.push_back((*p - truthJ[k]).norm());
                    }
                }
            }
        }
        // Contact onsets against the ground truth's.
        std::ifstream gin(dir / "ground_truth.json");
        const json gt = json::parse(gin);
        const double period = 1.0 / so.depthFps;
        const std::vector<TimeNs>& times = signal.times;
        for (int k = 0; k < 10; ++k) {
            const std::pair<int, int> key{k / 5, k % 5};
            const Hand h = static_cast<Hand>(key.first);
            const auto found = recon::contactIntervals(signal, h, key.second);
            std::vector<TimeNs> trueOnsets;
            for (const auto& c : gt["contacts"])
                if (c["hand"] == std::string(handName(h)) &&
                    c["finger"] == std::string(kFingerNames[static_cast<size_t>(key.second)]) &&
                    c["start_ns"].get<TimeNs>() > times.front() + 100'000'000)
                    trueOnsets.push_back(c["start_ns"].get<TimeNs>());
            onsetsTrue += trueOnsets.size();
            std::vector<bool> used(found.size(), false);
            for (TimeNs on : trueOnsets) {
                double best = 1e9;
                size_t bi = 0;
                for (size_t k = 0; k < found.size(); ++k) {
                    const double dtf =
                        std::abs(static_cast<double>(found[k].startNs - on)) * 1e-9 / period;
                    if (!used[k] && dtf < best)
                        best = dtf, bi = k;
                }
                if (best <= 5) { // within 5 frames is the same onset; beyond it a miss
                    used[bi] = true;
                    ++onsetsFound;
                    onsetFrames.push_back(best);
                }
                if (std::getenv("TS_BENCH_CONTACT_TRACE"))
                    err << "  " << handName(h) << " " << kFingerNames[static_cast<size_t>(key.second)]
                        << " onset " << static_cast<double>(on) * 1e-9 << " s: "
                        << (best <= 5 ? std::to_string(best) + " frames" : "missed") << "\n";
            }
            for (size_t k = 0; k < found.size(); ++k)
                if (!used[k] && found[k].startNs > times.front() + 100'000'000)
                    ++onsetsExtra;
        }
    }
    const std::string tag = std::to_string(static_cast<int>(seconds)) + "s";
    const std::string B = "recon-accuracy";
    line(out, B, "odometry_ate_rmse_median_" + tag, quantile(ate, 0.5), "m", kCvRef,
         quantile(cvAte, 0.5), "lower", 0.01);
    line(out, B, "odometry_ate_rmse_max_" + tag, quantile(ate, 1.0), "m", kCvRef,
         quantile(cvAte, 1.0), "lower", 0.01);
    line(out, B, "odometry_scale_error_max_" + tag, std::max(quantile(scaleErr, 1.0), 1e-9), "",
         kCvRef, std::max(quantile(cvScaleErr, 1.0), 1e-9), "lower", 0.01);
    line(out, B, "hands_reprojection_error_p95", std::max(quantile(reproj, 0.95), 1e-9), "px", "",
         0, "lower", 1.0);
    line(out, B, "hands_reprojection_error_max", std::max(quantile(reproj, 1.0), 1e-9), "px", "", 0,
         "lower", nullptr);
    line(out, B, "hands_lift_error_median", quantile(lift, 0.5), "m", "", 0, "lower", 0.01);
    line(out, B, "hands_lift_error_p90", quantile(lift, 0.9), "m", "", 0, "lower", nullptr);
    line(out, B, "hands_lift_scored_fraction",
         liftTried ? static_cast<double>(liftVisible) / static_cast<double>(liftTried) : 0, "", "",
         0, "higher", nullptr);
    line(out, B, "contact_onset_error_p95", std::max(quantile(onsetFrames, 0.95), 1e-9), "frames",
         "", 0, "lower", 1.0);
    line(out, B, "contact_onset_error_max", std::max(quantile(onsetFrames, 1.0), 1e-9), "frames",
         "", 0, "lower", nullptr);
    line(out, B, "contact_onsets_found_fraction",
         onsetsTrue ? static_cast<double>(onsetsFound) / static_cast<double>(onsetsTrue) : 1e-9, "",
         "", 0, "higher", 1.0);
    line(out, B, "contact_onsets_spurious", static_cast<double>(onsetsExtra) + 1e-9, "", "", 0,
         "lower", nullptr);
    return 0;
}

int benchRecon(const Args& a, std::ostream& out, std::ostream& err) {
    const double seconds = a.number("seconds", 10);
    const double mapSeconds = a.number("map-seconds", a.value("seconds") ? seconds : 600);
    WorkDir work = makeWorkDir(a);
    const std::string B = "recon";

    // Back-projection of a 640×480 frame against memcpy of its output.
    {
        Calibration c;
        CameraIntrinsics k;
        k.width = 640, k.height = 480, k.fx = k.fy = 525, k.cx = 319.5, k.cy = 239.5;
        c.cameras["depth"] = k;
        c.depthScaleM = 0.001;
        const recon::BackProjector bp(c, "bench");
        std::vector<uint16_t> raw(640 * 480);
        for (size_t i = 0; i < raw.size(); ++i)
            raw[i] = (i % 97 == 0) ? 0 : static_cast<uint16_t>(500 + (i * 7) % 3000);
        std::vector<float> xyz(3 * raw.size()), copy(3 * raw.size(), 1.0f);
        const size_t bytes = xyz.size() * sizeof(float);
        const int reps = 300;
        double best = 1e9, bestCopy = 1e9;
        for (int round = 0; round < 5; ++round) {
            double t0 = now();
            for (int r = 0; r < reps; ++r)
                bp.organised(raw.data(), 0.001, xyz.data());
            best = std::min(best, now() - t0);
            t0 = now();
            for (int r = 0; r < reps; ++r) {
                std::memcpy(xyz.data(), copy.data(), bytes);
                copy[static_cast<size_t>(r)] += 1; // keep the copy from being optimised away
            }
            bestCopy = std::min(bestCopy, now() - t0);
        }
        const double gbs = bytes * reps / best / 1e9, copyGbs = bytes * reps / bestCopy / 1e9;
        line(out, B, "backprojection_bandwidth_640x480", gbs, "GB/s",
             "memcpy of the same output (3 floats per pixel)", copyGbs, "higher", 0.5);
        line(out, B, "backprojection_frames_per_second_640x480", reps / best, "fps", "", 0,
             "higher", nullptr);
    }

    // Odometry speed and error, ours against OpenCV's on the same frames.
    {
        err << "bench recon: odometry on a " << seconds << " s episode…\n";
        const fs::path dir = episode(work.path, 4000, seconds, 15, nullptr);
        const Bundle b = readQuick(dir);
        const OdometryRun run = runOdometries(b, trueClocks(dir));
        const recon::Trajectory truth =
            recon::Trajectory::fromGroundTruth(dir / "ground_truth.json");
        const auto mine = recon::compareTrajectories(run.ours, truth);
        const auto ref = recon::compareTrajectories(run.opencv, truth);
        const std::string tag = std::to_string(static_cast<int>(seconds)) + "s";
        line(out, B, "odometry_fps_320x240", run.frames / run.oursSeconds, "fps", kCvRef,
             run.frames / run.opencvSeconds, "higher", 1.0);
        line(out, B, "odometry_ate_rmse_" + tag, mine.ateRmseM, "m", kCvRef, ref.ateRmseM, "lower",
             1.0);
    }

    // World map of a long episode: time against the summed odometry time, memory bound.
    {
        err << "bench recon: world map of a " << mapSeconds << " s episode…\n";
        const fs::path dir = episode(work.path, 5000, mapSeconds, 15, nullptr);
        const Bundle b = readQuick(dir);
        recon::ReconSettings st;
        st.mapPoses = recon::MapPoses::Odometry;
        const size_t boundVoxels = static_cast<size_t>(a.integer("max-voxels", 300'000));
        st.map.maxVoxels = boundVoxels;
        const recon::EpisodeRecon r = recon::reconstructEpisode(b, trueClocks(dir), st);
        const std::string tag = std::to_string(static_cast<int>(mapSeconds)) + "s";
        line(out, B, "map_seconds_" + tag, r.odometrySeconds + r.mapSeconds, "s",
             "summed per-frame odometry time of the same run", r.odometrySeconds, "lower", 1.3);
        // The bound: voxels never exceed the setting; bytes per voxel as measured.
        line(out, B, "map_voxels_" + tag, static_cast<double>(r.map.voxels()), "voxels",
             "the --max-voxels bound", static_cast<double>(boundVoxels), "lower", 1.0);
        line(out, B, "map_megabytes_" + tag, r.map.bytes() / 1e6, "MB", "", 0, "lower", nullptr);
        line(out, B, "recon_realtime_factor_" + tag, r.seconds / r.totalSeconds, "x", "", 0,
             "higher", nullptr);

        // A second open: the map read back from a project's cache (SQLite blob, checksum,
        // voxels, levels of detail) against building it (the odometry and fusion above).
        const fs::path project = work.path / "map-cache.tsproj";
        fs::remove(project);
        ProjectStore store = ProjectStore::create(project, "bench", "bench");
        const std::string key = std::string(64, 'a');
        if (!recon::storeCachedWorldMap(store, key, r.map))
            throw Error(project.string(), "bench recon: could not cache the map");
        double best = 1e9;
        size_t voxels = 0;
        for (int k = 0; k < 3; ++k) {
            const double t0 = now();
            const recon::CachedWorldMap c = recon::loadCachedWorldMap(store, key);
            best = std::min(best, now() - t0);
            if (!c.map)
                throw Error(project.string(), "bench recon: the cached map did not read back: " +
                                                  c.problem);
            voxels = c.map->voxels();
        }
        if (voxels != r.map.voxels())
            throw Error(project.string(), "bench recon: the cached map differs from the built one");
        line(out, B, "map_open_cached_seconds_" + tag, best, "s",
             "building the map (odometry + fusion + levels of detail), same run",
             r.odometrySeconds + r.mapSeconds, "lower", 0.01);
    }
    return 0;
}

} // namespace ts::core::cli
