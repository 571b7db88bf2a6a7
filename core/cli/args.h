// A small command-line parser for touchstone-cli's subcommands: positionals, --flag,
// --key VALUE / --key=VALUE (repeatable), with clear usage errors for unknown options.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace ts::core::cli {

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Thrown by Args for `--help` where an option may stand (not as an option's value), or `-h`
// first: the caller prints the command's usage. Not an error, so not a std::exception.
struct HelpRequested {};

class Args {
public:
    // `flags` take no value; `options` take one. Throws UsageError, or HelpRequested.
    Args(const std::vector<std::string>& argv, size_t first, const std::set<std::string>& flags,
         const std::set<std::string>& options);

    const std::vector<std::string>& positional() const { return positional_; }
    bool flag(const std::string& name) const { return flags_.count(name) > 0; }
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;

    double number(const std::string& name, double fallback) const;
    long long integer(const std::string& name, long long fallback) const;
    // The file option `name`, if given, whose name must end in `extension` (".png"; any case),
    // since that is the format written: a UsageError naming `format` otherwise.
    std::optional<std::string> outputFile(const std::string& name, const std::string& extension,
                                          const std::string& format) const;

private:
    std::vector<std::string> positional_;
    std::set<std::string> flags_;
    std::multimap<std::string, std::string> options_;
};

} // namespace ts::core::cli
