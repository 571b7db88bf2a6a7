#include "synth/proceduraltexture.h"

#include "synth/rng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>

namespace ts::core::synth {

namespace {

uint32_t hash3(uint32_t x, uint32_t y, uint32_t z) {
    uint32_t h = x * 0x8da6b343u ^ y * 0xd8163841u ^ z * 0xcb1ab31fu;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    return h;
}

// Tiling value noise: lattice of `cells` per side, smooth interpolation.
float valueNoise(double x, double y, int cells, uint32_t octave) {
    int xi = static_cast<int>(x), yi = static_cast<int>(y); // x, y >= 0: truncation is floor
    const double fx = x - xi, fy = y - yi;
    const double sx = fx * fx * (3 - 2 * fx), sy = fy * fy * (3 - 2 * fy);
    auto at = [&](int i, int j) {
        const uint32_t a = static_cast<uint32_t>(((i % cells) + cells) % cells);
        const uint32_t b = static_cast<uint32_t>(((j % cells) + cells) % cells);
        return static_cast<double>(hash3(a, b, octave) & 0xffff) / 65535.0;
    };
    const double v0 = at(xi, yi) + (at(xi + 1, yi) - at(xi, yi)) * sx;
    const double v1 = at(xi, yi + 1) + (at(xi + 1, yi + 1) - at(xi, yi + 1)) * sx;
    return static_cast<float>(v0 + (v1 - v0) * sy);
}

} // namespace

ProceduralTexture::ProceduralTexture(uint64_t seed, int size, int threads) : size_(size) {
    Rng rng(seed, "texture");
    const uint32_t salt = static_cast<uint32_t>(rng.next());
    std::vector<float> img(3 * static_cast<size_t>(size) * static_cast<size_t>(size));
    // Wood-like base from two noise fields at scales from 1/4 of the tile down to 4 texels:
    // every scale carries texture, so flow and features work at any distance.
    const std::array<int, 7> periods{256, 128, 64, 32, 16, 8, 4};
    std::array<float, 7> weight{};
    float wsum = 0;
    for (size_t o = 0; o < periods.size(); ++o)
        wsum += weight[o] = static_cast<float>(std::pow(periods[o], 0.45));
    auto rows = [&](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            for (int x = 0; x < size; ++x) {
                float n = 0, m = 0;
                for (size_t o = 0; o < periods.size(); ++o) {
                    const int p = periods[o];
                    n += weight[o] * valueNoise(double(x) / p, double(y) / p, size / p,
                                                salt + uint32_t(o));
                }
                for (size_t o = 0; o < 2; ++o) // slow colour variation only
                    m += 0.5f * valueNoise(double(x) / periods[o], double(y) / periods[o],
                                           size / periods[o], salt + 100 + uint32_t(o));
                n = std::clamp((n / wsum - 0.5f) * 3.2f + 0.5f, 0.0f, 1.0f); // stretch contrast
                float* px = &img[3 * static_cast<size_t>(y * size + x)];
                px[0] = 0.25f + 0.65f * n;
                px[1] = 0.18f + 0.45f * n + 0.25f * (m - 0.5f);
                px[2] = 0.10f + 0.30f * n - 0.2f * (m - 0.5f);
            }
        }
    };
    {
        std::vector<std::thread> pool;
        const int n = std::max(1, threads);
        for (int i = 0; i < n; ++i)
            pool.emplace_back(rows, size * i / n, size * (i + 1) / n);
        for (auto& t : pool)
            t.join();
    }
    // High-contrast shapes (discs, rings, rectangles, bars) give corners to track.
    const int shapes = size * size / 1500;
    for (int s = 0; s < shapes; ++s) {
        const double cx = rng.uniform(0, size), cy = rng.uniform(0, size);
        const double r = std::exp(rng.uniform(std::log(2.5), std::log(28.0)));
        const int kind = static_cast<int>(rng.uniform(0, 4));
        const bool dark = rng.uniform() < 0.5;
        const float br = static_cast<float>(rng.uniform());
        Rgb c = dark ? Rgb{0.05f * br, 0.05f, 0.08f * br}
                     : Rgb{static_cast<float>(rng.uniform(0.3, 1.0)),
                           static_cast<float>(rng.uniform(0.3, 1.0)),
                           static_cast<float>(rng.uniform(0.3, 1.0))};
        const double aspect = rng.uniform(0.2, 1.0);
        const int ext = static_cast<int>(std::ceil(r)) + 1;
        for (int dy = -ext; dy <= ext; ++dy) {
            for (int dx = -ext; dx <= ext; ++dx) {
                const double ux = dx + 0.5 - (cx - std::floor(cx));
                const double uy = dy + 0.5 - (cy - std::floor(cy));
                bool in = false;
                switch (kind) {
                case 0: in = ux * ux + uy * uy <= r * r; break;
                case 1: {
                    const double d = std::sqrt(ux * ux + uy * uy);
                    in = d <= r && d >= 0.6 * r;
                    break;
                }
                case 2: in = std::abs(ux) <= r && std::abs(uy) <= r * aspect; break;
                default: in = std::abs(ux) <= r * aspect * 0.3 && std::abs(uy) <= r; break;
                }
                if (!in)
                    continue;
                const int px = (static_cast<int>(std::floor(cx)) + dx) & (size - 1);
                const int py = (static_cast<int>(std::floor(cy)) + dy) & (size - 1);
                float* p = &img[3 * static_cast<size_t>(py * size + px)];
                p[0] = c.r;
                p[1] = c.g;
                p[2] = c.b;
            }
        }
    }
    texels_.assign(4 * static_cast<size_t>(size) * static_cast<size_t>(size), 255);
    for (size_t i = 0; i < img.size(); ++i)
        texels_[i / 3 * 4 + i % 3] =
            static_cast<uint8_t>(std::lround(std::clamp(img[i], 0.0f, 1.0f) * 255.0f));
}

} // namespace ts::core::synth
