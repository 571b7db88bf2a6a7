#include "workspace/playbackicons.h"

#include <QPainter>
#include <QPixmap>

namespace ts::widgets {

QIcon playbackIcon(PlaybackIcon kind, const QColor& colour) {
    QIcon icon;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        const double s = size / 16.0;
        auto tri = [&](double x0, double x1, bool right) {
            QPolygonF t;
            if (right)
                t << QPointF(x0 * s, 3 * s) << QPointF(x1 * s, 8 * s) << QPointF(x0 * s, 13 * s);
            else
                t << QPointF(x1 * s, 3 * s) << QPointF(x0 * s, 8 * s) << QPointF(x1 * s, 13 * s);
            p.drawPolygon(t);
        };
        auto bar = [&](double x) { p.drawRect(QRectF(x * s, 3 * s, 2 * s, 10 * s)); };
        switch (kind) {
        case PlaybackIcon::ToStart:
            bar(2);
            tri(4, 13, false);
            break;
        case PlaybackIcon::StepBack:
            tri(1, 8, false);
            tri(8, 15, false);
            break;
        case PlaybackIcon::Play:
            tri(4, 13, true);
            break;
        case PlaybackIcon::Pause:
            bar(4);
            bar(10);
            break;
        case PlaybackIcon::StepForward:
            tri(1, 8, true);
            tri(8, 15, true);
            break;
        case PlaybackIcon::ToEnd:
            tri(3, 12, true);
            bar(12);
            break;
        }
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

} // namespace ts::widgets
