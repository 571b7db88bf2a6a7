// A small deterministic random generator (xoshiro256**) whose sequence is the same on every
// platform and standard library, so that a seed always gives byte-identical synthetic files.
#pragma once

#include <cmath>
#include <cstdint>
#include <string_view>

namespace ts::core::synth {

class Rng {
public:
    // One independent sequence per (seed, purpose): adding draws for one purpose never shifts
    // the values another purpose gets.
    Rng(uint64_t seed, std::string_view purpose) {
        uint64_t h = 1469598103934665603ull; // FNV-1a of the purpose
        for (char c : purpose)
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        uint64_t x = seed ^ h;
        for (auto& s : s_)
            s = splitmix(x);
    }

    uint64_t next() {
        const uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; } // [0, 1)
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    double normal() { // Box-Muller, one value per call (simple and reproducible)
        const double u1 = 1.0 - uniform(); // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static uint64_t splitmix(uint64_t& x) {
        uint64_t z = (x += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    uint64_t s_[4];
};

} // namespace ts::core::synth
