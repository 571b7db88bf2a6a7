#include "project/projectpath.h"

#include <cstdlib>
#include <string>

namespace ts::core {

namespace fs = std::filesystem;

fs::path resolveProjectFile(const fs::path& argument) {
    std::error_code ec;
    if (fs::is_regular_file(argument, ec))
        return argument;
    if (fs::is_directory(argument, ec))
        return argument / kProjectFileName;
    if (argument.extension() == ".tsproj")
        return argument;
    return argument / kProjectFileName;
}

std::string defaultUserName() {
    for (const char* var : {"TOUCHSTONE_USER", "USER"}) {
        const char* v = std::getenv(var);
        if (v && *v)
            return v;
    }
    return "admin";
}

} // namespace ts::core
