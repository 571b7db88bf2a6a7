// Parsing and checking episode.json and calibration.json (docs/bundle-format.md).
#pragma once

#include "model/calibration.h"
#include "model/manifest.h"
#include "util/diagnostic.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace ts::core {

// Parses JSON text; on a syntax error reports `code` at the line with the column in the text.
bool parseJsonText(const std::string& text, const std::string& file, const std::string& code,
                   nlohmann::json& out, Diagnostics& diags);

// Fills `out` from the manifest's JSON; false when it has errors (all are reported).
bool parseManifest(const nlohmann::json& j, const std::string& file, Manifest& out,
                   Diagnostics& diags);

bool parseCalibration(const nlohmann::json& j, const std::string& file, Calibration& out,
                      Diagnostics& diags);

} // namespace ts::core
