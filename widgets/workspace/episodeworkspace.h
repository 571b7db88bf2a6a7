// The episode workspace: one window per open episode in which every stream sits on one
// timeline. It composes the panels (Video, 3D scene, Signals, Timeline, Sync) as dockable,
// rearrangeable docks whose layout persists in QSettings, owns the one TimeCursor that drives
// them all and the playback clock, and binds the keyboard shortcuts (workspaceShortcuts()).
// For an episode of a project it also opens its annotations (AnnotationSession): the label,
// event and QC tracks under the timeline, the Inspector and the QC panel, undo and redo.
// The episode is read on a worker; the panels fill in when it arrives. GUI thread.
#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>

class QDockWidget;
class QLabel;
class QToolButton;
class QUndoStack;

namespace ts::widgets {

struct EpisodeData;
class AnnotationInspector;
class AnnotationSession;
class AnnotationView;
class DepthSource;
class HelpOverlay;
class Playback;
class SceneView;
class SignalsPanel;
class QcPanel;
class SyncPanel;
class TimeCursor;
class TimelineView;
class VideoPanel;
class WorldMapSource;
enum class WorkspaceCommand;

class EpisodeWorkspace : public QMainWindow {
    Q_OBJECT
public:
    explicit EpisodeWorkspace(QWidget* parent = nullptr);
    ~EpisodeWorkspace() override;

    // Reads the episode on a worker thread, then shows it (loadFailed on error).
    void load(const QString& projectFile, const QString& episodeId);
    // Shows an episode already read (tests, benches).
    void setEpisode(std::shared_ptr<const EpisodeData> data);
    std::shared_ptr<const EpisodeData> episode() const { return data_; }
    QString episodeId() const { return episodeId_; }

    TimeCursor* cursor() const { return cursor_; }
    Playback* playback() const { return playback_; }
    VideoPanel* videoPanel() const { return video_; }
    SceneView* sceneView() const { return scene_; }
    SignalsPanel* signalsPanel() const { return signals_; }
    TimelineView* timeline() const { return timeline_; }
    SyncPanel* syncPanel() const { return sync_; }
    HelpOverlay* helpOverlay() const { return help_; }
    AnnotationView* annotations() const { return annotations_; }
    AnnotationInspector* inspector() const { return inspector_; }
    QcPanel* qcPanel() const { return qc_; }
    // Null until an episode of a project is open (and when its annotations cannot be read).
    AnnotationSession* annotationSession() const { return session_; }
    // How a new label's text is asked for (a dialog with the tier's vocabulary by default;
    // tests answer it themselves). Returns the text, empty to cancel.
    void setLabelPrompt(
        std::function<QString(const QString& question, const QStringList& vocabulary)> f) {
        labelPrompt_ = std::move(f);
    }
    // True while the episode, the thumbnails, the first depth frame or the world map are on
    // their way.
    bool busy() const;
    void run(WorkspaceCommand c);

signals:
    void episodeLoaded();
    // The episode read again after a clock change (the cursor and the panels keep their place).
    void episodeReloaded();
    void loadFailed(const QString& error);
    void annotationsChanged(); // an edit, an undo or a review step was committed

protected:
    void closeEvent(QCloseEvent*) override;
    void changeEvent(QEvent*) override;

private:
    void buildDocks();
    void buildActions();
    QDockWidget* dock(const QString& title, const QString& name, QWidget* w);
    void defaultLayout();
    void restoreLayout();
    void saveLayout() const;
    void showTime(qint64 t);
    void openAnnotations();
    void openWorldMap();
    void present();    // data_ into every panel
    void reloadData(); // after a clock change: read the episode again, keep the time
    void applySnapTimes();
    void fitTimeLabel();
    void showAnnotations();
    void drawSpan(const QString& track, qint64 start, qint64 end);
    void interpolateKeypoints();
    void showCorrections(); // the session's keypoint corrections to the video and 3D views
    void addEventAtCursor(const QString& kind);
    QString currentTier() const;

    TimeCursor* cursor_;
    Playback* playback_;
    VideoPanel* video_ = nullptr;
    SceneView* scene_ = nullptr;
    SignalsPanel* signals_ = nullptr;
    TimelineView* timeline_ = nullptr;
    SyncPanel* sync_ = nullptr;
    HelpOverlay* help_ = nullptr;
    AnnotationView* annotations_ = nullptr;
    AnnotationInspector* inspector_ = nullptr;
    QcPanel* qc_ = nullptr;
    AnnotationSession* session_ = nullptr;
    QString projectFile_;
    std::function<QString(const QString&, const QStringList&)> labelPrompt_;
    QDockWidget *videoDock_ = nullptr, *sceneDock_ = nullptr, *signalsDock_ = nullptr,
                *timelineDock_ = nullptr, *syncDock_ = nullptr, *inspectorDock_ = nullptr,
                *qcDock_ = nullptr;
    QLabel* timeLabel_ = nullptr;
    QToolButton* playButton_ = nullptr;
    DepthSource* depth_ = nullptr;
    WorldMapSource* map_ = nullptr;
    std::shared_ptr<const EpisodeData> data_;
    QString episodeId_;
    bool loading_ = false;
};

} // namespace ts::widgets
