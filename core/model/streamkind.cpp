#include "model/streamkind.h"

#include <array>
#include <utility>

namespace ts::core {

namespace {
constexpr std::array<std::pair<StreamKind, std::string_view>, 6> kNames{{
    {StreamKind::Video, "video"},
    {StreamKind::Depth, "depth"},
    {StreamKind::Pose, "pose"},
    {StreamKind::Imu, "imu"},
    {StreamKind::Hands, "hands"},
    {StreamKind::Force, "force"},
}};
} // namespace

std::string_view streamKindName(StreamKind k) {
    for (const auto& [kind, name] : kNames)
        if (kind == k)
            return name;
    return "unknown";
}

std::optional<StreamKind> streamKindFromName(std::string_view name) {
    for (const auto& [kind, n] : kNames)
        if (n == name)
            return kind;
    return std::nullopt;
}

} // namespace ts::core
