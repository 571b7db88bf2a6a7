#include "workspace/episodeworkspace.h"

#include "backgroundtask.h"
#include "cachesettings.h"
#include "theme.h"
#include "translation.h"
#include "util/error.h"
#include "workspace/annotationinspector.h"
#include "workspace/annotationsession.h"
#include "workspace/annotationview.h"
#include "workspace/depthsource.h"
#include "workspace/episodedata.h"
#include "workspace/helpoverlay.h"
#include "workspace/playback.h"
#include "workspace/playbackicons.h"
#include "workspace/qcpanel.h"
#include "workspace/sceneview.h"
#include "workspace/shortcuts.h"
#include "workspace/signalspanel.h"
#include "workspace/signalsview.h"
#include "workspace/syncpanel.h"
#include "workspace/timecursor.h"
#include "workspace/timeformat.h"
#include "workspace/timelineview.h"
#include "workspace/videocanvas.h"
#include "workspace/videopanel.h"
#include "workspace/vtkhost.h"
#include "workspace/worldmapsource.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace ts::widgets {

namespace {
constexpr int kLayoutVersion = 3; // 2: Inspector and QC docks; 3: Sync group beside Signals
}

EpisodeWorkspace::EpisodeWorkspace(QWidget* parent)
    : QMainWindow(parent), cursor_(new TimeCursor(this)), playback_(new Playback(cursor_, this)) {
    setObjectName(QStringLiteral("episodeWorkspace"));
    setAttribute(Qt::WA_DeleteOnClose, false);
    setDockNestingEnabled(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowNestedDocks |
                   QMainWindow::AllowTabbedDocks);
    resize(1400, 900);
    buildDocks();
    buildActions();
    help_ = new HelpOverlay(this);
    connect(cursor_, &TimeCursor::timeChanged, this, &EpisodeWorkspace::showTime);
    connect(playback_, &Playback::rateChanged, this, [this](double rate) {
        video_->canvas()->setPlaying(rate != 0);
        scene_->setPlaying(rate != 0);
        scene_->host()->setMaxFps(rate != 0 ? 4 : 0);
        playButton_->setIcon(playbackIcon(rate != 0 ? PlaybackIcon::Pause : PlaybackIcon::Play,
                                          palette().color(QPalette::ButtonText)));
        showTime(cursor_->time());
    });
    defaultLayout();
    restoreLayout();
}

EpisodeWorkspace::~EpisodeWorkspace() = default;

QDockWidget* EpisodeWorkspace::dock(const QString& title, const QString& name, QWidget* w) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name); // the key saveState() and restoreState() use
    d->setWidget(w);
    d->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                   QDockWidget::DockWidgetClosable);
    return d;
}

void EpisodeWorkspace::buildDocks() {
    video_ = new VideoPanel(cursor_);
    scene_ = new SceneView(cursor_);
    signals_ = new SignalsPanel(cursor_);
    timeline_ = new TimelineView(cursor_);
    sync_ = new SyncPanel(cursor_);
    connect(sync_, &SyncPanel::clockEdited, this,
            [this](const QString& stream, const core::ClockModel& m) {
                if (session_)
                    session_->setClockModel(stream, m);
                else
                    statusBar()->showMessage(
                        tr("Open the episode from a project to change its clocks."), 10000);
            });
    videoDock_ = dock(tr("Video"), QStringLiteral("videoDock"), video_);
    sceneDock_ = dock(tr("3D scene"), QStringLiteral("sceneDock"), scene_);
    signalsDock_ = dock(tr("Signals"), QStringLiteral("signalsDock"), signals_);
    annotations_ = new AnnotationView(cursor_, timeline_);
    annotations_->setObjectName(QStringLiteral("annotationView"));
    auto* timelineBox = new QWidget;
    auto* tl = new QVBoxLayout(timelineBox);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->setSpacing(0);
    tl->addWidget(timeline_, 1);
    tl->addWidget(annotations_);
    annotations_->hide(); // until an episode of a project is open
    // Scrolls rather than forcing the window taller than a 720p screen.
    auto* timelineScroll = new QScrollArea;
    timelineScroll->setWidget(timelineBox);
    timelineScroll->setWidgetResizable(true);
    timelineScroll->setFrameShape(QFrame::NoFrame);
    timelineScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    timelineScroll->setMinimumHeight(120);
    timelineDock_ = dock(tr("Timeline"), QStringLiteral("timelineDock"), timelineScroll);
    // The tabbed panels scroll when short, so that a 720p window keeps room for the video.
    auto scrolling = [](QWidget* w) {
        auto* a = new QScrollArea;
        a->setWidget(w);
        a->setWidgetResizable(true);
        a->setFrameShape(QFrame::NoFrame);
        a->setMinimumHeight(110);
        return a;
    };
    syncDock_ = dock(tr("Sync"), QStringLiteral("syncDock"), scrolling(sync_));
    inspector_ = new AnnotationInspector(cursor_);
    qc_ = new QcPanel(cursor_);
    inspectorDock_ = dock(tr("Inspector"), QStringLiteral("inspectorDock"), scrolling(inspector_));
    qcDock_ = dock(tr("QC"), QStringLiteral("qcDock"), scrolling(qc_));
    connect(annotations_, &AnnotationView::selectionChanged, inspector_,
            &AnnotationInspector::inspect);
    connect(annotations_, &AnnotationView::itemActivated, this,
            [this](AnnotationItem::Kind kind, qint64 id) {
                inspector_->inspect(kind, id);
                inspectorDock_->show();
                inspectorDock_->raise();
                if (kind == AnnotationItem::Kind::Label)
                    inspector_->labelText()->setFocus();
            });
    connect(annotations_, &AnnotationView::spanDrawn, this, &EpisodeWorkspace::drawSpan);
    connect(annotations_, &AnnotationView::itemMoved, this,
            [this](AnnotationItem::Kind kind, qint64 id, qint64 start, qint64 end) {
                if (!session_)
                    return;
                namespace ann = core::annotation;
                if (kind == AnnotationItem::Kind::Label) {
                    if (auto l = session_->findLabel(id))
                        session_->updateLabel(id, QString::fromStdString(l->tier), start, end,
                                              QString::fromStdString(l->text), ann::Snap::None);
                } else if (kind == AnnotationItem::Kind::Event && id > 0) {
                    if (auto e = session_->findEvent(id)) {
                        ann::EventSpec spec = e->spec;
                        spec.startNs = start;
                        if (spec.endNs)
                            spec.endNs = end;
                        session_->updateEvent(id, spec, ann::Snap::None);
                    }
                }
            });
    connect(timeline_, &TimelineView::viewRangeChanged, signals_->view(),
            &SignalsView::setViewRange);
    connect(video_->canvas(), &VideoCanvas::frameShown, scene_, &SceneView::setVideoFrame);
    connect(video_->canvas(), &VideoCanvas::keypointMoved, this,
            [this](core::Hand h, int joint, qint64 rawNs, core::Vec3 position) {
                if (session_)
                    session_->correctKeypoint(h, joint, rawNs, position);
            });
    connect(video_->canvas(), &VideoCanvas::keypointRestoreRequested, this,
            [this](core::Hand h, int joint, qint64 rawNs) {
                if (session_)
                    session_->restoreKeypoint(h, joint, rawNs);
            });
    // The docks fill the window: there is no central widget to compete with them.
    setCentralWidget(nullptr);
}

void EpisodeWorkspace::defaultLayout() {
    // Video and the 3D scene side by side at full height on top; Signals beside the tabbed
    // Sync / QC / Inspector panels below them; the Timeline across the bottom. The tall panels
    // get the height, so the layout stays readable down to 1280×720.
    addDockWidget(Qt::TopDockWidgetArea, videoDock_);
    splitDockWidget(videoDock_, sceneDock_, Qt::Horizontal);
    addDockWidget(Qt::BottomDockWidgetArea, signalsDock_);
    splitDockWidget(signalsDock_, timelineDock_, Qt::Vertical);
    splitDockWidget(signalsDock_, syncDock_, Qt::Horizontal);
    tabifyDockWidget(syncDock_, qcDock_);
    tabifyDockWidget(qcDock_, inspectorDock_);
    syncDock_->raise();
    for (auto* d : {videoDock_, sceneDock_, signalsDock_, timelineDock_, syncDock_, qcDock_,
                    inspectorDock_}) {
        d->setFloating(false);
        d->show();
    }
    // Sizes for a 1400×900 window; Qt scales them to the real one.
    resizeDocks({videoDock_, sceneDock_}, {640, 760}, Qt::Horizontal);
    resizeDocks({signalsDock_, syncDock_}, {720, 680}, Qt::Horizontal);
    resizeDocks({videoDock_, signalsDock_, timelineDock_}, {440, 220, 200}, Qt::Vertical);
}

void EpisodeWorkspace::restoreLayout() {
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("workspace/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("workspace/state")).toByteArray(), kLayoutVersion);
}

void EpisodeWorkspace::saveLayout() const {
    QSettings s;
    s.setValue(QStringLiteral("workspace/geometry"), saveGeometry());
    s.setValue(QStringLiteral("workspace/state"), saveState(kLayoutVersion));
}

void EpisodeWorkspace::changeEvent(QEvent* e) {
    // A theme switch: redraw the transport icons in the new text colour.
    if (e->type() == QEvent::PaletteChange)
        for (auto* b : findChildren<QToolButton*>())
            if (b->property("playbackIcon").isValid()) {
                auto kind = PlaybackIcon(b->property("playbackIcon").toInt());
                if (b == playButton_ && playback_->playing())
                    kind = PlaybackIcon::Pause;
                b->setIcon(playbackIcon(kind, palette().color(QPalette::ButtonText)));
            }
    QMainWindow::changeEvent(e);
}

void EpisodeWorkspace::closeEvent(QCloseEvent* e) {
    playback_->stop();
    saveLayout();
    e->accept();
}

void EpisodeWorkspace::buildActions() {
    auto* bar = addToolBar(tr("Playback"));
    bar->setObjectName(QStringLiteral("playbackBar"));
    bar->setMovable(false);
    bar->setIconSize(QSize(18, 18));
    auto button = [&](PlaybackIcon icon, const QString& tip, WorkspaceCommand c) {
        auto* b = new QToolButton;
        b->setIcon(playbackIcon(icon, palette().color(QPalette::ButtonText)));
        b->setProperty("playbackIcon", int(icon));
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, [this, c] { run(c); });
        bar->addWidget(b);
        return b;
    };
    button(PlaybackIcon::ToStart, tr("Start (Home)"), WorkspaceCommand::ToStart);
    button(PlaybackIcon::StepBack, tr("One frame back (←)"), WorkspaceCommand::FrameBack);
    playButton_ =
        button(PlaybackIcon::Play, tr("Play / pause (Space)"), WorkspaceCommand::PlayPause);
    playButton_->setObjectName(QStringLiteral("playButton"));
    button(PlaybackIcon::StepForward, tr("One frame forward (→)"), WorkspaceCommand::FrameForward);
    button(PlaybackIcon::ToEnd, tr("End (End)"), WorkspaceCommand::ToEnd);
    bar->addSeparator();
    timeLabel_ = new QLabel;
    timeLabel_->setObjectName(QStringLiteral("timeLabel"));
    timeLabel_->setMinimumWidth(300);
    QFont mono = timeLabel_->font();
    mono.setFamily(QStringLiteral("DejaVu Sans Mono"));
    timeLabel_->setFont(mono);
    fitTimeLabel();
    bar->addWidget(timeLabel_);
    bar->addSeparator();
    auto textButton = [&](const QString& text, const QString& tip, WorkspaceCommand c) {
        auto* b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, [this, c] { run(c); });
        bar->addWidget(b);
        return b;
    };
    textButton(tr("Zoom −"), tr("Zoom the timeline out (−)"), WorkspaceCommand::ZoomOut);
    textButton(tr("Fit"), tr("Show the whole episode (0)"), WorkspaceCommand::ZoomFit);
    textButton(tr("Zoom +"), tr("Zoom the timeline in (+)"), WorkspaceCommand::ZoomIn);
    auto* spacer = new QWidget;
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    textButton(tr("Shortcuts (F1)"), tr("Keyboard shortcuts (F1 or ?)"), WorkspaceCommand::Help);

    auto* editMenu = menuBar()->addMenu(tr("&Edit"));
    auto* playbackMenu = menuBar()->addMenu(tr("&Playback"));
    auto* annotateMenu = menuBar()->addMenu(tr("&Annotate"));
    for (const ShortcutEntry& e : workspaceShortcuts()) {
        auto* a = new QAction(e.description, this);
        a->setShortcuts(e.keys);
        a->setShortcutContext(Qt::WindowShortcut);
        const WorkspaceCommand c = e.command;
        connect(a, &QAction::triggered, this, [this, c] { run(c); });
        addAction(a);
        if (c == WorkspaceCommand::Undo || c == WorkspaceCommand::Redo)
            editMenu->addAction(a);
        else
            (isAnnotationCommand(c) ? annotateMenu : playbackMenu)->addAction(a);
    }
    auto* view = menuBar()->addMenu(tr("&View"));
    for (auto* d :
         {videoDock_, sceneDock_, signalsDock_, timelineDock_, syncDock_, qcDock_, inspectorDock_})
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("Reset Layout"), this, [this] { defaultLayout(); });
    view->addSeparator();
    addThemeActions(view);
    addCacheActions(view, this);
    view->addSeparator();
    addLanguageActions(view);
}

void EpisodeWorkspace::run(WorkspaceCommand c) {
    using C = WorkspaceCommand;
    switch (c) {
    case C::PlayPause:
        playback_->togglePlay();
        break;
    case C::ShuttleBack:
        playback_->shuttleBackward();
        break;
    case C::ShuttleStop:
        playback_->stop();
        break;
    case C::ShuttleForward:
        playback_->shuttleForward();
        break;
    case C::FrameBack:
        playback_->stop();
        cursor_->stepFrames(-1);
        break;
    case C::FrameForward:
        playback_->stop();
        cursor_->stepFrames(1);
        break;
    case C::SecondBack:
        cursor_->stepTime(-core::kNsPerSecond);
        break;
    case C::SecondForward:
        cursor_->stepTime(core::kNsPerSecond);
        break;
    case C::ToStart:
        cursor_->toStart();
        break;
    case C::ToEnd:
        playback_->stop();
        cursor_->toEnd();
        break;
    case C::ZoomIn:
        timeline_->zoomIn();
        break;
    case C::ZoomOut:
        timeline_->zoomOut();
        break;
    case C::ZoomFit:
        timeline_->zoomToFit();
        break;
    case C::FollowCamera:
        scene_->setFollow(!scene_->following());
        break;
    case C::Help:
        help_->toggle();
        break;
    case C::MarkIn:
        annotations_->setMarks(cursor_->time(), annotations_->markOut() >= cursor_->time()
                                                    ? annotations_->markOut()
                                                    : -1);
        break;
    case C::MarkOut:
        annotations_->setMarks(annotations_->markIn() <= cursor_->time() ? annotations_->markIn()
                                                                         : -1,
                               cursor_->time());
        break;
    case C::LabelFromMarks:
        if (annotations_->markIn() >= 0 && annotations_->markOut() > annotations_->markIn())
            drawSpan(currentTier(), annotations_->markIn(), annotations_->markOut());
        else
            statusBar()->showMessage(tr("Set a mark in (I) and a mark out (O) first."), 5000);
        break;
    case C::AddSlip:
        addEventAtCursor(QStringLiteral("slip"));
        break;
    case C::AddRegrasp:
        addEventAtCursor(QStringLiteral("regrasp"));
        break;
    case C::AddRecovery:
        addEventAtCursor(QStringLiteral("recovery"));
        break;
    case C::DeleteSelected:
        inspector_->remove();
        break;
    case C::InterpolateKeypoints:
        interpolateKeypoints();
        break;
    case C::Undo:
        if (session_)
            session_->undoStack()->undo();
        break;
    case C::Redo:
        if (session_)
            session_->undoStack()->redo();
        break;
    }
}

void EpisodeWorkspace::load(const QString& projectFile, const QString& episodeId) {
    episodeId_ = episodeId;
    projectFile_ = projectFile;
    setWindowTitle(tr("%1 — Touchstone").arg(episodeId));
    loading_ = true;
    statusBar()->showMessage(tr("Reading %1…").arg(episodeId));
    auto result = std::make_shared<std::shared_ptr<const EpisodeData>>();
    auto* task = BackgroundTask::start(
        this, [projectFile, episodeId, result](const std::function<void(double)>&) {
            *result = loadEpisodeData(projectFile.toStdString(), episodeId.toStdString());
            return QString();
        });
    connect(task, &BackgroundTask::finished, this, [this, result] {
        loading_ = false;
        setEpisode(*result);
    });
    connect(task, &BackgroundTask::failed, this, [this](const QString& error) {
        loading_ = false;
        statusBar()->showMessage(tr("Cannot open the episode: %1").arg(error));
        emit loadFailed(error);
    });
}

void EpisodeWorkspace::setEpisode(std::shared_ptr<const EpisodeData> data) {
    playback_->stop();
    data_ = std::move(data);
    if (!data_)
        return;
    present();
    const qint64 first = data_->frameTimes.empty() ? data_->start : data_->frameTimes.front();
    cursor_->setTime(first);
    showTime(cursor_->time());
    openAnnotations();
    openWorldMap();
    emit episodeLoaded();
}

void EpisodeWorkspace::reloadData() {
    if (projectFile_.isEmpty() || episodeId_.isEmpty())
        return;
    statusBar()->showMessage(tr("Clock changed: reading %1 again…").arg(episodeId_));
    loading_ = true; // busy() until the panels show it
    auto result = std::make_shared<std::shared_ptr<const EpisodeData>>();
    const QString projectFile = projectFile_, episodeId = episodeId_;
    auto* task = BackgroundTask::start(
        this, [projectFile, episodeId, result](const std::function<void(double)>&) {
            *result = loadEpisodeData(projectFile.toStdString(), episodeId.toStdString());
            return QString();
        });
    connect(task, &BackgroundTask::finished, this, [this, result] {
        loading_ = false;
        if (!*result)
            return;
        const qint64 t = cursor_->time();
        const QString selected = sync_->selectedStream();
        playback_->stop();
        data_ = *result;
        present();
        cursor_->setTime(t);
        showTime(cursor_->time());
        sync_->selectStream(selected);
        showAnnotations();
        emit episodeReloaded();
    });
    connect(task, &BackgroundTask::failed, this, [this](const QString& error) {
        loading_ = false;
        statusBar()->showMessage(tr("Cannot read the episode again: %1").arg(error));
    });
}

void EpisodeWorkspace::present() {
    episodeId_ = QString::fromStdString(data_->id);
    setWindowTitle(tr("%1 — %2 — Touchstone").arg(episodeId_, QString::fromStdString(data_->task)));
    cursor_->setFrameTimes(data_->frameTimes);
    cursor_->setRange(data_->start, data_->end);
    delete depth_;
    depth_ = nullptr;
    if (!data_->depthStream.empty() && data_->bundle) {
        depth_ = new DepthSource(data_->bundle, data_->depthStream, this);
        connect(depth_, &DepthSource::ready, scene_, &SceneView::setDepth);
        connect(depth_, &DepthSource::failed, this,
                [this](const QString& m) { statusBar()->showMessage(m, 10000); });
    }
    video_->setEpisode(data_, depth_);
    scene_->setEpisode(data_);
    signals_->setEpisode(data_);
    timeline_->setEpisode(data_);
    sync_->setEpisode(data_);
    statusBar()->showMessage(tr("%1 · participant %2 · %3 streams")
                                 .arg(episodeId_, QString::fromStdString(data_->participant))
                                 .arg(data_->coverage.size()));
    fitTimeLabel();
}

void EpisodeWorkspace::showTime(qint64 t) {
    if (depth_ && data_ && !data_->depthTimes.empty()) {
        const auto& dt = data_->depthTimes;
        auto it = std::upper_bound(dt.begin(), dt.end(), t);
        depth_->request(it == dt.begin() ? 0 : (it - dt.begin()) - 1);
    }
    QString text =
        QStringLiteral("%1 / %2").arg(formatTimelineTime(t - cursor_->start()),
                                      formatTimelineTime(cursor_->end() - cursor_->start()));
    if (!cursor_->frameTimes().empty())
        text += tr("  ·  frame %1").arg(cursor_->frame());
    if (playback_->playing())
        text += QStringLiteral("  ·  ▶ %1×").arg(playback_->rate());
    timeLabel_->setText(text);
}

void EpisodeWorkspace::fitTimeLabel() {
    // Wide enough for the longest text this episode can show, and fixed: a label that grows
    // and shrinks with its text re-lays out the whole main window on every frame of playback.
    const QString duration = formatTimelineTime(data_ ? data_->end - data_->start : 0);
    const qint64 frames = data_ ? qint64(data_->frameTimes.size()) : 0;
    QString widest = duration + QStringLiteral(" / ") + duration +
                     tr("  ·  frame %1").arg(std::max<qint64>(frames, 99999)) +
                     QStringLiteral("  ·  ▶ −8×");
    widest.replace(QRegularExpression(QStringLiteral("\\d")), QStringLiteral("0"));
    const QFontMetrics fm(timeLabel_->font());
    timeLabel_->setFixedSize(std::max(300, fm.horizontalAdvance(widest) + 8),
                             timeLabel_->sizeHint().height());
}

void EpisodeWorkspace::openWorldMap() {
    delete map_;
    map_ = nullptr;
    scene_->setWorldMap(nullptr);
    if (projectFile_.isEmpty() || !data_ || !data_->bundle || data_->depthStream.empty())
        return;
    map_ = new WorldMapSource(projectFile_, episodeId_, data_->bundle, this);
    connect(map_, &WorldMapSource::snapshot, scene_, &SceneView::setWorldMap);
    connect(map_, &WorldMapSource::failed, this, [this](const QString& m) {
        scene_->setMapStatus(tr("no map"));
        statusBar()->showMessage(tr("World map: %1").arg(m), 15000);
    });
    map_->start();
}

bool EpisodeWorkspace::busy() const {
    return loading_ || timeline_->busy() || !video_->canvas()->prerolled() ||
           (depth_ && !depth_->current()) || (map_ && map_->busy()) || scene_->busy();
}

} // namespace ts::widgets
