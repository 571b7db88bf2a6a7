// The 3D scene panel: the camera's trajectory (pose stream) and its frustum now, both hands'
// skeletons in the world frame (device-frame joints moved by the pose), fingertip force as
// magenta balls sized by the newtons, and the current depth frame back-projected with the
// calibration and coloured from the video frame (or by depth while none is shown). Orbit,
// pan and zoom with the mouse; follow-camera mode looks over the wearer's shoulder. The
// episode's world map (fused, at a point budget) fills in behind while it is built.
// GUI thread.
#pragma once

#include "media/depthframe.h"
#include "media/framecache.h"
#include "recon/worldmapbuilder.h"
#include "workspace/geometry.h"
#include "workspace/handoverlay.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <vtkSmartPointer.h>

#include <memory>

class QCheckBox;
class QLabel;
class vtkActor;
class vtkPolyData;

namespace ts::widgets {

struct EpisodeData;
class TimeCursor;
class VtkHost;

class SceneView : public QWidget {
    Q_OBJECT
public:
    explicit SceneView(TimeCursor* cursor, QWidget* parent = nullptr);
    ~SceneView() override;

    void setEpisode(std::shared_ptr<const EpisodeData> data);
    VtkHost* host() const { return host_; }
    bool following() const;
    // What is in the scene now, for tests.
    int cloudPoints() const;
    int handJoints() const;
    int trajectoryPoints() const;
    int mapPoints() const;
    // Points of the world map drawn at most (the finest level that fits).
    static constexpr size_t kMapPointBudget = 200'000;
    // While playing, the view draws a lighter level of detail (as VTK's own LOD actors do while
    // interacting): the map's level that fits in this, and the frame's cloud at a coarser
    // pixel step; stopping brings back the full detail.
    static constexpr size_t kPlayingMapPointBudget = kMapPointBudget / 4;
    // While playing, renders are paced to kPlayingFps; stopping renders the last state.
    void setPlaying(bool playing);
    static constexpr int kPlayingFps = 10;
    // True while the current frame's cloud is being built (on a pool thread).
    bool busy() const;
    // Where the RGB camera is now (world frame), as the frustum shows it.
    Vec3d cameraPosition() const { return cameraPos_; }

public slots:
    void setDepth(std::shared_ptr<const core::media::DepthFrame> depth);
    void setVideoFrame(core::media::FramePtr frame);
    void setFollow(bool on);
    void resetView();
    // The episode's fused world map (WorldMapSource), drawn dimmed behind the live cloud.
    void setWorldMap(std::shared_ptr<const core::recon::WorldMapSnapshot> map);
    void setMapStatus(const QString& text);
    // Corrected joints (annotation) drawn in place of the raw ones.
    void setCorrections(std::shared_ptr<const JointCorrections> corrections);

private:
    void updateDynamic();
    void updateCloud();
    void placeFollowCamera();

    TimeCursor* cursor_;
    VtkHost* host_;
    QCheckBox* follow_;
    QCheckBox* showMap_;
    QLabel* mapStatus_;
    std::shared_ptr<const EpisodeData> data_;
    std::shared_ptr<const core::media::DepthFrame> depth_;
    core::media::FramePtr frame_;
    std::shared_ptr<const JointCorrections> corrections_;
    Vec3d cameraPos_ = Vec3d::Zero();
    void render(); // asks the host for a frame, paced while playing
    bool playing_ = false;
    QTimer cloudTimer_;
    QElapsedTimer sinceRender_, sinceCloud_;
    bool cloudRunning_ = false, cloudPending_ = false;
    quint64 cloudGeneration_ = 0;
    vtkSmartPointer<vtkPolyData> trajectory_, frustum_, bones_, joints_, forces_, cloud_, map_;
    vtkSmartPointer<vtkPolyData> mapFull_, mapLight_; // map_ shows one of them
    void showMapLevel();
    vtkSmartPointer<vtkActor> trajectoryActor_, frustumActor_, bonesActor_, jointsActor_,
        forcesActor_, cloudActor_, mapActor_;
};

} // namespace ts::widgets
