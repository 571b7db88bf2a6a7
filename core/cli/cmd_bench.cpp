// touchstone-cli bench import|synth: performance figures, each measured against a reference
// in the same run, printed as one JSON line per figure (schema in docs/performance.md).
#include "cli/args.h"
#include "cli/commands.h"
#include "project/episodeimport.h"
#include "store/projectstore.h"
#include "synth/synth.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <ostream>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ts::core::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

double now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Runs a program with arguments, stdout/stderr to /dev/null; returns wall seconds.
double timeProgram(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const double t0 = now();
    int rc = posix_spawnp(&pid, argv[0], &fa, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        throw Error(args[0], "cannot start the reference program (is it installed?)");
    int status = 0;
    waitpid(pid, &status, 0);
    const double t = now() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(args[0], "the reference program failed");
    return t;
}

json line(const std::string& bench, const std::string& figure, double value,
          const std::string& unit, const std::string& reference, double refValue,
          const std::string& better, json goal) {
    json j{{"bench", bench}, {"figure", figure}, {"value", value},
           {"unit", unit},   {"better", better}, {"goal", goal}};
    if (reference.empty()) {
        j["reference"] = nullptr;
        j["reference_value"] = nullptr;
        j["ratio"] = nullptr;
    } else {
        j["reference"] = reference;
        j["reference_value"] = refValue;
        j["ratio"] = refValue > 0 ? value / refValue : 0.0;
    }
    return j;
}

struct WorkDir {
    fs::path path;
    bool keep;
    ~WorkDir() {
        std::error_code ec;
        if (!keep)
            fs::remove_all(path, ec);
    }
};

WorkDir makeWorkDir(const Args& a) {
    if (auto d = a.value("work-dir")) {
        fs::create_directories(*d);
        return {fs::path(*d), true};
    }
    std::string tmpl = (fs::temp_directory_path() / "touchstone-bench-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
        throw Error(tmpl, "cannot create a temporary folder");
    return {fs::path(tmpl), false};
}

int benchImport(const Args& a, std::ostream& out, std::ostream& err) {
    const double seconds = a.number("seconds", 600);
    WorkDir work = makeWorkDir(a);
    const fs::path bundle = work.path / "bundle";
    err << "bench import: writing a " << seconds << " s synthetic episode…\n";
    synth::SynthOptions so;
    so.seconds = seconds;
    so.seed = 1;
    if (!fs::exists(bundle / "episode.json"))
        synth::generateEpisode(bundle, so);

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
    out << line("import", "import_seconds_" + tag, importBest, "s",
                "cat <every bundle file> > /dev/null (warm cache)", catBest, "lower", 2.0)
               .dump()
        << "\n";
    out << line("import", "import_throughput_" + tag, bytes / 1e6 / importBest, "MB/s",
                "cat <every bundle file> > /dev/null (warm cache)", bytes / 1e6 / catBest, "higher",
                nullptr)
               .dump()
        << "\n";
    out << line("import", "bundle_size_" + tag, bytes / 1e6, "MB", "", 0, "lower", nullptr).dump()
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
    out << line("synth", "synth_seconds_" + tag, best, "s",
                "ffmpeg -f lavfi testsrc2 -c:v libx264 -preset superfast -threads 2 (same frame "
                "count, encode only)",
                ref, "lower", nullptr)
               .dump()
        << "\n";
    out << line("synth", "synth_realtime_factor_" + tag, seconds / best, "x", "", 0, "higher", 1.0)
               .dump()
        << "\n";
    return 0;
}

} // namespace

int cmdBench(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {}, {"seconds", "work-dir"});
    if (a.positional().size() != 1)
        throw UsageError("bench needs one benchmark name: import or synth");
    const std::string& name = a.positional()[0];
    if (name == "import")
        return benchImport(a, out, err);
    if (name == "synth")
        return benchSynth(a, out, err);
    throw UsageError("unknown benchmark '" + name + "' (known: import, synth)");
}

} // namespace ts::core::cli
