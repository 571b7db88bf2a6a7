// The JSON shapes touchstone-cli prints with --json (documented in docs/cli.md).
#pragma once

#include "model/clockmodel.h"
#include "model/streamstats.h"
#include "util/diagnostic.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ts::core::cli {

nlohmann::json toJson(const Diagnostic& d);
nlohmann::json toJson(const Diagnostics& d); // array of findings
// A finding as the text output prints it: its file named from `folder` when it lies inside
// (bundle/rgb.mp4: error: …), as it is when it names the folder itself or a path of its own.
std::string diagnosticLine(const std::string& folder, const Diagnostic& d);
nlohmann::json toJson(const StreamStats& s);
// offset_ns, drift_ppm, t0_ns, method, confidence, residual_ns, author
nlohmann::json toJson(const ClockModel& c);

} // namespace ts::core::cli
