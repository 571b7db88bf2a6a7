#include "cli/annotationcli.h"

#include "project/projectpath.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <cmath>

namespace ts::core::cli {

std::string actingUser(const Args& a) {
    if (auto v = a.value("as"))
        return *v;
    return a.value("user").value_or(defaultUserName());
}

TimeNs secondsToNs(double seconds) {
    return static_cast<TimeNs>(std::llround(seconds * 1e9));
}

double secondsFrom(TimeNs t, TimeNs start) {
    return std::round(nsToSeconds(t - start) * 1e9) / 1e9;
}

TimeNs episodeStart(ProjectStore& store, const std::string& episode) {
    const auto d = store.episode(episode);
    if (!d)
        throw Error(store.file().string(), "there is no episode '" + episode + "' in this project");
    return d->timelineStartNs;
}

nlohmann::json editJson(const annotation::Edit& e) {
    return {{"action", e.action},   {"episode", e.episode},       {"entity", e.entity},
            {"id", e.entityId},     {"text", e.text},             {"audit_seq", e.auditSeq},
            {"rows_changed", e.changes.size()}};
}

} // namespace ts::core::cli
