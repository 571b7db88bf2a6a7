#include "sync/groundtruthclocks.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

#include <fstream>

namespace ts::core::sync {

std::map<std::string, ClockModel> readGroundTruthClocks(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in)
        throw Error(file.string(), "cannot read the ground truth");
    nlohmann::json j;
    try {
        in >> j;
        std::map<std::string, ClockModel> out;
        for (const auto& [stream, c] : j.at("clocks").items()) {
            ClockModel m;
            m.offsetNs = c.at("offset_ns").get<TimeNs>();
            m.drift = c.at("drift_ppm").get<double>() * 1e-6;
            m.t0Ns = c.at("t0_ns").get<TimeNs>();
            m.method = "file";
            out[stream] = m;
        }
        return out;
    } catch (const nlohmann::json::exception& e) {
        throw Error(file.string(), std::string("malformed ground truth: ") + e.what());
    }
}

ClockError clockError(const ClockModel& est, const ClockModel& truth, TimeNs at) {
    // Double arithmetic: toTimeline() rounds to whole nanoseconds, too coarse to score drift.
    auto map = [](const ClockModel& m, TimeNs t) {
        return static_cast<double>(t) + static_cast<double>(m.offsetNs) +
               m.drift * static_cast<double>(t - m.t0Ns);
    };
    return {map(est, at) - map(truth, at), (est.drift - truth.drift) * 1e6};
}

} // namespace ts::core::sync
