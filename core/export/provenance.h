// The provenance manifest of an export (provenance.json) and its human summary
// (PROVENANCE.md): per episode who performed it under which consent, who annotated and
// reviewed it with what verdict, the source media and their SHA-256, the clock models used;
// the tool version, the export settings, and every file of the dataset with its SHA-256.
#pragma once

#include "export/exportepisode.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace ts::core::exporting {

struct ProvenanceInput {
    std::string projectName;
    std::string format;
    std::string exportedBy;
    std::string exportedAt;
    nlohmann::json settings;
    std::vector<const ExportEpisode*> episodes; // in dataset order
    std::vector<int64_t> frames;                // per episode
    std::vector<Exclusion> excluded;
};

// Hashes every file under root (but provenance.json / PROVENANCE.md themselves), writes both
// files there, and returns the SHA-256 of provenance.json.
std::string writeProvenance(const std::filesystem::path& root, const ProvenanceInput& in);

} // namespace ts::core::exporting
