#include "workspace/handoverlay.h"

#include "model/handjoints.h"
#include "workspace/episodedata.h"
#include "workspace/handstyle.h"

#include <QPainterPath>
#include <QRadialGradient>

#include <algorithm>

namespace ts::widgets {

HandOverlayStats drawHands(QPainter& p, const EpisodeData& data, const CameraProjector& camera,
                           int64_t t, const HandOverlayOptions& o) {
    HandOverlayStats stats;
    const double s = 1.0 / std::max(o.scale, 1e-3); // frame pixels per screen pixel
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    for (core::Hand h : {core::Hand::Left, core::Hand::Right}) {
        const HandPose* hp = data.handAt(h, t);
        if (!hp)
            continue;
        std::array<std::optional<QPointF>, core::kHandJointCount> px;
        for (int j = 0; j < core::kHandJointCount; ++j)
            if (auto uv = camera.project(toVec(hp->joints[static_cast<size_t>(j)])))
                // Pixel centres are at integer coordinates in the calibration.
                px[static_cast<size_t>(j)] = QPointF(uv->x() + 0.5, uv->y() + 0.5);
        ++stats.hands;
        const double conf = std::clamp<double>(hp->confidence, 0.0, 1.0);
        const bool low = conf < 0.5;
        const int alpha = int(90 + 165 * conf);

        if (o.force) {
            for (int f = 0; f < 5; ++f) {
                auto force = data.fingertipForce(h, f, t);
                const auto& tip =
                    px[static_cast<size_t>(core::kFingertips[static_cast<size_t>(f)])];
                if (!force || !tip || *force < 0.3)
                    continue;
                const double r = (8.0 + 7.0 * std::min(*force, 8.0)) * s;
                QColor c = forceColour();
                QRadialGradient g(*tip, r);
                c.setAlpha(int(std::min(230.0, 90 + 30 * *force)));
                g.setColorAt(0.0, c);
                c.setAlpha(0);
                g.setColorAt(1.0, c);
                p.setPen(Qt::NoPen);
                p.setBrush(g);
                p.drawEllipse(*tip, r, r);
                ++stats.halos;
            }
        }
        if (!o.skeleton)
            continue;
        for (const auto& [a, b] : core::kHandBones) {
            const auto& pa = px[static_cast<size_t>(a)];
            const auto& pb = px[static_cast<size_t>(b)];
            if (!pa || !pb)
                continue;
            // A dark outline keeps bones visible on bright and dark backgrounds alike.
            p.setPen(QPen(QColor(0, 0, 0, alpha / 2), 4.5 * s, Qt::SolidLine, Qt::RoundCap));
            p.drawLine(*pa, *pb);
            QColor c = fingerColour(fingerOfJoint(b));
            c.setAlpha(alpha);
            p.setPen(QPen(c, 2.5 * s, low ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
            p.drawLine(*pa, *pb);
        }
        for (int j = 0; j < core::kHandJointCount; ++j) {
            const auto& pj = px[static_cast<size_t>(j)];
            if (!pj)
                continue;
            QColor c = fingerColour(fingerOfJoint(j));
            c.setAlpha(alpha);
            p.setPen(QPen(QColor(0, 0, 0, alpha), 1.0 * s));
            p.setBrush(c);
            const double r = (j == core::Wrist ? 4.5 : 3.2) * s;
            p.drawEllipse(*pj, r, r);
            ++stats.joints;
        }
        if (const auto& w = px[core::Wrist]) {
            const QString label =
                QStringLiteral("%1 %2")
                    .arg(h == core::Hand::Left ? QStringLiteral("L") : QStringLiteral("R"))
                    .arg(conf, 0, 'f', 2);
            QFont f = p.font();
            f.setPointSizeF(f.pointSizeF() * s);
            f.setBold(true);
            p.setFont(f);
            const QPointF at = *w + QPointF(8 * s, 14 * s);
            QPainterPath path;
            path.addText(at, f, label);
            p.setPen(QPen(QColor(0, 0, 0, 200), 3 * s));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
            p.fillPath(path, low ? QColor(0xff, 0xb3, 0x00) : QColor(Qt::white));
        }
    }
    p.restore();
    return stats;
}

} // namespace ts::widgets
