#include "workspace/playback.h"

#include "workspace/timecursor.h"

#include <algorithm>
#include <cmath>

namespace ts::widgets {

Playback::Playback(TimeCursor* cursor, QObject* parent) : QObject(parent), cursor_(cursor) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kTickMs); // faster than any frame rate: the cursor steps with the wall clock
    connect(&timer_, &QTimer::timeout, this, &Playback::tick);
}

void Playback::setRate(double rate) {
    if (rate == rate_)
        return;
    rate_ = rate;
    if (rate_ == 0) {
        timer_.stop();
    } else {
        // At the end (or start, backward) playing starts over from the other end.
        if (rate_ > 0 && cursor_->time() >= cursor_->end())
            cursor_->toStart();
        if (rate_ < 0 && cursor_->time() <= cursor_->start())
            cursor_->toEnd();
        anchorTime_ = lastSet_ = cursor_->time();
        clock_.start();
        timer_.start();
    }
    emit rateChanged(rate_);
}

void Playback::togglePlay() {
    setRate(rate_ == 0 ? 1.0 : 0.0);
}

void Playback::shuttleForward() {
    setRate(rate_ > 0 ? std::min(rate_ * 2, 8.0) : 1.0);
}

void Playback::shuttleBackward() {
    setRate(rate_ < 0 ? std::max(rate_ * 2, -8.0) : -1.0);
}

void Playback::stop() {
    setRate(0);
}

void Playback::tick() {
    // Someone else moved the cursor (a click, a step): play on from there.
    if (cursor_->time() != lastSet_) {
        anchorTime_ = cursor_->time();
        clock_.restart();
    }
    const qint64 elapsed = clock_.nsecsElapsed();
    const qint64 t = anchorTime_ + qint64(std::llround(double(elapsed) * rate_));
    const bool atEnd = (rate_ > 0 && t >= cursor_->end()) || (rate_ < 0 && t <= cursor_->start());
    // Every view repaints when the cursor moves; the timer runs at 125 Hz so that a new frame
    // is on time to within 8 ms, but the cursor moves only when the frame it shows changes
    // (or, without video, at most every kMinStepNs of timeline): four times fewer repaints
    // for 30 fps video, and the time saved goes to decoding.
    if (!atEnd && !moveWorthIt(t)) {
        scheduleNext(t);
        return;
    }
    cursor_->setTime(t);
    lastSet_ = cursor_->time();
    if (atEnd)
        stop();
    else
        scheduleNext(t);
}

void Playback::scheduleNext(qint64 t) {
    // Wake at the next frame's time, not up to a tick later: the views get the whole frame
    // period to paint in. Without video (or going backward), the plain tick.
    const auto& frames = cursor_->frameTimes();
    int interval = kTickMs;
    if (!frames.empty() && rate_ > 0) {
        const int64_t next = cursor_->frameAt(t) + 1;
        if (next < int64_t(frames.size())) {
            const double ms = double(frames[size_t(next)] - t) * 1e-6 / rate_;
            interval = std::clamp(int(std::ceil(ms)), 1, kTickMs);
        }
    }
    timer_.start(interval);
}

bool Playback::moveWorthIt(qint64 t) const {
    if (!cursor_->frameTimes().empty())
        return cursor_->frameAt(t) != cursor_->frameAt(lastSet_);
    return std::abs(t - lastSet_) >= kMinStepNs;
}

} // namespace ts::widgets
