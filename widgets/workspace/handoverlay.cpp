#include "workspace/handoverlay.h"

#include "model/handjoints.h"
#include "workspace/episodedata.h"
#include "workspace/handstyle.h"

#include <QPainterPath>
#include <QRadialGradient>

#include <algorithm>
#include <vector>

namespace ts::widgets {

void JointCorrections::set(core::Hand h, TimeNs rawNs, int joint, const core::Vec3& position) {
    if (joint < 0 || joint >= core::kHandJointCount)
        return;
    byHandSample_[{static_cast<int>(h), rawNs}][static_cast<size_t>(joint)] = position;
}

const JointCorrections::Joints* JointCorrections::at(core::Hand h, TimeNs rawNs) const {
    auto it = byHandSample_.find({static_cast<int>(h), rawNs});
    return it == byHandSample_.end() ? nullptr : &it->second;
}

HandPose correctedPose(const HandPose& raw, const JointCorrections* corrections,
                       std::array<bool, core::kHandJointCount>* corrected) {
    HandPose out = raw;
    if (corrected)
        corrected->fill(false);
    if (!corrections)
        return out;
    if (const auto* c = corrections->at(raw.hand, raw.rawNs))
        for (size_t j = 0; j < c->size(); ++j)
            if ((*c)[j]) {
                out.joints[j] = *(*c)[j];
                if (corrected)
                    (*corrected)[j] = true;
            }
    return out;
}

namespace {

// The force halo: the force colour fading from opaque at the centre to clear at the rim.
const QImage& haloSprite() {
    static const QImage sprite = [] {
        constexpr int kSize = 128;
        QImage img(kSize, kSize, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter q(&img);
        q.setRenderHint(QPainter::Antialiasing);
        const QPointF c(kSize / 2.0, kSize / 2.0);
        QRadialGradient g(c, kSize / 2.0);
        QColor col = forceColour();
        col.setAlpha(255);
        g.setColorAt(0.0, col);
        col.setAlpha(0);
        g.setColorAt(1.0, col);
        q.setPen(Qt::NoPen);
        q.setBrush(g);
        q.drawEllipse(c, kSize / 2.0, kSize / 2.0);
        return img;
    }();
    return sprite;
}

} // namespace

HandOverlayStats drawHands(QPainter& p, const EpisodeData& data, const CameraProjector& camera,
                           int64_t t, const HandOverlayOptions& o) {
    HandOverlayStats stats;
    const double s = 1.0 / std::max(o.scale, 1e-3); // frame pixels per screen pixel
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    for (core::Hand h : {core::Hand::Left, core::Hand::Right}) {
        const HandPose* raw = data.handAt(h, t);
        if (!raw)
            continue;
        std::array<bool, core::kHandJointCount> corrected{};
        HandPose pose = correctedPose(*raw, o.corrections, &corrected);
        if (o.dragged && o.dragged->hand == h && o.dragged->joint >= 0 &&
            o.dragged->joint < core::kHandJointCount) {
            pose.joints[static_cast<size_t>(o.dragged->joint)] = o.dragged->position;
            corrected[static_cast<size_t>(o.dragged->joint)] = true;
        }
        const HandPose* hp = &pose;
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
                // One pre-rendered gradient disc, scaled and faded per halo: a radial
                // gradient filled per pixel for every halo of every frame cost more than the
                // rest of the overlay.
                p.save();
                p.setOpacity(std::min(230.0, 90 + 30 * *force) / 255.0);
                p.setRenderHint(QPainter::SmoothPixmapTransform);
                p.drawImage(QRectF(tip->x() - r, tip->y() - r, 2 * r, 2 * r), haloSprite());
                p.restore();
                ++stats.halos;
            }
        }
        if (!o.skeleton)
            continue;
        // All outlines in one call, then each finger's bones in one call: a dark outline keeps
        // bones visible on bright and dark backgrounds alike, and batching the strokes by pen
        // costs a fraction of one pen change per line.
        std::array<std::vector<QLineF>, 5> byFinger;
        std::vector<QLineF> outlines;
        for (const auto& [a, b] : core::kHandBones) {
            const auto& pa = px[static_cast<size_t>(a)];
            const auto& pb = px[static_cast<size_t>(b)];
            if (!pa || !pb)
                continue;
            outlines.emplace_back(*pa, *pb);
            byFinger[static_cast<size_t>(std::clamp(fingerOfJoint(b), 0, 4))].emplace_back(*pa,
                                                                                           *pb);
        }
        p.setPen(QPen(QColor(0, 0, 0, alpha / 2), 4.5 * s, Qt::SolidLine, Qt::RoundCap));
        p.drawLines(outlines.data(), int(outlines.size()));
        for (int f = 0; f < 5; ++f) {
            QColor c = fingerColour(f);
            c.setAlpha(alpha);
            p.setPen(QPen(c, 2.5 * s, low ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap));
            const auto& lines = byFinger[static_cast<size_t>(f)];
            p.drawLines(lines.data(), int(lines.size()));
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
            if (corrected[static_cast<size_t>(j)]) {
                // A corrected joint wears a white ring: people see at once what was edited.
                p.setBrush(Qt::NoBrush);
                p.setPen(QPen(QColor(0, 0, 0, 200), 3.0 * s));
                p.drawEllipse(*pj, r + 3.0 * s, r + 3.0 * s);
                p.setPen(QPen(QColor(255, 255, 255, 240), 1.6 * s));
                p.drawEllipse(*pj, r + 3.0 * s, r + 3.0 * s);
                ++stats.corrected;
            }
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
