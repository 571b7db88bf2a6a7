// Writers of the sampled (non-image) streams of a synthetic episode: pose.csv, imu.csv,
// hands.csv and force.csv, each on its own clock, streamed row by row.
#pragma once

#include "io/bundlewriter.h"
#include "synth/episodeplan.h"
#include "synth/headtrajectory.h"
#include "synth/streamclock.h"
#include "synth/taskscript.h"

namespace ts::core::synth {

class SignalStreams {
public:
    SignalStreams(const EpisodePlan& plan, const HeadTrajectory& head, const TaskScript& task,
                  const BundleWriter& writer);

    // Each returns what it wrote. Thread-safe with respect to each other and to rendering
    // (they only read the plan, the trajectory and the script).
    StreamReport writePose() const;
    StreamReport writeImu() const;
    StreamReport writeHands() const;
    StreamReport writeForce() const;

private:
    StreamClock clockFor(const std::string& stream) const;

    const EpisodePlan& plan_;
    const HeadTrajectory& head_;
    const TaskScript& task_;
    const BundleWriter& writer_;
};

} // namespace ts::core::synth
