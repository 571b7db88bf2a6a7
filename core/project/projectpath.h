// Where a PROJECT argument points: an existing file is the project file; an existing folder,
// or a new path not ending in ".tsproj", is a folder holding "project.tsproj".
#pragma once

#include <filesystem>
#include <string>

namespace ts::core {

inline constexpr const char* kProjectFileName = "project.tsproj";

std::filesystem::path resolveProjectFile(const std::filesystem::path& argument);

// The user name commands act as when none is given: $TOUCHSTONE_USER, else $USER, else "admin".
std::string defaultUserName();

} // namespace ts::core
