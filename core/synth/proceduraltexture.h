// A procedural colour texture computed once per episode (multi-scale noise plus high-contrast
// shapes) and sampled bilinearly while rendering, so that surfaces carry plenty of trackable
// features without evaluating noise per pixel per frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ts::core::synth {

struct Rgb {
    float r = 0, g = 0, b = 0;
};

class ProceduralTexture {
public:
    // size must be a power of two; the texture tiles seamlessly.
    ProceduralTexture(uint64_t seed, int size = 1024, int threads = 2);

    int size() const { return size_; }
    // u, v in texels; wraps around. Thread-safe (read-only). Single precision is plenty for the
    // few thousand texels a surface spans, and keeps this hot path cheap.
    [[gnu::always_inline]] Rgb sample(float u, float v) const {
        u -= 0.5f; // texel centres at half-integers
        v -= 0.5f;
        // Floor by truncation: std::floor is a library call without SSE4.1, and this is the
        // hottest line of the renderer.
        int iu = static_cast<int>(u), iv = static_cast<int>(v);
        iu -= u < static_cast<float>(iu);
        iv -= v < static_cast<float>(iv);
        const float au = u - static_cast<float>(iu), av = v - static_cast<float>(iv);
        const int mask = size_ - 1;
        const int x0 = iu & mask, y0 = iv & mask;
        const int x1 = (x0 + 1) & mask, y1 = (y0 + 1) & mask;
        const uint8_t* r0 = &texels_[4 * static_cast<size_t>(y0 * size_)];
        const uint8_t* r1 = &texels_[4 * static_cast<size_t>(y1 * size_)];
        const uint8_t* p00 = r0 + 4 * x0;
        const uint8_t* p01 = r0 + 4 * x1;
        const uint8_t* p10 = r1 + 4 * x0;
        const uint8_t* p11 = r1 + 4 * x1;
        constexpr float k = 1.0f / 255.0f;
        const float w00 = (1 - au) * (1 - av) * k, w01 = au * (1 - av) * k,
                    w10 = (1 - au) * av * k, w11 = au * av * k;
        return {w00 * p00[0] + w01 * p01[0] + w10 * p10[0] + w11 * p11[0],
                w00 * p00[1] + w01 * p01[1] + w10 * p10[1] + w11 * p11[1],
                w00 * p00[2] + w01 * p01[2] + w10 * p10[2] + w11 * p11[2]};
    }

private:
    int size_;
    std::vector<uint8_t> texels_; // RGBA (A unused, for aligned loads), row-major
};

} // namespace ts::core::synth
