// A CSV file written by another tool (Aria MPS, Stray Scanner), read by column name with strict
// number parsing. Every problem throws ts::core::Error naming the file, the 1-based line (the
// header is line 1) and the column, because a converter must not guess around bad input.
#pragma once

#include "model/time.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ts::core::importers {

class SourceTable {
public:
    // Reads the whole file (".gz" files are inflated with zlib). `displayName` is how errors
    // name the file (a path relative to the source folder). `hasHeader` false reads a headerless
    // matrix such as Stray's camera_matrix.csv.
    static SourceTable load(const std::filesystem::path& file, std::string displayName,
                            bool hasHeader = true);
    static SourceTable fromText(std::string text, std::string displayName, bool hasHeader = true);

    const std::string& name() const { return name_; }
    const std::vector<std::string>& header() const { return header_; }
    bool has(std::string_view column) const;
    // The index of a column; throws naming the file, line 1 and the missing column.
    size_t column(std::string_view name) const;

    // Advances to the next data row; false at the end. Throws for a row whose field count
    // differs from the header's (a truncated last line, a stray comma).
    bool next();
    int64_t line() const { return line_; }
    size_t fieldCount() const { return fields_.size(); }

    std::string_view text(size_t col) const;
    // A finite decimal number; "nan", "inf", empty and junk throw.
    double number(size_t col) const;
    // An exact integer (no decimal point, no exponent).
    int64_t integer(size_t col) const;
    // Integer microseconds → nanoseconds, exactly.
    TimeNs microsecondsToNs(size_t col) const;
    // Decimal seconds ("12.345678901") → nanoseconds, exactly (no binary floating point on the
    // way); more than 9 decimals are refused rather than rounded.
    TimeNs secondsToNs(size_t col) const;

    [[noreturn]] void fail(const std::string& message) const;            // at the current line
    [[noreturn]] void failAt(size_t col, const std::string& what) const; // names the column

private:
    std::string columnName(size_t col) const;

    std::string name_;
    std::string text_;
    std::vector<std::string> header_;
    size_t pos_ = 0;
    int64_t line_ = 0;
    std::vector<std::string_view> fields_;
};

} // namespace ts::core::importers
