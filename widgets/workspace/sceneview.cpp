#include "workspace/sceneview.h"

#include "backgroundtask.h"
#include "model/handjoints.h"
#include "workspace/colormap.h"
#include "workspace/episodedata.h"
#include "workspace/geometry.h"
#include "workspace/handstyle.h"
#include "workspace/timecursor.h"
#include "workspace/vtkhost.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QThreadPool>
#include <QVBoxLayout>

#include <vtkActor.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkIdTypeArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <algorithm>

namespace ts::widgets {

namespace {

struct Builder {
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines, verts;
    vtkNew<vtkUnsignedCharArray> colours;
    Builder() { colours->SetNumberOfComponents(3); }
    vtkIdType add(const Vec3d& p, const QColor& c) {
        colours->InsertNextTuple3(c.red(), c.green(), c.blue());
        return points->InsertNextPoint(p.x(), p.y(), p.z());
    }
    void line(vtkIdType a, vtkIdType b) {
        const vtkIdType ids[2]{a, b};
        lines->InsertNextCell(2, ids);
    }
    void vert(vtkIdType a) { verts->InsertNextCell(1, &a); }
    void into(vtkPolyData* pd) {
        pd->SetPoints(points);
        pd->SetLines(lines);
        pd->SetVerts(verts);
        pd->GetPointData()->SetScalars(colours);
        pd->Modified();
    }
};

vtkSmartPointer<vtkActor> actorFor(vtkPolyData* pd, vtkRenderer* r) {
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(pd);
    mapper->SetScalarModeToUsePointData();
    mapper->SetColorModeToDirectScalars();
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetLighting(false);
    r->AddActor(actor);
    return actor;
}

} // namespace

SceneView::SceneView(TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), cursor_(cursor), host_(new VtkHost),
      follow_(new QCheckBox(tr("Follow camera"))), showMap_(new QCheckBox(tr("World map"))),
      mapStatus_(new QLabel) {
    cloudTimer_.setSingleShot(true);
    connect(&cloudTimer_, &QTimer::timeout, this, [this] {
        if (cloudPending_)
            updateCloud();
    });
    follow_->setObjectName(QStringLiteral("followCamera"));
    showMap_->setObjectName(QStringLiteral("showWorldMap"));
    showMap_->setChecked(true);
    showMap_->setToolTip(
        tr("The episode's fused point cloud (built once, then kept in the project)"));
    mapStatus_->setEnabled(false);
    auto* reset = new QPushButton(tr("Reset view"));
    auto* hint = new QLabel(tr("drag: orbit · Shift+drag: pan · wheel: zoom"));
    hint->setEnabled(false);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 6, 2);
    bar->addWidget(follow_);
    bar->addWidget(showMap_);
    bar->addWidget(mapStatus_);
    bar->addWidget(reset);
    bar->addStretch(1);
    bar->addWidget(hint);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(host_, 1);
    connect(follow_, &QCheckBox::toggled, this, &SceneView::setFollow);
    connect(reset, &QPushButton::clicked, this, &SceneView::resetView);
    connect(cursor_, &TimeCursor::timeChanged, this, &SceneView::updateDynamic);

    vtkRenderer* r = host_->renderer();
    r->SetBackground(0.07, 0.08, 0.10);
    r->SetBackground2(0.16, 0.18, 0.22);
    r->GradientBackgroundOn();
    for (auto* pd : {&trajectory_, &frustum_, &bones_, &joints_, &forces_, &cloud_, &map_})
        *pd = vtkSmartPointer<vtkPolyData>::New();
    mapActor_ = actorFor(map_, r);
    mapActor_->GetProperty()->SetPointSize(1.5);
    mapActor_->GetProperty()->SetOpacity(0.8);
    connect(showMap_, &QCheckBox::toggled, this, [this](bool on) {
        mapActor_->SetVisibility(on);
        render();
    });
    cloudActor_ = actorFor(cloud_, r);
    cloudActor_->GetProperty()->SetPointSize(2);
    trajectoryActor_ = actorFor(trajectory_, r);
    trajectoryActor_->GetProperty()->SetLineWidth(2);
    frustumActor_ = actorFor(frustum_, r);
    frustumActor_->GetProperty()->SetLineWidth(2);
    bonesActor_ = actorFor(bones_, r);
    bonesActor_->GetProperty()->SetLineWidth(4);
    bonesActor_->GetProperty()->SetRenderLinesAsTubes(true);
    jointsActor_ = actorFor(joints_, r);
    jointsActor_->GetProperty()->SetPointSize(9);
    jointsActor_->GetProperty()->SetRenderPointsAsSpheres(true);
    forcesActor_ = actorFor(forces_, r);
    forcesActor_->GetProperty()->SetPointSize(22);
    forcesActor_->GetProperty()->SetRenderPointsAsSpheres(true);
    forcesActor_->GetProperty()->SetOpacity(0.55);
}

SceneView::~SceneView() = default;

bool SceneView::following() const {
    return follow_->isChecked();
}

int SceneView::cloudPoints() const {
    return int(cloud_->GetNumberOfPoints());
}

int SceneView::handJoints() const {
    return int(joints_->GetNumberOfPoints());
}

int SceneView::trajectoryPoints() const {
    return int(trajectory_->GetNumberOfPoints());
}

void SceneView::setEpisode(std::shared_ptr<const EpisodeData> data) {
    data_ = std::move(data);
    ++cloudGeneration_; // a cloud of the previous episode on its way is dropped
    Builder b;
    if (data_) {
        // The trajectory, fading from blue (start) to white (end).
        const auto& pose = data_->pose;
        const size_t stride = std::max<size_t>(1, pose.size() / 4000);
        vtkIdType prev = -1;
        for (size_t i = 0; i < pose.size(); i += stride) {
            const double f = double(i) / std::max<size_t>(1, pose.size() - 1);
            const QColor c = QColor::fromRgbF(float(0.3 + 0.7 * f), float(0.5 + 0.5 * f), 1.0f);
            const vtkIdType id = b.add(toVec(pose[i].t), c);
            if (prev >= 0)
                b.line(prev, id);
            prev = id;
        }
    }
    b.into(trajectory_);
    resetView();
    updateDynamic();
}

void SceneView::setDepth(std::shared_ptr<const core::media::DepthFrame> depth) {
    depth_ = std::move(depth);
    updateCloud();
    render();
}

void SceneView::setVideoFrame(core::media::FramePtr frame) {
    frame_ = std::move(frame);
    updateCloud();
    render();
}

void SceneView::setCorrections(std::shared_ptr<const JointCorrections> corrections) {
    corrections_ = std::move(corrections);
    if (data_) {
        updateDynamic();
        render();
    }
}

void SceneView::setFollow(bool on) {
    if (follow_->isChecked() != on)
        follow_->setChecked(on);
    if (on)
        placeFollowCamera();
    render();
}

void SceneView::resetView() {
    vtkRenderer* r = host_->renderer();
    vtkCamera* cam = r->GetActiveCamera();
    // Look at the scene from behind and above the start of the trajectory, with the device's
    // "up" (−y in the camera convention) up on screen.
    if (data_ && !data_->pose.empty()) {
        const Rigid start = toRigid(data_->pose.front());
        const Vec3d centre = start.apply(Vec3d(0, 0.1, 0.7));
        const Vec3d eye = start.apply(Vec3d(0.35, -0.45, -0.45));
        const Vec3d up = start.q * Vec3d(0, -1, 0);
        cam->SetFocalPoint(centre.x(), centre.y(), centre.z());
        cam->SetPosition(eye.x(), eye.y(), eye.z());
        cam->SetViewUp(up.x(), up.y(), up.z());
    }
    r->ResetCameraClippingRange();
    render();
}

void SceneView::placeFollowCamera() {
    if (!data_)
        return;
    auto pose = data_->poseAt(cursor_->time());
    if (!pose)
        return;
    const Rigid w = toRigid(*pose);
    // Just behind and above the head, looking where the wearer looks.
    const Vec3d eye = w.apply(Vec3d(0, -0.15, -0.35));
    const Vec3d focus = w.apply(Vec3d(0, 0, 0.6));
    const Vec3d up = w.q * Vec3d(0, -1, 0);
    vtkCamera* cam = host_->renderer()->GetActiveCamera();
    cam->SetPosition(eye.x(), eye.y(), eye.z());
    cam->SetFocalPoint(focus.x(), focus.y(), focus.z());
    cam->SetViewUp(up.x(), up.y(), up.z());
    host_->renderer()->ResetCameraClippingRange();
}

void SceneView::updateDynamic() {
    Builder fr, bo, jo, fo;
    const qint64 t = cursor_->time();
    std::optional<core::PoseSample> pose = data_ ? data_->poseAt(t) : std::nullopt;
    if (data_ && pose) {
        const Rigid world = toRigid(*pose);
        // The RGB camera's frustum, 0.25 m deep.
        auto it = data_->calibration.cameras.find("rgb");
        if (it != data_->calibration.cameras.end()) {
            const Rigid cam = world * extrinsic(data_->calibration, "device_from_rgb");
            const auto& k = it->second;
            const double z = 0.25;
            const QColor c(0xff, 0xd5, 0x4f);
            cameraPos_ = cam.apply(Vec3d::Zero());
            const vtkIdType o = fr.add(cameraPos_, c);
            vtkIdType corner[4];
            const double us[4] = {0, double(k.width), double(k.width), 0};
            const double vs[4] = {0, 0, double(k.height), double(k.height)};
            for (int i = 0; i < 4; ++i) {
                corner[i] = fr.add(
                    cam.apply(Vec3d((us[i] - k.cx) / k.fx * z, (vs[i] - k.cy) / k.fy * z, z)), c);
                fr.line(o, corner[i]);
            }
            for (int i = 0; i < 4; ++i)
                fr.line(corner[i], corner[(i + 1) % 4]);
        }
        for (core::Hand h : {core::Hand::Left, core::Hand::Right}) {
            const HandPose* raw = data_->handAt(h, t);
            if (!raw)
                continue;
            const HandPose pose = correctedPose(*raw, corrections_.get());
            const HandPose* hp = &pose;
            std::array<vtkIdType, core::kHandJointCount> bid{}, jid{};
            std::array<Vec3d, core::kHandJointCount> wp;
            for (int j = 0; j < core::kHandJointCount; ++j) {
                wp[size_t(j)] = world.apply(toVec(hp->joints[size_t(j)]));
                const QColor c = fingerColour(fingerOfJoint(j));
                jid[size_t(j)] = jo.add(wp[size_t(j)], c);
                jo.vert(jid[size_t(j)]);
            }
            for (const auto& [a, b2] : core::kHandBones) {
                const QColor c = fingerColour(fingerOfJoint(b2));
                bid[size_t(a)] = bo.add(wp[size_t(a)], c);
                const vtkIdType e = bo.add(wp[size_t(b2)], c);
                bo.line(bid[size_t(a)], e);
            }
            for (int f = 0; f < 5; ++f) {
                auto force = data_->fingertipForce(h, f, t);
                if (!force || *force < 0.3)
                    continue;
                fo.vert(fo.add(wp[size_t(core::kFingertips[size_t(f)])], forceColour()));
            }
        }
    }
    fr.into(frustum_);
    bo.into(bones_);
    jo.into(joints_);
    fo.into(forces_);
    if (follow_->isChecked())
        placeFollowCamera();
    host_->renderer()->ResetCameraClippingRange();
    render();
}

namespace {

// The current frame's cloud: depth pixels back-projected into the world, coloured from the
// video frame where it sees them (else by depth). Pure; runs on a pool thread.
vtkSmartPointer<vtkPolyData> buildCloud(std::shared_ptr<const EpisodeData> data,
                                        std::shared_ptr<const core::media::DepthFrame> depth,
                                        core::media::FramePtr frame, qint64 cursorTime,
                                        bool light) {
    auto pd = vtkSmartPointer<vtkPolyData>::New();
    if (!data || !depth || !depth->valid())
        return pd;
    const auto& cams = data->calibration.cameras;
    auto dc = cams.find("depth");
    const qint64 t = data->depthTimes.empty()
                         ? cursorTime
                         : data->depthTimes[size_t(std::clamp<int64_t>(
                               depth->index, 0, int64_t(data->depthTimes.size()) - 1))];
    auto pose = data->poseAt(t);
    if (dc == cams.end() || !pose)
        return pd;
    const CameraProjector depthCam(dc->second, extrinsic(data->calibration, "device_from_depth"),
                                   depth->width, depth->height);
    std::optional<CameraProjector> rgbCam;
    auto rc = cams.find("rgb");
    if (frame && rc != cams.end())
        rgbCam.emplace(rc->second, extrinsic(data->calibration, "device_from_rgb"), frame->width,
                       frame->height);
    const Rigid world = toRigid(*pose);
    // Every second pixel both ways (every third for large frames): plenty at this size; one
    // more while playing (light).
    const int step = (depth->width * depth->height > 100'000 ? 3 : 2) + (light ? 1 : 0);
    vtkNew<vtkPoints> points;
    points->SetDataTypeToFloat();
    vtkNew<vtkUnsignedCharArray> colours;
    colours->SetNumberOfComponents(3);
    const vtkIdType most =
        vtkIdType(((depth->width + step - 1) / step) * ((depth->height + step - 1) / step));
    points->Allocate(most);
    colours->Allocate(most * 3);
    for (int y = 0; y < depth->height; y += step)
        for (int x = 0; x < depth->width; x += step) {
            const float z = depth->metres(x, y);
            if (z <= 0)
                continue;
            const Vec3d p = depthCam.backProject(x, y, z);
            QColor c = depthColour(z, 0.2, 2.5);
            if (rgbCam)
                if (auto uv = rgbCam->project(p)) {
                    const int u = int(uv->x()), v = int(uv->y());
                    if (u >= 0 && v >= 0 && u < frame->width && v < frame->height) {
                        const uint8_t* px = &frame->rgb[size_t(v * frame->width + u) * 3];
                        c = QColor(px[0], px[1], px[2]);
                    }
                }
            const Vec3d w = world.apply(p);
            points->InsertNextPoint(w.x(), w.y(), w.z());
            colours->InsertNextTuple3(c.red(), c.green(), c.blue());
        }
    // One vertex cell per point, built as plain offsets and connectivity.
    const vtkIdType n = points->GetNumberOfPoints();
    vtkNew<vtkIdTypeArray> offsets, connectivity;
    offsets->SetNumberOfValues(n + 1);
    connectivity->SetNumberOfValues(n);
    for (vtkIdType i = 0; i < n; ++i) {
        offsets->SetValue(i, i);
        connectivity->SetValue(i, i);
    }
    offsets->SetValue(n, n);
    vtkNew<vtkCellArray> verts;
    verts->SetData(offsets, connectivity);
    pd->SetPoints(points);
    pd->SetVerts(verts);
    pd->GetPointData()->SetScalars(colours);
    return pd;
}

} // namespace

void SceneView::setPlaying(bool playing) {
    if (playing == playing_)
        return;
    playing_ = playing;
    showMapLevel();
    if (!playing) { // the last frame's cloud, now and in full detail, and the frame as it is
        cloudTimer_.stop();
        updateCloud();
        host_->update();
    }
}

void SceneView::render() {
    // While playing, the 3D view draws at most kPlayingFps times a second (software OpenGL
    // takes a good part of a frame for it); the video keeps every frame. Still, at once.
    if (!playing_) {
        host_->update();
        sinceRender_.restart();
        return;
    }
    // Playing: a due render waits for the next cursor move (which calls this again) instead of
    // a timer of its own, so that it is painted and put on screen with that video frame in one
    // window update; a render between two frames would cost a second composition of the whole
    // window. The allowance of a 60 Hz period keeps the pace from slipping to every fourth
    // frame when renders fall on 30 fps frame times.
    if (sinceRender_.isValid() && sinceRender_.elapsed() < 1000 / kPlayingFps - 1000 / 60)
        return;
    host_->update();
    sinceRender_.restart();
}

bool SceneView::busy() const {
    return cloudRunning_ || cloudPending_;
}

void SceneView::updateCloud() {
    // Built on a pool thread, latest request only: while one is on its way, newer frames just
    // mark it stale, so a slow cloud never holds up the video or the cursor.
    if (cloudRunning_) {
        cloudPending_ = true;
        return;
    }
    // While playing, clouds come at the 3D view's own pace: building more than it shows would
    // take a core from the video decoder.
    if (playing_ && sinceCloud_.isValid() && sinceCloud_.elapsed() < 1000 / kPlayingFps) {
        cloudPending_ = true;
        if (!cloudTimer_.isActive())
            cloudTimer_.start(int(1000 / kPlayingFps - sinceCloud_.elapsed()));
        return;
    }
    sinceCloud_.restart();
    cloudPending_ = false;
    cloudRunning_ = true;
    QPointer<SceneView> self(this);
    const quint64 gen = cloudGeneration_;
    dedicatedPool(QStringLiteral("cloudPool"))
        ->start([self, gen, data = data_, depth = depth_, frame = frame_, t = cursor_->time(),
                 light = playing_] {
            vtkSmartPointer<vtkPolyData> pd = buildCloud(data, depth, frame, t, light);
            QMetaObject::invokeMethod(
                self.data(),
                [self, gen, pd] {
                    if (!self)
                        return;
                    self->cloudRunning_ = false;
                    if (gen == self->cloudGeneration_) {
                        self->cloud_->ShallowCopy(pd);
                        self->cloud_->Modified();
                        if (!self->playing_) // playing: drawn with the next frame's render
                            self->render();
                    }
                    if (self->cloudPending_ || gen != self->cloudGeneration_)
                        self->updateCloud();
                },
                Qt::QueuedConnection);
        });
}

int SceneView::mapPoints() const {
    return int(map_->GetNumberOfPoints());
}

void SceneView::setMapStatus(const QString& text) {
    mapStatus_->setText(text);
}

void SceneView::setWorldMap(std::shared_ptr<const core::recon::WorldMapSnapshot> map) {
    auto build = [&](size_t budget) {
        auto pd = vtkSmartPointer<vtkPolyData>::New();
        const core::recon::PointCloud* level = map ? map->forBudget(budget) : nullptr;
        Builder b;
        if (level) {
            const bool colour = level->hasColour();
            for (size_t i = 0; i < level->size(); ++i) {
                const auto& p = level->points[i];
                const QColor c = colour ? QColor(level->colours[i][0], level->colours[i][1],
                                                 level->colours[i][2])
                                        : QColor(0x90, 0xa4, 0xae);
                b.vert(b.add(Vec3d(p.x(), p.y(), p.z()), c));
            }
        }
        b.into(pd);
        return pd;
    };
    mapFull_ = build(kMapPointBudget);
    mapLight_ = build(kPlayingMapPointBudget);
    showMapLevel();
    mapStatus_->setText(!map         ? QString()
                        : map->final ? tr("%L1 points, %2 mm")
                                           .arg(mapFull_->GetNumberOfPoints())
                                           .arg(map->voxelM * 1000, 0, 'f', 0)
                                     : tr("building %1 %").arg(map->fraction * 100, 0, 'f', 0));
    host_->renderer()->ResetCameraClippingRange();
    render();
}

void SceneView::showMapLevel() {
    vtkPolyData* level = playing_ ? mapLight_.Get() : mapFull_.Get();
    if (!level)
        return;
    map_->ShallowCopy(level);
    map_->Modified();
}

} // namespace ts::widgets
