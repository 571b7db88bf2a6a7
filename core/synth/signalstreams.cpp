#include "synth/signalstreams.h"

#include <algorithm>

namespace ts::core::synth {

namespace {
const Eigen::Vector3d kGravity(0, 0, -9.81);

StreamReport report(const StreamClock& c, int64_t rows) {
    return StreamReport{rows, c.dropped(), c.firstRecorded(), c.lastRecorded()};
}
} // namespace

SignalStreams::SignalStreams(const EpisodePlan& plan, const HeadTrajectory& head,
                             const TaskScript& task, const BundleWriter& writer)
    : plan_(plan), head_(head), task_(task), writer_(writer) {}

StreamClock SignalStreams::clockFor(const std::string& stream) const {
    const StreamPlan& s = plan_.streams.at(stream);
    return StreamClock(s.model, s.rateHz, plan_.start, plan_.end, plan_.opts.dropRate,
                       plan_.opts.jitterUs * 1e3, s.rng(plan_.opts.seed));
}

StreamReport SignalStreams::writePose() const {
    StreamClock clock = clockFor("pose");
    auto csv = writer_.openCsv("pose.csv", {"t_ns", "tx", "ty", "tz", "qx", "qy", "qz", "qw"}, 10);
    StreamClock::Tick tick;
    while (clock.next(tick)) {
        const Eigen::Vector3d p = head_.position(tick.seconds);
        const auto q = head_.quaternion(tick.seconds);
        csv.time(tick.recorded).value(p.x()).value(p.y()).value(p.z());
        csv.value(q[0]).value(q[1]).value(q[2]).value(q[3]).endRow();
    }
    csv.close();
    return report(clock, csv.rows());
}

StreamReport SignalStreams::writeImu() const {
    StreamClock clock = clockFor("imu");
    Rng noise(plan_.opts.seed, "imu-noise");
    const double na = plan_.opts.imuAccelNoise, ng = plan_.opts.imuGyroNoise;
    auto csv = writer_.openCsv("imu.csv", {"t_ns", "ax", "ay", "az", "gx", "gy", "gz"}, 9);
    StreamClock::Tick tick;
    while (clock.next(tick)) {
        const HeadTrajectory::State s = head_.state(tick.seconds);
        // Specific force in the IMU (= device) frame: what an accelerometer measures.
        const Eigen::Vector3d f = s.R.transpose() * (s.a - kGravity) + plan_.accelBias;
        const Eigen::Vector3d g = s.omega + plan_.gyroBias;
        csv.time(tick.recorded);
        for (int i = 0; i < 3; ++i)
            csv.value(f[i] + na * noise.normal());
        for (int i = 0; i < 3; ++i)
            csv.value(g[i] + ng * noise.normal());
        csv.endRow();
    }
    csv.close();
    return report(clock, csv.rows());
}

StreamReport SignalStreams::writeHands() const {
    StreamClock clock = clockFor("hands");
    Rng noise(plan_.opts.seed, "hands-noise");
    const double sigma = plan_.opts.handJointNoiseM;
    std::vector<std::string> header{"t_ns", "hand", "confidence"};
    for (int j = 0; j < kHandJointCount; ++j)
        for (const char* axis : {"x", "y", "z"})
            header.push_back(axis + std::to_string(j));
    auto csv = writer_.openCsv("hands.csv", header, 7);
    StreamClock::Tick tick;
    while (clock.next(tick)) {
        // Joints are seen from the head where it truly was at the sample's true time.
        const Eigen::Matrix3d Rt = head_.rotation(tick.seconds).transpose();
        const Eigen::Vector3d p = head_.position(tick.seconds);
        for (Hand hand : {Hand::Left, Hand::Right}) {
            const HandJoints world = task_.joints(hand, tick.seconds);
            const double confidence = std::clamp(0.9 + 0.03 * noise.normal(), 0.0, 1.0);
            csv.time(tick.recorded).text(handName(hand)).value(confidence);
            for (const auto& x : world) {
                const Eigen::Vector3d d = Rt * (x - p);
                for (int i = 0; i < 3; ++i)
                    csv.value(d[i] + sigma * noise.normal());
            }
            csv.endRow();
        }
    }
    csv.close();
    return report(clock, csv.rows());
}

StreamReport SignalStreams::writeForce() const {
    StreamClock clock = clockFor("force");
    Rng noise(plan_.opts.seed, "force-noise");
    const double sigma = plan_.opts.forceNoiseN;
    std::vector<std::string> header{"t_ns"};
    for (const auto& c : EpisodePlan::forceChannels())
        header.push_back(c);
    auto csv = writer_.openCsv("force.csv", header, 6);
    StreamClock::Tick tick;
    while (clock.next(tick)) {
        csv.time(tick.recorded);
        for (Hand hand : {Hand::Right, Hand::Left})
            for (int f = 0; f < 5; ++f)
                csv.value(task_.force(hand, f, tick.seconds) + sigma * noise.normal());
        csv.endRow();
    }
    csv.close();
    return report(clock, csv.rows());
}

} // namespace ts::core::synth
