#include "recon/backprojector.h"

#include "recon/rigid.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

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
    const size_t w = static_cast<size_t>(depth_.width()), h = static_cast<size_t>(depth_.height());
    const std::vector<float>& rays = depth_.rayTable();
    separable_ = !depth_.distorted();
    if (separable_) {
        rayX_.resize(w);
        rayY_.resize(h);
        for (size_t u = 0; u < w; ++u)
            rayX_[u] = rays[2 * u];
        for (size_t v = 0; v < h; ++v)
            rayY_[v] = rays[2 * v * w + 1];
    } else {
        rayX_.resize(w * h);
        rayY_.resize(w * h);
        for (size_t i = 0; i < w * h; ++i)
            rayX_[i] = rays[2 * i], rayY_[i] = rays[2 * i + 1];
    }
}

namespace {

// One row segment of n pixels: z = raw·s kept inside [lo, hi] (else the point is (0, 0, 0)),
// x = rx·z, y = ry·z, written interleaved. ry is per pixel (ryStep 1) or one value for the
// row (ryStep 0). Returns how many are valid.
inline uint32_t backProjectScalar(const uint16_t* __restrict raw, const float* __restrict rx,
                                  const float* __restrict ry, size_t ryStep, float s, float lo,
                                  float hi, float* __restrict xyz, size_t n) {
    uint32_t valid = 0;
    for (size_t i = 0; i < n; ++i) {
        float z = static_cast<float>(raw[i]) * s;
        const bool ok = z >= lo && z <= hi;
        z = ok ? z : 0.0f;
        valid += ok;
        xyz[3 * i] = rx[i] * z;
        xyz[3 * i + 1] = ry[i * ryStep] * z;
        xyz[3 * i + 2] = z;
    }
    return valid;
}

#if defined(__x86_64__)
// Eight pixels per step: the planar x, y, z of eight points are interleaved into three
// 256-bit stores by two rounds of in-lane shuffles and one of lane permutes (no gathers, no
// scalar stores), so the loop runs at the speed of its stores.
__attribute__((target("avx2"))) uint32_t
backProjectAvx2(const uint16_t* __restrict raw, const float* __restrict rx,
                const float* __restrict ry, size_t ryStep, float s, float lo, float hi,
                float* __restrict xyz, size_t n) {
    const __m256 vs = _mm256_set1_ps(s), vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
    const __m256 rowY = _mm256_set1_ps(ry[0]);
    uint32_t valid = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m128i r16 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(raw + i));
        __m256 z = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_cvtepu16_epi32(r16)), vs);
        const __m256 ok = _mm256_and_ps(_mm256_cmp_ps(z, vlo, _CMP_GE_OQ),
                                        _mm256_cmp_ps(z, vhi, _CMP_LE_OQ));
        valid += static_cast<uint32_t>(__builtin_popcount(
            static_cast<unsigned>(_mm256_movemask_ps(ok))));
        z = _mm256_and_ps(z, ok);
        const __m256 x = _mm256_mul_ps(_mm256_loadu_ps(rx + i), z);
        const __m256 y = _mm256_mul_ps(ryStep ? _mm256_loadu_ps(ry + i) : rowY, z);
        const __m256 xy = _mm256_shuffle_ps(x, y, _MM_SHUFFLE(2, 0, 2, 0)); // x0 x2 y0 y2
        const __m256 yz = _mm256_shuffle_ps(y, z, _MM_SHUFFLE(3, 1, 3, 1)); // y1 y3 z1 z3
        const __m256 zx = _mm256_shuffle_ps(z, x, _MM_SHUFFLE(3, 1, 2, 0)); // z0 z2 x1 x3
        const __m256 a = _mm256_shuffle_ps(xy, zx, _MM_SHUFFLE(2, 0, 2, 0)); // x0 y0 z0 x1
        const __m256 b = _mm256_shuffle_ps(yz, xy, _MM_SHUFFLE(3, 1, 2, 0)); // y1 z1 x2 y2
        const __m256 c = _mm256_shuffle_ps(zx, yz, _MM_SHUFFLE(3, 1, 3, 1)); // z2 x3 y3 z3
        float* o = xyz + 3 * i;
        _mm256_storeu_ps(o, _mm256_permute2f128_ps(a, b, 0x20));
        _mm256_storeu_ps(o + 8, _mm256_permute2f128_ps(c, a, 0x30));
        _mm256_storeu_ps(o + 16, _mm256_permute2f128_ps(b, c, 0x31));
    }
    return valid + backProjectScalar(raw + i, rx + i, ry + i * ryStep, ryStep, s, lo, hi,
                                     xyz + 3 * i, n - i);
}
#endif

using Kernel = uint32_t (*)(const uint16_t*, const float*, const float*, size_t, float, float,
                            float, float*, size_t);

Kernel pickKernel() {
#if defined(__x86_64__)
    __builtin_cpu_init(); // runs during static initialisation, maybe before libgcc's own
    if (__builtin_cpu_supports("avx2"))
        return backProjectAvx2;
#endif
    return [](const uint16_t* raw, const float* rx, const float* ry, size_t ryStep, float s,
              float lo, float hi, float* xyz, size_t n) {
        return backProjectScalar(raw, rx, ry, ryStep, s, lo, hi, xyz, n);
    };
}

const Kernel kBackProject = pickKernel();

} // namespace

size_t BackProjector::organised(const uint16_t* raw, double scaleM, float* xyz) const {
    const size_t w = static_cast<size_t>(depth_.width()), h = static_cast<size_t>(depth_.height());
    const float s = static_cast<float>(scaleM), lo = static_cast<float>(settings_.minDepthM),
                hi = static_cast<float>(settings_.maxDepthM);
    if (!separable_)
        return kBackProject(raw, rayX_.data(), rayY_.data(), 1, s, lo, hi, xyz, w * h);
    size_t valid = 0;
    for (size_t v = 0; v < h; ++v)
        valid += kBackProject(raw + v * w, rayX_.data(), rayY_.data() + v, 0, s, lo, hi,
                              xyz + 3 * v * w, w);
    return valid;
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
