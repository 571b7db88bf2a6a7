#include "store/episodestatus.h"

#include <array>
#include <utility>

namespace ts::core {

namespace {
constexpr std::array<std::pair<EpisodeStatus, std::string_view>, 5> kNames{{
    {EpisodeStatus::New, "new"},
    {EpisodeStatus::Annotating, "annotating"},
    {EpisodeStatus::Submitted, "submitted"},
    {EpisodeStatus::Approved, "approved"},
    {EpisodeStatus::Rejected, "rejected"},
}};
} // namespace

std::string_view episodeStatusName(EpisodeStatus s) {
    for (const auto& [status, name] : kNames)
        if (status == s)
            return name;
    return "unknown";
}

std::optional<EpisodeStatus> episodeStatusFromName(std::string_view name) {
    for (const auto& [status, n] : kNames)
        if (n == name)
            return status;
    return std::nullopt;
}

} // namespace ts::core
