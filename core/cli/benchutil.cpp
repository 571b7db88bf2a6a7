#include "cli/benchutil.h"

#include "util/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
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

} // namespace ts::core::cli
