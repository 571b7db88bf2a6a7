#include "recon/backprojector.h"

#include "recon/rigid.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace ts::core::recon {

BackProjector::BackProjector(const Calibration& c, const std::string& file,
                             BackProjectionSettings settings)
    : settings_(settings) {
    const auto depth = c.cameras.find("depth");
    if (depth == c.cameras.end())
        throw Error(file, "no 'depth' camera in the calibration: depth cannot be back-projected");
    depth_ = CameraModel(depth->second, file + " (camera 'depth')");
    if (!c.depthScaleM)
        throw Error(file, "no depth_scale_m in the calibration: depth units are unknown");
    scaleM_ = *c.depthScaleM;
    if (!(scaleM_ >= 1e-5 && scaleM_ <= 0.1))
        throw Error(file, "depth_scale_m " + std::to_string(scaleM_) +
                              " is outside the plausible 1e-5 … 0.1 m per unit");
    if (!(settings.minDepthM >= 0 && settings.maxDepthM > settings.minDepthM))
        throw Error("back-projection depth range [" + std::to_string(settings.minDepthM) + ", " +
                    std::to_string(settings.maxDepthM) + "] m is empty");
    if (const auto rgb = c.cameras.find("rgb"); rgb != c.cameras.end())
        rgb_.emplace(rgb->second, file + " (camera 'rgb')");
    if (const auto e = c.extrinsics.find("device_from_depth"); e != c.extrinsics.end())
        deviceFromDepth_ = toIsometry(e->second);
    if (const auto e = c.extrinsics.find("device_from_rgb"); e != c.extrinsics.end())
        deviceFromRgb_ = toIsometry(e->second);
    rgbFromDepth_ = deviceFromRgb_.inverse() * deviceFromDepth_;
}

namespace {
// Kept apart, with restrict pointers, so that the compiler vectorises it.
// AVX2 where the CPU has it (chosen at load time), the x86-64 baseline elsewhere.
__attribute__((target_clones("avx2", "default"))) uint32_t
backProject(const uint16_t* __restrict raw, const float* __restrict ray, float s, float lo,
            float hi, float* __restrict xyz, size_t n) {
    uint32_t valid = 0;
    for (size_t i = 0; i < n; ++i) {
        float z = static_cast<float>(raw[i]) * s;
        const bool ok = z >= lo && z <= hi;
        z = ok ? z : 0.0f;
        valid += ok;
        xyz[3 * i] = ray[2 * i] * z;
        xyz[3 * i + 1] = ray[2 * i + 1] * z;
        xyz[3 * i + 2] = z;
    }
    return valid;
}
} // namespace

size_t BackProjector::organised(const uint16_t* raw, double scaleM, float* xyz) const {
    const size_t n = static_cast<size_t>(depth_.width()) * static_cast<size_t>(depth_.height());
    return backProject(raw, depth_.rayTable().data(), static_cast<float>(scaleM),
                       static_cast<float>(settings_.minDepthM),
                       static_cast<float>(settings_.maxDepthM), xyz, n);
}

void BackProjector::checkDepth(const media::DepthFrame& d, const std::string& file) const {
    if (d.width != depth_.width() || d.height != depth_.height() ||
        d.raw.size() != static_cast<size_t>(d.width) * static_cast<size_t>(d.height))
        throw Error(file, "frame " + std::to_string(d.index) + ": depth image is " +
                              std::to_string(d.width) + "x" + std::to_string(d.height) +
                              " but the depth camera is calibrated for " +
                              std::to_string(depth_.width()) + "x" +
                              std::to_string(depth_.height()));
}

void BackProjector::checkRgb(const media::VideoFrame& f, const std::string& file) const {
    if (!rgb_)
        return;
    if (f.width != rgb_->width() || f.height != rgb_->height() ||
        f.rgb.size() != 3 * static_cast<size_t>(f.width) * static_cast<size_t>(f.height))
        throw Error(file, "frame " + std::to_string(f.index) + ": video frame is " +
                              std::to_string(f.width) + "x" + std::to_string(f.height) +
                              " but the rgb camera is calibrated for " +
                              std::to_string(rgb_->width()) + "x" + std::to_string(rgb_->height()));
}

namespace {

// Bilinear sample of one channel-interleaved byte image at (u, v); false outside.
bool sampleRgb(const media::VideoFrame& f, double u, double v, float out[3]) {
    if (!(u >= 0 && v >= 0 && u <= f.width - 1 && v <= f.height - 1))
        return false;
    const int x0 = std::min(static_cast<int>(u), f.width - 2),
              y0 = std::min(static_cast<int>(v), f.height - 2);
    const float a = static_cast<float>(u - x0), b = static_cast<float>(v - y0);
    const size_t w = static_cast<size_t>(f.width);
    const uint8_t* p = f.rgb.data() + 3 * (static_cast<size_t>(y0) * w + static_cast<size_t>(x0));
    for (int c = 0; c < 3; ++c) {
        const float top = p[c] + a * (p[3 + c] - p[c]);
        const float bot = p[3 * w + c] + a * (p[3 * w + 3 + c] - p[3 * w + c]);
        out[c] = top + b * (bot - top);
    }
    return true;
}

} // namespace

PointCloud BackProjector::cloud(const media::DepthFrame& d, const media::VideoFrame* rgb,
                                const std::string& file,
                                const Eigen::Isometry3d* worldFromDevice) const {
    checkDepth(d, file);
    if (rgb)
        checkRgb(*rgb, file);
    std::vector<float> xyz(3 * d.raw.size());
    organised(d.raw.data(), d.scaleM, xyz.data());
    const Eigen::Isometry3d target =
        worldFromDevice ? *worldFromDevice * deviceFromDepth_ : deviceFromDepth_;
    return cloudFromOrganised(xyz.data(), rgb, target);
}

PointCloud BackProjector::cloudFromOrganised(const float* xyz, const media::VideoFrame* rgb,
                                             const Eigen::Isometry3d& target, int stride,
                                             bool keepPixels) const {
    const int w = depth_.width(), h = depth_.height();
    const int step = std::max(1, stride);
    const bool colour = rgb && rgb_;
    PointCloud out;
    out.reserve(static_cast<size_t>(w / step + 1) * static_cast<size_t>(h / step + 1), colour,
                keepPixels);
    const Eigen::Matrix3f R = target.linear().cast<float>();
    const Eigen::Vector3f t = target.translation().cast<float>();
    const Eigen::Matrix3d Rc = rgbFromDepth_.linear();
    const Eigen::Vector3d tc = rgbFromDepth_.translation();
    for (int v = 0; v < h; v += step)
        for (int u = 0; u < w; u += step) {
            const size_t i =
                static_cast<size_t>(v) * static_cast<size_t>(w) + static_cast<size_t>(u);
            if (xyz[3 * i + 2] == 0)
                continue;
            const Eigen::Vector3f p(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
            out.points.push_back(R * p + t);
            if (keepPixels)
                out.pixels.push_back(static_cast<int32_t>(i));
            if (colour) {
                Eigen::Vector2d px;
                float c[3] = {128, 128, 128}; // outside the RGB view: neutral grey
                if (rgb_->project(Rc * p.cast<double>() + tc, px))
                    sampleRgb(*rgb, px.x(), px.y(), c);
                out.colours.push_back({static_cast<uint8_t>(c[0] + 0.5f),
                                       static_cast<uint8_t>(c[1] + 0.5f),
                                       static_cast<uint8_t>(c[2] + 0.5f)});
            }
        }
    return out;
}

void BackProjector::registeredGrey(const float* xyz, const media::VideoFrame& rgb,
                                   float* grey) const {
    const size_t n = static_cast<size_t>(depth_.width()) * static_cast<size_t>(depth_.height());
    if (!rgb_) {
        std::fill(grey, grey + n, -1.0f);
        return;
    }
    const Eigen::Matrix3d R = rgbFromDepth_.linear();
    const Eigen::Vector3d t = rgbFromDepth_.translation();
    const bool identity = R.isIdentity(1e-12) && t.isZero(1e-12);
    for (size_t i = 0; i < n; ++i) {
        grey[i] = -1.0f;
        if (xyz[3 * i + 2] == 0)
            continue;
        Eigen::Vector3d p(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        if (!identity)
            p = R * p + t;
        Eigen::Vector2d px;
        float c[3];
        if (rgb_->project(p, px) && sampleRgb(rgb, px.x(), px.y(), c))
            grey[i] = (0.299f * c[0] + 0.587f * c[1] + 0.114f * c[2]) * (1.0f / 255.0f);
    }
}

} // namespace ts::core::recon
