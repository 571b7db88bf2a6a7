#include "sync/robustline.h"

#include <algorithm>
#include <cmath>

namespace ts::core::sync {

namespace {
double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    const size_t m = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m), v.end());
    double r = v[m];
    if (v.size() % 2 == 0) {
        r = (r + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(m))) / 2;
    }
    return r;
}
} // namespace

LineFit fitLineRobust(const std::vector<double>& x, const std::vector<double>& y,
                      double minThreshold) {
    LineFit f;
    const size_t n = std::min(x.size(), y.size());
    f.inlier.assign(n, 0);
    if (n == 0)
        return f;
    std::vector<double> slopes;
    for (size_t i = 0; i < n; ++i)
        for (size_t j = i + 1; j < n; ++j)
            if (x[j] != x[i])
                slopes.push_back((y[j] - y[i]) / (x[j] - x[i]));
    f.slope = slopes.empty() ? 0.0 : median(slopes);
    std::vector<double> r(n);
    for (size_t i = 0; i < n; ++i)
        r[i] = y[i] - f.slope * x[i];
    f.intercept = median(r);
    std::vector<double> absRes(n);
    for (size_t i = 0; i < n; ++i)
        absRes[i] = std::abs(r[i] - f.intercept);
    const double threshold = std::max(minThreshold, 3.0 * 1.4826 * median(absRes));

    // Least squares on the inliers (centred x keeps it well conditioned).
    double sx = 0, sy = 0;
    for (size_t i = 0; i < n; ++i)
        if (absRes[i] <= threshold) {
            f.inlier[i] = 1;
            ++f.inliers;
            sx += x[i];
            sy += y[i];
        }
    const double mx = sx / f.inliers, my = sy / f.inliers;
    double sxx = 0, sxy = 0;
    for (size_t i = 0; i < n; ++i)
        if (f.inlier[i]) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
        }
    if (sxx > 0 && f.inliers >= 2)
        f.slope = sxy / sxx;
    f.intercept = my - f.slope * mx;
    double ss = 0;
    for (size_t i = 0; i < n; ++i)
        if (f.inlier[i]) {
            const double e = y[i] - f.intercept - f.slope * x[i];
            ss += e * e;
        }
    f.rms = std::sqrt(ss / f.inliers);
    return f;
}

LineFit fitLineRobustCentred(const std::vector<double>& x, const std::vector<double>& y,
                             double minThreshold, double* centre) {
    const auto [xmin, xmax] = std::minmax_element(x.begin(), x.end());
    *centre = x.empty() ? 0.0 : (*xmin + *xmax) / 2;
    std::vector<double> xc(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        xc[i] = x[i] - *centre;
    return fitLineRobust(xc, y, minThreshold);
}

} // namespace ts::core::sync
