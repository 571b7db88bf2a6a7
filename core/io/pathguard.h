// Resolving a manifest's relative path inside a bundle folder, refusing any path that would
// leave it (absolute paths, "..", symbolic links pointing outside).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ts::core {

// Returns the resolved path, or nullopt with *why set to a plain sentence.
std::optional<std::filesystem::path> resolveInside(const std::filesystem::path& root,
                                                   const std::string& relative, std::string* why);

} // namespace ts::core
