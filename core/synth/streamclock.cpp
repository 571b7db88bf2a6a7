#include "synth/streamclock.h"

#include <cmath>

namespace ts::core::synth {

StreamClock::StreamClock(const ClockModel& model, double rateHz, TimeNs timelineStart,
                         TimeNs timelineEnd, double dropRate, double jitterNs, Rng rng)
    : model_(model), periodNs_(1e9 / rateHz), start_(timelineStart), end_(timelineEnd),
      dropRate_(dropRate), jitterNs_(jitterNs), rng_(rng) {
    rawStart_ = model_.toRaw(start_);
    while (model_.toTimeline(rawStart_) < start_) // toRaw rounds; land inside the episode
        ++rawStart_;
}

TimeNs StreamClock::rawAt(int64_t slot) const {
    return rawStart_ + static_cast<TimeNs>(std::llround(static_cast<double>(slot) * periodNs_));
}

int64_t StreamClock::expectedCount() const {
    // The raw grid runs at the sensor's own rate, so the count depends on the drift.
    const double span = static_cast<double>(model_.toRaw(end_) - rawStart_);
    int64_t n = static_cast<int64_t>(std::ceil(span / periodNs_)) + 1;
    while (n > 0 && model_.toTimeline(rawAt(n - 1)) >= end_)
        --n;
    return n;
}

bool StreamClock::next(Tick& tick) {
    for (;;) {
        const TimeNs raw = rawAt(slot_);
        const TimeNs t = model_.toTimeline(raw);
        if (t >= end_)
            return false;
        const int64_t slot = slot_++;
        // Draw both numbers for every slot so that the pattern of drops does not depend on the
        // jitter setting and vice versa.
        const bool drop = rng_.uniform() < dropRate_ && slot > 0;
        const double jitter = jitterNs_ * rng_.normal();
        if (drop) {
            ++dropped_;
            continue;
        }
        TimeNs recorded = raw + static_cast<TimeNs>(std::llround(jitter));
        if (kept_ > 0 && recorded <= last_)
            recorded = last_ + 1; // recorded times must stay strictly increasing
        tick.slot = slot;
        tick.recorded = recorded;
        tick.timeline = t;
        tick.seconds = static_cast<double>(t - start_) * 1e-9;
        if (kept_ == 0)
            first_ = recorded;
        last_ = recorded;
        ++kept_;
        return true;
    }
}

} // namespace ts::core::synth
