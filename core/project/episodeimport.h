// Importing one bundle folder into a project: read and check it (on the calling thread, with
// worker threads inside), then register it in one store transaction. Used by the CLI and by
// the GUI's workers alike; the caller owns the ProjectStore (one per thread).
#pragma once

#include "io/bundle.h"
#include "store/storerecords.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace ts::core {

class ProjectStore;

struct EpisodeImportOutcome {
    std::filesystem::path bundle;
    Diagnostics findings;               // the reader's errors and warnings
    std::optional<ImportResult> result; // set when the episode was registered
    std::string error;                  // why it was not (findings, or the store's refusal)
    bool ok() const { return result.has_value(); }
};

EpisodeImportOutcome importEpisode(ProjectStore& store, const std::filesystem::path& bundle,
                                   const std::string& actor,
                                   const std::function<void(double)>& progress = {});

} // namespace ts::core
