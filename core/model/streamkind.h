// The kinds of stream an episode can carry, with their names in files and the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ts::core {

enum class StreamKind { Video, Depth, Pose, Imu, Hands, Force };

std::string_view streamKindName(StreamKind k);
std::optional<StreamKind> streamKindFromName(std::string_view name);

} // namespace ts::core
