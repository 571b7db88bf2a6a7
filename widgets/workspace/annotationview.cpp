#include "workspace/annotationview.h"

#include "workspace/timecursor.h"
#include "workspace/timelineview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ts::widgets {

namespace {
constexpr int kLabelWidth = 118; // as the TimelineView's, so that both share one time axis
constexpr int kTrackHeight = 20;
constexpr int kTrackGap = 4;
constexpr int kTop = 4;
constexpr double kEdgeGrab = 5; // px either side of an edge that grabs it
constexpr double kSnapPx = 8;   // a contact onset closer than this catches the edge

QColor eventColour(const QString& kind) {
    if (kind.startsWith(QLatin1String("slip")))
        return QColor(0xe5, 0x39, 0x35);
    if (kind.startsWith(QLatin1String("recovery")))
        return QColor(0x43, 0xa0, 0x47);
    if (kind.startsWith(QLatin1String("regrasp")))
        return QColor(0xfb, 0x8c, 0x00);
    if (kind.startsWith(QLatin1String("contact")))
        return QColor(0x1e, 0x88, 0xe5);
    return QColor(0x8e, 0x24, 0xaa);
}
} // namespace

AnnotationView::AnnotationView(TimeCursor* cursor, TimelineView* axis, QWidget* parent)
    : QWidget(parent), cursor_(cursor), axis_(axis) {
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    connect(cursor_, &TimeCursor::timeChanged, this, qOverload<>(&QWidget::update));
    connect(axis_, &TimelineView::viewRangeChanged, this, qOverload<>(&QWidget::update));
}

void AnnotationView::setTracks(const QStringList& ids, const QStringList& names) {
    trackIds_ = ids;
    trackNames_ = names;
    setMinimumHeight(kTop + trackCount() * (kTrackHeight + kTrackGap) + 2);
    setMaximumHeight(minimumHeight() + 40);
    update();
}

void AnnotationView::setItems(std::vector<AnnotationItem> items) {
    items_ = std::move(items);
    update();
}

void AnnotationView::setSnapTimes(std::vector<qint64> frames, std::vector<qint64> onsets) {
    frames_ = std::move(frames);
    onsets_ = std::move(onsets);
    std::sort(frames_.begin(), frames_.end());
    std::sort(onsets_.begin(), onsets_.end());
}

void AnnotationView::setMarks(qint64 in, qint64 out) {
    markIn_ = in;
    markOut_ = out;
    update();
}

void AnnotationView::select(AnnotationItem::Kind kind, qint64 id) {
    if (kind == selectedKind_ && id == selected_)
        return;
    selectedKind_ = kind;
    selected_ = id;
    update();
    emit selectionChanged(kind, id);
}

double AnnotationView::xFor(qint64 t) const {
    // The same mapping as the TimelineView above: both views are as wide as the dock.
    const double w = std::max(1, width() - kLabelWidth - 6);
    return kLabelWidth +
           double(t - axis_->viewStart()) / double(axis_->viewEnd() - axis_->viewStart()) * w;
}

qint64 AnnotationView::timeFor(double x) const {
    const double w = std::max(1, width() - kLabelWidth - 6);
    return axis_->viewStart() + qint64(std::llround((x - kLabelWidth) / w *
                                                    double(axis_->viewEnd() - axis_->viewStart())));
}

QRect AnnotationView::trackRect(int track) const {
    return QRect(kLabelWidth, kTop + track * (kTrackHeight + kTrackGap),
                 std::max(1, width() - kLabelWidth - 6), kTrackHeight);
}

int AnnotationView::trackOf(const AnnotationItem& it) const {
    return int(trackIds_.indexOf(it.track));
}

QRectF AnnotationView::itemRect(int i) const {
    const AnnotationItem& it = items_[size_t(i)];
    const int track = trackOf(it);
    if (track < 0)
        return {};
    const QRect r = trackRect(track);
    const double x0 = xFor(it.start), x1 = xFor(it.end);
    if (it.end == it.start) // an instant: a diamond 10 px wide
        return QRectF(x0 - 5, r.top(), 10, r.height());
    return QRectF(x0, r.top(), std::max(2.0, x1 - x0), r.height());
}

AnnotationView::Hit AnnotationView::hitTest(const QPoint& p) const {
    Hit h;
    for (int t = 0; t < trackCount(); ++t) {
        const QRect r = trackRect(t);
        if (p.y() >= r.top() - kTrackGap / 2 && p.y() <= r.bottom() + kTrackGap / 2)
            h.track = t;
    }
    if (h.track < 0)
        return h;
    if (p.x() < kLabelWidth) {
        h.area = Hit::Header;
        return h;
    }
    h.time = timeFor(p.x());
    h.area = Hit::Empty;
    // Topmost (last drawn) first; edges win over bodies so that a short item stays resizable.
    for (int i = int(items_.size()) - 1; i >= 0; --i) {
        if (trackOf(items_[size_t(i)]) != h.track)
            continue;
        const QRectF r = itemRect(i);
        const bool span = items_[size_t(i)].end > items_[size_t(i)].start;
        if (span && std::abs(p.x() - r.left()) <= kEdgeGrab) {
            h.area = Hit::StartEdge;
        } else if (span && std::abs(p.x() - r.right()) <= kEdgeGrab) {
            h.area = Hit::EndEdge;
        } else if (r.adjusted(-1, 0, 1, 0).contains(QPointF(p))) {
            h.area = Hit::Body;
        } else {
            continue;
        }
        h.item = i;
        return h;
    }
    return h;
}

qint64 AnnotationView::snap(qint64 t, Qt::KeyboardModifiers m) const {
    if (m & Qt::AltModifier)
        return t;
    auto nearest = [t](const std::vector<qint64>& v) -> std::optional<qint64> {
        if (v.empty())
            return std::nullopt;
        auto it = std::lower_bound(v.begin(), v.end(), t);
        if (it == v.end())
            return v.back();
        if (it == v.begin())
            return *it;
        return (t - *(it - 1) <= *it - t) ? *(it - 1) : *it;
    };
    if (m & Qt::ShiftModifier) {
        if (auto o = nearest(onsets_); o && std::abs(xFor(*o) - xFor(t)) <= kSnapPx)
            return *o;
    }
    if (auto f = nearest(frames_))
        return *f;
    return t;
}

QColor AnnotationView::colourFor(const AnnotationItem& it) const {
    switch (it.kind) {
    case AnnotationItem::Kind::Label: {
        // One hue per tier, so that task and subtask read apart at a glance.
        static const QColor tiers[] = {QColor(0x39, 0x49, 0xab), QColor(0x00, 0x89, 0x7b),
                                       QColor(0x6d, 0x4c, 0x41), QColor(0x5e, 0x35, 0xb1)};
        return tiers[std::max(0, trackOf(it)) % 4];
    }
    case AnnotationItem::Kind::Event:
        return eventColour(it.text);
    case AnnotationItem::Kind::Flag:
        return QColor(0xc6, 0x28, 0x28);
    }
    return Qt::gray;
}

void AnnotationView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    for (int t = 0; t < trackCount(); ++t) {
        const QRect r = trackRect(t);
        p.fillRect(r, pal.color(QPalette::AlternateBase));
        p.setPen(pal.color(QPalette::Text));
        p.drawText(
            QRect(6, r.top(), kLabelWidth - 10, r.height()), Qt::AlignVCenter | Qt::AlignLeft,
            p.fontMetrics().elidedText(trackNames_.value(t), Qt::ElideRight, kLabelWidth - 10));
    }
    // I/O marks: the stretch between them shaded across every tier.
    if (markIn_ >= 0 || markOut_ >= 0) {
        const QRect all(kLabelWidth, 0, width() - kLabelWidth - 6, height());
        const double a = markIn_ >= 0 ? xFor(markIn_) : all.left();
        const double b = markOut_ >= 0 ? xFor(markOut_) : a;
        if (markIn_ >= 0 && markOut_ >= 0)
            p.fillRect(QRectF(std::min(a, b), 0, std::abs(b - a), height()),
                       QColor(255, 213, 79, 60));
        p.setPen(QPen(QColor(0xff, 0xb3, 0x00), 1.5));
        if (markIn_ >= 0)
            p.drawLine(QPointF(a, 0), QPointF(a, height()));
        if (markOut_ >= 0)
            p.drawLine(QPointF(b, 0), QPointF(b, height()));
    }
    p.save();
    p.setClipRect(QRect(kLabelWidth, 0, width() - kLabelWidth, height()));
    for (int i = 0; i < int(items_.size()); ++i) {
        const AnnotationItem& it = items_[size_t(i)];
        QRectF r = itemRect(i);
        if (r.isNull() || r.right() < kLabelWidth || r.left() > width())
            continue;
        if (dragging_ && press_.item == i) { // the item follows the drag
            const double x0 = xFor(dragStart_), x1 = xFor(dragEnd_);
            r = it.end == it.start ? QRectF(x0 - 5, r.top(), 10, r.height())
                                   : QRectF(x0, r.top(), std::max(2.0, x1 - x0), r.height());
        }
        const QColor c = colourFor(it);
        const bool sel = it.kind == selectedKind_ && it.id == selected_;
        QPen pen(sel ? pal.color(QPalette::Highlight) : c.darker(130), sel ? 2.5 : 1);
        if (it.suggestion)
            pen.setStyle(Qt::DashLine);
        if (it.problem)
            pen = QPen(QColor(0xd5, 0x00, 0x00), 2, Qt::DotLine);
        p.setPen(pen);
        QColor fill = c;
        fill.setAlpha(it.suggestion ? 60 : 200);
        p.setBrush(fill);
        if (it.end == it.start) {
            QPainterPath d;
            d.moveTo(r.center().x(), r.top());
            d.lineTo(r.right(), r.center().y());
            d.lineTo(r.center().x(), r.bottom());
            d.lineTo(r.left(), r.center().y());
            d.closeSubpath();
            p.drawPath(d);
        } else {
            p.drawRoundedRect(r.adjusted(0.5, 1.5, -0.5, -1.5), 3, 3);
        }
        // The text inside the span (or right of an instant) when there is room.
        QString text = it.text;
        if (!it.hand.isEmpty())
            text += QStringLiteral(" · ") + it.hand.left(1).toUpper();
        const QRectF tr = it.end == it.start ? QRectF(r.right() + 3, r.top(), 160, r.height())
                                             : r.adjusted(4, 0, -4, 0);
        if (tr.width() > 14) {
            p.setPen(it.end == it.start || it.suggestion ? pal.color(QPalette::Text) : Qt::white);
            p.drawText(tr, Qt::AlignVCenter | Qt::AlignLeft,
                       p.fontMetrics().elidedText(text, Qt::ElideRight, int(tr.width())));
        }
    }
    // A label being drawn.
    if (dragging_ && press_.area == Hit::Empty) {
        const QRect r = trackRect(press_.track);
        const double a = xFor(std::min(dragStart_, dragEnd_)),
                     b = xFor(std::max(dragStart_, dragEnd_));
        p.setPen(QPen(pal.color(QPalette::Highlight), 1.5, Qt::DashLine));
        p.setBrush(QColor(0x39, 0x49, 0xab, 70));
        p.drawRoundedRect(QRectF(a, r.top() + 1.5, std::max(1.0, b - a), r.height() - 3), 3, 3);
    }
    // Playhead.
    const double x = xFor(cursor_->time());
    p.setPen(QPen(QColor(0xff, 0x57, 0x22), 2));
    p.drawLine(QPointF(x, 0), QPointF(x, height()));
    p.restore();
}

void AnnotationView::mousePressEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return;
    press_ = hitTest(e->position().toPoint());
    dragging_ = false;
    if (press_.item >= 0) {
        const AnnotationItem& it = items_[size_t(press_.item)];
        select(it.kind, it.id);
        dragStart_ = it.start;
        dragEnd_ = it.end;
        grabOffset_ = press_.time - it.start;
    } else if (press_.area == Hit::Empty) {
        dragStart_ = dragEnd_ = snap(press_.time, e->modifiers());
    }
}

void AnnotationView::mouseMoveEvent(QMouseEvent* e) {
    const Hit h = hitTest(e->position().toPoint());
    if (!(e->buttons() & Qt::LeftButton)) {
        setCursor(h.area == Hit::StartEdge || h.area == Hit::EndEdge ? Qt::SizeHorCursor
                  : h.area == Hit::Body                              ? Qt::OpenHandCursor
                                                                     : Qt::ArrowCursor);
        return;
    }
    if (press_.area == Hit::Nothing || press_.area == Hit::Header)
        return;
    if (!dragging_ && std::abs(e->position().x() - xFor(press_.time)) < 3)
        return; // a click, not yet a drag
    dragging_ = true;
    const qint64 t = snap(timeFor(e->position().x()), e->modifiers());
    const qint64 minSpan = 1;
    switch (press_.area) {
    case Hit::Empty:
        dragEnd_ = t;
        break;
    case Hit::StartEdge:
        dragStart_ = std::min(t, dragEnd_ - minSpan);
        break;
    case Hit::EndEdge:
        dragEnd_ = std::max(t, dragStart_ + minSpan);
        break;
    case Hit::Body: {
        const AnnotationItem& it = items_[size_t(press_.item)];
        const qint64 len = it.end - it.start;
        dragStart_ = snap(timeFor(e->position().x()) - grabOffset_, e->modifiers());
        dragEnd_ = dragStart_ + len;
        break;
    }
    default:
        break;
    }
    update();
}

void AnnotationView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() != Qt::LeftButton)
        return;
    const Hit press = press_;
    press_ = Hit{};
    if (!dragging_) {
        if (press.area == Hit::Empty || press.area == Hit::Body)
            cursor_->setTime(press.time); // a click moves the playhead
        update();
        return;
    }
    dragging_ = false;
    if (press.area == Hit::Empty) {
        const qint64 a = std::min(dragStart_, dragEnd_), b = std::max(dragStart_, dragEnd_);
        if (b > a)
            emit spanDrawn(trackIds_.value(press.track), a, b);
    } else if (press.item >= 0) {
        const AnnotationItem& it = items_[size_t(press.item)];
        if (dragStart_ != it.start || dragEnd_ != it.end)
            emit itemMoved(it.kind, it.id, dragStart_, dragEnd_);
    }
    update();
}

void AnnotationView::mouseDoubleClickEvent(QMouseEvent* e) {
    const Hit h = hitTest(e->position().toPoint());
    if (h.item >= 0) {
        const AnnotationItem& it = items_[size_t(h.item)];
        emit itemActivated(it.kind, it.id);
    }
}

} // namespace ts::widgets
