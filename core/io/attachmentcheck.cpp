#include "io/attachmentcheck.h"

namespace ts::core {

int64_t checkAttachmentCsv(CsvFile& csv, const std::string& kind, Diagnostics& diags) {
    const size_t errorsBefore = diags.errorCount();
    std::vector<std::string> header;
    if (!csv.readHeader(header, diags))
        return 0;
    const bool points = kind == "points";
    if (points && (header.size() < 3 || header[0] != "x" || header[1] != "y" || header[2] != "z")) {
        csv.report(diags, Severity::Error, "csv.header",
                   "a point cloud starts with the columns x,y,z");
        return 0;
    }
    if (!points && (header.empty() || header[0] != "t_ns")) {
        csv.report(diags, Severity::Error, "csv.header", "a table starts with the column t_ns");
        return 0;
    }
    std::vector<std::string_view> fields;
    int64_t rows = 0;
    int64_t previous = 0;
    bool first = true;
    while (csv.nextRow(fields, diags)) {
        if (fields.size() != header.size()) {
            csv.report(diags, Severity::Error, "csv.column_count",
                       "the row has " + std::to_string(fields.size()) +
                           " fields but the header has " + std::to_string(header.size()));
            continue;
        }
        ++rows;
        if (points) {
            double v = 0;
            for (size_t i = 0; i < fields.size(); ++i)
                csv.parseDouble(fields[i], header[i], v, diags);
            continue;
        }
        int64_t t = 0;
        if (!csv.parseInt64(fields[0], "t_ns", t, diags))
            continue;
        if (!first && t < previous)
            csv.report(diags, Severity::Error, "timestamps.non_monotonic",
                       "t_ns " + std::to_string(t) + " is before the previous row's " +
                           std::to_string(previous));
        previous = t;
        first = false;
        for (size_t i = 1; i < fields.size(); ++i)
            if (fields[i].empty())
                csv.report(diags, Severity::Error, "csv.number",
                           "the field '" + header[i] + "' is empty");
    }
    if (rows == 0 && diags.errorCount() == errorsBefore)
        csv.report(diags, Severity::Error, "csv.empty", "the attachment has no data rows");
    csv.finish(diags);
    return rows;
}

} // namespace ts::core
