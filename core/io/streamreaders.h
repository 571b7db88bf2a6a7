// Parsers of the bundle's CSV streams (imu, pose, hands, force, frame timestamps) into
// samples, with every check of docs/bundle-format.md reported at its line.
#pragma once

#include "io/csvfile.h"
#include "model/series.h"
#include "model/streamstats.h"
#include "util/error.h"

#include <filesystem>
#include <vector>

namespace ts::core {

// Each reader returns false when the file could not be parsed at all (bad header); rows
// with errors are reported and skipped, so one run lists every problem. `stats` gets
// count, time range, rate, gaps and jitter; timing warnings are reported too.
bool readFrameTimesCsv(CsvFile& csv, FrameTimes& out, StreamStats& stats, Diagnostics& diags);
bool readImuCsv(CsvFile& csv, std::vector<ImuSample>& out, StreamStats& stats, Diagnostics& diags);
bool readPoseCsv(CsvFile& csv, std::vector<PoseSample>& out, StreamStats& stats,
                 Diagnostics& diags);
bool readHandsCsv(CsvFile& csv, std::vector<HandSample>& out, StreamStats& stats,
                  Diagnostics& diags);
bool readForceCsv(CsvFile& csv, ForceSeries& out, StreamStats& stats, Diagnostics& diags);

// Reads one stream file whole with one of the readers above, for callers that need all of it
// or nothing: a file that cannot be parsed, or has any row in error, throws ts::core::Error
// with its first error (file, line and what was wrong).
template <typename Reader, typename Out>
void readStreamFile(const std::filesystem::path& file, Reader reader, Out& out) {
    Diagnostics diags;
    CsvFile csv;
    StreamStats stats;
    if (!csv.load(file, file.string(), diags) || !reader(csv, out, stats, diags) ||
        diags.hasErrors()) {
        for (const auto& d : diags.all())
            if (d.severity == Severity::Error)
                throw Error(d.toString());
        throw Error(file.string(), "cannot be read");
    }
}

// Plausibility limits (docs/bundle-format.md).
inline constexpr double kMaxForceN = 2000.0;
inline constexpr double kMaxAccel = 200.0;       // m/s²
inline constexpr double kMaxGyro = 40.0;         // rad/s
inline constexpr double kMaxJointDistance = 3.0; // metres from the device
inline constexpr double kQuatNormTolerance = 0.01;

} // namespace ts::core
