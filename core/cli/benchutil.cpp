#include "cli/benchutil.h"

#include "synth/episodeplan.h"
#include "util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <limits>
#include <set>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace ts::core::cli {

namespace fs = std::filesystem;

double quantile(std::vector<double> v, double p) {
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const double pos = p * static_cast<double>(v.size() - 1);
    const size_t i = static_cast<size_t>(pos);
    const double f = pos - static_cast<double>(i);
    return i + 1 < v.size() ? v[i] * (1 - f) + v[i + 1] * f : v[i];
}

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

nlohmann::json benchLine(const std::string& bench, const std::string& figure, double value,
                         const std::string& unit, const std::string& reference, double refValue,
                         const std::string& better, nlohmann::json goal) {
    nlohmann::json j{{"bench", bench}, {"figure", figure}, {"value", value},
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

WorkDir::~WorkDir() {
    std::error_code ec;
    if (!keep)
        fs::remove_all(path, ec);
}

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

void generateOrReuse(const fs::path& dir, const synth::SynthOptions& so) {
    const fs::path truthPath = dir / "ground_truth.json";
    if (!fs::exists(truthPath)) {
        // An interrupted run's folder is made again; one holding anything else is left alone.
        static const std::set<std::string> written{
            "rgb.mp4",  "rgb_frames.csv", "depth",     "depth_frames.csv", "imu.csv",
            "pose.csv", "hands.csv",      "force.csv", "episode.json",     "calibration.json"};
        std::error_code ec;
        for (const auto& entry : fs::directory_iterator(dir, ec))
            if (!written.count(entry.path().filename().string()))
                throw Error(dir.string(), "holds " + entry.path().filename().string() +
                                              ", which the synthetic generator does not write, "
                                              "and no ground_truth.json: not replaced; give "
                                              "another --work-dir");
        fs::remove_all(dir, ec);
        synth::generateEpisode(dir, so);
        return;
    }
    nlohmann::json gt;
    try {
        std::ifstream in(truthPath);
        gt = nlohmann::json::parse(in);
        if (!gt.contains("generator") || !gt["generator"].is_object())
            throw std::runtime_error("no \"generator\" object");
    } catch (const std::exception& e) {
        throw Error(truthPath.string(), std::string("cannot be read to check the episode there "
                                                    "against this run's options: ") +
                                            e.what());
    }
    const synth::SynthOptions want = synth::makePlan(so).opts; // defaults filled in
    std::string differs;
    auto add = [&](const std::string& what) { differs += (differs.empty() ? "" : ", ") + what; };
    // fallback: the value files from before a field was recorded were made with (NaN: none).
    auto check = [&](const char* pointer, double wanted, double fallback) {
        const nlohmann::json::json_pointer ptr(pointer);
        const double had =
            gt.contains(ptr) && gt[ptr].is_number() ? gt[ptr].get<double>() : fallback;
        if (!(std::abs(had - wanted) <= 1e-9 * std::max(1.0, std::abs(wanted)))) {
            const std::string key =
                std::string(pointer).substr(std::string(pointer).rfind('/') + 1);
            std::ostringstream m;
            if (std::isnan(had))
                m << "no " << key;
            else
                m << key << " " << had;
            m << " (this run: " << wanted << ")";
            add(m.str());
        }
    };
    const double none = std::numeric_limits<double>::quiet_NaN();
    check("/generator/seed", static_cast<double>(want.seed), none);
    check("/generator/seconds", want.seconds, none);
    check("/generator/fps", want.fps, none);
    check("/generator/width", want.width, none);
    check("/generator/height", want.height, none);
    check("/generator/drop_rate", want.dropRate, none);
    check("/generator/jitter_us", want.jitterUs, none);
    check("/generator/depth_fps", want.depthFps, none);
    check("/generator/task_seconds", want.taskSeconds, none);
    check("/generator/crf", want.crf, 20);
    check("/generator/head_turn_scale", want.headTurnScale, 1);
    check("/hands/joint_noise_std_m", want.handJointNoiseM, none);
    check("/imu/gyro_noise_std", want.imuGyroNoise, none);
    check("/force/noise_std_n", want.forceNoiseN, none);
    const nlohmann::json& images = gt["generator"]["images"];
    const bool hadImages = !images.is_boolean() || images.get<bool>();
    if (hadImages != want.images)
        add(std::string("images ") + (hadImages ? "true" : "false") +
            " (this run: " + (want.images ? "true" : "false") + ")");
    if (!differs.empty())
        throw Error(truthPath.string(),
                    "the synthetic episode there was made with other options: " + differs +
                        "; give another --work-dir or empty this one");
}

} // namespace ts::core::cli
