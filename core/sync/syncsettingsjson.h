// The project setting "sync" (scope 'project' in the store's settings table): stream-health
// warn/fail thresholds, the sync tolerance that flags an episode for QC, the minimum confidence
// for using an estimate, and whether the video pass runs. Missing keys keep their defaults;
// unknown keys and wrong types are errors naming the key (a typo must not silently do nothing).
#pragma once

#include "sync/episodesync.h"

#include <nlohmann/json.hpp>

namespace ts::core::sync {

// Throws ts::core::Error (file "project setting 'sync'") naming the bad key.
SyncSettings syncSettingsFromJson(const nlohmann::json& j, const SyncSettings& defaults = {});
nlohmann::json syncSettingsToJson(const SyncSettings& s);

} // namespace ts::core::sync
