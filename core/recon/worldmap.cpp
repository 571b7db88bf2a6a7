#include "recon/worldmap.h"

#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

namespace ts::core::recon {

namespace {
constexpr char kMagic[8] = {'T', 'S', 'W', 'M', 'A', 'P', '0', '2'};

// FNV-1a, 64 bit: enough to tell a damaged cache entry from a good one (not a security hash).
uint64_t fnv1a(const char* p, size_t n) {
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; ++i) {
        h ^= static_cast<uint8_t>(p[i]);
        h *= 1099511628211ull;
    }
    return h;
}

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
    bound_ = settings.maxVoxels;
    if (settings.maxBytes > 0)
        bound_ = std::min(bound_, settings.maxBytes / kBytesPerVoxel);
    if (bound_ < 1)
        throw Error("world map memory budget of " + std::to_string(settings.maxBytes) +
                    " bytes holds no voxel (" + std::to_string(kBytesPerVoxel) + " bytes each)");
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
        if (map_.size() > bound_) {
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
    lod_ = buildLevels();
}

std::vector<PointCloud> WorldMap::buildLevels() const {
    std::vector<PointCloud> out;
    out.push_back(toCloud(map_));
    // Each level from the one below; the first from map_ itself, so that no copy of the full
    // map is ever made (the memory budget counts a quarter of it for the working level).
    std::unordered_map<uint64_t, Voxel> level;
    const std::unordered_map<uint64_t, Voxel>* below = &map_;
    double size = voxel_;
    for (int k = 1; k <= settings_.lodLevels && below->size() > 1; ++k) {
        size *= 2;
        const float inv = static_cast<float>(1.0 / size);
        std::unordered_map<uint64_t, Voxel> next;
        next.reserve(below->size() / 3);
        for (const auto& [key_, v] : *below) {
            const Eigen::Vector3f c(v.sx / v.n, v.sy / v.n, v.sz / v.n);
            Voxel& o = next[key(c, inv)];
            o.sx += v.sx, o.sy += v.sy, o.sz += v.sz, o.r += v.r, o.g += v.g, o.b += v.b;
            o.n += v.n;
        }
        level.swap(next);
        below = &level;
        out.push_back(toCloud(level));
    }
    return out;
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

std::string WorldMap::serialize() const {
    std::vector<std::pair<uint64_t, Voxel>> voxels(map_.begin(), map_.end());
    std::sort(voxels.begin(), voxels.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out(kMagic, sizeof kMagic);
    auto put = [&](const void* p, size_t n) { out.append(static_cast<const char*>(p), n); };
    const double header[2] = {voxel_, static_cast<double>(settings_.lodLevels)};
    put(header, sizeof header);
    const uint64_t n = voxels.size(), ins = inserted_, coarse = static_cast<uint64_t>(coarsenings_);
    put(&n, sizeof n);
    put(&ins, sizeof ins);
    put(&coarse, sizeof coarse);
    out.reserve(out.size() + n * (sizeof(uint64_t) + sizeof(Voxel)) + 8);
    for (const auto& [k, v] : voxels) {
        put(&k, sizeof k);
        put(&v, sizeof v);
    }
    const uint64_t sum = fnv1a(out.data(), out.size());
    put(&sum, sizeof sum);
    return out;
}

WorldMap WorldMap::deserialize(const std::string& bytes, const std::string& what) {
    constexpr size_t head = sizeof kMagic + 2 * sizeof(double) + 3 * sizeof(uint64_t);
    if (bytes.size() < head + sizeof(uint64_t) ||
        std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        throw Error(what, "not a Touchstone world map of this version");
    double header[2];
    uint64_t n = 0, ins = 0, coarse = 0, sum = 0;
    const char* p = bytes.data() + sizeof kMagic;
    std::memcpy(header, p, sizeof header);
    p += sizeof header;
    std::memcpy(&n, p, sizeof n);
    std::memcpy(&ins, p + 8, sizeof ins);
    std::memcpy(&coarse, p + 16, sizeof coarse);
    p += 24;
    const size_t rec = sizeof(uint64_t) + sizeof(Voxel);
    if (n > (bytes.size() - head - sizeof sum) / rec ||
        bytes.size() != head + n * rec + sizeof sum)
        throw Error(what, "the world map is cut short or too long (" +
                              std::to_string(bytes.size()) + " bytes for " + std::to_string(n) +
                              " voxels)");
    std::memcpy(&sum, bytes.data() + bytes.size() - sizeof sum, sizeof sum);
    if (sum != fnv1a(bytes.data(), bytes.size() - sizeof sum))
        throw Error(what, "the world map is corrupt (checksum mismatch)");
    if (!(header[0] > 0) || header[1] < 0 || header[1] > 32)
        throw Error(what, "the world map's header is implausible");
    WorldMapSettings s;
    s.voxelM = header[0];
    s.lodLevels = static_cast<int>(header[1]);
    s.maxVoxels = std::max<size_t>(s.maxVoxels, n);
    WorldMap m(s);
    m.inserted_ = ins;
    m.coarsenings_ = static_cast<int>(coarse);
    m.map_.reserve(n);
    for (uint64_t i = 0; i < n; ++i, p += rec) {
        uint64_t k = 0;
        Voxel v;
        std::memcpy(&k, p, sizeof k);
        std::memcpy(&v, p + sizeof k, sizeof v);
        m.map_.emplace(k, v);
    }
    m.finish();
    return m;
}

void WorldMap::save(const std::filesystem::path& file) const {
    const std::filesystem::path tmp = file.string() + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error(tmp.string(), "cannot open the map cache for writing");
        const std::string bytes = serialize();
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out)
            throw Error(tmp.string(), "could not write the map cache");
    }
    std::filesystem::rename(tmp, file); // atomic: a reader never sees half a cache
}

WorldMap WorldMap::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string(), "cannot open the map cache");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return deserialize(bytes, file.string());
}

} // namespace ts::core::recon
