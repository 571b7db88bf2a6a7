#include "cli/args.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>

namespace ts::core::cli {

Args::Args(const std::vector<std::string>& argv, size_t first, const std::set<std::string>& flags,
           const std::set<std::string>& options) {
    for (size_t i = first; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a == "--help" || (i == first && a == "-h"))
            throw HelpRequested{};
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> inlineValue;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (flags.count(name)) {
                if (inlineValue)
                    throw UsageError("--" + name + " takes no value");
                flags_.insert(name);
            } else if (options.count(name)) {
                if (inlineValue) {
                    options_.emplace(name, *inlineValue);
                } else {
                    if (i + 1 >= argv.size())
                        throw UsageError("--" + name + " needs a value");
                    options_.emplace(name, argv[++i]);
                }
            } else {
                throw UsageError("unknown option --" + name);
            }
        } else {
            positional_.push_back(a);
        }
    }
}

std::optional<std::string> Args::value(const std::string& name) const {
    auto range = options_.equal_range(name);
    if (range.first == range.second)
        return std::nullopt;
    return std::prev(range.second)->second; // the last one wins
}

std::vector<std::string> Args::values(const std::string& name) const {
    std::vector<std::string> out;
    auto range = options_.equal_range(name);
    for (auto it = range.first; it != range.second; ++it)
        out.push_back(it->second);
    return out;
}

double Args::number(const std::string& name, double fallback) const {
    auto v = value(name);
    if (!v)
        return fallback;
    double d = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), d);
    if (ec != std::errc() || p != v->data() + v->size() || !std::isfinite(d))
        throw UsageError("--" + name + " needs a number, not '" + *v + "'");
    return d;
}

std::optional<std::string> Args::outputFile(const std::string& name, const std::string& extension,
                                            const std::string& format) const {
    auto file = value(name);
    if (!file)
        return file;
    std::string ext = std::filesystem::path(*file).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext != extension)
        throw UsageError("--" + name + " writes " + format + ": it must name a " + extension +
                         " file, not '" + *file + "'");
    return file;
}

long long Args::integer(const std::string& name, long long fallback) const {
    auto v = value(name);
    if (!v)
        return fallback;
    long long n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || p != v->data() + v->size())
        throw UsageError("--" + name + " needs a whole number, not '" + *v + "'");
    return n;
}

} // namespace ts::core::cli
