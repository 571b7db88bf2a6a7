#include "sync/syncsettingsjson.h"

#include "util/error.h"

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>

namespace ts::core::sync {

using nlohmann::json;

namespace {

const char* kWhere = "project setting 'sync'";

double number(const json& v, const std::string& key, double lo, double hi) {
    if (!v.is_number())
        throw Error(kWhere, "'" + key + "' must be a number, not " + v.dump());
    const double x = v.get<double>();
    if (!(x >= lo && x <= hi))
        throw Error(kWhere, "'" + key + "' = " + v.dump() + " is outside [" + json(lo).dump() +
                                ", " + json(hi).dump() + "]");
    return x;
}

// A count: a whole number in [lo, hi] (1.5 duplicates is a typo, not 1).
int64_t count(const json& v, const std::string& key, double lo, double hi) {
    const double x = number(v, key, lo, hi);
    if (x != std::floor(x))
        throw Error(kWhere, "'" + key + "' must be a whole number, not " + v.dump());
    return static_cast<int64_t>(x);
}

} // namespace

SyncSettings syncSettingsFromJson(const json& j, const SyncSettings& defaults) {
    SyncSettings s = defaults;
    if (j.is_null())
        return s;
    if (!j.is_object())
        throw Error(kWhere, "must be a JSON object, not " + j.dump());
    HealthThresholds& h = s.health;
    const std::map<std::string, std::function<void(const json&, const std::string&)>> health{
        {"drop_ratio_warn",
         [&](const json& v, const std::string& k) { h.dropRatioWarn = number(v, k, 0, 1); }},
        {"drop_ratio_fail",
         [&](const json& v, const std::string& k) { h.dropRatioFail = number(v, k, 0, 1); }},
        {"max_gap_warn_s",
         [&](const json& v, const std::string& k) { h.maxGapWarnS = number(v, k, 0, 1e6); }},
        {"max_gap_fail_s",
         [&](const json& v, const std::string& k) { h.maxGapFailS = number(v, k, 0, 1e6); }},
        {"jitter_warn",
         [&](const json& v, const std::string& k) { h.jitterWarn = number(v, k, 0, 100); }},
        {"jitter_fail",
         [&](const json& v, const std::string& k) { h.jitterFail = number(v, k, 0, 100); }},
        {"rate_error_warn",
         [&](const json& v, const std::string& k) { h.rateErrorWarn = number(v, k, 0, 100); }},
        {"rate_error_fail",
         [&](const json& v, const std::string& k) { h.rateErrorFail = number(v, k, 0, 100); }},
        {"duplicates_fail",
         [&](const json& v, const std::string& k) { h.duplicatesFail = count(v, k, 1, 1e12); }},
        {"non_monotonic_fail",
         [&](const json& v, const std::string& k) { h.nonMonotonicFail = count(v, k, 1, 1e12); }},
    };
    for (const auto& [key, v] : j.items()) {
        if (key == "tolerance_ms") {
            s.toleranceMs = number(v, key, 0, 1e6);
        } else if (key == "min_confidence") {
            s.minConfidence = number(v, key, 0, 1);
        } else if (key == "use_video") {
            if (!v.is_boolean())
                throw Error(kWhere, "'use_video' must be true or false, not " + v.dump());
            s.useVideo = v.get<bool>();
        } else if (key == "pose_translation") {
            if (!v.is_boolean())
                throw Error(kWhere, "'pose_translation' must be true or false, not " + v.dump());
            s.poseTranslation = v.get<bool>();
        } else if (key == "health") {
            if (!v.is_object())
                throw Error(kWhere, "'health' must be a JSON object, not " + v.dump());
            for (const auto& [hk, hv] : v.items()) {
                auto it = health.find(hk);
                if (it == health.end())
                    throw Error(kWhere, "unknown key 'health." + hk + "'");
                it->second(hv, "health." + hk);
            }
        } else {
            throw Error(kWhere, "unknown key '" + key +
                                    "' (known: tolerance_ms, min_confidence, use_video, "
                                    "pose_translation, health)");
        }
    }
    auto order = [&](double warn, double fail, const char* name) {
        if (warn > fail)
            throw Error(kWhere, std::string("health.") + name + "_warn is above " + name + "_fail");
    };
    order(h.dropRatioWarn, h.dropRatioFail, "drop_ratio");
    order(h.maxGapWarnS, h.maxGapFailS, "max_gap");
    order(h.jitterWarn, h.jitterFail, "jitter");
    order(h.rateErrorWarn, h.rateErrorFail, "rate_error");
    return s;
}

json syncSettingsToJson(const SyncSettings& s) {
    const HealthThresholds& h = s.health;
    return {{"tolerance_ms", s.toleranceMs},
            {"min_confidence", s.minConfidence},
            {"use_video", s.useVideo},
            {"pose_translation", s.poseTranslation},
            {"health",
             {{"drop_ratio_warn", h.dropRatioWarn},
              {"drop_ratio_fail", h.dropRatioFail},
              {"max_gap_warn_s", h.maxGapWarnS},
              {"max_gap_fail_s", h.maxGapFailS},
              {"jitter_warn", h.jitterWarn},
              {"jitter_fail", h.jitterFail},
              {"rate_error_warn", h.rateErrorWarn},
              {"rate_error_fail", h.rateErrorFail},
              {"duplicates_fail", h.duplicatesFail},
              {"non_monotonic_fail", h.nonMonotonicFail}}}};
}

} // namespace ts::core::sync
