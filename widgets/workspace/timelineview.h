// The Timeline panel: a time ruler, the video's thumbnails at their times, and one track per
// stream showing where it has samples and where it has gaps (drops, red), each with its
// health verdict; the playhead of the time cursor. Zooms from the whole episode down to a few
// frames (frame ticks appear), scrubs by click and drag. GUI thread.
#pragma once

#include "model/time.h"

#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

namespace ts::core::media {
class Filmstrip;
}

namespace ts::widgets {

struct EpisodeData;
class TimeCursor;

class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(TimeCursor* cursor, QWidget* parent = nullptr);
    ~TimelineView() override;

    void setEpisode(std::shared_ptr<const EpisodeData> data);

    struct Hit {
        enum Area { Nothing, Labels, Ruler, Thumbnails, Track };
        Area area = Nothing;
        int track = -1;  // Track: index into the episode's coverage
        qint64 time = 0; // the time under the point (Ruler, Thumbnails, Track)
    };
    Hit hitTest(const QPoint& p) const;
    QRect trackRect(int track) const;
    int trackCount() const;

    double xForTime(qint64 t) const;
    qint64 timeForX(double x) const;
    qint64 viewStart() const { return viewStart_; }
    qint64 viewEnd() const { return viewEnd_; }
    qint64 minimumSpan() const;
    int thumbnailsLoaded() const;
    bool busy() const;

public slots:
    void setViewRange(qint64 start, qint64 end);
    // factor > 1 zooms in, about `anchor` (the cursor when omitted).
    void zoom(double factor, qint64 anchor);
    void zoomIn();
    void zoomOut();
    void zoomToFit();

signals:
    void viewRangeChanged(qint64 start, qint64 end);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    void follow(qint64 t);
    void startThumbnails();
    void drawRuler(QPainter& p, const QRect& r);
    void drawThumbnails(QPainter& p, const QRect& r);
    void drawTrack(QPainter& p, int i, const QRect& r);
    QRect plotArea() const;

    TimeCursor* cursor_;
    std::shared_ptr<const EpisodeData> data_;
    qint64 viewStart_ = 0, viewEnd_ = 1;
    bool dragging_ = false;
    std::unique_ptr<core::media::Filmstrip> strip_;
    struct Thumb {
        qint64 t = 0;
        QImage image;
    };
    std::vector<Thumb> thumbs_;
    quint64 generation_ = 0;
};

} // namespace ts::widgets
