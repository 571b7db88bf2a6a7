// The exception that core throws at its boundaries: it names the file, the line or frame,
// and what was wrong, so that the CLI and the GUI can show it as it is.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace ts::core {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    Error(const std::string& file, const std::string& message)
        : std::runtime_error(file + ": " + message), file_(file) {}
    Error(const std::string& file, int64_t line, const std::string& message)
        : std::runtime_error(file + ":" + std::to_string(line) + ": " + message), file_(file),
          line_(line) {}

    const std::string& file() const { return file_; }
    int64_t line() const { return line_; }

private:
    std::string file_;
    int64_t line_ = -1;
};

} // namespace ts::core
