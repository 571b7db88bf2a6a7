#include "synth/episodeplan.h"

#include "util/error.h"

#include <cmath>
#include <regex>
#include <sstream>

namespace ts::core::synth {

namespace {

[[noreturn]] void bad(const std::string& option, const std::string& why) {
    throw Error("synth option '" + option + "' " + why);
}

std::string num(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

void requireRange(const std::string& option, double v, double lo, double hi) {
    if (!std::isfinite(v) || v < lo || v > hi)
        bad(option, "must be in [" + num(lo) + ", " + num(hi) + "], got " + num(v));
}

void requirePositive(const std::string& option, double v, double hi) {
    if (!std::isfinite(v) || v <= 0 || v > hi)
        bad(option, "must be > 0 and at most " + num(hi) + ", got " + num(v));
}

} // namespace

const std::vector<std::string>& EpisodePlan::streamNames() {
    static const std::vector<std::string> names{"rgb", "depth", "imu", "pose", "hands", "force"};
    return names;
}

const std::vector<std::string>& EpisodePlan::forceChannels() {
    static const std::vector<std::string> names{
        "right_thumb", "right_index", "right_middle", "right_ring", "right_pinky",
        "left_thumb",  "left_index",  "left_middle",  "left_ring",  "left_pinky"};
    return names;
}

void validateOptions(const SynthOptions& o) {
    requirePositive("seconds", o.seconds, 24 * 3600.0);
    requirePositive("fps", o.fps, 240);
    for (auto [name, v] : {std::pair{"width", o.width}, std::pair{"height", o.height}}) {
        if (v < 16 || v > 8192 || v % 2 != 0)
            bad(name, "must be even and in [16, 8192], got " + std::to_string(v));
    }
    requireRange("dropRate", o.dropRate, 0.0, 0.9);
    requireRange("depthFps", o.depthFps, 0.0, 240);
    requirePositive("poseRateHz", o.poseRateHz, 10000);
    requirePositive("imuRateHz", o.imuRateHz, 10000);
    requirePositive("handsRateHz", o.handsRateHz, 1000);
    requirePositive("forceRateHz", o.forceRateHz, 10000);
    requireRange("taskSeconds", o.taskSeconds, 2.0, 3600.0);
    requireRange("threads", o.threads, 1, 64);
    requireRange("imuAccelNoise", o.imuAccelNoise, 0.0, 10.0);
    requireRange("imuGyroNoise", o.imuGyroNoise, 0.0, 1.0);
    requireRange("handJointNoiseM", o.handJointNoiseM, 0.0, 0.05);
    requireRange("forceNoiseN", o.forceNoiseN, 0.0, 10.0);
    requireRange("crf", o.crf, 0, 51);
    requireRange("headTurnScale", o.headTurnScale, 0, 8);
    const double maxRate = std::max({o.fps, o.depthFps, o.poseRateHz, o.imuRateHz, o.handsRateHz,
                                     o.forceRateHz});
    // Jitter beyond a tenth of the shortest period would reorder samples.
    requireRange("jitterUs", o.jitterUs, 0.0, 1e5 / maxRate);
    static const std::regex idPattern("[A-Za-z0-9._-]{1,128}");
    if (!o.episodeId.empty() && !std::regex_match(o.episodeId, idPattern))
        bad("episodeId", "must match [A-Za-z0-9._-]{1,128}, got '" + o.episodeId + "'");
    for (const auto* m : {&o.clockOffsetMs, &o.clockDriftPpm}) {
        const std::string option = m == &o.clockOffsetMs ? "clockOffsetMs" : "clockDriftPpm";
        for (const auto& [stream, v] : *m) {
            if (stream == "rgb")
                bad(option, "cannot be given for 'rgb': the RGB camera clock is the timeline");
            if (stream != "depth" && stream != "imu" && stream != "pose" && stream != "hands" &&
                stream != "force")
                bad(option, "names unknown stream '" + stream +
                                "' (known: depth, imu, pose, hands, force)");
            if (m == &o.clockOffsetMs)
                requireRange(option + "[" + stream + "]", v, -10000.0, 10000.0);
            else
                requireRange(option + "[" + stream + "]", v, -1000.0, 1000.0);
        }
    }
}

EpisodePlan makePlan(const SynthOptions& opts) {
    validateOptions(opts);
    EpisodePlan plan;
    plan.opts = opts;
    SynthOptions& o = plan.opts;
    if (o.episodeId.empty())
        o.episodeId = "synth-" + std::to_string(o.seed);
    if (o.participant.empty())
        o.participant = "P-" + std::to_string(o.seed);
    if (o.depthFps == 0)
        o.depthFps = o.fps / 2;

    // The timeline starts at 1 s plus any positive offset, so raw times are always positive.
    double maxOffsetMs = 200; // random offsets stay within ±200 ms
    for (const auto& [s, v] : o.clockOffsetMs)
        maxOffsetMs = std::max(maxOffsetMs, v);
    plan.start = kNsPerSecond * (1 + static_cast<TimeNs>(std::ceil(maxOffsetMs / 1000.0)));
    plan.end = plan.start + static_cast<TimeNs>(std::llround(o.seconds * 1e9));

    // Random clocks are drawn for every stream in a fixed order, whether used or not, so that
    // setting one stream's clock does not change the others'.
    Rng rng(o.seed, "clocks");
    const std::map<std::string, double> rates{{"rgb", o.fps},          {"depth", o.depthFps},
                                              {"imu", o.imuRateHz},    {"pose", o.poseRateHz},
                                              {"hands", o.handsRateHz}, {"force", o.forceRateHz}};
    for (const std::string& name : EpisodePlan::streamNames()) {
        const double randomOffsetMs = rng.uniform(-200.0, 200.0);
        const double randomDriftPpm = rng.uniform(-50.0, 50.0);
        StreamPlan s;
        s.name = name;
        s.rateHz = rates.at(name);
        s.clock = name == "rgb" ? "camera" : name;
        s.model.t0Ns = plan.start;
        const auto off = o.clockOffsetMs.find(name);
        const auto drift = o.clockDriftPpm.find(name);
        const bool explicitClock = off != o.clockOffsetMs.end() || drift != o.clockDriftPpm.end();
        if (name == "rgb" || (name == "depth" && !explicitClock)) {
            s.clock = "camera";
        } else {
            const double offsetMs = off != o.clockOffsetMs.end() ? off->second
                                    : o.randomClocks          ? randomOffsetMs
                                                              : 0.0;
            const double driftPpm = drift != o.clockDriftPpm.end() ? drift->second
                                    : o.randomClocks              ? randomDriftPpm
                                                                  : 0.0;
            s.model.offsetNs = static_cast<TimeNs>(std::llround(offsetMs * 1e6));
            s.model.drift = driftPpm * 1e-6;
            s.model.method = "file";
            s.model.author = "touchstone-synth";
        }
        plan.streams[name] = s;
    }

    // Intrinsics: fx = fy = 0.8 width, principal point at the image centre; the depth camera
    // sees the same field of view at half the resolution.
    plan.rgb = {o.width, o.height, 0.8 * o.width, 0.8 * o.width, (o.width - 1) / 2.0,
                (o.height - 1) / 2.0};
    plan.depth = {o.width / 2, o.height / 2, 0.4 * o.width, 0.4 * o.width, (o.width / 2 - 1) / 2.0,
                  (o.height / 2 - 1) / 2.0};

    Rng biasRng(o.seed, "imu-bias");
    for (int i = 0; i < 3; ++i) {
        const double a = biasRng.uniform(-0.05, 0.05), g = biasRng.uniform(-0.003, 0.003);
        if (o.imuBias) {
            plan.accelBias[i] = a;
            plan.gyroBias[i] = g;
        }
    }
    return plan;
}

} // namespace ts::core::synth
