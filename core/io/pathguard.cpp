#include "io/pathguard.h"

namespace ts::core {

namespace fs = std::filesystem;

std::optional<fs::path> resolveInside(const fs::path& root, const std::string& relative,
                                      std::string* why) {
    if (relative.empty()) {
        *why = "the path is empty";
        return std::nullopt;
    }
    fs::path rel(relative);
    if (rel.is_absolute() || relative.front() == '/' || relative.front() == '\\') {
        *why = "the path '" + relative + "' is absolute; bundle paths must be relative";
        return std::nullopt;
    }
    std::error_code ec;
    const fs::path base = fs::weakly_canonical(root, ec);
    if (ec) {
        *why = "the bundle folder cannot be resolved: " + ec.message();
        return std::nullopt;
    }
    // weakly_canonical follows symbolic links of the parts that exist, so a link that points
    // out of the bundle is caught as well as "..".
    const fs::path full = fs::weakly_canonical(base / rel, ec);
    if (ec) {
        *why = "the path '" + relative + "' cannot be resolved: " + ec.message();
        return std::nullopt;
    }
    auto b = base.begin();
    auto f = full.begin();
    for (; b != base.end(); ++b, ++f) {
        if (f == full.end() || *b != *f) {
            *why = "the path '" + relative + "' leaves the bundle folder";
            return std::nullopt;
        }
    }
    return full;
}

} // namespace ts::core
