// How far an estimated trajectory is from a reference one on the same timeline: absolute
// trajectory error after the best rigid alignment (the TUM RGB-D convention), the scale a
// similarity alignment finds, and the relative drift per second. Pure function; any thread.
#pragma once

#include "recon/trajectory.h"

#include <Eigen/Geometry>

namespace ts::core::recon {

struct TrajectoryComparison {
    size_t pairs = 0;    // estimated samples with a reference pose at their time
    double ateRmseM = 0; // after rigid (SE(3)) alignment
    double ateMedianM = 0;
    double ateMaxM = 0;
    double rotationRmseDeg = 0;     // orientation error after the same alignment
    double scale = 1;               // similarity (Sim(3)) alignment scale, estimated → reference
    double scaleError = 0;          // |scale − 1|
    double rpeTranslationMPerS = 0; // RMS of relative translation error over 1 s windows
    double referenceMotionM = 0;    // RMS distance of the reference positions from their mean
    Eigen::Isometry3d referenceFromEstimate = Eigen::Isometry3d::Identity();
};

// maxGapNs bounds interpolation inside the reference (0: none). With fewer than 3 pairs the
// result has pairs < 3 and zero errors: callers must check `pairs`.
TrajectoryComparison compareTrajectories(const Trajectory& estimate, const Trajectory& reference,
                                         TimeNs maxGapNs = 0);

} // namespace ts::core::recon
