// The main window of a project: the episode table (sort, filter, search) beside the selected
// episode's streams, with import and verification run in the background.
#pragma once

#include <QMainWindow>
#include <QMap>
#include <QPointer>

#include <filesystem>
#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QTreeWidget;

namespace ts::core {
class ProjectStore;
struct EpisodeDetail;
} // namespace ts::core

namespace ts::widgets {

class EpisodeTableModel;
class EpisodeWorkspace;
class FilmstripView;

class ProjectWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit ProjectWindow(QWidget* parent = nullptr);
    ~ProjectWindow() override;

    // Opens a project file (or a folder holding project.tsproj); false with a message box
    // (or, when quiet, only the status bar) if it cannot be opened.
    bool openProject(const QString& path);
    // Creates the demo project in `dir` on a worker thread if needed, then opens it.
    void openDemo(const QString& dir);
    QString projectFile() const;
    int episodeCount() const;
    // True while background work for the views (thumbnails, tasks) is still running.
    bool busy() const;
    // Opens (or raises) the workspace of an episode of the open project; nullptr without one.
    EpisodeWorkspace* openWorkspace(const QString& episodeId);
    // The id of the episode selected in the table (empty when none).
    QString selectedEpisode() const;
    // Episode → Synchronise Clocks: runs the sync engine on the selected episode in the
    // background and stores what it found, as `touchstone-cli sync` does; the table then shows
    // it. Refused while that episode's workspace is open (it holds the clocks as they were).
    void synchroniseSelected();
    // Episode → Synchronise All Not Aligned: the same for every episode the Sync column flags
    // (but those whose workspace is open, and the approved ones, whose clocks stay as their
    // reviewer saw them), one after the other in one background task; an
    // episode whose bundle cannot be read is named in the summary and the others go on.
    void synchroniseUnaligned();

signals:
    // Emitted whenever a project has been (re)loaded into the views.
    void projectLoaded();
    void loadFailed(const QString& error);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void buildUi();
    // The Task column takes the table's room the others leave, but never less than about 20
    // characters: a scroll bar rather than a task cut to a word or two.
    void fitTaskColumn();
    void reload();
    void showEpisode(const QString& id);
    void showFilmstrip(const core::EpisodeDetail& e);
    void chooseAndOpen();
    void chooseAndImport();
    void verifyProject();
    // Runs sync on `ids` one after the other in one background task and stores each; then the
    // table is read again and the status bar says what came of it (`open`: those left alone).
    // `one`: the selected episode alone, its streams' reasons in the message, and a bundle it
    // cannot read an error; else a summary, naming unreadable bundles while the others go on.
    // `note` is added to the closing message (what was left out before the task began).
    void synchronise(const QStringList& ids, const QStringList& open, bool one,
                     const QString& note = {});
    void runTask(const QString& label,
                 std::function<QString(const std::function<void(double)>&)> work,
                 std::function<void(const QString&)> onDone);
    void reportError(const QString& title, const QString& text);

    std::unique_ptr<core::ProjectStore> store_;
    EpisodeTableModel* model_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTableView* table_ = nullptr;
    QLineEdit* search_ = nullptr;
    QLabel* detailTitle_ = nullptr;
    FilmstripView* filmstrip_ = nullptr;
    QTreeWidget* streams_ = nullptr;
    QLabel* findingsTitle_ = nullptr;
    QTreeWidget* findings_ = nullptr;
    QLabel* projectLabel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    int running_ = 0;
    QMap<QString, QPointer<EpisodeWorkspace>> workspaces_;
};

} // namespace ts::widgets
