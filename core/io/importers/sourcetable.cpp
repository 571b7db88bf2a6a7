#include "io/importers/sourcetable.h"

#include "io/csvfile.h"
#include "util/error.h"

#include <zlib.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace ts::core::importers {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

void split(std::string_view line, std::vector<std::string_view>& out) {
    out.clear();
    size_t start = 0;
    for (;;) {
        const size_t comma = line.find(',', start);
        out.push_back(trim(line.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
        if (comma == std::string_view::npos)
            return;
        start = comma + 1;
    }
}

std::string quoted(std::string_view s) {
    return "'" + std::string(s.substr(0, 40)) + (s.size() > 40 ? "…'" : "'");
}

std::string inflateGzip(const fs::path& file, const std::string& name) {
    gzFile gz = gzopen(file.c_str(), "rb");
    if (!gz)
        throw Error(name, "cannot open the compressed file");
    std::string out;
    char buf[1 << 16];
    for (;;) {
        const int n = gzread(gz, buf, sizeof buf);
        if (n < 0) {
            int code = 0;
            const std::string why = gzerror(gz, &code);
            gzclose(gz);
            throw Error(name, "the gzip data is damaged: " + why);
        }
        if (n == 0)
            break;
        out.append(buf, static_cast<size_t>(n));
    }
    // gzread reports a file cut short only through gzclose's status.
    if (gzclose(gz) != Z_OK)
        throw Error(name, "the gzip data ends early (truncated download?)");
    return out;
}

} // namespace

SourceTable SourceTable::load(const fs::path& file, std::string displayName, bool hasHeader) {
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw Error(displayName, "the file does not exist");
    std::string text;
    if (file.extension() == ".gz") {
        text = inflateGzip(file, displayName);
    } else {
        std::string why;
        if (!readWholeFile(file, text, &why))
            throw Error(displayName, "the file cannot be read: " + why);
    }
    return fromText(std::move(text), std::move(displayName), hasHeader);
}

SourceTable SourceTable::fromText(std::string text, std::string displayName, bool hasHeader) {
    SourceTable t;
    t.name_ = std::move(displayName);
    t.text_ = std::move(text);
    if (!hasHeader)
        return t;
    if (!t.next())
        throw Error(t.name_, 1, "the file is empty; expected a header line");
    for (auto f : t.fields_)
        t.header_.emplace_back(f);
    return t;
}

bool SourceTable::has(std::string_view column) const {
    for (const auto& h : header_)
        if (h == column)
            return true;
    return false;
}

size_t SourceTable::column(std::string_view name) const {
    for (size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == name)
            return i;
    throw Error(name_, 1,
                "the header has no column '" + std::string(name) + "' (it has " +
                    std::to_string(header_.size()) + " columns" +
                    (header_.empty() ? std::string() : ", starting with '" + header_[0] + "'") +
                    ")");
}

bool SourceTable::next() {
    while (pos_ < text_.size()) {
        size_t end = text_.find('\n', pos_);
        const bool lastLine = end == std::string::npos;
        if (lastLine)
            end = text_.size();
        std::string_view line(text_.data() + pos_, end - pos_);
        pos_ = lastLine ? text_.size() : end + 1;
        ++line_;
        if (trim(line).empty()) {
            // Blank lines at the very end are harmless; inside the data they are damage.
            if (text_.find_first_not_of(" \t\r\n", pos_) == std::string::npos)
                return false;
            fail("an empty line inside the data");
        }
        split(line, fields_);
        if (!header_.empty() && fields_.size() != header_.size())
            fail("the row has " + std::to_string(fields_.size()) + " fields but the header has " +
                 std::to_string(header_.size()) +
                 (fields_.size() < header_.size() && lastLine ? " (the file is truncated)" : ""));
        return true;
    }
    return false;
}

std::string_view SourceTable::text(size_t col) const {
    if (col >= fields_.size())
        fail("the row has no field " + std::to_string(col + 1));
    return fields_[col];
}

std::string SourceTable::columnName(size_t col) const {
    return col < header_.size() ? "'" + header_[col] + "'" : "field " + std::to_string(col + 1);
}

void SourceTable::fail(const std::string& message) const {
    throw Error(name_, line_, message);
}

void SourceTable::failAt(size_t col, const std::string& what) const {
    fail("column " + columnName(col) + ": " + what);
}

double SourceTable::number(size_t col) const {
    const std::string_view f = text(col);
    if (f.empty())
        failAt(col, "the field is empty");
    double v = 0;
    const auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (ec == std::errc() && p == f.data() + f.size()) {
        if (!std::isfinite(v))
            failAt(col, quoted(f) + " is not a finite number");
        return v;
    }
    if (ec == std::errc::result_out_of_range)
        failAt(col, quoted(f) + " is out of range");
    failAt(col, quoted(f) + " is not a number");
}

int64_t SourceTable::integer(size_t col) const {
    const std::string_view f = text(col);
    int64_t v = 0;
    const auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), v);
    if (f.empty() || ec != std::errc() || p != f.data() + f.size())
        failAt(col, quoted(f) + " is not an integer");
    return v;
}

TimeNs SourceTable::microsecondsToNs(size_t col) const {
    const int64_t us = integer(col);
    if (us > std::numeric_limits<int64_t>::max() / 1000 ||
        us < std::numeric_limits<int64_t>::min() / 1000)
        failAt(col, "the time in microseconds does not fit in 64-bit nanoseconds");
    return us * 1000;
}

TimeNs SourceTable::secondsToNs(size_t col) const {
    std::string_view f = text(col);
    const std::string_view original = f;
    bool negative = false;
    if (!f.empty() && (f.front() == '-' || f.front() == '+')) {
        negative = f.front() == '-';
        f.remove_prefix(1);
    }
    const size_t dot = f.find('.');
    const std::string_view whole = f.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : f.substr(dot + 1);
    auto digits = [](std::string_view s) {
        for (char c : s)
            if (c < '0' || c > '9')
                return false;
        return true;
    };
    if (f.empty() || (whole.empty() && frac.empty()) || !digits(whole) || !digits(frac))
        failAt(col, quoted(original) + " is not a time in decimal seconds");
    if (frac.size() > 9)
        failAt(col, quoted(original) + " has more than 9 decimals (finer than a nanosecond)");
    int64_t seconds = 0;
    if (!whole.empty()) {
        const auto [p, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), seconds);
        if (ec != std::errc() || seconds > std::numeric_limits<int64_t>::max() / 1'000'000'000 - 1)
            failAt(col, quoted(original) + " is too large");
    }
    int64_t nanos = 0;
    for (size_t i = 0; i < 9; ++i)
        nanos = nanos * 10 + (i < frac.size() ? frac[i] - '0' : 0);
    const int64_t ns = seconds * 1'000'000'000 + nanos;
    return negative ? -ns : ns;
}

} // namespace ts::core::importers
