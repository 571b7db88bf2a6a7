// Time on Touchstone's clocks: every time is int64 nanoseconds (DESIGN.md, "Time").
#pragma once

#include <cstdint>

namespace ts::core {

using TimeNs = int64_t;

constexpr TimeNs kNsPerUs = 1'000;
constexpr TimeNs kNsPerMs = 1'000'000;
constexpr TimeNs kNsPerSecond = 1'000'000'000;

inline double nsToSeconds(TimeNs t) {
    return static_cast<double>(t) * 1e-9;
}

} // namespace ts::core
