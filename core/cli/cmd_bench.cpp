// touchstone-cli bench import|synth|decode|seek|sync-accuracy: performance figures, each measured against a
// reference in the same run, printed as one JSON line per figure (schema in docs/performance.md).
#include "cli/args.h"
#include "cli/benchutil.h"
#include "cli/commands.h"
#include "project/episodeimport.h"
#include "store/projectstore.h"
#include "synth/synth.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <ostream>

namespace ts::core::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

int benchImport(const Args& a, std::ostream& out, std::ostream& err) {
    const double seconds = a.number("seconds", 600);
    WorkDir work = makeWorkDir(a);
    const fs::path bundle = work.path / "bundle";
    err << "bench import: writing a " << seconds << " s synthetic episode…\n";
    synth::SynthOptions so;
    so.seconds = seconds;
    so.seed = 1;
    generateOrReuse(bundle, so);

    std::vector<std::string> cat{"cat"};
    uint64_t bytes = 0;
    for (const auto& e : fs::recursive_directory_iterator(bundle))
        if (e.is_regular_file() && e.path().filename() != "ground_truth.json") {
            cat.push_back(e.path().string());
            bytes += e.file_size();
        }
    // Warm the cache for both, then take the best of three of each.
    timeProgram(cat);
    double catBest = 1e9, importBest = 1e9;
    for (int run = 0; run < 3; ++run) {
        catBest = std::min(catBest, timeProgram(cat));
        const fs::path proj = work.path / ("import-" + std::to_string(run) + ".tsproj");
        fs::remove(proj);
        fs::remove(proj.string() + "-wal");
        fs::remove(proj.string() + "-shm");
        ProjectStore store = ProjectStore::create(proj, "bench", "bench");
        const double t0 = now();
        EpisodeImportOutcome r = importEpisode(store, bundle, "bench");
        importBest = std::min(importBest, now() - t0);
        if (!r.ok())
            throw Error(bundle.string(), "bench import failed: " + r.error);
    }
    const std::string tag = std::to_string(static_cast<int>(seconds)) + "s";
    out << benchLine("import", "import_seconds_" + tag, importBest, "s",
                     "cat <every bundle file> > /dev/null (warm cache)", catBest, "lower", 2.0)
               .dump()
        << "\n";
    out << benchLine("import", "import_throughput_" + tag, bytes / 1e6 / importBest, "MB/s",
                     "cat <every bundle file> > /dev/null (warm cache)", bytes / 1e6 / catBest,
                     "higher", nullptr)
               .dump()
        << "\n";
    out << benchLine("import", "bundle_size_" + tag, bytes / 1e6, "MB", "", 0, "lower", nullptr)
               .dump()
        << "\n";
    return 0;
}

int benchSynth(const Args& a, std::ostream& out, std::ostream& err) {
    const double seconds = a.number("seconds", 10);
    WorkDir work = makeWorkDir(a);
    synth::SynthOptions so;
    so.seconds = seconds;
    so.seed = 1;
    err << "bench synth: " << seconds << " s at " << so.width << "x" << so.height << "…\n";
    double best = 1e9, ref = 1e9;
    const int frames = static_cast<int>(seconds * so.fps);
    for (int run = 0; run < 2; ++run) {
        const fs::path dir = work.path / ("synth-" + std::to_string(run));
        const double t0 = now();
        synth::generateEpisode(dir, so);
        best = std::min(best, now() - t0);
        fs::remove_all(dir);
        // The reference encodes the same number of frames of a generated test pattern with
        // the same codec: what video encoding alone costs.
        ref = std::min(
            ref, timeProgram({"ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                              "testsrc2=size=" + std::to_string(so.width) + "x" +
                                  std::to_string(so.height) +
                                  ":rate=" + std::to_string(static_cast<int>(so.fps)),
                              "-frames:v", std::to_string(frames), "-c:v", "libx264", "-preset",
                              "superfast", "-threads", "2", (work.path / "ref.mp4").string()}));
    }
    const std::string tag = std::to_string(static_cast<int>(seconds)) + "s_" +
                            std::to_string(so.width) + "x" + std::to_string(so.height);
    out << benchLine(
               "synth", "synth_seconds_" + tag, best, "s",
               "ffmpeg -f lavfi testsrc2 -c:v libx264 -preset superfast -threads 2 (same frame "
               "count, encode only)",
               ref, "lower", nullptr)
               .dump()
        << "\n";
    out << benchLine("synth", "synth_realtime_factor_" + tag, seconds / best, "x", "", 0, "higher",
                     1.0)
               .dump()
        << "\n";
    return 0;
}

} // namespace

int cmdBench(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {},
           {"seconds", "work-dir", "budget-mb", "seeks", "episodes", "aria", "map-seconds",
            "max-voxels", "labels", "edits", "width", "visual-robust-passes", "pose-translation",
            "long-episodes", "long-seconds", "long-seed", "details", "crf", "head-turn"});
    if (a.positional().size() != 1)
        throw UsageError("bench needs one benchmark name: import, synth, decode, seek, sync, sync-accuracy, recon-accuracy, recon, store or export");
    const std::string& name = a.positional()[0];
    if (name == "import")
        return benchImport(a, out, err);
    if (name == "synth")
        return benchSynth(a, out, err);
    if (name == "decode")
        return benchDecode(a, out, err);
    if (name == "seek")
        return benchSeek(a, out, err);
    if (name == "sync")
        return benchSync(a, out, err);
    if (name == "sync-accuracy")
        return benchSyncAccuracy(a, out, err);
    if (name == "recon-accuracy")
        return benchReconAccuracy(a, out, err);
    if (name == "recon")
        return benchRecon(a, out, err);
    if (name == "store")
        return benchStore(a, out, err);
    if (name == "export")
        return benchExport(a, out, err);
    throw UsageError("unknown benchmark '" + name + "' (known: import, synth, decode, seek, sync, sync-accuracy, recon-accuracy, recon, store, export)");
}

} // namespace ts::core::cli
