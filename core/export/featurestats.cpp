#include "export/featurestats.h"

#include <cmath>
#include <limits>

namespace ts::core::exporting {

FeatureStats::FeatureStats(size_t dims)
    : min_(dims, std::numeric_limits<double>::infinity()),
      max_(dims, -std::numeric_limits<double>::infinity()), sum_(dims, 0.0), sumSq_(dims, 0.0),
      count_(dims, 0) {}

void FeatureStats::add(const float* v) {
    for (size_t i = 0; i < dims(); ++i) {
        const double x = v[i];
        if (std::isnan(x))
            continue;
        min_[i] = std::min(min_[i], x);
        max_[i] = std::max(max_[i], x);
        sum_[i] += x;
        sumSq_[i] += x * x;
        ++count_[i];
    }
}

void FeatureStats::add(double v) {
    const float f = static_cast<float>(v);
    if (dims() == 1 && !std::isnan(v)) {
        min_[0] = std::min(min_[0], v);
        max_[0] = std::max(max_[0], v);
        sum_[0] += v;
        sumSq_[0] += v * v;
        ++count_[0];
    } else if (dims() != 1) {
        add(&f);
    }
}

void FeatureStats::merge(const FeatureStats& o) {
    for (size_t i = 0; i < dims() && i < o.dims(); ++i) {
        min_[i] = std::min(min_[i], o.min_[i]);
        max_[i] = std::max(max_[i], o.max_[i]);
        sum_[i] += o.sum_[i];
        sumSq_[i] += o.sumSq_[i];
        count_[i] += o.count_[i];
    }
}

std::vector<double> FeatureStats::min() const {
    std::vector<double> v(dims(), std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; i < dims(); ++i)
        if (count_[i])
            v[i] = min_[i];
    return v;
}

std::vector<double> FeatureStats::max() const {
    std::vector<double> v(dims(), std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; i < dims(); ++i)
        if (count_[i])
            v[i] = max_[i];
    return v;
}

std::vector<double> FeatureStats::mean() const {
    std::vector<double> v(dims(), std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; i < dims(); ++i)
        if (count_[i])
            v[i] = sum_[i] / static_cast<double>(count_[i]);
    return v;
}

std::vector<double> FeatureStats::std() const {
    std::vector<double> v(dims(), std::numeric_limits<double>::quiet_NaN());
    for (size_t i = 0; i < dims(); ++i)
        if (count_[i]) {
            const double m = sum_[i] / static_cast<double>(count_[i]);
            v[i] = std::sqrt(std::max(0.0, sumSq_[i] / static_cast<double>(count_[i]) - m * m));
        }
    return v;
}

nlohmann::json FeatureStats::toJson() const {
    auto arr = [](const std::vector<double>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (double x : v)
            a.push_back(std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x));
        return a;
    };
    return {{"min", arr(min())}, {"max", arr(max())}, {"mean", arr(mean())}, {"std", arr(std())},
            {"count", count_}};
}

} // namespace ts::core::exporting
