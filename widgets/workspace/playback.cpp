#include "workspace/playback.h"

#include "workspace/timecursor.h"

#include <cmath>

namespace ts::widgets {

Playback::Playback(TimeCursor* cursor, QObject* parent) : QObject(parent), cursor_(cursor) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(8); // faster than any frame rate: the cursor steps with the wall clock
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
    cursor_->setTime(t);
    lastSet_ = cursor_->time();
    if ((rate_ > 0 && cursor_->time() >= cursor_->end()) ||
        (rate_ < 0 && cursor_->time() <= cursor_->start()))
        stop();
}

} // namespace ts::widgets
