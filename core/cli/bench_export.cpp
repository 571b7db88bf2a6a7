// touchstone-cli bench export: the time to export 10 approved synthetic episodes as a LeRobot
// dataset (read, resample, Parquet, re-encoded video, provenance) against the time the ffmpeg
// program alone needs to encode the same videos with the same settings, in the same run; and
// the HDF5 export of the same episodes (no reference).
#include "cli/args.h"
#include "cli/benchutil.h"
#include "export/exportjob.h"
#include "project/episodeimport.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "synth/synth.h"
#include "util/error.h"

#include <ostream>

namespace ts::core::cli {

namespace fs = std::filesystem;

namespace {

// The review workflow (annotation/review API) is separate work; the bench approves its
// synthetic episodes directly in the store, as a reviewer would.
void approveAll(const fs::path& project) {
    Database db(project, Database::Mode::OpenExisting);
    db.applyConnectionPragmas();
    db.exec("INSERT OR IGNORE INTO user_account (name, role, created_at) "
            "VALUES ('bench-reviewer', 'reviewer', '2026-01-01T00:00:00Z')");
    db.exec("INSERT INTO review (episode_id, reviewer_id, verdict, created_at) "
            "SELECT e.id, u.id, 'approved', '2026-01-01T00:00:00Z' FROM episode e, user_account u "
            "WHERE u.name = 'bench-reviewer' AND e.status != 'approved'");
    db.exec("UPDATE episode SET status = 'approved'");
}

} // namespace

int benchExport(const Args& a, std::ostream& out, std::ostream& err) {
    const double seconds = a.number("seconds", 10);
    const int episodes = static_cast<int>(a.integer("episodes", 10));
    WorkDir work = makeWorkDir(a);
    const fs::path project = work.path / "export-bench.tsproj";
    std::vector<fs::path> videos;
    for (int i = 0; i < episodes; ++i) {
        const fs::path bundle = work.path / ("ep-" + std::to_string(i));
        synth::SynthOptions so;
        so.seconds = seconds;
        so.seed = 100 + static_cast<uint64_t>(i);
        if (!fs::exists(bundle / "ground_truth.json"))
            err << "bench export: writing synthetic episode " << i + 1 << " of " << episodes << "…\n";
        generateOrReuse(bundle, so);
        videos.push_back(bundle / "rgb.mp4");
    }
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(project.string() + suffix);
    {
        ProjectStore store = ProjectStore::create(project, "export bench", "bench");
        for (int i = 0; i < episodes; ++i) {
            const auto r = importEpisode(store, work.path / ("ep-" + std::to_string(i)), "bench");
            if (!r.ok())
                throw Error("bench export: import failed: " + r.error);
        }
    }
    approveAll(project);

    exporting::ExportOptions o;
    o.actor = "bench";
    o.dataset.fps = 30;
    double exportBest = 1e9, hdf5Best = 1e9, ffmpegBest = 1e9;
    int64_t frames = 0;
    for (int run = 0; run < 2; ++run) {
        const fs::path dest = work.path / ("lerobot-" + std::to_string(run));
        fs::remove_all(dest);
        o.format = "lerobot";
        o.out = dest;
        const double t0 = now();
        const auto r = exporting::runExport(project, o);
        exportBest = std::min(exportBest, now() - t0);
        frames = r.totalFrames;

        const fs::path hdest = work.path / ("hdf5-" + std::to_string(run));
        fs::remove_all(hdest);
        o.format = "hdf5";
        o.out = hdest;
        const double t1 = now();
        exporting::runExport(project, o);
        hdf5Best = std::min(hdf5Best, now() - t1);

        // The reference: ffmpeg alone, decoding each source video and encoding it with the
        // export's settings at the same rate.
        double ff = 0;
        for (size_t i = 0; i < videos.size(); ++i) {
            std::vector<std::string> args{"ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error",
                                          "-y", "-i", videos[i].string()};
            for (const auto& x : o.dataset.video.outputArgs(o.dataset.fps))
                args.push_back(x);
            args.push_back((work.path / ("ffmpeg-" + std::to_string(i) + ".mp4")).string());
            ff += timeProgram(args);
        }
        ffmpegBest = std::min(ffmpegBest, ff);
    }
    const std::string tag = std::to_string(episodes) + "x" + std::to_string(static_cast<int>(seconds)) + "s";
    const std::string ref = "ffmpeg -i rgb.mp4 " + [&] {
        std::string s;
        for (const auto& x : o.dataset.video.outputArgs(o.dataset.fps))
            s += x + " ";
        return s;
    }() + "out.mp4, summed over the " + std::to_string(episodes) + " videos";
    out << benchLine("export", "export_lerobot_seconds_" + tag, exportBest, "s", ref, ffmpegBest,
                     "lower", 1.5)
               .dump()
        << "\n";
    out << benchLine("export", "export_lerobot_frames_per_second_" + tag,
                     static_cast<double>(frames) / exportBest, "fps", ref,
                     static_cast<double>(frames) / ffmpegBest, "higher", nullptr)
               .dump()
        << "\n";
    out << benchLine("export", "export_hdf5_seconds_" + tag, hdf5Best, "s", "", 0, "lower", nullptr)
               .dump()
        << "\n";
    return 0;
}

} // namespace ts::core::cli
