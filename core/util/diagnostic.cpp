#include "util/diagnostic.h"

#include <algorithm>

namespace ts::core {

const char* severityName(Severity s) {
    return s == Severity::Error ? "error" : "warning";
}

std::string Diagnostic::toString() const {
    std::string out = file.empty() ? std::string("<bundle>") : file;
    if (line >= 0)
        out += ":" + std::to_string(line);
    if (frame >= 0)
        out += " frame " + std::to_string(frame);
    out += ": ";
    out += severityName(severity);
    out += ": " + message;
    if (!code.empty())
        out += " [" + code + "]";
    return out;
}

void Diagnostics::error(std::string code, std::string file, int64_t line, std::string message) {
    items_.push_back(
        {Severity::Error, std::move(code), std::move(file), line, -1, std::move(message)});
}

void Diagnostics::warning(std::string code, std::string file, int64_t line, std::string message) {
    items_.push_back(
        {Severity::Warning, std::move(code), std::move(file), line, -1, std::move(message)});
}

void Diagnostics::errorAtFrame(std::string code, std::string file, int64_t frame,
                               std::string message) {
    items_.push_back(
        {Severity::Error, std::move(code), std::move(file), -1, frame, std::move(message)});
}

void Diagnostics::warningAtFrame(std::string code, std::string file, int64_t frame,
                                 std::string message) {
    items_.push_back(
        {Severity::Warning, std::move(code), std::move(file), -1, frame, std::move(message)});
}

void Diagnostics::add(Diagnostic d) {
    items_.push_back(std::move(d));
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::hasErrors() const {
    return errorCount() > 0;
}

size_t Diagnostics::errorCount() const {
    return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::Error;
    }));
}

size_t Diagnostics::warningCount() const {
    return items_.size() - errorCount();
}

bool Diagnostics::contains(const std::string& code) const {
    return std::any_of(items_.begin(), items_.end(),
                       [&](const Diagnostic& d) { return d.code == code; });
}

} // namespace ts::core
