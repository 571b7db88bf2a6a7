#include "recon/worldmapcache.h"

#include "store/mediadigest.h"
#include "store/projectstore.h"
#include "util/error.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

namespace ts::core::recon {

using nlohmann::json;

std::string worldMapCacheKey(const ProjectStore& store, const std::string& episodeId,
                             const StreamClocks& clocks, const ReconSettings& st) {
    std::vector<MediaDigestItem> items;
    for (const MediaRecord& m : store.episodeMedia(episodeId))
        items.push_back({m.path, m.size, m.sha256});
    if (items.empty())
        throw Error(store.file().string(),
                    "episode " + episodeId + " has no media records to key its world map by");
    json clockJson = json::object();
    for (const auto& [name, c] : clocks)
        clockJson[name] = {c.offsetNs, c.drift, c.t0Ns, clockKnown(c)};
    const OdometrySettings& o = st.odometry;
    const json shape{
        {"format", "touchstone-world-map"},
        {"version", kWorldMapCacheVersion},
        {"media", mediaDigest(std::move(items))},
        {"clocks", clockJson},
        {"depth", {st.depth.minDepthM, st.depth.maxDepthM}},
        {"map",
         {st.map.voxelM, st.map.maxVoxels, st.map.maxBytes, st.map.lodLevels, st.mapStride,
          static_cast<int>(st.mapPoses), st.useColour, st.maxFrames}},
        {"odometry",
         {o.levels, o.iterations, o.fineStride, o.geometricSigmaM, o.photometricSigma,
          o.maxCorrespondenceM, o.photometric, o.keyframeMinOverlap, o.keyframeMaxTranslationM,
          o.keyframeMaxRotationDeg, o.minInlierFraction, o.maxJumpM, o.maxJumpDeg}}};
    return Sha256::hex(shape.dump());
}

CachedWorldMap loadCachedWorldMap(const ProjectStore& store, const std::string& key) {
    CachedWorldMap out;
    const auto blob = store.mediaCache(key, kWorldMapCacheKind, kWorldMapCacheVersion);
    if (!blob)
        return out;
    try {
        out.map = WorldMap::deserialize(*blob, store.file().string() + " (world map cache " +
                                                   key.substr(0, 12) + ")");
    } catch (const Error& e) {
        out.problem = e.what();
    }
    return out;
}

bool storeCachedWorldMap(ProjectStore& store, const std::string& key, const WorldMap& map,
                         std::string* problem) {
    try {
        store.putMediaCache(key, kWorldMapCacheKind, kWorldMapCacheVersion, map.serialize());
        return true;
    } catch (const Error& e) {
        if (problem)
            *problem = e.what();
        return false;
    }
}

} // namespace ts::core::recon
