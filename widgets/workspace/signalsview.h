// The Signals plot: channels (force, IMU, hand speed, contact) in lanes by group, each lane
// with its own scale, over the view range the timeline shows. Each pixel column draws the
// min–max of its samples from a MinMaxPyramid, so an hour at 1 kHz draws as fast as a
// second; zoomed in past one sample per column it draws the samples themselves. Hovering
// reads out every visible channel at the time under the pointer; a click moves the cursor.
// GUI thread.
#pragma once

#include "workspace/episodedata.h"

#include <QImage>
#include <QWidget>

#include <map>
#include <tuple>
#include <vector>

namespace ts::widgets {

class TimeCursor;

class SignalsView : public QWidget {
    Q_OBJECT
public:
    explicit SignalsView(TimeCursor* cursor, QWidget* parent = nullptr);

    void setChannels(std::vector<SignalChannel> channels);
    int channelCount() const { return static_cast<int>(channels_.size()); }
    const SignalChannel& channel(int i) const { return channels_[static_cast<size_t>(i)].c; }
    bool channelVisible(int i) const { return channels_[static_cast<size_t>(i)].visible; }
    QColor channelColour(int i) const { return channels_[static_cast<size_t>(i)].colour; }

    // The plot area, and the per-column envelope channel i draws there (for tests and the
    // bench); empty for a hidden channel.
    QRect plotRect() const;
    std::vector<ColumnEnvelope> envelope(int i) const;
    // The hover read-out at x (widget coordinates): time and each visible channel's value.
    QString readoutAt(int x) const;
    qint64 viewStart() const { return viewStart_; }
    qint64 viewEnd() const { return viewEnd_; }

public slots:
    void setChannelVisible(int i, bool visible);
    void setViewRange(qint64 start, qint64 end);

signals:
    void channelVisibilityChanged(int i, bool visible);

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void leaveEvent(QEvent*) override;
    void changeEvent(QEvent* e) override;

private:
    struct Lane {
        std::string group;
        std::vector<int> channels;
        float lo = 0, hi = 1;
        QRect rect;
    };
    std::vector<Lane> lanes() const;
    void drawChannel(QPainter& p, int i, const Lane& lane);
    qint64 timeForX(double x) const;
    double xForTime(qint64 t) const;

    struct Entry {
        SignalChannel c;
        bool visible = true;
        QColor colour;
        float lo = 0, hi = 0; // over all samples
    };
    TimeCursor* cursor_;
    std::vector<Entry> channels_;
    qint64 viewStart_ = 0, viewEnd_ = 1;
    int hoverX_ = -1;
    // Column boundaries of each time vector during one paint.
    std::map<const std::vector<TimeNs>*, std::vector<size_t>> boundaries_;
    // Envelopes by channel for the view, range and width they were computed for.
    std::map<int, std::vector<ColumnEnvelope>> envelopes_;
    std::tuple<qint64, qint64, int> envelopeKey_{0, 0, 0};
    void paintBase(QPainter& p); // lanes, axes and curves: everything but cursor and hover
    QImage base_;
    bool baseDirty_ = true;
};

} // namespace ts::widgets
