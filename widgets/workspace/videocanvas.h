// The video panel's picture: the exact frame at the time cursor (from a FrameServer, with the
// nearest cached frame as a preview while it decodes), the hands reprojected with the
// calibration, fingertip force halos and an optional depth overlay. GUI thread.
#pragma once

#include "media/depthframe.h"
#include "media/framecache.h"
#include "workspace/handoverlay.h"

#include <QImage>
#include <QWidget>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

namespace ts::core::media {
class FrameServer;
}

namespace ts::widgets {

struct EpisodeData;
class TimeCursor;

class VideoCanvas : public QWidget {
    Q_OBJECT
public:
    explicit VideoCanvas(TimeCursor* cursor, QWidget* parent = nullptr);
    ~VideoCanvas() override;

    // Opens the episode's video on a frame server (errors are shown in the panel).
    void setEpisode(std::shared_ptr<const EpisodeData> data);
    void setOverlay(const HandOverlayOptions& o);
    void setDepthOverlay(bool on);
    bool depthOverlay() const { return depthOn_; }
    void setDepth(std::shared_ptr<const core::media::DepthFrame> depth);
    void setPlaying(bool playing);
    // Corrected joints drawn in place of the raw ones (ringed); null shows the raw stream.
    void setCorrections(std::shared_ptr<const JointCorrections> corrections);
    // Whether joints can be dragged (an annotation session is open). Dragging a joint moves it
    // in the image at its own depth and emits keypointMoved() once, on release.
    void setKeypointEditing(bool on);
    bool keypointEditing() const { return editing_; }

    // Where a joint of the hand shown now is drawn, in widget coordinates (for tests).
    std::optional<QPointF> jointOnScreen(core::Hand h, int joint) const;
    bool dragging() const { return drag_.has_value(); }

    // The frame shown and whether it is the one the cursor asks for (not a preview).
    int64_t shownFrame() const;
    bool showingExact() const;
    int64_t wantedFrame() const { return wanted_; }
    QString error() const { return error_; }
    const HandOverlayStats& lastOverlay() const { return stats_; }
    // How the last paint drew, for tests: the decoder's display-sized copy as it is, and the
    // hands from a picture drawn ahead (both only while playing).
    struct PaintPath {
        bool preview = false, handsAhead = false;
    };
    PaintPath lastPaintPath() const { return paintPath_; }
    // Frames the cursor asked for during playback, and how many of them were on screen
    // before the cursor moved on (the rest were dropped to keep real time).
    int64_t playbackAsked() const { return asked_; }
    int64_t playbackShown() const { return shownOnTime_; }
    void resetPlaybackCounters() { asked_ = shownOnTime_ = 0; }
    // The frames after the cursor are decoded (playing can start without chasing the clock).
    bool prerolled() const;
    // Bytes of decoded frames kept at most (the video frame memory setting); 0 without video.
    size_t frameCacheBudget() const;

    QSize sizeHint() const override { return {640, 480}; }
    QSize minimumSizeHint() const override { return {200, 150}; }

signals:
    // A new exact frame is on screen (for the 3D view's colours).
    void frameShown(core::media::FramePtr frame);
    // A joint was dragged to `position` (device frame, metres) in the hand sample at rawNs.
    void keypointMoved(core::Hand hand, int joint, qint64 rawNs, core::Vec3 position);
    // The person asked for a corrected joint's original position back.
    void keypointRestoreRequested(core::Hand hand, int joint, qint64 rawNs);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    // While playing, the decoder makes display-sized copies of the frames it decodes ahead.
    void askForPreviews();
    // While playing, the hands of the next frames are drawn ahead on a worker into pictures
    // of the target's size, so that painting a frame is two blits (Qt's raster engine spreads
    // large antialiased fills over the global thread pool and waits for it: on the GUI thread
    // that wait competed with the decoder for the cores).
    struct Overlay {
        QImage image; // premultiplied ARGB at the target's device pixels
        HandOverlayStats stats;
        const HandPose* left = nullptr; // the samples it shows (checked against the cursor's)
        const HandPose* right = nullptr;
    };
    void drawOverlaysAhead(int64_t frame);
    const Overlay* readyOverlay(const QRectF& target) const;
    void dropOverlays(); // options, corrections, size or episode changed
    void follow(qint64 t);
    void show(core::media::FramePtr f, bool exact);
    void rebuildDepthImage();
    QRectF target() const;
    // The projector for the frame on screen and the frame-pixel → widget scale.
    std::optional<CameraProjector> projector() const;
    struct JointHit {
        core::Hand hand;
        int joint;
        qint64 rawNs;
        QPointF at; // widget coordinates
        bool corrected;
    };
    std::optional<JointHit> jointNear(const QPointF& pos) const;
    std::optional<JointHit> hitFor(core::Hand h, int joint) const;
    QPointF toWidget(const Eigen::Vector2d& framePx) const;

    TimeCursor* cursor_;
    std::shared_ptr<const EpisodeData> data_;
    std::unique_ptr<core::media::FrameServer> server_;
    core::media::FramePtr frame_;
    QImage image_;
    QImage scaled_;  // image_ at its size on screen
    QImage preview_; // frame_'s preview, when it has one (drawn as it is while playing)
    std::map<int64_t, Overlay> overlays_; // by frame index, for overlayGeneration_
    std::set<int64_t> overlaysDrawing_;
    quint64 overlayGeneration_ = 0;
    QSize overlaySize_; // device pixels of the target they were drawn for
    std::tuple<int64_t, QSize, bool> scaledFor_{-1, QSize(), false};
    int64_t wanted_ = -1;
    bool playing_ = false;
    bool wantedCounted_ = true;
    int64_t asked_ = 0, shownOnTime_ = 0;
    HandOverlayOptions overlay_;
    HandOverlayStats stats_;
    PaintPath paintPath_;
    bool depthOn_ = false;
    std::shared_ptr<const core::media::DepthFrame> depth_;
    QImage depthImage_;
    QString error_;
    quint64 generation_ = 0;
    std::shared_ptr<const JointCorrections> corrections_;
    bool editing_ = false;
    struct Drag {
        JointHit hit;
        double depth = 0; // camera-frame z of the joint, kept while dragging
        core::Vec3 position{};
        bool moved = false;
    };
    std::optional<Drag> drag_;
};

} // namespace ts::widgets
