// touchstone-cli bench sync: how fast the sync engine is on one synthetic episode (10 minutes
// by default): estimation alone on extracted motion signals, as a real-time factor, and end to
// end (bundle read, video pass, estimation) against `ffmpeg -i rgb.mp4 -f null -` on the same
// video in the same run.
#include "cli/benchutil.h"
#include "io/bundle.h"
#include "sync/episodeinput.h"
#include "synth/synth.h"
#include "util/error.h"

#include <algorithm>
#include <string>

#include <sys/resource.h>

namespace ts::core::cli {

namespace fs = std::filesystem;

namespace {

// CPU seconds (user + system) of this process, or of its waited-for children.
double cpuSeconds(int who) {
    rusage u{};
    getrusage(who, &u);
    auto sec = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
    };
    return sec(u.ru_utime) + sec(u.ru_stime);
}

} // namespace

int benchSync(const Args& a, std::ostream& out, std::ostream& err) {
    const double seconds = a.number("seconds", 600);
    const int width = static_cast<int>(a.integer("width", 640));
    if (seconds < 1 || width < 16 || width % 4 != 0)
        throw UsageError("bench sync needs --seconds >= 1 and --width >= 16, a multiple of 4");
    WorkDir work = makeWorkDir(a);
    const fs::path dir = work.path / ("episode-" + std::to_string(static_cast<int>(seconds)) +
                                      "s-" + std::to_string(width));
    synth::SynthOptions so;
    so.seconds = seconds;
    so.seed = 7;
    so.width = width;
    so.height = width * 3 / 4;
    so.jitterUs = 50;
    so.dropRate = 0.01;
    if (!fs::exists(dir / "ground_truth.json"))
        err << "bench sync: writing a " << seconds << " s synthetic episode (" << width
            << " px wide) to " << dir << "…\n";
    generateOrReuse(dir, so);
    BundleReadOptions ro;
    ro.hashMedia = false;
    ro.checkVideoFrames = false;
    ro.checkDepthFrames = false;
    const fs::path video = dir / "rgb.mp4";
    const std::vector<std::string> ffmpeg{"ffmpeg",       "-v", "error", "-i",
                                          video.string(), "-f", "null",  "-"};
    // Warm the file cache for both, then time the reference before and after ours. On a
    // shared machine wall time depends on the load of the moment; CPU time much less, so both
    // are reported.
    double refCpu = 1e300;
    auto runRef = [&]() {
        const double c0 = cpuSeconds(RUSAGE_CHILDREN);
        const double t = timeProgram(ffmpeg);
        refCpu = std::min(refCpu, cpuSeconds(RUSAGE_CHILDREN) - c0);
        return t;
    };
    double ref = runRef();
    ref = std::min(ref, runRef());

    err << "bench sync: end to end (read, video pass, estimation)…\n";
    const double t0 = now();
    const double cpu0 = cpuSeconds(RUSAGE_SELF);
    // As `touchstone-cli sync` does: the video pass overlaps the reading of the sample streams.
    sync::EpisodeInput in = sync::readEpisodeForSync(dir, ro);
    const Bundle& b = in.bundle;
    if (!b.ok() || !in.extracted)
        throw Error(dir.string(), "synthetic bundle does not read back cleanly");
    const double tVideo = now();
    const sync::EpisodeSignals& sig = *in.extracted;
    const sync::EpisodeSyncResult r = sync::syncEpisode(b, {}, &sig);
    const double tEnd = now();
    const double cpuEnd = cpuSeconds(RUSAGE_SELF);
    ref = std::min(ref, runRef());
    if (!sig.visual)
        throw Error(video.string(), "the video pass failed: " + sig.videoProblem);

    // Estimation alone on the extracted signals: best of three.
    // The estimators run side by side on their own threads: CPU time is reported too.
    double est = tEnd - tVideo, estCpu = 1e300;
    for (int run = 0; run < 2; ++run) {
        const double s0 = now(), c0 = cpuSeconds(RUSAGE_SELF);
        const sync::EpisodeSyncResult again = sync::syncEpisode(b, {}, &sig);
        est = std::min(est, now() - s0);
        estCpu = std::min(estCpu, cpuSeconds(RUSAGE_SELF) - c0);
        if (again.pairs.size() != r.pairs.size())
            throw Error("bench sync: estimation is not repeatable");
    }
    int aligned = 0;
    for (const sync::StreamSync& s : r.streams)
        aligned += s.aligned ? 1 : 0;

    const std::string tag = std::to_string(static_cast<int>(seconds)) + "s";
    const std::string ffmpegRef = "ffmpeg -i rgb.mp4 -f null - (same video, " +
                                  std::to_string(width) + "x" + std::to_string(width * 3 / 4) +
                                  ", best of 3)";
    const bool full = seconds >= 600;
    out << benchLine("sync", "estimation_realtime_factor_" + tag, seconds / est, "x", "", 0,
                     "higher", full ? nlohmann::json(1000.0) : nlohmann::json(nullptr))
               .dump()
        << "\n";
    out << benchLine("sync", "estimation_seconds_" + tag, est, "s", "", 0, "lower", nullptr).dump()
        << "\n";
    out << benchLine("sync", "estimation_cpu_seconds_" + tag, estCpu, "s", "", 0, "lower", nullptr)
               .dump()
        << "\n";
    out << benchLine("sync", "end_to_end_seconds_" + tag, tEnd - t0, "s", ffmpegRef, ref, "lower",
                     1.5)
               .dump()
        << "\n";
    out << benchLine("sync", "video_pass_seconds_" + tag, in.videoSeconds, "s", ffmpegRef, ref,
                     "lower", nullptr)
               .dump()
        << "\n";
    out << benchLine("sync", "bundle_read_seconds_" + tag, in.readSeconds, "s", "", 0, "lower",
                     nullptr)
               .dump()
        << "\n";
    const std::string ffmpegCpuRef = "CPU time of " + ffmpegRef;
    out << benchLine("sync", "end_to_end_cpu_seconds_" + tag, cpuEnd - cpu0, "s", ffmpegCpuRef,
                     refCpu, "lower", nullptr)
               .dump()
        << "\n";
    out << benchLine("sync", "video_prepare_cpu_seconds_" + tag, sig.visual->prepareCpuSeconds, "s",
                     "", 0, "lower", nullptr)
               .dump()
        << "\n";
    out << benchLine("sync", "video_track_cpu_seconds_" + tag, sig.visual->trackCpuSeconds, "s", "",
                     0, "lower", nullptr)
               .dump()
        << "\n";
    out << benchLine("sync", "streams_aligned_" + tag, aligned, "", "", 0, "higher", nullptr).dump()
        << "\n";
    return 0;
}

} // namespace ts::core::cli
