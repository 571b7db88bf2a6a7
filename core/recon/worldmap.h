// The fused world map of an episode: every back-projected world point falls into a voxel that
// keeps the running mean of position and colour, so the map grows with the space seen, not
// with the number of frames. Memory is bounded by `maxVoxels`: when it would be exceeded the
// voxels are merged into voxels twice the size (the map gets coarser, never drops a region).
// A level-of-detail pyramid (each level voxels twice as large as the one below) lets a viewer
// draw the finest level that fits its point budget.
//
// Threads: insert() and finish() by one thread at a time; once finished, the const methods may
// be called from any number of threads.
#pragma once

#include "recon/pointcloud.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>
#include <vector>

namespace ts::core::recon {

struct WorldMapSettings {
    double voxelM = 0.005;
    size_t maxVoxels = 4'000'000; // ~ 130 MB; the bound on memory while fusing
    int lodLevels = 8;            // levels above the finest (each halves the resolution)
    // Memory budget in bytes (0: none) for everything the map holds, its levels of detail and
    // their snapshots included; it lowers the voxel bound to maxBytes / kBytesPerVoxel.
    size_t maxBytes = 0;
};

class WorldMap {
public:
    explicit WorldMap(WorldMapSettings settings = {});

    // The most a voxel costs: its hash node and bucket (≤ 72 B), its share of the levels of
    // detail (≤ 20 B), of two snapshots of them (≤ 40 B, one published, one being built) and
    // of finish()'s working level (≤ 20 B).
    static constexpr size_t kBytesPerVoxel = 160;
    // The voxel bound in force: maxVoxels, lowered by the memory budget.
    size_t voxelBound() const { return bound_; }
    const WorldMapSettings& settings() const { return settings_; }

    // Fuses world-frame points (colours optional); `stride` subsamples the cloud.
    void insert(const PointCloud& world, int stride = 1);
    // Builds the level-of-detail pyramid; insert() after finish() rebuilds it on the next call.
    void finish();

    double voxelM() const { return voxel_; } // may be larger than asked when memory was bound
    size_t voxels() const { return map_.size(); }
    size_t bytes() const; // memory held now (voxels and levels)
    size_t inserted() const { return inserted_; }
    int coarsenings() const { return coarsenings_; }

    // Levels finest first: level(0) has every voxel, level(k) voxels of voxelM·2^k.
    int levels() const { return static_cast<int>(lod_.size()); }
    const PointCloud& level(int k) const { return lod_[static_cast<size_t>(k)]; }
    // The finest level with at most `budget` points (the coarsest when none is small enough).
    const PointCloud& forBudget(size_t budget) const;
    // The levels of detail of the map as it is now (what finish() keeps), without changing it:
    // a snapshot for a viewer while the map is still being filled.
    std::vector<PointCloud> buildLevels() const;

    // The map as bytes (versioned, voxels in key order, with a checksum) and back. deserialize
    // throws ts::core::Error naming `what` when the bytes are of another version, cut short or
    // corrupt (checksum).
    std::string serialize() const;
    static WorldMap deserialize(const std::string& bytes, const std::string& what);

    // Cache file (binary, versioned); load throws ts::core::Error naming the file when it is
    // missing, of another version or cut short.
    void save(const std::filesystem::path& file) const;
    static WorldMap load(const std::filesystem::path& file);

private:
    struct Voxel {
        float sx = 0, sy = 0, sz = 0;
        float r = 0, g = 0, b = 0;
        uint32_t n = 0;
    };
    uint64_t key(const Eigen::Vector3f& p, float inv) const;
    void coarsen();
    static PointCloud toCloud(const std::unordered_map<uint64_t, Voxel>& m);

    WorldMapSettings settings_;
    double voxel_;
    std::unordered_map<uint64_t, Voxel> map_;
    std::vector<PointCloud> lod_;
    size_t inserted_ = 0;
    int coarsenings_ = 0;
    size_t bound_ = 0;
};

} // namespace ts::core::recon
