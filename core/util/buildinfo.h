// What this build is and what it runs on, for bug reports: the version and commit, the
// compiler and build type, and each library's version as compiled against and as loaded.
// Plain values; any thread.
#pragma once

#include <string>
#include <vector>

namespace ts::core {

struct LibraryVersion {
    std::string name;
    std::string compiled; // the headers this build used
    std::string running;  // the library loaded now ("" where the library cannot say)
};

struct BuildInfo {
    std::string version;   // e.g. "0.1.0"
    std::string commit;    // git commit at configure time, or "unknown"
    std::string buildType; // CMake build type
    std::string compiler;
    std::string cxxStandard;
    std::string system; // kernel name and release, machine
    std::vector<LibraryVersion> libraries;
};

BuildInfo buildInfo();

// Plain text, one "key: value" line each, the way bug reports quote it.
std::string toText(const BuildInfo& info);

} // namespace ts::core
