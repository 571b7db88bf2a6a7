// A camera trajectory on the episode timeline: world_from_device poses at increasing times,
// interpolated between samples. It comes from a pose stream (through its clock model), from a
// synthetic bundle's ground truth, or from the odometry. A plain value; any thread may read a
// const one.
#pragma once

#include "model/clockmodel.h"
#include "model/series.h"

#include <Eigen/Geometry>

#include <filesystem>
#include <optional>
#include <vector>

namespace ts::core::recon {

class Trajectory {
public:
    // Appends a sample; times must increase (throws std::invalid_argument otherwise).
    void add(TimeNs t, const Eigen::Isometry3d& worldFromDevice);

    size_t size() const { return times_.size(); }
    bool empty() const { return times_.empty(); }
    const std::vector<TimeNs>& times() const { return times_; }
    const Eigen::Isometry3d& pose(size_t i) const { return poses_[i]; }
    TimeNs firstNs() const { return times_.front(); }
    TimeNs lastNs() const { return times_.back(); }

    // world_from_device at timeline time t, interpolated; nullopt outside the trajectory or
    // inside a gap longer than maxGapNs (0: no limit).
    std::optional<Eigen::Isometry3d> at(TimeNs t, TimeNs maxGapNs = 0) const;

    // A pose stream's samples mapped onto the timeline with its clock model.
    static Trajectory fromPoses(const std::vector<PoseSample>& poses, const ClockModel& toTimeline);
    // The true trajectory of a synthetic bundle (ground_truth.json, already on the timeline).
    // Throws ts::core::Error naming the file when it is missing or malformed.
    static Trajectory fromGroundTruth(const std::filesystem::path& file);

    std::vector<PoseSample> toPoseSamples() const;
    // Every pose left-multiplied by `worldChange` (re-expressed in another world frame).
    Trajectory transformed(const Eigen::Isometry3d& worldChange) const;
    double pathLengthM() const;

private:
    std::vector<TimeNs> times_;
    std::vector<Eigen::Isometry3d> poses_;
};

} // namespace ts::core::recon
