// The JSON shapes touchstone-cli prints with --json (documented in docs/cli.md).
#pragma once

#include "model/clockmodel.h"
#include "model/streamstats.h"
#include "util/diagnostic.h"

#include <nlohmann/json.hpp>

namespace ts::core::cli {

nlohmann::json toJson(const Diagnostic& d);
nlohmann::json toJson(const Diagnostics& d); // array of findings
nlohmann::json toJson(const StreamStats& s);
// offset_ns, drift_ppm, t0_ns, method, confidence, residual_ns, author
nlohmann::json toJson(const ClockModel& c);

} // namespace ts::core::cli
