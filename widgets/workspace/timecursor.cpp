#include "workspace/timecursor.h"

#include <algorithm>

namespace ts::widgets {

TimeCursor::TimeCursor(QObject* parent) : QObject(parent) {}

void TimeCursor::setRange(core::TimeNs start, core::TimeNs end) {
    start_ = start;
    end_ = std::max(start, end);
    emit rangeChanged(start_, end_);
    const core::TimeNs clamped = std::clamp(time_, start_, end_);
    if (clamped != time_) {
        time_ = clamped;
        emit timeChanged(time_);
    }
}

void TimeCursor::setFrameTimes(std::vector<core::TimeNs> times) {
    frames_ = std::move(times);
}

int64_t TimeCursor::frameAt(core::TimeNs t) const {
    if (frames_.empty())
        return -1;
    auto it = std::upper_bound(frames_.begin(), frames_.end(), t);
    if (it == frames_.begin())
        return 0;
    return (it - frames_.begin()) - 1;
}

void TimeCursor::setTime(int64_t ns) {
    const core::TimeNs t = std::clamp<core::TimeNs>(ns, start_, end_);
    if (t == time_)
        return;
    time_ = t;
    emit timeChanged(time_);
}

void TimeCursor::stepFrames(int n) {
    if (frames_.empty()) {
        stepTime(int64_t(n) * core::kNsPerSecond / 30);
        return;
    }
    const int64_t count = static_cast<int64_t>(frames_.size());
    int64_t f = frameAt(time_);
    // Before the first frame a step forward lands on frame 0 itself.
    if (time_ < frames_.front() && n > 0)
        --n;
    f = std::clamp<int64_t>(f + n, 0, count - 1);
    setTime(frames_[static_cast<size_t>(f)]);
}

void TimeCursor::stepTime(int64_t ns) {
    setTime(time_ + ns);
}

} // namespace ts::widgets
