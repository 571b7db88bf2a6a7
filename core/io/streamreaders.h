// Parsers of the bundle's CSV streams (imu, pose, hands, force, frame timestamps) into
// samples, with every check of docs/bundle-format.md reported at its line.
#pragma once

#include "io/csvfile.h"
#include "model/series.h"
#include "model/streamstats.h"

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

// Plausibility limits (docs/bundle-format.md).
inline constexpr double kMaxForceN = 2000.0;
inline constexpr double kMaxAccel = 200.0;       // m/s²
inline constexpr double kMaxGyro = 40.0;         // rad/s
inline constexpr double kMaxJointDistance = 3.0; // metres from the device
inline constexpr double kQuatNormTolerance = 0.01;

} // namespace ts::core
