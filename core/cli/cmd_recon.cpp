// touchstone-cli recon PROJECT EPISODE [--json] [--export-ply FILE] [...]: reconstructs one
// episode (back-projection, odometry, world map) and reports the trajectory error against the
// pose stream and the ground truth, the scale, and the coverage (docs/recon.md, docs/cli.md).
#include "cli/args.h"
#include "cli/commands.h"
#include "io/bundle.h"
#include "project/projectpath.h"
#include "recon/episodereconstruction.h"
#include "recon/pointcloud.h"
#include "recon/reconprojectsettings.h"
#include "recon/worldmapcache.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace ts::core::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json comparisonJson(const std::optional<recon::TrajectoryComparison>& c) {
    if (!c || c->pairs < 3)
        return nullptr;
    return {{"pairs", c->pairs},
            {"ate_rmse_m", c->ateRmseM},
            {"ate_median_m", c->ateMedianM},
            {"ate_max_m", c->ateMaxM},
            {"rotation_rmse_deg", c->rotationRmseDeg},
            {"scale", c->scale},
            {"scale_error", c->scaleError},
            {"rpe_translation_m_per_s", c->rpeTranslationMPerS},
            {"reference_motion_rms_m", c->referenceMotionM}};
}

void printComparison(std::ostream& out, const char* what,
                     const std::optional<recon::TrajectoryComparison>& c) {
    if (!c)
        return;
    char line[400];
    if (c->pairs < 3) {
        std::snprintf(line, sizeof line, "  %-22s too few frames overlap to compare\n", what);
    } else {
        std::snprintf(line, sizeof line,
                      "  %-22s ATE RMSE %.1f mm (median %.1f, max %.1f), rotation %.2f°, scale "
                      "%.4f (error %.2f %%), drift %.1f mm/s, %zu frames\n",
                      what, c->ateRmseM * 1e3, c->ateMedianM * 1e3, c->ateMaxM * 1e3,
                      c->rotationRmseDeg, c->scale, c->scaleError * 100,
                      c->rpeTranslationMPerS * 1e3, c->pairs);
    }
    out << line;
}

recon::MapPoses parsePoses(const std::string& v) {
    if (v == "auto")
        return recon::MapPoses::Auto;
    if (v == "pose")
        return recon::MapPoses::PoseStream;
    if (v == "odometry")
        return recon::MapPoses::Odometry;
    if (v == "ground-truth")
        return recon::MapPoses::GroundTruth;
    throw UsageError("--poses must be auto, pose, odometry or ground-truth, not '" + v + "'");
}

} // namespace

int cmdRecon(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {"json", "no-colour", "no-cache"},
           {"export-ply", "poses", "voxel-mm", "max-voxels", "budget", "max-frames"});
    if (a.positional().size() != 2)
        throw UsageError("recon takes a PROJECT and an EPISODE");
    a.outputFile("export-ply", ".ply", "the map as binary PLY"); // before any work is done
    ProjectStore store = ProjectStore::open(resolveProjectFile(a.positional()[0]));
    const std::string id = a.positional()[1];
    const auto detail = store.episode(id);
    if (!detail)
        throw Error(store.file().string(), "the project has no episode '" + id + "'");
    const fs::path dir = store.projectDir() / fs::path(detail->bundlePath);
    BundleReadOptions ro;
    ro.hashMedia = false;
    ro.checkVideoFrames = false;
    const Bundle b = readBundle(dir, ro);
    if (!b.ok()) {
        err << "touchstone-cli recon: episode '" << id << "': bundle " << dir.string()
            << " cannot be read:\n";
        for (const auto& d : b.diagnostics.all())
            err << "  " << d.toString() << "\n";
        return 1;
    }
    // The project's clock models (the import's, or what sync or a person stored since).
    recon::StreamClocks clocks;
    for (const StreamInfo& s : detail->streams)
        clocks[s.stats.name] = s.clockModel;

    recon::ReconSettings st;
    st.mapPoses = parsePoses(a.value("poses").value_or("auto"));
    // The project's recon setting (voxel size, memory budget); options override it.
    recon::reconProjectSettingsFromJson(store.setting("project", "recon").value_or(json(nullptr)))
        .applyTo(st.map);
    if (a.value("voxel-mm"))
        st.map.voxelM = a.number("voxel-mm", 5) / 1000.0;
    st.map.maxVoxels = static_cast<size_t>(a.integer("max-voxels", 4'000'000));
    st.maxFrames = a.integer("max-frames", 0);
    st.useColour = !a.flag("no-colour");
    if (!(st.map.voxelM > 0) || st.map.maxVoxels < 1 || st.maxFrames < 0)
        throw UsageError("--voxel-mm, --max-voxels must be > 0 and --max-frames >= 0");

    // The map from the project's cache when an entry with the same media, clocks and
    // settings exists (and reads back intact); else built now and cached.
    const std::string cacheKey = recon::worldMapCacheKey(store, id, clocks, st);
    std::string mapSource = "built";
    std::optional<recon::WorldMap> cached;
    if (!a.flag("no-cache")) {
        recon::CachedWorldMap c = recon::loadCachedWorldMap(store, cacheKey);
        if (c.map) {
            cached = std::move(c.map);
            mapSource = "project cache";
            st.buildMap = false;
        } else if (!c.problem.empty()) {
            err << "touchstone-cli recon: the cached world map cannot be used (" << c.problem
                << "); rebuilding it\n";
            mapSource = "rebuilt (cache entry unusable)";
        }
    } else {
        mapSource = "rebuilt (--no-cache)";
    }
    recon::EpisodeRecon r = recon::reconstructEpisode(b, clocks, st);
    if (cached) {
        r.map = std::move(*cached);
        const recon::PointCloud& all = r.map.level(0);
        if (!all.empty()) {
            r.mapMin = r.mapMax = all.points.front();
            for (const auto& p : all.points) {
                r.mapMin = r.mapMin.cwiseMin(p);
                r.mapMax = r.mapMax.cwiseMax(p);
            }
        }
    } else {
        std::string problem;
        if (recon::storeCachedWorldMap(store, cacheKey, r.map, &problem))
            mapSource += ", cached";
        else
            err << "touchstone-cli recon: the world map could not be cached (" << problem << ")\n";
    }
    const size_t budget = static_cast<size_t>(a.integer("budget", 0));
    if (auto ply = a.value("export-ply")) {
        const recon::PointCloud& cloud = budget > 0 ? r.map.forBudget(budget) : r.map.level(0);
        recon::writePly(*ply, cloud);
    }

    const double fps =
        r.odometrySeconds > 0 ? static_cast<double>(r.frames.size()) / r.odometrySeconds : 0;
    if (a.flag("json")) {
        json frames = json::array();
        for (const recon::FrameReport& f : r.frames)
            frames.push_back({{"index", f.index},
                              {"t_ns", f.tNs},
                              {"valid_fraction", f.validFraction},
                              {"confidence", f.odometry.confidence},
                              {"failed", f.odometry.failed},
                              {"keyframe", f.odometry.keyframe},
                              {"inlier_fraction", f.odometry.inlierFraction},
                              {"note", f.odometry.note}});
        json j{{"episode", r.episodeId},
               {"depth_stream", r.depthStream},
               {"rgb_stream", r.rgbStream.empty() ? json(nullptr) : json(r.rgbStream)},
               {"pose_stream", r.poseStream.empty() ? json(nullptr) : json(r.poseStream)},
               {"map_poses", r.mapPoses},
               {"depth_frames", r.frames.size()},
               {"seconds", r.seconds},
               {"odometry",
                {{"keyframes", r.keyframes},
                 {"failed_frames", r.failures},
                 {"mean_confidence", r.meanConfidence},
                 {"fps", fps},
                 {"vs_pose", comparisonJson(r.odometryVsPose)},
                 {"vs_ground_truth", comparisonJson(r.odometryVsGroundTruth)}}},
               {"pose_vs_ground_truth", comparisonJson(r.poseVsGroundTruth)},
               {"pose_clock_from_odometry",
                r.poseClockFromOdometry ? json{{"offset_ns", r.poseClockFromOdometry->offsetNs},
                                               {"drift_ppm", r.poseClockFromOdometry->drift * 1e6},
                                               {"t0_ns", r.poseClockFromOdometry->t0Ns},
                                               {"confidence", r.poseClockFromOdometry->confidence}}
                                        : json(nullptr)},
               {"coverage",
                {{"posed_fraction", r.posedFraction},
                 {"map_points", r.map.voxels()},
                 {"voxel_m", r.map.voxelM()},
                 {"levels_of_detail", r.map.levels()},
                 {"map_bytes", r.map.bytes()},
                 {"map_source", mapSource},
                 {"map_cache_key", cacheKey},
                 {"coarsenings", r.map.coarsenings()},
                 {"extent_m",
                  {r.mapMax.x() - r.mapMin.x(), r.mapMax.y() - r.mapMin.y(),
                   r.mapMax.z() - r.mapMin.z()}}}},
               {"seconds_by_stage",
                {{"read", r.readSeconds},
                 {"decode", r.decodeSeconds},
                 {"backproject", r.backprojectSeconds},
                 {"odometry", r.odometrySeconds},
                 {"map", r.mapSeconds},
                 {"total", r.totalSeconds}}},
               {"notes", r.notes},
               {"frames", frames}};
        out << j.dump(2) << "\n";
        return 0;
    }
    char line[400];
    std::snprintf(line, sizeof line, "episode %s: %zu depth frames over %.2f s; map posed by %s\n",
                  r.episodeId.c_str(), r.frames.size(), r.seconds, r.mapPoses.c_str());
    out << line;
    std::snprintf(line, sizeof line,
                  "  odometry               %d keyframes, %d failed frames, mean confidence %.2f, "
                  "%.1f frames/s\n",
                  r.keyframes, r.failures, r.meanConfidence, fps);
    out << line;
    if (r.poseClockFromOdometry) {
        std::snprintf(line, sizeof line,
                      "  pose clock             found from the odometry: offset %.2f ms, drift "
                      "%.1f ppm, confidence %.2f\n",
                      static_cast<double>(r.poseClockFromOdometry->offsetNs) * 1e-6,
                      r.poseClockFromOdometry->drift * 1e6, r.poseClockFromOdometry->confidence);
        out << line;
    }
    printComparison(out, "odometry vs pose", r.odometryVsPose);
    printComparison(out, "odometry vs truth", r.odometryVsGroundTruth);
    printComparison(out, "pose vs truth", r.poseVsGroundTruth);
    std::snprintf(line, sizeof line,
                  "  coverage               %.0f %% of frames posed; map %zu points at %.1f mm, "
                  "%.2f × %.2f × %.2f m, %d levels of detail, %.1f MB\n",
                  r.posedFraction * 100, r.map.voxels(), r.map.voxelM() * 1e3,
                  r.mapMax.x() - r.mapMin.x(), r.mapMax.y() - r.mapMin.y(),
                  r.mapMax.z() - r.mapMin.z(), r.map.levels(), r.map.bytes() / 1e6);
    out << line;
    out << "  map                    " << mapSource << " (key " << cacheKey.substr(0, 12)
        << "…, budget " << st.map.maxBytes / (1024 * 1024) << " MB, " << r.map.coarsenings()
        << " coarsenings)\n";
    std::snprintf(line, sizeof line,
                  "  time                   %.2f s (decode %.2f, back-projection %.2f, odometry "
                  "%.2f, map %.2f)\n",
                  r.totalSeconds, r.decodeSeconds, r.backprojectSeconds, r.odometrySeconds,
                  r.mapSeconds);
    out << line;
    for (const std::string& n : r.notes)
        out << "  note: " << n << "\n";
    if (auto ply = a.value("export-ply"))
        out << "  wrote " << *ply << "\n";
    return 0;
}

} // namespace ts::core::cli
