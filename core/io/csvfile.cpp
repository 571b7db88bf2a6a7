#include "io/csvfile.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ts::core {

namespace {
constexpr int64_t kMaxReportsPerCode = 10;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string quoted(std::string_view s) {
    if (s.size() > 40)
        return "'" + std::string(s.substr(0, 40)) + "…'";
    return "'" + std::string(s) + "'";
}
} // namespace

bool readWholeFile(const std::filesystem::path& path, std::string& out, std::string* why) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *why = std::strerror(errno);
        return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? "it is a folder, not a file" : std::strerror(errno);
        ::close(fd);
        return false;
    }
    out.resize(static_cast<size_t>(st.st_size));
    size_t got = 0;
    while (got < out.size()) {
        ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (n == 0)
            break;
        got += static_cast<size_t>(n);
    }
    out.resize(got);
    ::close(fd);
    return true;
}

bool CsvFile::load(const std::filesystem::path& path, std::string displayName, Diagnostics& diags) {
    name_ = std::move(displayName);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        diags.error("file.missing", name_, -1, "the file does not exist");
        return false;
    }
    std::string why;
    if (!readWholeFile(path, text_, &why)) {
        diags.error("file.unreadable", name_, -1, "the file cannot be read: " + why);
        return false;
    }
    pos_ = 0;
    line_ = 0;
    return true;
}

void CsvFile::setText(std::string text, std::string displayName) {
    text_ = std::move(text);
    name_ = std::move(displayName);
    pos_ = 0;
    line_ = 0;
}

bool CsvFile::readHeader(std::vector<std::string>& columns, Diagnostics& diags) {
    std::vector<std::string_view> fields;
    pos_ = 0;
    line_ = 0;
    if (text_.empty()) {
        diags.error("csv.empty", name_, -1, "the file is empty: it has no header and no rows");
        return false;
    }
    size_t end = text_.find('\n');
    if (end == std::string::npos)
        end = text_.size();
    std::string_view header(text_.data(), end);
    if (header.size() >= 3 && header.substr(0, 3) == "\xEF\xBB\xBF")
        header.remove_prefix(3); // a UTF-8 byte order mark from spreadsheet tools
    pos_ = end < text_.size() ? end + 1 : end;
    line_ = 1;
    columns.clear();
    size_t start = 0;
    while (true) {
        size_t comma = header.find(',', start);
        std::string_view f = trim(header.substr(
            start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        columns.emplace_back(f);
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return true;
}

bool CsvFile::nextRow(std::vector<std::string_view>& fields, Diagnostics& diags) {
    while (pos_ < text_.size()) {
        size_t end = text_.find('\n', pos_);
        if (end == std::string::npos)
            end = text_.size();
        std::string_view row(text_.data() + pos_, end - pos_);
        pos_ = end < text_.size() ? end + 1 : end;
        ++line_;
        if (!row.empty() && row.back() == '\r')
            row.remove_suffix(1);
        if (trim(row).empty()) {
            // Only trailing blank lines are harmless.
            size_t p = pos_;
            bool onlyBlankLeft = true;
            for (; p < text_.size(); ++p) {
                char c = text_[p];
                if (c != '\n' && c != '\r' && c != ' ' && c != '\t') {
                    onlyBlankLeft = false;
                    break;
                }
            }
            if (onlyBlankLeft) {
                pos_ = text_.size();
                return false;
            }
            report(diags, Severity::Error, "csv.empty_line", "an empty line inside the data");
            continue;
        }
        fields.clear();
        size_t start = 0;
        while (true) {
            size_t comma = row.find(',', start);
            fields.push_back(trim(row.substr(
                start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
            if (comma == std::string_view::npos)
                break;
            start = comma + 1;
        }
        return true;
    }
    return false;
}

bool CsvFile::parseInt64(std::string_view field, const std::string& column, int64_t& out,
                         Diagnostics& diags) {
    const char* b = field.data();
    const char* e = b + field.size();
    auto [p, ec] = std::from_chars(b, e, out);
    if (field.empty() || ec != std::errc() || p != e) {
        std::string why = field.empty() ? "is empty"
                          : ec == std::errc::result_out_of_range
                              ? "is out of the 64-bit range"
                              : "is not an integer number of nanoseconds";
        report(diags, Severity::Error, "csv.number",
               "column " + column + " value " + quoted(field) + " " + why);
        return false;
    }
    return true;
}

bool CsvFile::parseDouble(std::string_view field, const std::string& column, double& out,
                          Diagnostics& diags) {
    const char* b = field.data();
    const char* e = b + field.size();
    if (!field.empty() && *b == '+')
        ++b;
    auto [p, ec] = std::from_chars(b, e, out);
    if (field.empty() || ec != std::errc() || p != e) {
        report(diags, Severity::Error, "csv.number",
               "column " + column + " value " + quoted(field) +
                   (field.empty() ? " is empty" : " is not a number"));
        return false;
    }
    if (!std::isfinite(out)) {
        report(diags, Severity::Error, "csv.not_finite",
               "column " + column + " value " + quoted(field) + " is not a finite number");
        return false;
    }
    return true;
}

void CsvFile::report(Diagnostics& diags, Severity sev, const std::string& code,
                     const std::string& msg) {
    for (auto& [c, n] : counts_) {
        if (c == code) {
            if (++n > kMaxReportsPerCode)
                return;
            diags.add({sev, code, name_, line_, -1, msg});
            return;
        }
    }
    counts_.emplace_back(code, 1);
    diags.add({sev, code, name_, line_, -1, msg});
}

void CsvFile::finish(Diagnostics& diags) {
    for (const auto& [code, n] : counts_) {
        if (n > kMaxReportsPerCode) {
            // Keep the severity of the first finding of that code.
            Severity sev = Severity::Error;
            for (const auto& d : diags.all())
                if (d.code == code && d.file == name_) {
                    sev = d.severity;
                    break;
                }
            diags.add({sev, code, name_, -1, -1,
                       "… and " + std::to_string(n - kMaxReportsPerCode) +
                           " more lines with the same problem"});
        }
    }
    counts_.clear();
}

bool expectHeader(CsvFile& csv, const std::vector<std::string>& expected, Diagnostics& diags) {
    std::vector<std::string> columns;
    if (!csv.readHeader(columns, diags))
        return false;
    if (columns == expected)
        return true;
    std::string want, got;
    for (const auto& c : expected)
        want += (want.empty() ? "" : ",") + c;
    for (const auto& c : columns)
        got += (got.empty() ? "" : ",") + c;
    diags.error("csv.header", csv.name(), 1,
                "the header is '" + got.substr(0, 200) + "' but '" + want.substr(0, 200) +
                    "' is expected (" + std::to_string(expected.size()) + " columns)");
    return false;
}

} // namespace ts::core
