#include "cli/jsonout.h"

#include <filesystem>

namespace ts::core::cli {

using nlohmann::json;

std::string diagnosticLine(const std::string& folder, const Diagnostic& d) {
    if (d.file.empty()) {
        Diagnostic named = d;
        named.file = folder;
        return named.toString();
    }
    if (d.file == folder || std::filesystem::path(d.file).is_absolute())
        return d.toString();
    return folder + "/" + d.toString();
}

json toJson(const Diagnostic& d) {
    json j{{"severity", severityName(d.severity)},
           {"code", d.code},
           {"file", d.file},
           {"message", d.message}};
    j["line"] = d.line >= 0 ? json(d.line) : json(nullptr);
    j["frame"] = d.frame >= 0 ? json(d.frame) : json(nullptr);
    return j;
}

json toJson(const Diagnostics& d) {
    json a = json::array();
    for (const auto& x : d.all())
        a.push_back(toJson(x));
    return a;
}

json toJson(const StreamStats& s) {
    json j{{"name", s.name},
           {"kind", std::string(streamKindName(s.kind))},
           {"clock", s.clock},
           {"count", s.count},
           {"first_ns", s.firstNs},
           {"last_ns", s.lastNs},
           {"rate_hz", s.rateHz},
           {"median_interval_ns", s.medianIntervalNs},
           {"gaps", s.gaps},
           {"max_gap_ns", s.maxGapNs},
           {"dropped_estimate", s.droppedEstimate},
           {"jitter_ns", s.jitterNs},
           {"channels", s.channels}};
    if (s.width > 0) {
        j["width"] = s.width;
        j["height"] = s.height;
    }
    if (!s.codec.empty())
        j["codec"] = s.codec;
    return j;
}

json toJson(const ClockModel& c) {
    return {{"offset_ns", c.offsetNs}, {"drift_ppm", c.drift * 1e6}, {"t0_ns", c.t0Ns},
            {"method", c.method},      {"confidence", c.confidence}, {"residual_ns", c.residualNs},
            {"author", c.author}};
}

} // namespace ts::core::cli
