// Where an episode is in its life: new → annotating → submitted → approved / rejected.
// Plain values; any thread.
#pragma once

#include <optional>
#include <string_view>

namespace ts::core {

enum class EpisodeStatus { New, Annotating, Submitted, Approved, Rejected };

std::string_view episodeStatusName(EpisodeStatus s); // "new", "annotating", ...
std::optional<EpisodeStatus> episodeStatusFromName(std::string_view name);

} // namespace ts::core
