#include "workspace/videocanvas.h"

#include "backgroundtask.h"
#include "cachesettings.h"
#include "media/frameserver.h"
#include "util/error.h"
#include "workspace/colormap.h"
#include "workspace/episodedata.h"
#include "workspace/timecursor.h"

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPointer>
#include <QThreadPool>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ts::widgets {

VideoCanvas::VideoCanvas(TimeCursor* cursor, QWidget* parent) : QWidget(parent), cursor_(cursor) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(cursor_, &TimeCursor::timeChanged, this, &VideoCanvas::follow);
}

VideoCanvas::~VideoCanvas() = default; // the server's destructor joins its decode thread

void VideoCanvas::setEpisode(std::shared_ptr<const EpisodeData> data) {
    data_ = std::move(data);
    server_.reset();
    frame_.reset();
    image_ = QImage();
    preview_ = QImage();
    dropOverlays();
    wanted_ = -1;
    error_.clear();
    ++generation_;
    if (data_ && !data_->videoFile.empty()) {
        try {
            core::media::FrameServerOptions o;
            o.cacheBudgetBytes = size_t(videoFramesMb()) << 20; // View → Video Frame Memory
            o.cachedIndex = data_->videoIndex.get();
            server_ = std::make_unique<core::media::FrameServer>(data_->videoFile, o);
            QPointer<VideoCanvas> self(this);
            const quint64 gen = generation_;
            // Deliveries run on the decode thread: queue them to ours.
            server_->setDelivery([self, gen](core::media::FramePtr f, bool exact) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, gen, f, exact] {
                        if (self && self->generation_ == gen)
                            self->show(f, exact);
                    },
                    Qt::QueuedConnection);
            });
            server_->setErrorHandler([self, gen](int64_t index, const std::string& e) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, gen, index, m = QString::fromStdString(e)] {
                        if (self && self->generation_ == gen) {
                            self->error_ = tr("Frame %1: %2").arg(index).arg(m);
                            self->update();
                        }
                    },
                    Qt::QueuedConnection);
            });
            // Frames after the cursor are decoded ahead whether playing or not: playback then
            // starts from a full buffer instead of chasing the clock from the first frame.
            server_->setDecodeAhead(true);
            askForPreviews();
        } catch (const core::Error& e) {
            error_ = QString::fromUtf8(e.what());
        }
    } else if (data_) {
        error_ = tr("This episode has no video.");
    }
    follow(cursor_->time());
    update();
}

void VideoCanvas::setOverlay(const HandOverlayOptions& o) {
    overlay_ = o;
    dropOverlays();
    update();
}

void VideoCanvas::setDepthOverlay(bool on) {
    depthOn_ = on;
    rebuildDepthImage();
    update();
}

void VideoCanvas::setDepth(std::shared_ptr<const core::media::DepthFrame> depth) {
    depth_ = std::move(depth);
    if (depthOn_) {
        rebuildDepthImage();
        update();
    }
}

void VideoCanvas::setCorrections(std::shared_ptr<const JointCorrections> corrections) {
    corrections_ = std::move(corrections);
    dropOverlays();
    update();
}

void VideoCanvas::setKeypointEditing(bool on) {
    editing_ = on;
    setMouseTracking(on); // the hand cursor over a joint says it can be dragged
    if (!on) {
        drag_.reset();
        unsetCursor();
    }
    update();
}

void VideoCanvas::setPlaying(bool playing) {
    playing_ = playing;
    if (playing && drag_) { // a moving frame cannot take a correction
        drag_.reset();
        unsetCursor();
    }
    if (playing)
        drawOverlaysAhead(wanted_);
    else
        dropOverlays(); // still frames draw their hands as they are (and can be edited)
}

void VideoCanvas::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    askForPreviews();
}

void VideoCanvas::askForPreviews() {
    if (!server_)
        return;
    // Fitting the widget's device pixels gives the target's size whatever the frame's aspect.
    // Asked for when still too, so that the frames decoded ahead are ready to play; a still
    // frame is drawn scaled smoothly from the full frame.
    const qreal dpr = devicePixelRatioF();
    server_->setPreviewSize(int(std::ceil(width() * dpr)), int(std::ceil(height() * dpr)));
}

size_t VideoCanvas::frameCacheBudget() const {
    return server_ ? server_->cache().budget() : 0;
}

bool VideoCanvas::prerolled() const {
    return !server_ || server_->aheadIdle();
}

namespace {

constexpr int kOverlaysAhead = 2;

} // namespace

void VideoCanvas::dropOverlays() {
    ++overlayGeneration_;
    overlays_.clear();
    overlaysDrawing_.clear();
}

void VideoCanvas::drawOverlaysAhead(int64_t frame) {
    if (!playing_ || !data_ || frame < 0)
        return;
    auto it = data_->calibration.cameras.find("rgb");
    if (it == data_->calibration.cameras.end())
        return;
    const QRectF r = target();
    const qreal dpr = devicePixelRatioF();
    const QSize size(int(std::lround(r.width() * dpr)), int(std::lround(r.height() * dpr)));
    if (size.isEmpty())
        return;
    if (size != overlaySize_) {
        dropOverlays();
        overlaySize_ = size;
    }
    overlays_.erase(overlays_.begin(), overlays_.lower_bound(frame)); // played
    const auto& times = cursor_->frameTimes();
    const int fw = image_.isNull() ? it->second.width : image_.width();
    const int fh = image_.isNull() ? it->second.height : image_.height();
    if (fw <= 0 || fh <= 0)
        return;
    const CameraProjector cam(it->second, extrinsic(data_->calibration, "device_from_rgb"), fw, fh);
    const double s = r.width() / fw;
    for (int64_t k = frame + 1; k <= frame + kOverlaysAhead && k < int64_t(times.size()); ++k) {
        if (overlays_.count(k) || overlaysDrawing_.count(k))
            continue;
        overlaysDrawing_.insert(k);
        HandOverlayOptions o = overlay_;
        o.scale = s;
        o.dragged.reset();
        QPointer<VideoCanvas> self(this);
        // The hands at the frame's own time: the cursor reaches frame k at that time (the
        // playback clock wakes for it), and the picture is checked against the cursor's hand
        // samples before it is used.
        dedicatedPool(QStringLiteral("overlayPool"))
            ->start([self, gen = overlayGeneration_, k, t = times[size_t(k)], data = data_,
                     corrections = corrections_, cam, o, size, dpr, s, fw, fh]() mutable {
                o.corrections = corrections.get();
                Overlay out;
                out.image = QImage(size, QImage::Format_ARGB32_Premultiplied);
                out.image.fill(Qt::transparent);
                out.image.setDevicePixelRatio(dpr);
                {
                    QPainter q(&out.image);
                    q.scale(s, s);
                    q.setClipRect(QRectF(0, 0, fw, fh));
                    out.stats = drawHands(q, *data, cam, t, o);
                }
                out.left = data->handAt(core::Hand::Left, t);
                out.right = data->handAt(core::Hand::Right, t);
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, gen, k, out = std::move(out)]() mutable {
                        if (!self || gen != self->overlayGeneration_)
                            return;
                        self->overlaysDrawing_.erase(k);
                        if (self->playing_)
                            self->overlays_[k] = std::move(out);
                    },
                    Qt::QueuedConnection);
            });
    }
}

const VideoCanvas::Overlay* VideoCanvas::readyOverlay(const QRectF& target) const {
    if (!playing_ || drag_ || !data_ || overlays_.empty())
        return nullptr;
    const qreal dpr = devicePixelRatioF();
    const QSize size(int(std::lround(target.width() * dpr)),
                     int(std::lround(target.height() * dpr)));
    auto it = overlays_.find(cursor_->frameAt(cursor_->time()));
    if (it == overlays_.end() || size != overlaySize_)
        return nullptr;
    const qint64 t = cursor_->time();
    if (data_->handAt(core::Hand::Left, t) != it->second.left ||
        data_->handAt(core::Hand::Right, t) != it->second.right)
        return nullptr; // a hand sample changed between the frame's time and the cursor's
    return &it->second;
}

int64_t VideoCanvas::shownFrame() const {
    return frame_ ? frame_->index : -1;
}

bool VideoCanvas::showingExact() const {
    return frame_ && frame_->index == wanted_;
}

void VideoCanvas::follow(qint64 t) {
    if (!server_) {
        update(); // the hands still move
        return;
    }
    const int64_t n = std::min<int64_t>(cursor_->frameAt(t), server_->frameCount() - 1);
    if (n == wanted_) {
        update();
        return;
    }
    if (playing_) {
        ++asked_;
        wantedCounted_ = false;
        drawOverlaysAhead(n);
    }
    wanted_ = n;
    if (auto f = server_->request(n))
        show(f, f->index == n);
    update();
}

void VideoCanvas::show(core::media::FramePtr f, bool exact) {
    if (!f)
        return;
    // A late exact frame of an older request must not replace a newer one on screen.
    if (frame_ && frame_->index == wanted_ && f->index != wanted_)
        return;
    (void)exact;
    frame_ = std::move(f);
    scaledFor_ = {};
    image_ = QImage(frame_->rgb.data(), frame_->width, frame_->height, frame_->width * 3,
                    QImage::Format_RGB888);
    preview_ = frame_->preview.empty()
                   ? QImage()
                   : QImage(frame_->preview.data(), frame_->previewWidth, frame_->previewHeight,
                            frame_->previewWidth * 4, QImage::Format_RGB32);
    if (frame_->index == wanted_) {
        if (playing_ && !wantedCounted_) {
            ++shownOnTime_;
            wantedCounted_ = true;
        }
        emit frameShown(frame_);
    }
    update();
}

QRectF VideoCanvas::target() const {
    int w = image_.isNull() ? 0 : image_.width(), h = image_.isNull() ? 0 : image_.height();
    if ((w == 0 || h == 0) && data_) {
        auto it = data_->calibration.cameras.find("rgb");
        if (it != data_->calibration.cameras.end()) {
            w = it->second.width;
            h = it->second.height;
        }
    }
    if (w <= 0 || h <= 0)
        return rect();
    const double s = std::min(double(width()) / w, double(height()) / h);
    const QSizeF size(w * s, h * s);
    return QRectF(QPointF((width() - size.width()) / 2, (height() - size.height()) / 2), size);
}

std::optional<CameraProjector> VideoCanvas::projector() const {
    if (!data_)
        return std::nullopt;
    auto it = data_->calibration.cameras.find("rgb");
    if (it == data_->calibration.cameras.end())
        return std::nullopt;
    const int fw = image_.isNull() ? it->second.width : image_.width();
    const int fh = image_.isNull() ? it->second.height : image_.height();
    return CameraProjector(it->second, extrinsic(data_->calibration, "device_from_rgb"), fw, fh);
}

QPointF VideoCanvas::toWidget(const Eigen::Vector2d& framePx) const {
    const QRectF r = target();
    const auto it = data_->calibration.cameras.find("rgb");
    const int fw = image_.isNull() ? it->second.width : image_.width();
    const double s = fw > 0 ? r.width() / fw : 1.0;
    // As drawn: pixel centres at integer coordinates, half a pixel in.
    return r.topLeft() + QPointF((framePx.x() + 0.5) * s, (framePx.y() + 0.5) * s);
}

std::optional<VideoCanvas::JointHit> VideoCanvas::hitFor(core::Hand h, int joint) const {
    if (!data_ || joint < 0 || joint >= core::kHandJointCount)
        return std::nullopt;
    const auto cam = projector();
    const HandPose* raw = data_->handAt(h, cursor_->time());
    if (!cam || !raw)
        return std::nullopt;
    std::array<bool, core::kHandJointCount> corrected{};
    const HandPose pose = correctedPose(*raw, corrections_.get(), &corrected);
    const auto uv = cam->project(toVec(pose.joints[static_cast<size_t>(joint)]));
    if (!uv)
        return std::nullopt;
    return JointHit{h, joint, raw->rawNs, toWidget(*uv), corrected[static_cast<size_t>(joint)]};
}

std::optional<QPointF> VideoCanvas::jointOnScreen(core::Hand h, int joint) const {
    if (auto hit = hitFor(h, joint))
        return hit->at;
    return std::nullopt;
}

std::optional<VideoCanvas::JointHit> VideoCanvas::jointNear(const QPointF& pos) const {
    // The nearest joint within a finger's width on screen; fingertips win ties over the
    // joints behind them, so the tip a person aims at is the one that moves.
    constexpr double kReach = 9.0;
    std::optional<JointHit> best;
    double bestD = kReach * kReach;
    for (core::Hand h : {core::Hand::Left, core::Hand::Right})
        for (int j = core::kHandJointCount - 1; j >= 0; --j)
            if (auto hit = hitFor(h, j)) {
                const QPointF d = hit->at - pos;
                const double d2 = d.x() * d.x() + d.y() * d.y();
                if (d2 < bestD) {
                    bestD = d2;
                    best = hit;
                }
            }
    return best;
}

void VideoCanvas::mousePressEvent(QMouseEvent* e) {
    if (!editing_ || playing_ || e->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(e);
        return;
    }
    const auto hit = jointNear(e->position());
    const auto cam = projector();
    const HandPose* raw = hit ? data_->handAt(hit->hand, cursor_->time()) : nullptr;
    if (!hit || !cam || !raw) {
        QWidget::mousePressEvent(e);
        return;
    }
    const HandPose pose = correctedPose(*raw, corrections_.get());
    const core::Vec3 at = pose.joints[static_cast<size_t>(hit->joint)];
    drag_ = Drag{*hit, cam->depth(toVec(at)), at, false};
    setCursor(Qt::ClosedHandCursor);
    setFocus(Qt::MouseFocusReason);
    e->accept();
    update();
}

void VideoCanvas::mouseMoveEvent(QMouseEvent* e) {
    if (!drag_) {
        if (editing_ && !playing_)
            setCursor(jointNear(e->position()) ? Qt::OpenHandCursor : Qt::ArrowCursor);
        QWidget::mouseMoveEvent(e);
        return;
    }
    const auto cam = projector();
    if (!cam)
        return;
    // The widget point back to frame pixels, then to the joint's own depth: the joint moves
    // in the image plane, which is all a single view can say.
    const QRectF r = target();
    const auto it = data_->calibration.cameras.find("rgb");
    const int fw = image_.isNull() ? it->second.width : image_.width();
    const double s = fw > 0 ? r.width() / fw : 1.0;
    const QPointF f = (e->position() - r.topLeft()) / s - QPointF(0.5, 0.5);
    const Vec3d p = cam->unproject(f.x(), f.y(), drag_->depth);
    drag_->position = {p.x(), p.y(), p.z()};
    drag_->moved = true;
    e->accept();
    update();
}

void VideoCanvas::mouseReleaseEvent(QMouseEvent* e) {
    if (!drag_ || e->button() != Qt::LeftButton) {
        QWidget::mouseReleaseEvent(e);
        return;
    }
    const Drag d = *drag_;
    drag_.reset();
    setCursor(Qt::OpenHandCursor);
    e->accept();
    update();
    if (d.moved) // one edit per drag, however many moves it took
        emit keypointMoved(d.hit.hand, d.hit.joint, d.hit.rawNs, d.position);
}

void VideoCanvas::keyPressEvent(QKeyEvent* e) {
    if (drag_ && e->key() == Qt::Key_Escape) { // put it back; nothing is stored
        drag_.reset();
        unsetCursor();
        update();
        e->accept();
        return;
    }
    QWidget::keyPressEvent(e);
}

void VideoCanvas::contextMenuEvent(QContextMenuEvent* e) {
    const auto hit = editing_ && !playing_ ? jointNear(e->pos()) : std::nullopt;
    if (!hit || !hit->corrected) {
        QWidget::contextMenuEvent(e);
        return;
    }
    QMenu menu(this);
    QAction* restore = menu.addAction(tr("Restore the Recorded Position"));
    if (menu.exec(e->globalPos()) == restore)
        emit keypointRestoreRequested(hit->hand, hit->joint, hit->rawNs);
}

void VideoCanvas::rebuildDepthImage() {
    depthImage_ = QImage();
    if (!depthOn_ || !depth_ || !depth_->valid() || !data_)
        return;
    const auto& cams = data_->calibration.cameras;
    auto dc = cams.find("depth");
    auto rc = cams.find("rgb");
    if (dc == cams.end() || rc == cams.end())
        return;
    // Every depth pixel goes to 3D and into the RGB image, so the overlay is right whatever
    // the two cameras' intrinsics and extrinsics are.
    const CameraProjector depthCam(dc->second, extrinsic(data_->calibration, "device_from_depth"),
                                   depth_->width, depth_->height);
    const int w = rc->second.width / 2, h = rc->second.height / 2;
    const CameraProjector rgbCam(rc->second, extrinsic(data_->calibration, "device_from_rgb"), w,
                                 h);
    QImage img(w, h, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::transparent);
    // The ramp spans this frame's own depths (2nd to 98th percentile), so a scene at arm's
    // length still shows its relief.
    std::vector<float> valid;
    for (int y = 0; y < depth_->height; y += 4)
        for (int x = 0; x < depth_->width; x += 4)
            if (const float z = depth_->metres(x, y); z > 0)
                valid.push_back(z);
    if (valid.empty())
        return;
    std::sort(valid.begin(), valid.end());
    const double nearZ = valid[valid.size() * 2 / 100], farZ = valid[valid.size() * 98 / 100];
    for (int y = 0; y < depth_->height; ++y)
        for (int x = 0; x < depth_->width; ++x) {
            const float z = depth_->metres(x, y);
            if (z <= 0)
                continue;
            auto uv = rgbCam.project(depthCam.backProject(x, y, z));
            if (!uv)
                continue;
            const int u = int(uv->x()), v = int(uv->y());
            if (u < 0 || v < 0 || u >= w || v >= h)
                continue;
            QColor c = depthColour(z, nearZ, std::max(farZ, nearZ + 0.05));
            c.setAlpha(150);
            img.setPixel(u, v, qPremultiply(c.rgba()));
        }
    depthImage_ = img;
}

void VideoCanvas::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor(0x16, 0x18, 0x1c));
    const QRectF r = target();
    paintPath_ = {};
    if (!image_.isNull()) {
        const qreal dpr = devicePixelRatioF();
        if (playing_ && !preview_.isNull()) {
            // The decoder made this frame's copy at the size it takes on screen: a plain copy of
            // 32-bit pixels, no conversion or scaling on this thread. (A video smaller than the
            // view comes at its own size and is scaled up here, still without a conversion.)
            if (std::abs(preview_.width() - r.width() * dpr) <= 1 &&
                std::abs(preview_.height() - r.height() * dpr) <= 1) {
                preview_.setDevicePixelRatio(dpr);
                p.drawImage(r.topLeft(), preview_);
            } else {
                preview_.setDevicePixelRatio(1);
                p.drawImage(r, preview_);
            }
            paintPath_.preview = true;
        } else if (playing_) {
            // A frame decoded without a preview: each frame is drawn once, straight
            // from the decoded image into the target (nearest pixel), with no scaled copy to
            // allocate, convert and throw away (half the time of scaling first).
            p.drawImage(r, image_);
        } else {
            // Still: scale smoothly once per frame and size, not on every repaint.
            const QSize size = r.size().toSize();
            if (scaledFor_ != std::make_tuple(frame_ ? frame_->index : -1, size, playing_)) {
                scaled_ = image_.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                              .convertToFormat(QImage::Format_RGB32);
                scaledFor_ = std::make_tuple(frame_ ? frame_->index : -1, size, playing_);
            }
            p.drawImage(r.topLeft(), scaled_);
        }
    }
    if (!depthImage_.isNull())
        p.drawImage(r, depthImage_);
    if (const Overlay* ready = readyOverlay(r)) {
        // Drawn ahead on the overlay worker for this frame: one blend of a picture.
        p.drawImage(r.topLeft(), ready->image);
        stats_ = ready->stats;
        paintPath_.handsAhead = true;
    } else if (data_) {
        auto it = data_->calibration.cameras.find("rgb");
        if (it != data_->calibration.cameras.end()) {
            const int fw = image_.isNull() ? it->second.width : image_.width();
            const int fh = image_.isNull() ? it->second.height : image_.height();
            const CameraProjector cam(it->second, extrinsic(data_->calibration, "device_from_rgb"),
                                      fw, fh);
            p.save();
            p.translate(r.topLeft());
            const double s = fw > 0 ? r.width() / fw : 1.0;
            p.scale(s, s);
            p.setClipRect(QRectF(0, 0, fw, fh));
            HandOverlayOptions o = overlay_;
            o.scale = s;
            o.corrections = corrections_.get();
            if (drag_ && drag_->moved)
                o.dragged = DraggedJoint{drag_->hit.hand, drag_->hit.joint, drag_->position};
            stats_ = drawHands(p, *data_, cam, cursor_->time(), o);
            p.restore();
        }
    }
    // Frame number, and whether this is still a preview on the way to the exact frame.
    p.setPen(Qt::white);
    QString caption;
    if (frame_)
        caption = showingExact() ? tr("frame %1").arg(frame_->index)
                                 : tr("frame %1 (decoding %2…)").arg(frame_->index).arg(wanted_);
    if (frame_ && frame_->damaged)
        caption += tr(" · damaged, concealed");
    if (drag_)
        caption = tr("Moving a joint: release to store it, Esc to cancel");
    if (!caption.isEmpty()) {
        const QRectF box(r.left() + 6, r.bottom() - 24,
                         p.fontMetrics().horizontalAdvance(caption) + 12, 20);
        p.fillRect(box, QColor(0, 0, 0, 150));
        p.drawText(box, Qt::AlignCenter, caption);
    }
    if (!error_.isEmpty()) {
        p.setPen(QColor(0xff, 0x8a, 0x80));
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, error_);
    } else if (!data_) {
        p.setPen(QColor(0xb0, 0xb0, 0xb0));
        p.drawText(rect(), Qt::AlignCenter, tr("Loading…"));
    }
}

} // namespace ts::widgets
