#include "recon/trajectory.h"

#include "recon/rigid.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace ts::core::recon {

void Trajectory::add(TimeNs t, const Eigen::Isometry3d& pose) {
    if (!times_.empty() && t <= times_.back())
        throw std::invalid_argument("Trajectory::add: times must increase");
    times_.push_back(t);
    poses_.push_back(pose);
}

std::optional<Eigen::Isometry3d> Trajectory::at(TimeNs t, TimeNs maxGapNs) const {
    if (times_.empty() || t < times_.front() || t > times_.back())
        return std::nullopt;
    const auto it = std::lower_bound(times_.begin(), times_.end(), t);
    const size_t i = static_cast<size_t>(it - times_.begin());
    if (times_[i] == t)
        return poses_[i];
    const TimeNs t0 = times_[i - 1], t1 = times_[i];
    if (maxGapNs > 0 && t1 - t0 > maxGapNs)
        return std::nullopt;
    const double s = static_cast<double>(t - t0) / static_cast<double>(t1 - t0);
    return interpolate(poses_[i - 1], poses_[i], s);
}

Trajectory Trajectory::fromPoses(const std::vector<PoseSample>& poses, const ClockModel& clock) {
    Trajectory tr;
    for (const PoseSample& p : poses) {
        const TimeNs t = clock.toTimeline(p.tNs);
        if (tr.empty() || t > tr.lastNs())
            tr.add(t, toIsometry(p));
    }
    return tr;
}

Trajectory Trajectory::fromGroundTruth(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in)
        throw Error(file.string(), "cannot open the ground truth");
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        throw Error(file.string(), std::string("not valid JSON: ") + e.what());
    }
    const auto* samples = j.contains("trajectory") && j["trajectory"].is_object() &&
                                  j["trajectory"].contains("samples")
                              ? &j["trajectory"]["samples"]
                              : nullptr;
    if (!samples || !samples->is_array() || samples->empty())
        throw Error(file.string(), "no trajectory.samples in the ground truth");
    Trajectory tr;
    size_t row = 0;
    for (const auto& s : *samples) {
        if (!s.is_array() || s.size() != 8)
            throw Error(file.string(), "trajectory sample " + std::to_string(row) +
                                           " is not [t_ns, tx, ty, tz, qx, qy, qz, qw]");
        PoseSample p;
        p.tNs = s[0].get<TimeNs>();
        p.t = {s[1].get<double>(), s[2].get<double>(), s[3].get<double>()};
        p.q = {s[4].get<double>(), s[5].get<double>(), s[6].get<double>(), s[7].get<double>()};
        if (!tr.empty() && p.tNs <= tr.lastNs())
            throw Error(file.string(), "trajectory sample " + std::to_string(row) +
                                           " does not come after the previous one");
        tr.add(p.tNs, toIsometry(p));
        ++row;
    }
    return tr;
}

std::vector<PoseSample> Trajectory::toPoseSamples() const {
    std::vector<PoseSample> out;
    out.reserve(size());
    for (size_t i = 0; i < size(); ++i)
        out.push_back(toPoseSample(times_[i], poses_[i]));
    return out;
}

Trajectory Trajectory::transformed(const Eigen::Isometry3d& w) const {
    Trajectory tr = *this;
    for (auto& p : tr.poses_)
        p = w * p;
    return tr;
}

double Trajectory::pathLengthM() const {
    double s = 0;
    for (size_t i = 1; i < size(); ++i)
        s += (poses_[i].translation() - poses_[i - 1].translation()).norm();
    return s;
}

} // namespace ts::core::recon
