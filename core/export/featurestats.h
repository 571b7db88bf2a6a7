// Per-dimension statistics of one dataset feature (min, max, mean, std, count), as LeRobot's
// meta/stats.json and the episodes' stats/* columns hold them. NaN (a missing sample) is left
// out of every figure; count is per dimension.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace ts::core::exporting {

class FeatureStats {
public:
    explicit FeatureStats(size_t dims = 1);
    size_t dims() const { return min_.size(); }
    void add(const float* v);  // dims values
    void add(double v);        // one-dimensional features
    void merge(const FeatureStats& other);

    std::vector<double> min() const;
    std::vector<double> max() const;
    std::vector<double> mean() const;
    std::vector<double> std() const;
    std::vector<int64_t> count() const { return count_; }
    // {"min": [...], "max": [...], "mean": [...], "std": [...], "count": [...]}; dimensions
    // without a value get null.
    nlohmann::json toJson() const;

private:
    std::vector<double> min_, max_, sum_, sumSq_;
    std::vector<int64_t> count_;
};

} // namespace ts::core::exporting
