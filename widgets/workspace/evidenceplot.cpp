#include "workspace/evidenceplot.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace ts::widgets {

namespace {
constexpr qint64 kHalfWindowNs = 3'000'000'000;
}

EvidencePlot::EvidencePlot(QWidget* parent) : QWidget(parent) {
    setMinimumHeight(64);
}

void EvidencePlot::setEvidence(core::sync::VectorSignal ref, core::sync::VectorSignal other,
                               const core::ClockModel& otherToRef, const QString& refName,
                               const QString& otherName, bool byHand) {
    ref_ = std::move(ref);
    other_ = std::move(other);
    model_ = otherToRef;
    byHand_ = byHand;
    drawnCentre_ = std::numeric_limits<qint64>::min() / 2;
    refName_ = refName;
    otherName_ = otherName;
    message_.clear();
    update();
}

void EvidencePlot::setMessage(const QString& text) {
    ref_ = {};
    other_ = {};
    message_ = text;
    update();
}

void EvidencePlot::setCentre(qint64 refRawNs) {
    // The plot spans 6 s: during playback, redrawing it for every frame shows nothing new.
    const bool far = std::llabs(refRawNs - drawnCentre_) >= 100'000'000;
    centre_ = refRawNs;
    if (!ref_.empty() && far) {
        drawnCentre_ = refRawNs;
        update();
    }
}

void EvidencePlot::paintEvent(QPaintEvent*) {
    QPainter p(this);
    const QPalette& pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    if (ref_.empty()) {
        p.setPen(pal.color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(10, 10, -10, -10), Qt::AlignCenter | Qt::TextWordWrap, message_);
        return;
    }
    const int h = (height() - 6) / 2;
    drawPanel(p, QRect(0, 0, width(), h), false);
    drawPanel(p, QRect(0, h + 6, width(), h), true);
}

void EvidencePlot::drawPanel(QPainter& p, const QRect& area, bool aligned) {
    const QPalette& pal = palette();
    const QRect r = area.adjusted(8, 18, -8, -4);
    p.fillRect(r, pal.color(QPalette::AlternateBase));
    const qint64 t0 = drawnCentre_ - kHalfWindowNs, t1 = drawnCentre_ + kHalfWindowNs;
    // Both in the reference clock's time: `other` as recorded (before) or mapped (after).
    auto mapOther = [&](qint64 t) { return aligned ? model_.toTimeline(t) : t; };
    auto norm = [](const core::Vec3& v) {
        return std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    };
    // The samples inside the window: times increase, and so does the mapping.
    auto window = [&](const core::sync::VectorSignal& s, bool isOther) {
        auto at = [&](qint64 t) { return isOther ? mapOther(t) : t; };
        const auto lo =
            std::partition_point(s.t.begin(), s.t.end(), [&](qint64 t) { return at(t) < t0; });
        const auto hi = std::partition_point(lo, s.t.end(), [&](qint64 t) { return at(t) <= t1; });
        return std::pair<size_t, size_t>(size_t(lo - s.t.begin()), size_t(hi - s.t.begin()));
    };
    double hi = 1e-6;
    for (const auto* s : {&ref_, &other_}) {
        const auto [first, end] = window(*s, s == &other_);
        for (size_t i = first; i < end; ++i)
            hi = std::max(hi, norm(s->v[i]));
    }
    auto curve = [&](const core::sync::VectorSignal& s, bool isOther, const QColor& c,
                     double width) {
        // About one point per pixel: the signals are smooth at this scale, and a wide
        // antialiased polyline costs by the point.
        const auto [first, end] = window(s, isOther);
        if (first >= end)
            return;
        const size_t stride = std::max<size_t>(1, (end - first) / size_t(std::max(1, r.width())));
        QPolygonF line;
        for (size_t i = first; i < end; i += stride)
            line << QPointF(r.left() + double((isOther ? mapOther(s.t[i]) : s.t[i]) - t0) /
                                           double(t1 - t0) * r.width(),
                            r.bottom() - norm(s.v[i]) / hi * (r.height() - 2));
        p.setPen(QPen(c, width));
        p.drawPolyline(line);
    };
    // The reference wide and pale underneath, the other thin on top: where they agree the
    // thin line runs inside the wide one.
    p.setRenderHint(QPainter::Antialiasing);
    QColor ref(0x4f, 0xc3, 0xf7);
    ref.setAlpha(150);
    curve(ref_, false, ref, 4.0);
    curve(other_, true, QColor(0xff, 0x70, 0x43), 1.3);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(pal.color(QPalette::Text));
    const QString title =
        !aligned ? tr("as recorded")
                 : (byHand_ ? tr("set by hand (offset %1 ms, drift %2 ppm)")
                            : tr("after alignment (offset %1 ms, drift %2 ppm)"))
                       .arg(double(model_.offsetNs) * 1e-6, 0, 'f', 3)
                       .arg(model_.drift * 1e6, 0, 'f', 1);
    p.drawText(QRect(area.left() + 8, area.top(), area.width() - 16, 17), Qt::AlignVCenter, title);
    // The legend, where it fits beside the title.
    const int titleWidth = p.fontMetrics().horizontalAdvance(title) + 24;
    const int tw = p.fontMetrics().horizontalAdvance(refName_ + QStringLiteral("   ") + otherName_);
    QRect legend(area.right() - 8 - tw, area.top(), tw, 17);
    if (titleWidth + tw > area.width() - 16) {
        // No room beside the title: once, in the top right of the first plot, over the curves.
        if (aligned || tw + 8 > r.width())
            return;
        legend = QRect(r.right() - 4 - tw, r.top() + 2, tw, 17);
        p.fillRect(legend.adjusted(-3, 0, 3, 0), pal.color(QPalette::Base));
    }
    p.setPen(QColor(0x4f, 0xc3, 0xf7));
    p.drawText(legend, Qt::AlignVCenter | Qt::AlignLeft, refName_);
    p.setPen(QColor(0xff, 0x70, 0x43));
    p.drawText(legend, Qt::AlignVCenter | Qt::AlignRight, otherName_);
}

} // namespace ts::widgets
