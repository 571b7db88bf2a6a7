// The world map of an episode cached in its project (the media_cache table, kind "world_map"),
// so that opening an episode a second time shows its map at once. The entry's key is a SHA-256
// over the episode's media digest (path, size and hash of every media file, as imported), the
// stream clock models and every setting that shapes the map: new media, a re-synced clock or
// another voxel size or memory budget is another key, and the old entry is simply not found.
//
// Threads: the store's thread (like media/indexcache.h). A worker building the map does not
// touch the store; its owner stores the result.
#pragma once

#include "recon/episodereconstruction.h"
#include "recon/worldmap.h"

#include <optional>
#include <string>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::recon {

inline constexpr const char* kWorldMapCacheKind = "world_map";
inline constexpr int kWorldMapCacheVersion = 1;

// Throws Error naming the project file when the episode is unknown or has no media records.
std::string worldMapCacheKey(const ProjectStore& store, const std::string& episodeId,
                             const StreamClocks& clocks, const ReconSettings& settings);

struct CachedWorldMap {
    std::optional<WorldMap> map; // the cached map, finished (levels built)
    std::string problem;         // why an entry that exists could not be used (then rebuild)
};

// The cached map under `key`; no map (and no problem) when there is no entry; no map and a
// problem saying what was wrong when the entry is corrupt or cut short.
CachedWorldMap loadCachedWorldMap(const ProjectStore& store, const std::string& key);

// Stores the (finished) map under `key`. Returns false, with the reason in `problem` when
// given, when the project cannot be written (read-only): the cache only saves time.
bool storeCachedWorldMap(ProjectStore& store, const std::string& key, const WorldMap& map,
                         std::string* problem = nullptr);

} // namespace ts::core::recon
