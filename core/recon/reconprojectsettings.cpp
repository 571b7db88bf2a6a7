#include "recon/reconprojectsettings.h"

#include "util/error.h"

namespace ts::core::recon {

using nlohmann::json;

void ReconProjectSettings::applyTo(WorldMapSettings& map) const {
    map.voxelM = voxelMm / 1000.0;
    map.maxBytes = static_cast<size_t>(mapMemoryMb * 1024 * 1024);
}

ReconProjectSettings reconProjectSettingsFromJson(const json& j) {
    ReconProjectSettings s;
    if (j.is_null())
        return s;
    if (!j.is_object())
        throw Error("project setting 'recon'", "must be an object, not " + j.dump());
    for (const auto& [key, v] : j.items()) {
        auto number = [&](double lo, double hi) {
            if (!v.is_number() || !(v.get<double>() >= lo && v.get<double>() <= hi))
                throw Error("project setting 'recon." + key + "'",
                            "must be a number from " + json(lo).dump() + " to " + json(hi).dump() +
                                ", not " + v.dump());
            return v.get<double>();
        };
        if (key == "map_memory_mb")
            s.mapMemoryMb = number(1, 65536);
        else if (key == "voxel_mm")
            s.voxelMm = number(0.5, 100);
        else
            throw Error("project setting 'recon'",
                        "unknown key '" + key + "' (known: map_memory_mb, voxel_mm)");
    }
    return s;
}

json reconProjectSettingsToJson(const ReconProjectSettings& s) {
    return {{"map_memory_mb", s.mapMemoryMb}, {"voxel_mm", s.voxelMm}};
}

} // namespace ts::core::recon
