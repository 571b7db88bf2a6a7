// touchstone-cli clock PROJECT EPISODE [STREAM] [--offset-ms MS | --shift-ms MS] [--drift-ppm PPM]
// [--undo] [--user NAME] [--json]: shows an episode's stored clock models, sets one by hand
// (method "manual": `sync` reports its estimate but keeps it), or takes back the stream's newest
// change not yet undone (ProjectStore::undoClockModel). Every change is a store edit, audited
// ("clock_model.set", "clock_model.undo") with the model before and after.
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/jsonout.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ostream>
#include <tuple>

namespace ts::core::cli {

using nlohmann::json;

namespace {

std::string describe(const ClockModel& c) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "%s, offset %.4f ms, drift %.2f ppm at t0 %lld ns (%s)",
                  c.method.c_str(), static_cast<double>(c.offsetNs) * 1e-6, c.drift * 1e6,
                  static_cast<long long>(c.t0Ns), c.author.empty() ? "-" : c.author.c_str());
    return buf;
}

} // namespace

int cmdClock(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json", "undo"}, {"offset-ms", "shift-ms", "drift-ppm", "user"});
    const auto& pos = a.positional();
    if (pos.size() < 2 || pos.size() > 3)
        throw UsageError("clock takes a PROJECT, an EPISODE and at most one STREAM");
    const bool set = a.value("offset-ms") || a.value("shift-ms") || a.value("drift-ppm");
    if (a.value("offset-ms") && a.value("shift-ms"))
        throw UsageError("give --offset-ms (the offset itself) or --shift-ms (a change of it), "
                         "not both");
    if ((set || a.flag("undo")) && pos.size() != 3)
        throw UsageError("setting or undoing a clock model needs a STREAM");
    if (set && a.flag("undo"))
        throw UsageError("--undo takes no --offset-ms, --shift-ms or --drift-ppm");
    // Parse before the store opens, so that a typo changes nothing.
    const double offsetMs = a.number("offset-ms", 0), shiftMs = a.number("shift-ms", 0);
    const double driftPpm = a.number("drift-ppm", 0);
    for (const auto& [name, v, limit] : {std::tuple{"offset-ms", offsetMs, 86'400'000.0},
                                         std::tuple{"shift-ms", shiftMs, 86'400'000.0},
                                         std::tuple{"drift-ppm", driftPpm, 100'000.0}})
        if (std::abs(v) > limit) {
            char given[32];
            std::snprintf(given, sizeof given, "%.6g", v);
            throw UsageError(std::string("--") + name + " " + given + " is beyond ±" +
                             std::to_string(static_cast<long long>(limit)));
        }

    const std::string user = a.value("user").value_or(defaultUserName());
    ProjectStore store = ProjectStore::open(resolveProjectFile(pos[0]));
    const std::string& id = pos[1];
    const auto detail = store.episode(id);
    if (!detail)
        throw Error(store.file().string(), "the project has no episode '" + id + "'");
    const StreamInfo* stream = nullptr;
    if (pos.size() == 3) {
        for (const auto& s : detail->streams)
            if (s.stats.name == pos[2])
                stream = &s;
        if (!stream) {
            std::string names;
            for (const auto& s : detail->streams)
                names += (names.empty() ? "" : ", ") + s.stats.name;
            throw Error(store.file().string(), "episode '" + id + "' has no stream '" + pos[2] +
                                                   "' (it has " + names + ")");
        }
    }

    if (set || a.flag("undo")) {
        const ClockModel before = stream->clockModel;
        ClockModel after = before;
        if (a.flag("undo")) {
            store.undoClockModel(user, id, stream->stats.name);
        } else {
            if (a.value("offset-ms"))
                after.offsetNs = static_cast<TimeNs>(std::llround(offsetMs * 1e6));
            if (a.value("shift-ms"))
                after.offsetNs = before.offsetNs + static_cast<TimeNs>(std::llround(shiftMs * 1e6));
            if (a.value("drift-ppm"))
                after.drift = driftPpm * 1e-6;
            store.setClockModel(user, id, stream->stats.name, after.setByHand());
        }
        const auto stored = store.episode(id);
        ClockModel now = after;
        for (const auto& s : stored->streams)
            if (s.stats.name == stream->stats.name)
                now = s.clockModel;
        if (a.flag("json")) {
            out << json{{"episode", id},
                        {"stream", stream->stats.name},
                        {"before", toJson(before)},
                        {"clock_model", toJson(now)}}
                       .dump(2)
                << "\n";
        } else {
            out << id << "/" << stream->stats.name << ": " << describe(now) << "\n  was "
                << describe(before) << "\n";
        }
        return 0;
    }

    json streams = json::array();
    if (!a.flag("json"))
        out << "episode " << id << "\n";
    for (const auto& s : detail->streams) {
        if (stream && &s != stream)
            continue;
        if (a.flag("json")) {
            streams.push_back({{"name", s.stats.name},
                               {"clock", s.stats.clock},
                               {"clock_model", toJson(s.clockModel)}});
        } else {
            out << "  " << s.stats.name << " (clock " << s.stats.clock
                << "): " << describe(s.clockModel) << "\n";
        }
    }
    if (a.flag("json"))
        out << json{{"episode", id}, {"streams", streams}}.dump(2) << "\n";
    return 0;
}

} // namespace ts::core::cli
