// Checks of a bundle's attachments (docs/bundle-format.md "Attachments"): a point cloud CSV
// (x,y,z first, every field a finite number) or a table CSV (t_ns first, integer times that
// never go back). Findings go to Diagnostics at their line, as for streams.
#pragma once

#include "io/csvfile.h"

#include <cstdint>
#include <string>

namespace ts::core {

// Returns the number of data rows read; reports csv.* and timestamps.* findings.
int64_t checkAttachmentCsv(CsvFile& csv, const std::string& kind, Diagnostics& diags);

} // namespace ts::core
