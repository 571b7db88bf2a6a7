#include "recon/worldmap.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

namespace ts::core::recon {

namespace {
constexpr char kMagic[8] = {'T', 'S', 'W', 'M', 'A', 'P', '0', '1'};

// 21 bits per axis, offset so that ±10 km at 5 mm fits; points beyond wrap (never happens for
// rooms, and a wrapped point only lands in a wrong voxel, it cannot corrupt memory).
inline uint64_t pack(int64_t x, int64_t y, int64_t z) {
    constexpr int64_t off = 1 << 20;
    return (static_cast<uint64_t>(x + off) & 0x1FFFFF) |
           ((static_cast<uint64_t>(y + off) & 0x1FFFFF) << 21) |
           ((static_cast<uint64_t>(z + off) & 0x1FFFFF) << 42);
}
} // namespace

WorldMap::WorldMap(WorldMapSettings settings) : settings_(settings), voxel_(settings.voxelM) {
    if (!(voxel_ > 0))
        throw Error("world map voxel size must be > 0");
}

uint64_t WorldMap::key(const Eigen::Vector3f& p, float inv) const {
    return pack(static_cast<int64_t>(std::floor(p.x() * inv)),
                static_cast<int64_t>(std::floor(p.y() * inv)),
                static_cast<int64_t>(std::floor(p.z() * inv)));
}

void WorldMap::insert(const PointCloud& w, int stride) {
    lod_.clear();
    float inv = static_cast<float>(1.0 / voxel_);
    const bool colour = w.hasColour();
    const size_t step = static_cast<size_t>(std::max(1, stride));
    for (size_t i = 0; i < w.size(); i += step) {
        const Eigen::Vector3f& p = w.points[i];
        Voxel& v = map_[key(p, inv)];
        v.sx += p.x(), v.sy += p.y(), v.sz += p.z();
        if (colour)
            v.r += w.colours[i][0], v.g += w.colours[i][1], v.b += w.colours[i][2];
        else
            v.r += 128, v.g += 128, v.b += 128;
        ++v.n;
        ++inserted_;
        if (map_.size() > settings_.maxVoxels) {
            coarsen();
            inv = static_cast<float>(1.0 / voxel_);
        }
    }
}

void WorldMap::coarsen() {
    voxel_ *= 2;
    ++coarsenings_;
    const float inv = static_cast<float>(1.0 / voxel_);
    std::unordered_map<uint64_t, Voxel> next;
    next.reserve(map_.size() / 4);
    for (const auto& [k, v] : map_) {
        const Eigen::Vector3f c(v.sx / v.n, v.sy / v.n, v.sz / v.n);
        Voxel& o = next[key(c, inv)];
        o.sx += v.sx, o.sy += v.sy, o.sz += v.sz, o.r += v.r, o.g += v.g, o.b += v.b, o.n += v.n;
    }
    map_.swap(next);
}

PointCloud WorldMap::toCloud(const std::unordered_map<uint64_t, Voxel>& m) {
    PointCloud c;
    c.reserve(m.size(), true, false);
    for (const auto& [k, v] : m) {
        const float inv = 1.0f / static_cast<float>(v.n);
        c.points.emplace_back(v.sx * inv, v.sy * inv, v.sz * inv);
        c.colours.push_back({static_cast<uint8_t>(std::lround(v.r * inv)),
                             static_cast<uint8_t>(std::lround(v.g * inv)),
                             static_cast<uint8_t>(std::lround(v.b * inv))});
    }
    return c;
}

void WorldMap::finish() {
    lod_.clear();
    lod_.push_back(toCloud(map_));
    std::unordered_map<uint64_t, Voxel> level = map_;
    double size = voxel_;
    for (int k = 1; k <= settings_.lodLevels && level.size() > 1; ++k) {
        size *= 2;
        const float inv = static_cast<float>(1.0 / size);
        std::unordered_map<uint64_t, Voxel> next;
        next.reserve(level.size() / 3);
        for (const auto& [key_, v] : level) {
            const Eigen::Vector3f c(v.sx / v.n, v.sy / v.n, v.sz / v.n);
            Voxel& o = next[key(c, inv)];
            o.sx += v.sx, o.sy += v.sy, o.sz += v.sz, o.r += v.r, o.g += v.g, o.b += v.b;
            o.n += v.n;
        }
        level.swap(next);
        lod_.push_back(toCloud(level));
    }
}

const PointCloud& WorldMap::forBudget(size_t budget) const {
    if (lod_.empty())
        throw Error("world map: forBudget() before finish()");
    for (const PointCloud& l : lod_)
        if (l.size() <= budget)
            return l;
    return lod_.back();
}

size_t WorldMap::bytes() const {
    // An unordered_map node holds the key, the value, a next pointer and the cached hash; the
    // bucket array one pointer per bucket.
    size_t b = map_.size() * (sizeof(uint64_t) + sizeof(Voxel) + 2 * sizeof(void*)) +
               map_.bucket_count() * sizeof(void*);
    for (const PointCloud& l : lod_)
        b += l.bytes();
    return b;
}

void WorldMap::save(const std::filesystem::path& file) const {
    const std::filesystem::path tmp = file.string() + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(tmp.string(), "cannot open the map cache for writing");
        out.write(kMagic, sizeof kMagic);
        const double header[2] = {voxel_, static_cast<double>(settings_.lodLevels)};
        out.write(reinterpret_cast<const char*>(header), sizeof header);
        const uint64_t n = map_.size(), ins = inserted_;
        out.write(reinterpret_cast<const char*>(&n), sizeof n);
        out.write(reinterpret_cast<const char*>(&ins), sizeof ins);
        for (const auto& [k, v] : map_) {
            out.write(reinterpret_cast<const char*>(&k), sizeof k);
            out.write(reinterpret_cast<const char*>(&v), sizeof v);
        }
        if (!out)
            throw Error(tmp.string(), "could not write the map cache");
    }
    std::filesystem::rename(tmp, file); // atomic: a reader never sees half a cache
}

WorldMap WorldMap::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string(), "cannot open the map cache");
    char magic[8];
    double header[2];
    uint64_t n = 0, ins = 0;
    in.read(magic, sizeof magic);
    in.read(reinterpret_cast<char*>(header), sizeof header);
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    in.read(reinterpret_cast<char*>(&ins), sizeof ins);
    if (!in || std::memcmp(magic, kMagic, sizeof kMagic) != 0)
        throw Error(file.string(), "not a Touchstone map cache of this version");
    WorldMapSettings s;
    s.voxelM = header[0];
    s.lodLevels = static_cast<int>(header[1]);
    s.maxVoxels = std::max<size_t>(s.maxVoxels, n);
    WorldMap m(s);
    m.inserted_ = ins;
    m.map_.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
        uint64_t k = 0;
        Voxel v;
        in.read(reinterpret_cast<char*>(&k), sizeof k);
        in.read(reinterpret_cast<char*>(&v), sizeof v);
        if (!in)
            throw Error(file.string(), "the map cache is cut short (voxel " + std::to_string(i) +
                                           " of " + std::to_string(n) + ")");
        m.map_.emplace(k, v);
    }
    m.finish();
    return m;
}

} // namespace ts::core::recon
