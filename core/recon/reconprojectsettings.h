// The project setting "recon" (settings table, scope project): what a project fixes for its
// reconstructions, e.g. {"map_memory_mb": 512, "voxel_mm": 5}. Read by `touchstone-cli recon`
// and the GUI, validated by `touchstone-cli settings`. Plain values; any thread.
#pragma once

#include "recon/worldmap.h"

#include <nlohmann/json.hpp>

namespace ts::core::recon {

struct ReconProjectSettings {
    double mapMemoryMb = 512; // the world map's memory budget (WorldMapSettings::maxBytes)
    double voxelMm = 5;       // the world map's finest voxel

    // Onto map settings: voxel size and memory budget.
    void applyTo(WorldMapSettings& map) const;
};

// Missing keys take their defaults; throws ts::core::Error naming the setting for unknown keys,
// wrong types or values out of range (map_memory_mb 1 … 65536, voxel_mm 0.5 … 100).
ReconProjectSettings reconProjectSettingsFromJson(const nlohmann::json& j);
nlohmann::json reconProjectSettingsToJson(const ReconProjectSettings& s);

} // namespace ts::core::recon
