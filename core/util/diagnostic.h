// Diagnostics: one finding of a check (error or warning) that names where and what.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ts::core {

enum class Severity { Warning, Error };

// A finding about an input: the file (relative to the bundle or project where that makes
// sense), the 1-based line or 0-based frame it concerns (-1 when it concerns the whole file),
// a stable machine-readable code (scripts and tests match on it) and a plain sentence.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;
    std::string file;
    int64_t line = -1;
    int64_t frame = -1;
    std::string message;

    // "file:line: error: message [code]"
    std::string toString() const;
};

// An ordered list of findings with helpers for the common checks.
class Diagnostics {
public:
    void error(std::string code, std::string file, int64_t line, std::string message);
    void warning(std::string code, std::string file, int64_t line, std::string message);
    void errorAtFrame(std::string code, std::string file, int64_t frame, std::string message);
    void warningAtFrame(std::string code, std::string file, int64_t frame, std::string message);
    void add(Diagnostic d);
    void append(const Diagnostics& other);

    bool hasErrors() const;
    size_t errorCount() const;
    size_t warningCount() const;
    const std::vector<Diagnostic>& all() const { return items_; }
    bool contains(const std::string& code) const;

private:
    std::vector<Diagnostic> items_;
};

const char* severityName(Severity s);

} // namespace ts::core
