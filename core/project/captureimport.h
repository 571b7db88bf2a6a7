// Importing whatever a user points at: an episode bundle as it is, or a capture of another
// device (docs/importers.md) converted first into <project folder>/imported/<id>/ and then
// imported as a bundle. A refused import removes the converted folder again. Used by the CLI's
// `import` and the GUI's Import…; runs on the calling thread (the caller owns the store).
#pragma once

#include "io/importers/importoptions.h"
#include "project/episodeimport.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace ts::core {

struct CaptureImportOutcome {
    importers::SourceFormat format = importers::SourceFormat::Unknown;
    std::optional<importers::ConversionReport> conversion; // set for converted captures
    EpisodeImportOutcome import;                           // the bundle import, when it ran
    std::string error; // why nothing was imported ("" when it was)
    bool ok() const { return error.empty() && import.ok(); }
};

CaptureImportOutcome importCapture(ProjectStore& store, const std::filesystem::path& path,
                                   std::optional<importers::SourceFormat> format,
                                   const importers::ImportOptions& options,
                                   const std::string& actor,
                                   const std::function<void(double)>& progress = {});

} // namespace ts::core
