#include "workspace/signalsview.h"

#include "model/handjoints.h"
#include "workspace/handstyle.h"
#include "workspace/timecursor.h"
#include "workspace/timeformat.h"

#include <QCoreApplication>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ts::widgets {

namespace {
constexpr int kAxisWidth = 84;
constexpr int kLaneGap = 6;

QColor colourFor(const SignalChannel& c, int indexInGroup) {
    // Force channels take their finger's colour (left hand a shade darker), the rest a
    // qualitative palette by position in the lane.
    for (int f = 0; f < 5; ++f)
        if (c.name.size() > 4 &&
            c.name.substr(c.name.find('_') + 1) == core::kFingerNames[static_cast<size_t>(f)]) {
            QColor col = fingerColour(f);
            return c.name.rfind("left", 0) == 0 ? col.darker(135) : col;
        }
    static const QColor palette[] = {QColor(0xe5, 0x73, 0x73), QColor(0x81, 0xc7, 0x84),
                                     QColor(0x64, 0xb5, 0xf6), QColor(0xff, 0xb7, 0x4d),
                                     QColor(0xba, 0x68, 0xc8), QColor(0x4d, 0xd0, 0xe1)};
    return palette[indexInGroup % 6];
}
} // namespace

SignalsView::SignalsView(TimeCursor* cursor, QWidget* parent) : QWidget(parent), cursor_(cursor) {
    setMouseTracking(true);
    setMinimumHeight(120);
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(cursor_, &TimeCursor::timeChanged, this, qOverload<>(&SignalsView::update));
}

void SignalsView::setChannels(std::vector<SignalChannel> channels) {
    channels_.clear();
    envelopes_.clear();
    std::map<std::string, int> perGroup;
    for (auto& c : channels) {
        Entry e;
        e.colour = colourFor(c, perGroup[c.group]++);
        std::tie(e.lo, e.hi) = c.values->overall();
        e.c = std::move(c);
        channels_.push_back(std::move(e));
    }
    baseDirty_ = true;
    update();
}

void SignalsView::setChannelVisible(int i, bool visible) {
    if (i < 0 || i >= channelCount() || channels_[static_cast<size_t>(i)].visible == visible)
        return;
    channels_[static_cast<size_t>(i)].visible = visible;
    emit channelVisibilityChanged(i, visible);
    baseDirty_ = true;
    update();
}

void SignalsView::setViewRange(qint64 start, qint64 end) {
    viewStart_ = start;
    viewEnd_ = std::max(end, start + 1);
    baseDirty_ = true;
    update();
}

QRect SignalsView::plotRect() const {
    return QRect(kAxisWidth, 4, std::max(1, width() - kAxisWidth - 8), std::max(1, height() - 8));
}

double SignalsView::xForTime(qint64 t) const {
    const QRect r = plotRect();
    return r.left() + double(t - viewStart_) / double(viewEnd_ - viewStart_) * r.width();
}

qint64 SignalsView::timeForX(double x) const {
    const QRect r = plotRect();
    return viewStart_ + qint64((x - r.left()) / r.width() * double(viewEnd_ - viewStart_));
}

std::vector<SignalsView::Lane> SignalsView::lanes() const {
    std::vector<Lane> out;
    for (int i = 0; i < channelCount(); ++i) {
        const Entry& e = channels_[static_cast<size_t>(i)];
        if (!e.visible)
            continue;
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const Lane& l) { return l.group == e.c.group; });
        if (it == out.end()) {
            out.push_back({e.c.group, {}, e.lo, e.hi, {}});
            it = std::prev(out.end());
        }
        it->channels.push_back(i);
        it->lo = std::min(it->lo, e.lo);
        it->hi = std::max(it->hi, e.hi);
    }
    const QRect r = plotRect();
    const int n = static_cast<int>(out.size());
    if (n == 0)
        return out;
    const int h = (r.height() - (n - 1) * kLaneGap) / n;
    for (int k = 0; k < n; ++k) {
        Lane& l = out[static_cast<size_t>(k)];
        l.rect = QRect(r.left(), r.top() + k * (h + kLaneGap), r.width(), h);
        if (l.group == "Contact") {
            l.lo = -0.1f;
            l.hi = 1.1f;
        } else {
            const float pad = std::max(1e-6f, (l.hi - l.lo) * 0.06f);
            l.lo -= pad;
            l.hi += pad;
        }
    }
    return out;
}

std::vector<ColumnEnvelope> SignalsView::envelope(int i) const {
    const Entry& e = channels_[static_cast<size_t>(i)];
    if (!e.visible)
        return {};
    return columnEnvelope(*e.c.t, *e.c.values, viewStart_, viewEnd_, plotRect().width());
}

void SignalsView::drawChannel(QPainter& p, int i, const Lane& lane) {
    const Entry& e = channels_[static_cast<size_t>(i)];
    const QRect& r = lane.rect;
    const double scale = r.height() / double(lane.hi - lane.lo);
    auto y = [&](float v) { return r.bottom() - (double(v) - lane.lo) * scale; };
    const auto& t = *e.c.t;
    const auto& v = *e.c.values;
    // A cosmetic 1-pixel pen: drawn by the fast line rasteriser, not the stroker.
    p.setPen(QPen(e.colour, 0));
    const auto first = std::lower_bound(t.begin(), t.end(), viewStart_);
    const auto last = std::upper_bound(t.begin(), t.end(), viewEnd_);
    const size_t a = static_cast<size_t>(std::max<std::ptrdiff_t>(0, first - t.begin() - 1));
    const size_t b = std::min(t.size(), static_cast<size_t>(last - t.begin()) + 1);
    if (b <= a)
        return;
    if (b - a < size_t(r.width()) / 2) {
        // Fewer samples than columns: draw them as they are, with dots when sparse.
        QPolygonF line;
        line.reserve(static_cast<int>(b - a));
        for (size_t k = a; k < b; ++k)
            line << QPointF(xForTime(t[k]), y(v.value(k)));
        p.drawPolyline(line);
        if (b - a < size_t(r.width()) / 8) {
            p.setBrush(e.colour);
            for (const QPointF& pt : line)
                p.drawEllipse(pt, 2.0, 2.0);
        }
        return;
    }
    // One min–max stroke per column, joined to the neighbouring columns. Channels of one
    // stream share their times, and so the column boundaries.
    // A redraw for a moved cursor or the hover line keeps the view: reuse the envelopes.
    auto& cached = envelopes_[i];
    if (cached.empty()) {
        auto& bounds = boundaries_[&t];
        if (bounds.empty())
            bounds = columnBoundaries(t, viewStart_, viewEnd_, r.width());
        cached = columnEnvelope(bounds, v);
    }
    const auto& env = cached;
    QVector<QLineF> lines;
    lines.reserve(static_cast<int>(env.size()) * 2);
    bool havePrev = false;
    QPointF prev;
    for (size_t c = 0; c < env.size(); ++c) {
        const ColumnEnvelope& ce = env[c];
        if (ce.empty)
            continue;
        const double x = r.left() + double(c) + 0.5;
        if (havePrev)
            lines << QLineF(prev, QPointF(x, y(ce.first)));
        lines << QLineF(QPointF(x, y(ce.min)), QPointF(x, y(ce.max) - 0.01));
        prev = QPointF(x, y(ce.last));
        havePrev = true;
    }
    p.drawLines(lines);
}

void SignalsView::paintBase(QPainter& p) {
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    if (channels_.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No signals in this episode."));
        return;
    }
    const auto ls = lanes();
    if (ls.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("All channels are hidden (Channels ▾)."));
        return;
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    boundaries_.clear();
    const std::tuple<qint64, qint64, int> key{viewStart_, viewEnd_, plotRect().width()};
    if (key != envelopeKey_) {
        envelopes_.clear();
        envelopeKey_ = key;
    }
    for (const Lane& lane : ls) {
        p.fillRect(lane.rect, pal.color(QPalette::AlternateBase));
        // Zero line and the scale.
        p.setFont(small);
        p.setPen(pal.color(QPalette::Mid));
        if (lane.lo < 0 && lane.hi > 0) {
            const double y0 =
                lane.rect.bottom() - (0 - lane.lo) * lane.rect.height() / (lane.hi - lane.lo);
            p.drawLine(QPointF(lane.rect.left(), y0), QPointF(lane.rect.right(), y0));
        }
        p.setPen(pal.color(QPalette::Text));
        const auto& unit = channels_[static_cast<size_t>(lane.channels.front())].c.unit;
        // Group names are marked QT_TRANSLATE_NOOP("SignalGroup", …) where channels are made.
        const QString name = QCoreApplication::translate("SignalGroup", lane.group.c_str());
        const QRect axis(2, lane.rect.top(), kAxisWidth - 6, lane.rect.height());
        if (lane.rect.height() >= 46) {
            p.drawText(axis, Qt::AlignRight | Qt::AlignVCenter,
                       p.fontMetrics().elidedText(name, Qt::ElideRight, axis.width()) +
                           (unit.empty() ? QString()
                                         : QStringLiteral("\n") + QString::fromStdString(unit)));
            p.setPen(pal.color(QPalette::PlaceholderText));
            p.drawText(QRect(2, lane.rect.top(), kAxisWidth - 6, 14), Qt::AlignRight | Qt::AlignTop,
                       QString::number(lane.hi, 'g', 3));
            p.drawText(QRect(2, lane.rect.bottom() - 14, kAxisWidth - 6, 14),
                       Qt::AlignRight | Qt::AlignBottom, QString::number(lane.lo, 'g', 3));
        } else {
            p.drawText(axis, Qt::AlignRight | Qt::AlignVCenter,
                       p.fontMetrics().elidedText(unit.empty() ? name
                                                               : name + QStringLiteral(" (") +
                                                                     QString::fromStdString(unit) +
                                                                     QStringLiteral(")"),
                                                  Qt::ElideRight, axis.width()));
        }
        p.setFont(font());
        p.save();
        p.setClipRect(lane.rect);
        for (int i : lane.channels)
            drawChannel(p, i, lane);
        p.restore();
    }
}

void SignalsView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    // The lanes and curves change only with the channels, the view range, the size or the
    // theme: kept as a picture, so a moving cursor (every frame while playing) costs a blit and
    // a line, not every curve again.
    const qreal dpr = devicePixelRatioF();
    const QSize px = (QSizeF(size()) * dpr).toSize();
    if (baseDirty_ || base_.size() != px) {
        if (base_.size() != px) { // the same picture is painted over when only content changed
            base_ = QImage(px, QImage::Format_RGB32);
            base_.setDevicePixelRatio(dpr);
        }
        QPainter b(&base_);
        b.setFont(font()); // an image painter starts with the application's font
        paintBase(b);
        baseDirty_ = false;
    }
    p.drawImage(0, 0, base_);
    if (channels_.empty() || lanes().empty())
        return;
    const QPalette& pal = palette();
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QRect r = plotRect();
    const double cx = xForTime(cursor_->time());
    if (cx >= r.left() && cx <= r.right()) {
        p.setPen(QPen(QColor(0xff, 0x3d, 0x00), 1.5));
        p.drawLine(QPointF(cx, r.top()), QPointF(cx, r.bottom()));
    }
    if (hoverX_ >= r.left() && hoverX_ <= r.right()) {
        p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DashLine));
        p.drawLine(QPointF(hoverX_, r.top()), QPointF(hoverX_, r.bottom()));
        const QString text = readoutAt(hoverX_);
        p.setFont(small);
        const QRect box = p.fontMetrics()
                              .boundingRect(QRect(0, 0, 400, 1000), Qt::AlignLeft, text)
                              .adjusted(-6, -4, 6, 4);
        QRect placed = box.translated(hoverX_ + 12, r.top() + 6);
        if (placed.right() > r.right())
            placed.moveRight(hoverX_ - 12);
        QColor bg = pal.color(QPalette::ToolTipBase);
        bg.setAlpha(235);
        p.fillRect(placed, bg);
        p.setPen(pal.color(QPalette::ToolTipText));
        p.drawText(placed.adjusted(6, 4, -6, -4), Qt::AlignLeft, text);
    }
}

QString SignalsView::readoutAt(int x) const {
    const qint64 t = timeForX(x);
    QStringList lines{formatTimelineTime(t - cursor_->start())};
    for (int i = 0; i < channelCount(); ++i) {
        const Entry& e = channels_[static_cast<size_t>(i)];
        if (!e.visible)
            continue;
        const auto& ts = *e.c.t;
        if (ts.empty())
            continue;
        auto it = std::lower_bound(ts.begin(), ts.end(), t);
        if (it == ts.end())
            --it;
        if (it != ts.begin() && t - *std::prev(it) < *it - t)
            --it;
        const float v = e.c.values->value(static_cast<size_t>(it - ts.begin()));
        lines << QStringLiteral("%1: %2 %3")
                     .arg(QString::fromStdString(e.c.name))
                     .arg(double(v), 0, 'f', 3)
                     .arg(QString::fromStdString(e.c.unit));
    }
    return lines.join(QLatin1Char('\n'));
}

void SignalsView::mouseMoveEvent(QMouseEvent* e) {
    hoverX_ = int(e->position().x());
    if (e->buttons() & Qt::LeftButton)
        cursor_->setTime(timeForX(hoverX_));
    update();
}

void SignalsView::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton && plotRect().contains(e->position().toPoint()))
        cursor_->setTime(timeForX(e->position().x()));
}

void SignalsView::changeEvent(QEvent* e) {
    // A theme or font change redraws the lanes in the new palette.
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::FontChange ||
        e->type() == QEvent::StyleChange)
        baseDirty_ = true;
    QWidget::changeEvent(e);
}

void SignalsView::leaveEvent(QEvent*) {
    hoverX_ = -1;
    update();
}

} // namespace ts::widgets
