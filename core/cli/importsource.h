// What `import` and `convert` share on the command line: the --format and identity/consent
// options that become importers::ImportOptions, and the JSON of a conversion (docs/cli.md).
#pragma once

#include "cli/args.h"
#include "io/importers/importoptions.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <set>
#include <string>

namespace ts::core::cli {

// The option names (each takes a value; --consent-scope repeats).
const std::set<std::string>& importOptionNames();

// Throws UsageError for an unknown --format or incomplete consent options.
std::optional<importers::SourceFormat> formatFromArgs(const Args& a);
importers::ImportOptions importOptionsFromArgs(const Args& a);

nlohmann::json toJson(const importers::ConversionReport& r);

} // namespace ts::core::cli
