// touchstone-cli bench sync-accuracy: how close the sync engine's clock estimates come to the
// truth of synthetic episodes (ground_truth.json), and to a known shift applied to real Aria
// motion. Accuracy figures: no reference program, so reference and ratio are null.
#include "cli/benchutil.h"
#include "io/bundle.h"
#include "io/mpstrajectory.h"
#include "sync/episodesync.h"
#include "sync/groundtruthclocks.h"
#include "synth/contactbound.h"
#include "synth/synth.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <random>

namespace ts::core::cli {

namespace fs = std::filesystem;

namespace {

struct Errors {
    std::vector<double> offsetMs, driftPpm, confidence;
};

// Aria: an IMU-like gyro stream from the trajectory's angular velocity, its clock shifted by
// a known amount, aligned against the rotation rate derived from the trajectory's quaternions.
double ariaShiftErrorMs(const fs::path& csv, double shiftMs, double* confidence) {
    const MpsTrajectory tr = readMpsTrajectory(csv);
    sync::VectorSignal gyro;
    const TimeNs shift = static_cast<TimeNs>(std::llround(shiftMs * 1e6));
    for (size_t i = 0; i < tr.angularTimeNs.size(); ++i) {
        gyro.t.push_back(tr.angularTimeNs[i] + shift);
        gyro.v.push_back(tr.angularVelocity[i]);
    }
    const sync::VectorSignal rate = sync::angularRateFromPose(tr.pose, 5'000'000);
    const sync::ClockEstimate e = sync::estimateClock(rate, gyro);
    *confidence = e.confidence;
    // gyro raw → pose raw should be −shift.
    return (e.offsetNs + static_cast<double>(shift)) / 1e6;
}

} // namespace

int benchSyncAccuracy(const Args& a, std::ostream& out, std::ostream& err) {
    const int episodes = static_cast<int>(a.integer("episodes", 20));
    // 60 s by default: the drift floor of the synthetic head motion falls as T^-1.5 and is
    // about 5 ppm at 20 s (docs/sync.md).
    const double seconds = a.number("seconds", 60);
    if (episodes < 1 || seconds < 1)
        throw UsageError("bench sync-accuracy needs --episodes >= 1 and --seconds >= 1");
    sync::SyncSettings settings;
    // Robust passes of the links through the video (SyncSettings::visualRobustPasses), to
    // compare the weighting's effect on the same episodes.
    settings.visualRobustPasses =
        static_cast<int>(a.integer("visual-robust-passes", settings.visualRobustPasses));
    // The pairs with depth solved again with the pose's translation (SyncSettings::
    // poseTranslation): 0 measures the links through the video without it.
    settings.poseTranslation = a.integer("pose-translation", 1) != 0;
    WorkDir work = makeWorkDir(a);
    std::map<std::string, Errors> errors; // by "<stream>_vs_<reference stream>"
    double estimateSeconds = 0, videoSeconds = 0, recordedSeconds = 0;
    for (int i = 0; i < episodes; ++i) {
        synth::SynthOptions so;
        so.seed = 1000 + static_cast<uint64_t>(i);
        so.seconds = seconds;
        so.width = static_cast<int>(a.integer("width", 320)); // the video pass measures rotation
        so.height = so.width * 3 / 4;
        so.jitterUs = 50;
        so.dropRate = 0.01;
        std::mt19937_64 rng(so.seed);
        std::uniform_real_distribution<double> off(-500, 500), drift(-200, 200);
        for (const char* s : {"imu", "pose", "hands", "force"}) {
            so.clockOffsetMs[s] = off(rng);
            so.clockDriftPpm[s] = drift(rng);
        }
        const fs::path dir = work.path / ("ep-" + std::to_string(i));
        if (!fs::exists(dir / "episode.json"))
            synth::generateEpisode(dir, so);
        BundleReadOptions ro;
        ro.hashMedia = false;
        ro.checkVideoFrames = false;
        ro.checkDepthFrames = false;
        const Bundle b = readBundle(dir, ro);
        if (!b.ok())
            throw Error(dir.string(), "synthetic bundle does not read back cleanly");
        // The video pass (decode + feature tracks) apart from estimation on the signals.
        const double tv = now();
        const sync::EpisodeSignals sig = sync::extractEpisodeSignals(b, settings);
        videoSeconds += now() - tv;
        const double t0 = now();
        const sync::EpisodeSyncResult r = sync::syncEpisode(b, settings, &sig);
        estimateSeconds += now() - t0;
        recordedSeconds += seconds;
        const auto truth = sync::readGroundTruthClocks(dir / "ground_truth.json");
        // Every pairwise estimate against the true relation of the two clocks…
        for (const sync::PairwiseEstimate& p : r.pairs) {
            if (!p.estimate.estimated)
                continue;
            const ClockModel est = sync::clockModelOf(p.estimate);
            const ClockModel rel =
                sync::composeClocks(truth.at(p.stream), sync::invertClock(truth.at(p.other)));
            const auto e = sync::clockError(est, rel, p.estimate.t0Ns);
            Errors& E = errors[p.stream + "_vs_" + p.other];
            E.offsetMs.push_back(std::abs(e.offsetNs) / 1e6);
            E.driftPpm.push_back(std::abs(e.driftPpm));
            E.confidence.push_back(p.estimate.confidence);
        }
        // …and every clock the engine put on the timeline against its true model.
        for (const sync::StreamSync& s : r.streams) {
            if (!s.aligned || s.model.method != "estimated")
                continue;
            const ClockModel& truthModel = truth.at(s.stream);
            const auto e = sync::clockError(s.model, truthModel, s.model.t0Ns);
            Errors& E = errors[s.stream + "_to_camera"];
            E.offsetMs.push_back(std::abs(e.offsetNs) / 1e6);
            E.driftPpm.push_back(std::abs(e.driftPpm));
            E.confidence.push_back(s.model.confidence);
        }
        err << "bench sync-accuracy: episode " << (i + 1) << "/" << episodes << "\n";
    }
    for (const auto& [pair, E] : errors) {
        auto line = [&](const std::string& fig, double v, const std::string& unit,
                        const std::string& better, nlohmann::json goal) {
            out << benchLine("sync-accuracy", pair + "_" + fig, v, unit, "", 0, better, goal).dump()
                << "\n";
        };
        line("offset_error_median", quantile(E.offsetMs, 0.5), "ms", "lower", 0.25);
        line("offset_error_p95", quantile(E.offsetMs, 0.95), "ms", "lower", 1.0);
        line("drift_error_median", quantile(E.driftPpm, 0.5), "ppm", "lower", 5.0);
        line("drift_error_p95", quantile(E.driftPpm, 0.95), "ppm", "lower", 5.0);
        line("confidence_min", *std::min_element(E.confidence.begin(), E.confidence.end()), "",
             "higher", nullptr);
        line("episodes", static_cast<double>(E.offsetMs.size()), "", "higher", nullptr);
    }
    // The floor under force ↔ hands on these episodes: an estimator that knew every finger's
    // path and force profile exactly, timing only their shift (Cramér–Rao; its median and 95th
    // percentile absolute errors are 0.674 and 1.96 standard deviations).
    {
        synth::SynthOptions so;
        so.seconds = seconds;
        const synth::ContactTimingBound cb = synth::contactTimingBound(so);
        auto bound = [&](const std::string& fig, double v, const std::string& unit) {
            out << benchLine("sync-accuracy", "force_vs_hands_" + fig, v, unit, "", 0, "lower",
                             nullptr)
                       .dump()
                << "\n";
        };
        if (cb.events >= 2) { // none more than 0.5 s inside a very short episode
            bound("offset_bound_median", 0.674 * cb.offsetSdMs, "ms");
            bound("offset_bound_p95", 1.96 * cb.offsetSdMs, "ms");
            bound("drift_bound_median", 0.674 * cb.driftSdPpm, "ppm");
            bound("drift_bound_p95", 1.96 * cb.driftSdPpm, "ppm");
        }
    }
    // The goal (≥ 1000× real time) is set for 10-minute episodes; on short ones the coarse
    // search, whose cost does not grow with length, dominates.
    out << benchLine("sync-accuracy",
                     "estimation_realtime_factor_" + std::to_string(static_cast<int>(seconds)) +
                         "s",
                     recordedSeconds / estimateSeconds, "x", "", 0, "higher",
                     seconds >= 600 ? nlohmann::json(1000.0) : nlohmann::json(nullptr))
               .dump()
        << "\n";

    out << benchLine("sync-accuracy",
                     "video_pass_realtime_factor_" + std::to_string(static_cast<int>(seconds)) +
                         "s",
                     recordedSeconds / videoSeconds, "x", "", 0, "higher", nullptr)
               .dump()
        << "\n";

    fs::path aria = a.value("aria").value_or("");
    if (aria.empty()) {
        const char* shared = std::getenv("TS_SHARED_DATA");
        aria = fs::path(shared ? shared : "../shared/data") / "aria-mps-sample" / "trajectory" /
               "closed_loop_trajectory.csv";
    }
    if (fs::exists(aria)) {
        double conf = 0;
        const double e = ariaShiftErrorMs(aria, 137.25, &conf);
        out << benchLine("sync-accuracy", "aria_gyro_shift_137.25ms_error", std::abs(e), "ms", "",
                         0, "lower", 1.0)
                   .dump()
            << "\n";
        out << benchLine("sync-accuracy", "aria_gyro_shift_confidence", conf, "", "", 0, "higher",
                         nullptr)
                   .dump()
            << "\n";
    } else {
        err << "bench sync-accuracy: no Aria trajectory at " << aria << " (use --aria FILE)\n";
    }
    return 0;
}

} // namespace ts::core::cli
