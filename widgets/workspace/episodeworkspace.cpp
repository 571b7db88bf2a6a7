#include "workspace/episodeworkspace.h"

#include "backgroundtask.h"
#include "theme.h"
#include "translation.h"
#include "workspace/depthsource.h"
#include "workspace/episodedata.h"
#include "workspace/helpoverlay.h"
#include "workspace/playback.h"
#include "workspace/playbackicons.h"
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

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>

namespace ts::widgets {

namespace {
constexpr int kLayoutVersion = 1;
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
    videoDock_ = dock(tr("Video"), QStringLiteral("videoDock"), video_);
    sceneDock_ = dock(tr("3D scene"), QStringLiteral("sceneDock"), scene_);
    signalsDock_ = dock(tr("Signals"), QStringLiteral("signalsDock"), signals_);
    timelineDock_ = dock(tr("Timeline"), QStringLiteral("timelineDock"), timeline_);
    syncDock_ = dock(tr("Sync"), QStringLiteral("syncDock"), sync_);
    connect(timeline_, &TimelineView::viewRangeChanged, signals_->view(),
            &SignalsView::setViewRange);
    connect(video_->canvas(), &VideoCanvas::frameShown, scene_, &SceneView::setVideoFrame);
    // The docks fill the window: there is no central widget to compete with them.
    setCentralWidget(nullptr);
}

void EpisodeWorkspace::defaultLayout() {
    // Video left, 3D scene over Sync on the right; Signals and Timeline across the bottom.
    addDockWidget(Qt::TopDockWidgetArea, videoDock_);
    splitDockWidget(videoDock_, sceneDock_, Qt::Horizontal);
    splitDockWidget(sceneDock_, syncDock_, Qt::Vertical);
    addDockWidget(Qt::BottomDockWidgetArea, signalsDock_);
    splitDockWidget(signalsDock_, timelineDock_, Qt::Vertical);
    for (auto* d : {videoDock_, sceneDock_, signalsDock_, timelineDock_, syncDock_}) {
        d->setFloating(false);
        d->show();
    }
    // Sizes for a 1400×900 window; Qt scales them to the real one.
    resizeDocks({videoDock_, sceneDock_}, {600, 800}, Qt::Horizontal);
    resizeDocks({sceneDock_, syncDock_}, {230, 170}, Qt::Vertical);
    resizeDocks({videoDock_, signalsDock_, timelineDock_}, {400, 260, 170}, Qt::Vertical);
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

    auto* playbackMenu = menuBar()->addMenu(tr("&Playback"));
    for (const ShortcutEntry& e : workspaceShortcuts()) {
        auto* a = new QAction(e.description, this);
        a->setShortcuts(e.keys);
        a->setShortcutContext(Qt::WindowShortcut);
        const WorkspaceCommand c = e.command;
        connect(a, &QAction::triggered, this, [this, c] { run(c); });
        addAction(a);
        playbackMenu->addAction(a);
    }
    auto* view = menuBar()->addMenu(tr("&View"));
    for (auto* d : {videoDock_, sceneDock_, signalsDock_, timelineDock_, syncDock_})
        view->addAction(d->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("Reset Layout"), this, [this] { defaultLayout(); });
    view->addSeparator();
    addThemeActions(view);
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
    }
}

void EpisodeWorkspace::load(const QString& projectFile, const QString& episodeId) {
    episodeId_ = episodeId;
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
    const qint64 first = data_->frameTimes.empty() ? data_->start : data_->frameTimes.front();
    cursor_->setTime(first);
    showTime(cursor_->time());
    emit episodeLoaded();
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

bool EpisodeWorkspace::busy() const {
    return loading_ || timeline_->busy() || (depth_ && !depth_->current());
}

} // namespace ts::widgets
