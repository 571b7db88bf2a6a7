// A point cloud as the reconstruction hands it out: float positions in one named frame, an
// optional colour per point and, for per-frame clouds, the depth pixel each point came from.
// A plain value: owned by whoever holds it; not shared between threads while being changed.
#pragma once

#include <Eigen/Geometry>

#include <array>
#include <cstdint>
#include <filesystem>
#include <vector>

namespace ts::core::recon {

struct PointCloud {
    std::vector<Eigen::Vector3f> points;
    std::vector<std::array<uint8_t, 3>> colours; // empty, or one per point (RGB)
    std::vector<int32_t> pixels;                 // empty, or the depth pixel (v·width + u)

    size_t size() const { return points.size(); }
    bool empty() const { return points.empty(); }
    bool hasColour() const { return !colours.empty(); }
    size_t bytes() const;
    void reserve(size_t n, bool colour, bool pixel);
    void transform(const Eigen::Isometry3d& t); // every point p → t·p
};

// Binary little-endian PLY (x, y, z float; red, green, blue uchar when coloured). Throws
// ts::core::Error naming the file when it cannot be written.
void writePly(const std::filesystem::path& file, const PointCloud& cloud);

} // namespace ts::core::recon
