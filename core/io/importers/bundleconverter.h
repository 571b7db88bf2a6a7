// Converting any recognised capture into a native episode bundle: finds (or checks) the source
// format, runs its importer into a hidden folder beside the target and renames it into place
// only when complete, so a failed or interrupted conversion never leaves a half bundle.
#pragma once

#include "io/importers/importoptions.h"

#include <filesystem>
#include <optional>

namespace ts::core::importers {

// Throws ts::core::Error: for an unknown or partial source (with what was found and what is
// missing), for a source that is already a bundle, for an `out` that exists and is not empty,
// and for every problem of the source (naming its file and line, dataset or frame).
ConversionReport convertToBundle(const std::filesystem::path& source,
                                 const std::filesystem::path& out,
                                 std::optional<SourceFormat> format, const ImportOptions& options);

} // namespace ts::core::importers
