// Playback at real time: a timer moves the time cursor by the wall-clock time elapsed times
// the rate, so a view that cannot keep up skips frames instead of lagging behind. The cursor
// moves once per video frame (every view repaints on a move), not on every tick. J/K/L
// shuttle: L plays forward (again: 2×, 4×, 8×), J backward likewise, K stops. GUI thread.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace ts::widgets {

class TimeCursor;

class Playback : public QObject {
    Q_OBJECT
public:
    explicit Playback(TimeCursor* cursor, QObject* parent = nullptr);

    double rate() const { return rate_; }
    bool playing() const { return rate_ != 0; }

public slots:
    void setRate(double rate); // 0 stops; negative plays backward
    void togglePlay();         // space: 1× forward, or stop
    void shuttleForward();     // L
    void shuttleBackward();    // J
    void stop();               // K

signals:
    void rateChanged(double rate);

private:
    void tick();
    bool moveWorthIt(qint64 t) const; // does moving the cursor to t change what is shown?
    void scheduleNext(qint64 t);      // the next tick: at the next frame's time, or a tick

    static constexpr qint64 kMinStepNs = 16'000'000; // without video: at most ~60 moves/s
    static constexpr int kTickMs = 8;

    TimeCursor* cursor_;
    QTimer timer_;
    QElapsedTimer clock_;
    double rate_ = 0;
    qint64 anchorTime_ = 0; // cursor time when the clock was started
    qint64 lastSet_ = 0;    // the time this object last gave the cursor
};

} // namespace ts::widgets
