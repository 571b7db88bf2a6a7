// touchstone-cli synth OUT_DIR [...]: writes a synthetic episode bundle with ground truth.
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "synth/synth.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <ostream>

namespace ts::core::cli {

namespace {

// Parses STREAM=VALUE pairs of a repeatable option.
std::map<std::string, double> streamValues(const Args& a, const std::string& option) {
    std::map<std::string, double> out;
    for (const auto& v : a.values(option)) {
        auto eq = v.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--" + option + " needs STREAM=VALUE, not '" + v + "'");
        const std::string num = v.substr(eq + 1);
        char* end = nullptr;
        const double d = std::strtod(num.c_str(), &end);
        if (num.empty() || *end != '\0')
            throw UsageError("--" + option + " " + v + ": '" + num + "' is not a number");
        out[v.substr(0, eq)] = d;
    }
    return out;
}

} // namespace

int cmdSynth(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {"json", "no-random-clocks"},
           {"seconds", "fps", "width", "height", "seed", "clock-offset", "clock-drift", "drop-rate",
            "jitter-us", "depth-fps", "crf", "head-turn", "id", "participant", "threads"});
    if (a.positional().size() != 1)
        throw UsageError("synth needs exactly one OUT_DIR");
    synth::SynthOptions o;
    o.seconds = a.number("seconds", o.seconds);
    o.fps = a.number("fps", o.fps);
    o.width = static_cast<int>(a.integer("width", o.width));
    o.height = static_cast<int>(a.integer("height", o.height));
    o.seed = static_cast<uint64_t>(a.integer("seed", static_cast<long long>(o.seed)));
    o.clockOffsetMs = streamValues(a, "clock-offset");
    o.clockDriftPpm = streamValues(a, "clock-drift");
    o.randomClocks = !a.flag("no-random-clocks");
    o.dropRate = a.number("drop-rate", o.dropRate);
    o.jitterUs = a.number("jitter-us", o.jitterUs);
    o.depthFps = a.number("depth-fps", o.depthFps);
    o.crf = static_cast<int>(a.integer("crf", o.crf));
    o.headTurnScale = a.number("head-turn", o.headTurnScale);
    o.threads = static_cast<int>(a.integer("threads", o.threads));
    if (auto id = a.value("id"))
        o.episodeId = *id;
    if (auto p = a.value("participant"))
        o.participant = *p;

    Progress progress(err, "synth");
    o.progress = [&](double f) { progress.update(f); };
    const auto t0 = std::chrono::steady_clock::now();
    synth::SynthSummary s = synth::generateEpisode(a.positional()[0], o);
    progress.finish();
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    if (a.flag("json")) {
        out << nlohmann::json{{"dir", s.dir.string()},
                              {"seconds", o.seconds},
                              {"counts", s.counts},
                              {"wall_seconds", secs}}
                   .dump(2)
            << "\n";
        return 0;
    }
    char line[256];
    std::snprintf(line, sizeof line, "wrote %s: %.1f s episode in %.2f s (%.1f× real time)\n",
                  s.dir.c_str(), o.seconds, secs, secs > 0 ? o.seconds / secs : 0.0);
    out << line;
    for (const auto& [name, n] : s.counts)
        out << "  " << name << ": " << n << "\n";
    return 0;
}

} // namespace ts::core::cli
