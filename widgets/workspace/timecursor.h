// The one time cursor of an episode workspace: every view follows it (setTime) and moves it;
// it knows the episode's span and the video's frame times so that stepping lands on frames.
// GUI thread only.
#pragma once

#include "model/time.h"

#include <QObject>

#include <cstdint>
#include <vector>

namespace ts::widgets {

class TimeCursor : public QObject {
    Q_OBJECT
public:
    explicit TimeCursor(QObject* parent = nullptr);

    // The episode's span on the timeline; the cursor is clamped into it.
    void setRange(core::TimeNs start, core::TimeNs end);
    // Capture times of the video's frames on the timeline (sorted); stepping uses them.
    void setFrameTimes(std::vector<core::TimeNs> times);

    core::TimeNs start() const { return start_; }
    core::TimeNs end() const { return end_; }
    core::TimeNs time() const { return time_; }
    const std::vector<core::TimeNs>& frameTimes() const { return frames_; }

    // The frame shown at t: the last frame captured at or before t (0 before the first, -1
    // without frames).
    int64_t frameAt(core::TimeNs t) const;
    int64_t frame() const { return frameAt(time_); }

public slots:
    void setTime(int64_t ns);
    // n frames forward (negative: back) from the frame shown now.
    void stepFrames(int n);
    void stepTime(int64_t ns);
    void toStart() { setTime(start_); }
    void toEnd() { setTime(end_); }

signals:
    void timeChanged(qint64 ns);
    void rangeChanged(qint64 start, qint64 end);

private:
    core::TimeNs start_ = 0, end_ = 0, time_ = 0;
    std::vector<core::TimeNs> frames_;
};

} // namespace ts::widgets
