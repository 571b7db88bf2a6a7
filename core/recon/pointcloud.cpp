#include "recon/pointcloud.h"

#include "util/error.h"

#include <cstring>
#include <fstream>
#include <string>

namespace ts::core::recon {

size_t PointCloud::bytes() const {
    return points.capacity() * sizeof(Eigen::Vector3f) +
           colours.capacity() * sizeof(std::array<uint8_t, 3>) +
           pixels.capacity() * sizeof(int32_t);
}

void PointCloud::reserve(size_t n, bool colour, bool pixel) {
    points.reserve(n);
    if (colour)
        colours.reserve(n);
    if (pixel)
        pixels.reserve(n);
}

void PointCloud::transform(const Eigen::Isometry3d& t) {
    const Eigen::Matrix3f R = t.linear().cast<float>();
    const Eigen::Vector3f p = t.translation().cast<float>();
    for (Eigen::Vector3f& x : points)
        x = R * x + p;
}

void writePly(const std::filesystem::path& file, const PointCloud& cloud) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error(file.string(), "cannot open the file for writing");
    const bool colour = cloud.hasColour() && cloud.colours.size() == cloud.points.size();
    out << "ply\nformat binary_little_endian 1.0\ncomment written by touchstone " << TS_VERSION
        << "\nelement vertex " << cloud.size()
        << "\nproperty float x\nproperty float y\nproperty float z\n";
    if (colour)
        out << "property uchar red\nproperty uchar green\nproperty uchar blue\n";
    out << "end_header\n";
    std::string buf;
    const size_t stride = 12 + (colour ? 3 : 0);
    buf.resize(stride * cloud.size());
    char* w = buf.data();
    for (size_t i = 0; i < cloud.size(); ++i) {
        // x86 and ARM are little-endian; PLY binary_little_endian matches memory order.
        std::memcpy(w, cloud.points[i].data(), 12);
        if (colour)
            std::memcpy(w + 12, cloud.colours[i].data(), 3);
        w += stride;
    }
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    out.close();
    if (!out)
        throw Error(file.string(), "could not write the point cloud (disk full?)");
}

} // namespace ts::core::recon
