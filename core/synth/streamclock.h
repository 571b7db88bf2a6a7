// The sampling of one synthetic stream on its own clock: a regular grid on the raw clock, mapped
// to the timeline through the stream's true clock model, with random drops and timestamp jitter.
#pragma once

#include "model/clockmodel.h"
#include "synth/rng.h"

namespace ts::core::synth {

class StreamClock {
public:
    struct Tick {
        int64_t slot = 0;     // index on the nominal raw grid (dropped samples leave gaps)
        TimeNs recorded = 0;  // raw time written to the file (with jitter)
        TimeNs timeline = 0;  // true time of the sample on the timeline (without jitter)
        double seconds = 0;   // timeline - timelineStart, in seconds: what values are computed at
    };

    // Samples whose true timeline time lies in [timelineStart, timelineEnd). The first sample
    // is never dropped, so that every stream has data.
    StreamClock(const ClockModel& model, double rateHz, TimeNs timelineStart, TimeNs timelineEnd,
                double dropRate, double jitterNs, Rng rng);

    bool next(Tick& tick); // false at the end
    // Samples that fall in [timelineStart, timelineEnd), kept or not.
    int64_t expectedCount() const;

    int64_t kept() const { return kept_; }
    int64_t dropped() const { return dropped_; }
    TimeNs firstRecorded() const { return first_; }
    TimeNs lastRecorded() const { return last_; }

private:
    TimeNs rawAt(int64_t slot) const;

    ClockModel model_;
    double periodNs_;
    TimeNs start_, end_, rawStart_;
    double dropRate_, jitterNs_;
    Rng rng_;
    int64_t slot_ = 0, kept_ = 0, dropped_ = 0;
    TimeNs first_ = 0, last_ = 0;
};

} // namespace ts::core::synth
