#include "workspace/timelineview.h"

#include "media/filmstrip.h"
#include "workspace/episodedata.h"
#include "workspace/timecursor.h"
#include "workspace/timeformat.h"

#include <QDir>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>

namespace ts::widgets {

namespace {
constexpr int kLabelWidth = 118;
constexpr int kRulerHeight = 22;
constexpr int kThumbHeight = 36;
constexpr int kTrackHeight = 14;
constexpr int kTrackGap = 3;
constexpr int kThumbSlots = 32;

QColor kindColour(core::StreamKind k) {
    switch (k) {
    case core::StreamKind::Video:
        return QColor(0x5c, 0x9d, 0xf0);
    case core::StreamKind::Depth:
        return QColor(0x4d, 0xb6, 0xac);
    case core::StreamKind::Pose:
        return QColor(0x95, 0x75, 0xcd);
    case core::StreamKind::Imu:
        return QColor(0x78, 0x90, 0x9c);
    case core::StreamKind::Hands:
        return QColor(0xff, 0xa7, 0x26);
    case core::StreamKind::Force:
        return QColor(0xe0, 0x40, 0xfb);
    }
    return Qt::gray;
}
} // namespace

TimelineView::TimelineView(TimeCursor* cursor, QWidget* parent) : QWidget(parent), cursor_(cursor) {
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setMinimumHeight(kRulerHeight + kThumbHeight + 3 * (kTrackHeight + kTrackGap) + 8);
    connect(cursor_, &TimeCursor::timeChanged, this, &TimelineView::follow);
    connect(cursor_, &TimeCursor::rangeChanged, this, [this] { zoomToFit(); });
}

TimelineView::~TimelineView() = default;

void TimelineView::setEpisode(std::shared_ptr<const EpisodeData> data) {
    data_ = std::move(data);
    setMinimumHeight(kRulerHeight + kThumbHeight + 8 + trackCount() * (kTrackHeight + kTrackGap));
    zoomToFit();
    startThumbnails();
    update();
}

int TimelineView::trackCount() const {
    return data_ ? static_cast<int>(data_->coverage.size()) : 0;
}

QRect TimelineView::plotArea() const {
    return QRect(kLabelWidth, 0, std::max(1, width() - kLabelWidth - 6), height());
}

QRect TimelineView::trackRect(int i) const {
    const QRect a = plotArea();
    return QRect(a.left(), kRulerHeight + kThumbHeight + 6 + i * (kTrackHeight + kTrackGap),
                 a.width(), kTrackHeight);
}

double TimelineView::xForTime(qint64 t) const {
    const QRect a = plotArea();
    return a.left() + double(t - viewStart_) / double(viewEnd_ - viewStart_) * a.width();
}

qint64 TimelineView::timeForX(double x) const {
    const QRect a = plotArea();
    return viewStart_ +
           qint64(std::llround((x - a.left()) / a.width() * double(viewEnd_ - viewStart_)));
}

TimelineView::Hit TimelineView::hitTest(const QPoint& p) const {
    Hit h;
    if (!rect().contains(p))
        return h;
    if (p.x() < kLabelWidth) {
        h.area = Hit::Labels;
        for (int i = 0; i < trackCount(); ++i)
            if (p.y() >= trackRect(i).top() && p.y() <= trackRect(i).bottom())
                h.track = i;
        return h;
    }
    h.time = timeForX(p.x());
    if (p.y() < kRulerHeight) {
        h.area = Hit::Ruler;
    } else if (p.y() < kRulerHeight + kThumbHeight + 4) {
        h.area = Hit::Thumbnails;
    } else {
        for (int i = 0; i < trackCount(); ++i)
            if (p.y() >= trackRect(i).top() - kTrackGap / 2 &&
                p.y() <= trackRect(i).bottom() + (kTrackGap + 1) / 2) {
                h.area = Hit::Track;
                h.track = i;
            }
    }
    return h;
}

qint64 TimelineView::minimumSpan() const {
    // A few frames fill the view: zoomed in this far, each frame is a wide cell.
    return data_ ? std::max<qint64>(8 * data_->framePeriodNs, qint64(50 * core::kNsPerMs))
                 : 250 * core::kNsPerMs;
}

void TimelineView::setViewRange(qint64 start, qint64 end) {
    const qint64 lo = cursor_->start(), hi = std::max<qint64>(cursor_->end(), lo + 1);
    qint64 span = std::clamp<qint64>(end - start, std::min(minimumSpan(), hi - lo), hi - lo);
    start = std::clamp<qint64>(start, lo, hi - span);
    if (start == viewStart_ && start + span == viewEnd_)
        return;
    viewStart_ = start;
    viewEnd_ = start + span;
    emit viewRangeChanged(viewStart_, viewEnd_);
    update();
}

void TimelineView::zoom(double factor, qint64 anchor) {
    const double span = double(viewEnd_ - viewStart_) / factor;
    const double f = double(anchor - viewStart_) / double(viewEnd_ - viewStart_);
    const qint64 start = anchor - qint64(f * span);
    setViewRange(start, start + qint64(span));
}

void TimelineView::zoomIn() {
    zoom(2.0, cursor_->time());
}

void TimelineView::zoomOut() {
    zoom(0.5, cursor_->time());
}

void TimelineView::zoomToFit() {
    setViewRange(cursor_->start(), std::max(cursor_->end(), cursor_->start() + 1));
}

void TimelineView::follow(qint64 t) {
    // Keep the playhead in view: page when it leaves (playback, steps, Home/End).
    if (t < viewStart_ || t > viewEnd_) {
        const qint64 span = viewEnd_ - viewStart_;
        setViewRange(t - span / 10, t - span / 10 + span);
    }
    update();
}

void TimelineView::startThumbnails() {
    strip_.reset();
    thumbs_.clear();
    ++generation_;
    if (!data_ || data_->videoFile.empty() || data_->frameTimes.empty())
        return;
    core::media::FilmstripOptions o;
    o.count = kThumbSlots;
    o.height = kThumbHeight - 4;
    o.sha256 = data_->videoSha256;
    o.index = data_->videoIndex;
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                          QStringLiteral("/filmstrips");
    QDir().mkpath(cache);
    o.cacheDir = cache.toStdString();
    strip_ = std::make_unique<core::media::Filmstrip>(data_->videoFile, o);
    QPointer<TimelineView> self(this);
    const quint64 gen = generation_;
    auto frameTimes = data_; // keeps the times alive for the worker's callback
    strip_->onThumbnail([self, gen, frameTimes](int, const core::media::Thumbnail& t) {
        QImage img =
            QImage(t.rgb.data(), t.width, t.height, t.width * 3, QImage::Format_RGB888).copy();
        const auto& ft = frameTimes->frameTimes;
        const qint64 at = t.frameIndex >= 0 && t.frameIndex < qint64(ft.size())
                              ? ft[static_cast<size_t>(t.frameIndex)]
                              : frameTimes->start;
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, at, img] {
                if (!self || self->generation_ != gen)
                    return;
                self->thumbs_.push_back({at, img});
                std::sort(self->thumbs_.begin(), self->thumbs_.end(),
                          [](const Thumb& a, const Thumb& b) { return a.t < b.t; });
                self->update();
            },
            Qt::QueuedConnection);
    });
    strip_->start();
}

int TimelineView::thumbnailsLoaded() const {
    return static_cast<int>(thumbs_.size());
}

bool TimelineView::busy() const {
    return strip_ && !strip_->done();
}

void TimelineView::resizeEvent(QResizeEvent*) {
    update();
}

void TimelineView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    p.fillRect(QRect(0, 0, kLabelWidth, height()), pal.color(QPalette::Window));
    if (!data_) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("Loading…"));
        return;
    }
    const QRect area = plotArea();
    drawRuler(p, QRect(area.left(), 0, area.width(), kRulerHeight));
    p.setPen(pal.color(QPalette::Text));
    p.drawText(QRect(6, kRulerHeight, kLabelWidth - 10, kThumbHeight), Qt::AlignVCenter,
               tr("Video"));
    drawThumbnails(p, QRect(area.left(), kRulerHeight + 2, area.width(), kThumbHeight));
    for (int i = 0; i < trackCount(); ++i)
        drawTrack(p, i, trackRect(i));

    // The playhead on top of everything.
    const double x = xForTime(cursor_->time());
    if (x >= area.left() - 1 && x <= area.right() + 1) {
        p.setPen(QPen(QColor(0xff, 0x3d, 0x00), 2));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
        QPolygonF head;
        head << QPointF(x - 6, 0) << QPointF(x + 6, 0) << QPointF(x, 8);
        p.setBrush(QColor(0xff, 0x3d, 0x00));
        p.drawPolygon(head);
    }
}

void TimelineView::drawRuler(QPainter& p, const QRect& r) {
    const QPalette& pal = palette();
    p.fillRect(r, pal.color(QPalette::AlternateBase));
    const double span = double(viewEnd_ - viewStart_);
    // A step that puts labels at least ~90 px apart, from one frame to ten minutes.
    static const double steps[] = {1e6, 2e6, 5e6,  1e7,  2e7,  5e7,    1e8,  2e8,  5e8,    1e9,
                                   2e9, 5e9, 1e10, 3e10, 6e10, 1.2e11, 3e11, 6e11, 1.2e12, 3.6e12};
    double step = steps[std::size(steps) - 1];
    for (double s : steps)
        if (s / span * r.width() >= 90) {
            step = s;
            break;
        }
    const double origin = double(cursor_->start());
    const double first = std::ceil((viewStart_ - origin) / step) * step + origin;
    p.setPen(pal.color(QPalette::Text));
    QFont f = p.font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    p.setFont(f);
    for (double t = first; t <= viewEnd_; t += step) {
        const double x = xForTime(qint64(t));
        p.drawLine(QPointF(x, r.bottom() - 6), QPointF(x, r.bottom()));
        p.drawText(QPointF(x + 3, r.bottom() - 7),
                   formatTimelineTime(qint64(t) - cursor_->start(), step < 1e9));
    }
    // Frame ticks when frames are wide enough to tell apart.
    const auto& ft = data_->frameTimes;
    if (!ft.empty() && double(data_->framePeriodNs) / span * r.width() >= 6) {
        auto it = std::lower_bound(ft.begin(), ft.end(), viewStart_);
        p.setPen(pal.color(QPalette::Mid));
        for (; it != ft.end() && *it <= viewEnd_; ++it) {
            const double x = xForTime(*it);
            p.drawLine(QPointF(x, r.bottom() - 3), QPointF(x, r.bottom()));
        }
    }
    p.setFont(font());
}

void TimelineView::drawThumbnails(QPainter& p, const QRect& r) {
    p.fillRect(r, palette().color(QPalette::Window).darker(115));
    if (thumbs_.empty())
        return;
    p.save();
    p.setClipRect(r);
    double right = -1e9;
    for (const auto& t : thumbs_) {
        const double x = xForTime(t.t);
        const double w = double(t.image.width()) * (r.height() - 2) / std::max(1, t.image.height());
        if (x + w < r.left() || x > r.right() || x < right)
            continue;
        p.drawImage(QRectF(x, r.top() + 1, w, r.height() - 2), t.image);
        p.setPen(QColor(0, 0, 0, 120));
        p.drawRect(QRectF(x, r.top() + 1, w, r.height() - 2));
        right = x + w + 1;
    }
    p.restore();
}

void TimelineView::drawTrack(QPainter& p, int i, const QRect& r) {
    const StreamCoverage& c = data_->coverage[static_cast<size_t>(i)];
    const QPalette& pal = palette();
    // The label: name, kind and the health verdict as a coloured dot.
    QColor verdict(0x66, 0xbb, 0x6a);
    for (const auto& s : data_->sync.streams)
        if (s.stream == c.name) {
            if (s.health.verdict == core::sync::Verdict::Warn) {
                verdict = QColor(0xff, 0xb3, 0x00);
            } else if (s.health.verdict == core::sync::Verdict::Fail) {
                verdict = QColor(0xe5, 0x39, 0x35);
            }
        }
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(verdict);
    p.drawEllipse(QPointF(12, r.center().y() + 0.5), 4, 4);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(c.aligned ? pal.color(QPalette::Text) : QColor(0xe5, 0x73, 0x73));
    // Elided with "…" where it does not fit (the track's tooltip says it whole).
    const QRect labelRect(22, r.top(), kLabelWidth - 26, r.height());
    p.drawText(labelRect, Qt::AlignVCenter,
               p.fontMetrics().elidedText(QString::fromStdString(c.name) +
                                              (c.aligned ? QString() : tr(" (unaligned)")),
                                          Qt::ElideRight, labelRect.width()));

    p.fillRect(r, pal.color(QPalette::AlternateBase));
    const QColor colour = kindColour(c.kind);
    p.save();
    p.setClipRect(r);
    for (const auto& s : c.covered) {
        if (s.end < viewStart_ || s.start > viewEnd_)
            continue;
        const double x0 = xForTime(s.start), x1 = std::max(xForTime(s.end), x0 + 1);
        p.fillRect(QRectF(x0, r.top() + 3, x1 - x0, r.height() - 6), colour);
    }
    // Zoomed in, each sample of a frame-rate stream is a tick.
    if (c.times && c.periodNs > 0 &&
        double(c.periodNs) / double(viewEnd_ - viewStart_) * r.width() >= 5) {
        auto it = std::lower_bound(c.times->begin(), c.times->end(), viewStart_);
        p.setPen(colour.darker(170));
        for (; it != c.times->end() && *it <= viewEnd_; ++it) {
            const double x = xForTime(*it);
            p.drawLine(QPointF(x, r.top() + 3), QPointF(x, r.bottom() - 3));
        }
    }
    // Gaps at least 3 px wide, so a single dropped sample shows at any zoom.
    const QColor gap(0xe5, 0x39, 0x35);
    for (const auto& g : c.gaps) {
        if (g.end < viewStart_ || g.start > viewEnd_)
            continue;
        double x0 = xForTime(g.start), x1 = xForTime(g.end);
        if (x1 - x0 < 3) {
            const double m = (x0 + x1) / 2;
            x0 = m - 1.5;
            x1 = m + 1.5;
        }
        p.fillRect(QRectF(x0, r.top(), x1 - x0, r.height()), gap);
    }
    p.restore();
}

void TimelineView::mousePressEvent(QMouseEvent* e) {
    const Hit h = hitTest(e->position().toPoint());
    if (e->button() == Qt::LeftButton && h.area != Hit::Nothing && h.area != Hit::Labels) {
        dragging_ = true;
        cursor_->setTime(h.time);
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent* e) {
    const QPoint pos = e->position().toPoint();
    if (dragging_) {
        cursor_->setTime(timeForX(pos.x()));
        return;
    }
    const Hit h = hitTest(pos);
    if (h.track >= 0 && data_) {
        const StreamCoverage& c = data_->coverage[static_cast<size_t>(h.track)];
        QString tip = tr("%1: %2 samples at %3 Hz, %4 gap(s), about %5 dropped")
                          .arg(QString::fromStdString(c.name))
                          .arg(c.times ? qint64(c.times->size()) : 0)
                          .arg(c.periodNs > 0 ? 1e9 / double(c.periodNs) : 0.0, 0, 'f', 1)
                          .arg(c.gaps.size())
                          .arg(c.dropped);
        if (!c.aligned)
            tip += tr("\nIts clock is not aligned to the timeline: samples are shown at "
                      "their raw times.");
        setToolTip(tip);
    } else {
        setToolTip(QString());
    }
}

void TimelineView::mouseReleaseEvent(QMouseEvent*) {
    dragging_ = false;
}

void TimelineView::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (e->modifiers() & Qt::ShiftModifier || e->angleDelta().x() != 0) {
        const double d = e->angleDelta().x() != 0 ? e->angleDelta().x() / 120.0 : steps;
        const qint64 shift = qint64(-d * 0.1 * double(viewEnd_ - viewStart_));
        setViewRange(viewStart_ + shift, viewEnd_ + shift);
    } else if (steps != 0) {
        zoom(std::pow(1.25, steps), timeForX(e->position().x()));
    }
    e->accept();
}

} // namespace ts::widgets
