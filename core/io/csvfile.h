// A CSV file of a bundle held in memory and split into fields, with the exact int64 and
// finite-double field parsing that the stream readers share. Findings go to Diagnostics with
// the file and the 1-based line (the header is line 1).
#pragma once

#include "util/diagnostic.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ts::core {

class CsvFile {
public:
    // Reads the whole file; on failure reports file.missing / file.unreadable and returns false.
    bool load(const std::filesystem::path& path, std::string displayName, Diagnostics& diags);
    // Accepts already loaded bytes (tests, and callers that hash the same buffer).
    void setText(std::string text, std::string displayName);

    const std::string& text() const { return text_; }
    const std::string& name() const { return name_; }

    // Reads the header line into fields; false (with csv.empty / csv.header) when absent.
    bool readHeader(std::vector<std::string>& columns, Diagnostics& diags);
    // Next data row split at commas (fields trimmed of spaces). Returns false at the end.
    // Empty lines inside the data are reported once each as csv.empty_line and skipped;
    // trailing empty lines are ignored.
    bool nextRow(std::vector<std::string_view>& fields, Diagnostics& diags);
    int64_t line() const { return line_; }

    // Field parsers: on failure they report (csv.number / csv.not_finite) at the current
    // line naming the column, and return false.
    bool parseInt64(std::string_view field, const std::string& column, int64_t& out,
                    Diagnostics& diags);
    bool parseDouble(std::string_view field, const std::string& column, double& out,
                     Diagnostics& diags);

    // Reports are capped per code so a broken million-line file stays readable; the cap
    // notes how many more there were.
    void report(Diagnostics& diags, Severity sev, const std::string& code, const std::string& msg);
    void finish(Diagnostics& diags); // emits the "… and N more" notes

private:
    std::string text_;
    std::string name_;
    size_t pos_ = 0;
    int64_t line_ = 0;
    std::vector<std::pair<std::string, int64_t>> counts_;
};

// The standard check of a header against the expected column names.
bool expectHeader(CsvFile& csv, const std::vector<std::string>& expected, Diagnostics& diags);

// Reads a whole file into memory; returns false with errno text in *why.
bool readWholeFile(const std::filesystem::path& path, std::string& out, std::string* why);

} // namespace ts::core
