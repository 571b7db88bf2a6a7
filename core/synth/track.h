// Keyframed values (numbers, joint angles, rigid poses) eased with smoothstep between keys, so
// that scripted motion and forces are C1-continuous and start and stop at rest.
#pragma once

#include <Eigen/Geometry>

#include <algorithm>
#include <utility>
#include <vector>

namespace ts::core::synth {

inline double smoothstep(double s) {
    s = std::clamp(s, 0.0, 1.0);
    return s * s * (3.0 - 2.0 * s);
}

// A rigid pose: rotation q maps the local frame into the parent frame, p is the local origin.
struct Pose {
    Eigen::Vector3d p = Eigen::Vector3d::Zero();
    Eigen::Quaterniond q = Eigen::Quaterniond::Identity();
};

inline double blend(double a, double b, double s) { return a + (b - a) * s; }
inline Eigen::Vector2d blend(const Eigen::Vector2d& a, const Eigen::Vector2d& b, double s) {
    return a + (b - a) * s;
}
inline Eigen::Vector3d blend(const Eigen::Vector3d& a, const Eigen::Vector3d& b, double s) {
    return a + (b - a) * s;
}
inline Pose blend(const Pose& a, const Pose& b, double s) {
    return Pose{a.p + (b.p - a.p) * s, a.q.slerp(s, b.q)};
}

template <typename V>
class Track {
public:
    // Keys must be added in non-decreasing time order.
    void add(double t, V v) { keys_.emplace_back(t, std::move(v)); }
    // Holds the current value until t (a key at t equal to the last one).
    void hold(double t) { keys_.emplace_back(t, keys_.back().second); }
    const V& last() const { return keys_.back().second; }

    V at(double t) const {
        if (t <= keys_.front().first)
            return keys_.front().second;
        if (t >= keys_.back().first)
            return keys_.back().second;
        auto it = std::upper_bound(keys_.begin(), keys_.end(), t,
                                   [](double x, const auto& k) { return x < k.first; });
        const auto& b = *it;
        const auto& a = *(it - 1);
        const double span = b.first - a.first;
        if (span <= 0)
            return b.second;
        return blend(a.second, b.second, smoothstep((t - a.first) / span));
    }
    const std::vector<std::pair<double, V>>& keys() const { return keys_; }

private:
    std::vector<std::pair<double, V>> keys_;
};

} // namespace ts::core::synth
