// A straight-line fit that outliers cannot drag: Theil–Sen (median of pairwise slopes) to find
// the line and the inliers, then least squares on the inliers for efficiency. Used to turn
// windowed clock offsets into offset + drift. Pure function; any thread.
#pragma once

#include <vector>

namespace ts::core::sync {

struct LineFit {
    double intercept = 0; // y at x = 0
    double slope = 0;
    double rms = 0;           // RMS residual of the inliers
    std::vector<char> inlier; // per input point
    int inliers = 0;
};

// minThreshold: residuals below it always count as inliers (the noise floor of y), so that a
// near-perfect fit does not reject good points on a vanishing MAD. Needs at least 2 points
// with distinct x for a slope; with one point the slope is 0.
LineFit fitLineRobust(const std::vector<double>& x, const std::vector<double>& y,
                      double minThreshold);

// The same fit with x measured from the middle of its range (*centre), which keeps the
// intercept well conditioned for large x such as raw clock times.
LineFit fitLineRobustCentred(const std::vector<double>& x, const std::vector<double>& y,
                             double minThreshold, double* centre);

} // namespace ts::core::sync
