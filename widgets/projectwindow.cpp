#include "projectwindow.h"

#include "aboutdialog.h"

#include "backgroundtask.h"
#include "cachesettings.h"
#include "episodetablemodel.h"
#include "exportdialog.h"
#include "filmstripview.h"
#include "participantsdialog.h"
#include "theme.h"
#include "translation.h"
#include "wording.h"
#include "workspace/episodeworkspace.h"

#include "annotation/qcchecks.h"
#include "annotation/workflow.h"
#include "media/indexcache.h"
#include "project/captureimport.h"
#include "project/demoproject.h"
#include "project/projectpath.h"
#include "project/syncstore.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <set>

namespace ts::widgets {

namespace fs = std::filesystem;

ProjectWindow::ProjectWindow(QWidget* parent) : QMainWindow(parent) {
    buildUi();
    setWindowTitle(tr("Touchstone"));
    resize(1280, 760);
}

ProjectWindow::~ProjectWindow() {
    for (auto& w : workspaces_)
        delete w.data(); // their views hold no reference to this window; the store closes after
}

void ProjectWindow::buildUi() {
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Project…"), QKeySequence::Open, this, &ProjectWindow::chooseAndOpen);
    file->addAction(tr("&Import Episode or Capture…"), QKeySequence(tr("Ctrl+I")), this,
                    &ProjectWindow::chooseAndImport);
    file->addAction(tr("&Export Dataset…"), this, [this] {
        if (!store_) {
            reportError(tr("Export"), tr("Open or create a project first."));
            return;
        }
        ExportDialog d(projectFile(), QString::fromStdString(core::defaultUserName()), this);
        d.exec();
        reload(); // the export is recorded in the project
    });
    file->addAction(tr("&Verify Project"), this, &ProjectWindow::verifyProject);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    auto* project = menuBar()->addMenu(tr("&Project"));
    project->addAction(tr("&Participants and Consent…"), this, [this] {
        if (!store_) {
            reportError(tr("Participants"), tr("Open or create a project first."));
            return;
        }
        try {
            ParticipantsDialog d(projectFile(), QString::fromStdString(core::defaultUserName()),
                                 this);
            d.exec();
        } catch (const core::Error& e) {
            reportError(tr("Participants"), QString::fromUtf8(e.what()));
        }
        reload(); // consent and withdrawal change what may be approved and exported
    });
    auto* episode = menuBar()->addMenu(tr("&Episode"));
    episode->addAction(tr("&Open Workspace"), QKeySequence(tr("Ctrl+Return")), this, [this] {
        if (!selectedEpisode().isEmpty())
            openWorkspace(selectedEpisode());
    });
    episode->addAction(tr("&Synchronise Clocks"), this, &ProjectWindow::synchroniseSelected);
    episode->addAction(tr("Synchronise &All Not Aligned"), this,
                       &ProjectWindow::synchroniseUnaligned);
    auto* view = menuBar()->addMenu(tr("&View"));
    addThemeActions(view);
    addCacheActions(view, this);
    view->addSeparator();
    addLanguageActions(view);
    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Touchstone"), this, [this] { AboutDialog(this).exec(); });
    help->addAction(tr("&Copy Diagnostics"), this, [this] {
        QGuiApplication::clipboard()->setText(diagnosticsText());
        statusBar()->showMessage(tr("Diagnostics copied to the clipboard."), 4000);
    });

    model_ = new EpisodeTableModel(this);
    proxy_ = new QSortFilterProxyModel(this);
    proxy_->setSourceModel(model_);
    proxy_->setSortRole(EpisodeTableModel::SortRole);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    search_ = new QLineEdit;
    search_->setPlaceholderText(tr("Search episodes, tasks, participants…"));
    search_->setClearButtonEnabled(true);
    connect(search_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);

    table_ = new QTableView;
    table_->setModel(proxy_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(EpisodeTableModel::Id, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideRight);
    table_->horizontalHeader()->setStretchLastSection(false);
    table_->horizontalHeader()->setSectionResizeMode(EpisodeTableModel::Task,
                                                     QHeaderView::Interactive);
    table_->viewport()->installEventFilter(this); // fitTaskColumn as the table resizes
    table_->horizontalHeader()->setSectionResizeMode(EpisodeTableModel::Imported,
                                                     QHeaderView::ResizeToContents);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const auto* e = model_->episodeAt(proxy_->mapToSource(current).row());
                showEpisode(e ? QString::fromStdString(e->id) : QString());
            });
    // Double-click or Enter opens the episode's workspace.
    connect(table_, &QTableView::activated, this, [this](const QModelIndex& index) {
        if (const auto* e = model_->episodeAt(proxy_->mapToSource(index).row()))
            openWorkspace(QString::fromStdString(e->id));
    });

    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(6, 6, 3, 6);
    leftLayout->addWidget(search_);
    leftLayout->addWidget(table_);

    detailTitle_ = new QLabel(tr("Select an episode to see its streams."));
    detailTitle_->setWordWrap(true);
    detailTitle_->setTextFormat(Qt::RichText);
    streams_ = new QTreeWidget;
    streams_->setObjectName(QStringLiteral("streams"));
    streams_->setRootIsDecorated(false);
    streams_->setAlternatingRowColors(true);
    streams_->setHeaderLabels({tr("Stream"), tr("Kind"), tr("Samples"), tr("Rate (Hz)"),
                               tr("Span (s)"), tr("Gaps"), tr("Clock")});
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(3, 6, 6, 6);
    rightLayout->addWidget(detailTitle_);
    filmstrip_ = new FilmstripView;
    filmstrip_->setObjectName(QStringLiteral("filmstrip"));
    rightLayout->addWidget(filmstrip_);
    rightLayout->addWidget(streams_, 3);
    findingsTitle_ = new QLabel;
    findings_ = new QTreeWidget;
    findings_->setObjectName(QStringLiteral("findings"));
    findings_->setRootIsDecorated(false);
    findings_->setHeaderLabels({tr("Where"), tr("Finding")});
    rightLayout->addWidget(findingsTitle_);
    rightLayout->addWidget(findings_, 2);

    auto* split = new QSplitter;
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({720, 540});
    setCentralWidget(split);

    projectLabel_ = new QLabel(tr("No project open"));
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(260);
    progress_->setVisible(false);
    statusBar()->addWidget(projectLabel_, 1);
    statusBar()->addPermanentWidget(progress_);
}

QString ProjectWindow::projectFile() const {
    return store_ ? QString::fromStdString(store_->file().string()) : QString();
}

int ProjectWindow::episodeCount() const {
    return model_->rowCount();
}

bool ProjectWindow::busy() const {
    return running_ > 0 || filmstrip_->busy();
}

QString ProjectWindow::selectedEpisode() const {
    const auto* e = model_->episodeAt(proxy_->mapToSource(table_->currentIndex()).row());
    return e ? QString::fromStdString(e->id) : QString();
}

EpisodeWorkspace* ProjectWindow::openWorkspace(const QString& episodeId) {
    if (!store_ || !store_->episode(episodeId.toStdString())) {
        reportError(tr("Open workspace"), tr("The project has no episode '%1'.").arg(episodeId));
        return nullptr;
    }
    if (auto w = workspaces_.value(episodeId)) {
        w->show();
        w->raise();
        w->activateWindow();
        return w;
    }
    // A window of its own (no parent), so it can sit on another screen; closing deletes it.
    auto* w = new EpisodeWorkspace;
    w->setAttribute(Qt::WA_DeleteOnClose);
    connect(this, &QObject::destroyed, w, &QObject::deleteLater);
    connect(w, &EpisodeWorkspace::loadFailed, this, [this, episodeId](const QString& e) {
        reportError(tr("Cannot open %1").arg(episodeId), e);
    });
    // What was done there (status, clocks set by hand, verdicts) shows in the table once the
    // workspace closes.
    connect(w, &QObject::destroyed, this, &ProjectWindow::reload);
    workspaces_[episodeId] = w;
    w->load(projectFile(), episodeId);
    w->show();
    return w;
}

bool ProjectWindow::openProject(const QString& path) {
    try {
        auto store = std::make_unique<core::ProjectStore>(
            core::ProjectStore::open(core::resolveProjectFile(path.toStdString())));
        store_ = std::move(store);
    } catch (const core::Error& e) {
        reportError(tr("Cannot open project"), QString::fromUtf8(e.what()));
        emit loadFailed(QString::fromUtf8(e.what()));
        return false;
    }
    reload();
    return true;
}

void ProjectWindow::reload() {
    if (!store_)
        return;
    const core::ProjectInfo info = store_->info();
    std::map<std::string, core::annotation::ReviewRecord> verdicts;
    try {
        verdicts = core::annotation::latestReviews(*store_);
    } catch (const core::Error&) {
        // An older project without reviews: the QC column stays empty.
    }
    std::optional<std::map<std::string, std::vector<core::annotation::UnalignedClock>>> unaligned;
    try {
        unaligned = core::annotation::unalignedClocks(*store_);
    } catch (const core::Error&) {
        // A project setting 'sync' this build cannot read: the Sync column stays empty.
    }
    const QString selected = selectedEpisode(); // kept across the reload
    model_->setEpisodes(store_->episodes(), std::move(verdicts), std::move(unaligned));
    for (int r = 0; !selected.isEmpty() && r < proxy_->rowCount(); ++r)
        if (proxy_->index(r, EpisodeTableModel::Id).data().toString() == selected)
            table_->selectRow(r);
    setWindowTitle(tr("%1 — Touchstone").arg(QString::fromStdString(info.name)));
    projectLabel_->setText(tr("%1  ·  %n episode(s)", nullptr, int(info.episodes))
                               .arg(QString::fromStdString(info.file)) +
                           tr("  ·  %n participant(s)", nullptr, int(info.participants)));
    table_->resizeColumnsToContents();
    fitTaskColumn();
    if (proxy_->rowCount() > 0 && !table_->currentIndex().isValid())
        table_->selectRow(0);
    emit projectLoaded();
}

void ProjectWindow::fitTaskColumn() {
    QHeaderView* h = table_->horizontalHeader();
    int others = 0;
    for (int c = 0; c < h->count(); ++c)
        if (c != EpisodeTableModel::Task && !h->isSectionHidden(c))
            others += h->sectionSize(c);
    const int least = table_->fontMetrics().averageCharWidth() * 20;
    h->resizeSection(EpisodeTableModel::Task,
                     std::max(least, table_->viewport()->width() - others));
}

bool ProjectWindow::eventFilter(QObject* watched, QEvent* event) {
    if (table_ && watched == table_->viewport() && event->type() == QEvent::Resize)
        fitTaskColumn();
    return QMainWindow::eventFilter(watched, event);
}

namespace {
// How far a stream's clock mapping is known, in the words a reviewer uses.
QString clockState(const core::ClockModel& c) {
    if (c.method == "identity")
        return c.confidence >= 1.0 ? ProjectWindow::tr("timeline")
                                   : ProjectWindow::tr("not yet aligned");
    return QStringLiteral("%1, %2 ms")
        .arg(clockMethodText(c.method, c.confidence))
        .arg(double(c.offsetNs) * 1e-6, 0, 'f', 3);
}
} // namespace

void ProjectWindow::showEpisode(const QString& id) {
    streams_->clear();
    findings_->clear();
    findingsTitle_->clear();
    if (!store_ || id.isEmpty()) {
        detailTitle_->setText(tr("Select an episode to see its streams."));
        filmstrip_->clear();
        return;
    }
    auto e = store_->episode(id.toStdString());
    if (!e)
        return;
    showFilmstrip(*e);
    const auto& s = e->summary;
    detailTitle_->setText(
        tr("<b>%1</b> — %2<br>participant %3 · consent %4 (form %5)%6")
            .arg(id.toHtmlEscaped(), QString::fromStdString(s.task).toHtmlEscaped(),
                 QString::fromStdString(s.participant).toHtmlEscaped(),
                 QString::fromStdString(e->consent.id).toHtmlEscaped(),
                 QString::fromStdString(e->consent.formVersion).toHtmlEscaped(),
                 e->consent.withdrawnAt ? tr(" · <span style='color:#c62828'>withdrawn</span>")
                                        : QString()));
    for (const auto& st : e->streams) {
        auto* item = new QTreeWidgetItem(streams_);
        item->setText(0, QString::fromStdString(st.stats.name));
        item->setText(1, QString::fromUtf8(core::streamKindName(st.stats.kind).data()));
        item->setText(2, QString::number(st.stats.count));
        item->setText(3, QString::number(st.stats.rateHz, 'f', 2));
        item->setText(4,
                      QString::number(double(st.stats.lastNs - st.stats.firstNs) * 1e-9, 'f', 3));
        item->setText(5, QString::number(st.stats.gaps));
        item->setText(6, QStringLiteral("%1 · %2").arg(QString::fromStdString(st.stats.clock),
                                                       clockState(st.clockModel)));
        for (int c = 2; c <= 5; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    for (int c = 0; c < streams_->columnCount(); ++c)
        streams_->resizeColumnToContents(c);

    findingsTitle_->setText(e->warnings.empty()
                                ? tr("No warnings from import.")
                                : tr("Warnings from import (%1):").arg(e->warnings.size()));
    findings_->setVisible(!e->warnings.empty());
    for (const auto& w : e->warnings) {
        auto* item = new QTreeWidgetItem(findings_);
        QString where = QString::fromStdString(w.file);
        if (w.line >= 0)
            where += QStringLiteral(":%1").arg(w.line);
        if (w.frame >= 0)
            where += tr(" frame %1").arg(w.frame);
        item->setText(0, where);
        item->setText(1, QString::fromStdString(w.message));
        item->setToolTip(1, QString::fromStdString(w.message + " [" + w.code + "]"));
    }
    findings_->resizeColumnToContents(0);
}

void ProjectWindow::showFilmstrip(const core::EpisodeDetail& e) {
    for (const auto& st : e.streams) {
        if (st.stats.kind != core::StreamKind::Video)
            continue;
        try {
            const auto v = core::media::findEpisodeVideo(*store_, e.summary.id, st.stats.name);
            // The frame index was cached in the project at import: the strip need not scan.
            std::shared_ptr<const core::media::FrameIndex> index;
            if (auto blob = store_->mediaCache(v.sha256, core::media::kFrameIndexCacheKind,
                                               core::media::FrameIndex::kVersion))
                if (auto idx = core::media::FrameIndex::deserialize(*blob))
                    index = std::make_shared<const core::media::FrameIndex>(std::move(*idx));
            filmstrip_->setVideo(QString::fromStdString(v.file.string()),
                                 QString::fromStdString(v.sha256), std::move(index));
        } catch (const core::Error& err) {
            filmstrip_->clear();
            statusBar()->showMessage(QString::fromUtf8(err.what()), 8000);
        }
        return;
    }
    filmstrip_->clear();
}

void ProjectWindow::runTask(const QString& label,
                            std::function<QString(const std::function<void(double)>&)> work,
                            std::function<void(const QString&)> onDone) {
    ++running_;
    progress_->setVisible(true);
    progress_->setValue(0);
    progress_->setFormat(label + QStringLiteral(" %p%"));
    auto* task = BackgroundTask::start(this, std::move(work));
    connect(task, &BackgroundTask::progress, this,
            [this](double f) { progress_->setValue(int(f * 1000)); });
    auto done = [this] {
        if (--running_ == 0)
            progress_->setVisible(false);
    };
    connect(task, &BackgroundTask::finished, this, [done, onDone](const QString& m) {
        done();
        onDone(m);
    });
    connect(task, &BackgroundTask::failed, this, [this, done, label](const QString& error) {
        done();
        reportError(label, error);
        emit loadFailed(error);
    });
}

void ProjectWindow::openDemo(const QString& dir) {
    projectLabel_->setText(tr("Preparing the demo project in %1…").arg(dir));
    runTask(
        tr("Creating demo"),
        [dir](const std::function<void(double)>& progress) {
            core::DemoOptions o;
            o.progress = progress;
            return QString::fromStdString(core::ensureDemoProject(dir.toStdString(), o).string());
        },
        [this](const QString& file) { openProject(file); });
}

void ProjectWindow::chooseAndOpen() {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                      tr("Touchstone projects (*.tsproj)"));
    if (!file.isEmpty())
        openProject(file);
}

void ProjectWindow::chooseAndImport() {
    if (!store_) {
        reportError(tr("Import"), tr("Open or create a project first."));
        return;
    }
    // A bundle, a Project Aria MPS folder, a Stray Scanner export or a folder holding one EgoDex
    // episode: the format is recognised (docs/importers.md).
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import Episode or Capture"));
    if (dir.isEmpty())
        return;
    const std::string projectFile = store_->file().string();
    runTask(
        tr("Importing"),
        [projectFile, dir](const std::function<void(double)>& progress) {
            // The worker has its own connection (one per thread).
            core::ProjectStore store = core::ProjectStore::open(projectFile);
            auto r = core::importCapture(store, dir.toStdString(), std::nullopt, {},
                                         core::defaultUserName(), progress);
            if (!r.ok()) {
                std::string text = r.error;
                for (const auto& d : r.import.findings.all())
                    if (d.severity == core::Severity::Error)
                        text += "\n" + d.toString();
                throw core::Error(dir.toStdString(), text);
            }
            return tr("Imported %1 (%2) with %3 warning(s).")
                .arg(QString::fromStdString(r.import.result->episodeId))
                .arg(QString::fromStdString(
                    std::string(core::importers::sourceFormatName(r.format))))
                .arg(r.import.findings.warningCount() +
                     (r.conversion ? r.conversion->notes.warningCount() : 0));
        },
        [this](const QString& message) {
            reload();
            statusBar()->showMessage(message, 8000);
        });
}

void ProjectWindow::synchroniseSelected() {
    const QString id = selectedEpisode();
    if (!store_ || id.isEmpty()) {
        reportError(tr("Synchronise Clocks"), tr("Select an episode first."));
        return;
    }
    if (workspaces_.value(id)) {
        reportError(tr("Synchronise Clocks"),
                    tr("Close the workspace of %1 first: it holds the clocks as they were.")
                        .arg(id));
        return;
    }
    statusBar()->showMessage(tr("Synchronising the clocks of %1…").arg(id));
    synchronise({id}, {}, true);
}

void ProjectWindow::synchroniseUnaligned() {
    if (!store_)
        return;
    QStringList ids, open, approved;
    try {
        std::set<std::string> isApproved; // their clocks stay as reviewed until a lead reopens
        for (const auto& e : store_->episodes())
            if (e.status == core::EpisodeStatus::Approved)
                isApproved.insert(e.id);
        for (const auto& [id, clocks] : core::annotation::unalignedClocks(*store_))
            (isApproved.count(id)                            ? approved
             : workspaces_.value(QString::fromStdString(id)) ? open
                                                             : ids)
                << QString::fromStdString(id);
    } catch (const core::Error& e) {
        reportError(tr("Synchronise Clocks"), QString::fromUtf8(e.what()));
        return;
    }
    const QString asReviewed =
        approved.isEmpty()
            ? QString()
            : tr("; left as reviewed (approved): %1").arg(approved.join(QStringLiteral(", ")));
    if (ids.isEmpty()) {
        QString message;
        if (!open.isEmpty())
            message = tr("Only episodes with an open workspace are not aligned: %1. Close them "
                         "first.")
                          .arg(open.join(QStringLiteral(", "))) +
                      asReviewed;
        else if (!approved.isEmpty())
            message = tr("Only approved episodes are not aligned: %1. Their clocks stay as their "
                         "reviewer saw them until a lead reopens them.")
                          .arg(approved.join(QStringLiteral(", ")));
        else
            message = tr("Every episode's clocks are aligned.");
        statusBar()->showMessage(message, 30000);
        return;
    }
    synchronise(ids, open, false, asReviewed);
}

void ProjectWindow::synchronise(const QStringList& ids, const QStringList& open, bool one,
                                const QString& note) {
    const std::string projectFile = store_->file().string();
    runTask(
        one ? tr("Synchronising %1").arg(ids[0])
            : tr("Synchronising %n episode(s)", nullptr, int(ids.size())),
        [projectFile, ids, open, one](const std::function<void(double)>& progress) {
            // The worker has its own connection (one per thread).
            core::ProjectStore store = core::ProjectStore::open(projectFile);
            int aligned = 0;
            QStringList flagged, reasons, unreadable;
            for (int i = 0; i < ids.size(); ++i) {
                try {
                    const core::StoredEpisodeSync s =
                        core::syncAndStoreEpisode(store, core::defaultUserName(),
                                                  ids[i].toStdString());
                    if (s.flagged.empty())
                        ++aligned;
                    else
                        flagged << ids[i];
                    if (one) {
                        for (size_t k = 0; k < s.streams.size(); ++k)
                            if (!s.streams[k].qc.passed)
                                reasons << tr("%1: %2").arg(
                                    QString::fromStdString(s.result.streams[k].stream),
                                    alignmentText(s.streams[k].qc));
                        if (!reasons.isEmpty())
                            return tr("%1: %2 of %3 streams aligned; %4")
                                .arg(ids[0])
                                .arg(s.streams.size() - s.flagged.size())
                                .arg(s.streams.size())
                                .arg(reasons.join(QStringLiteral("; ")));
                        return tr("%1: every stream's clock is aligned.").arg(ids[0]);
                    }
                } catch (const core::Error& e) {
                    if (one) // the episode asked for: the whole problem, in the error dialog
                        throw;
                    // Its bundle and first problem (file and line); the others go on.
                    unreadable << QString::fromUtf8(e.what())
                                      .section(QLatin1Char('\n'), 0, 1)
                                      .simplified();
                }
                progress(double(i + 1) / double(ids.size()));
            }
            QString message = tr("Synchronised %n episode(s): %1 now aligned", nullptr,
                                 int(ids.size()))
                                  .arg(aligned);
            if (!flagged.isEmpty())
                message += tr("; still not aligned: %1").arg(flagged.join(QStringLiteral(", ")));
            if (!unreadable.isEmpty())
                message += tr("; not read: %1").arg(unreadable.join(QStringLiteral("; ")));
            if (!open.isEmpty())
                message += tr("; left alone while their workspace is open: %1")
                               .arg(open.join(QStringLiteral(", ")));
            return message;
        },
        [this, note](const QString& message) {
            reload();
            statusBar()->showMessage(message + note, 60000);
        });
}

void ProjectWindow::verifyProject() {
    if (!store_)
        return;
    const std::string projectFile = store_->file().string();
    runTask(
        tr("Verifying"),
        [projectFile](const std::function<void(double)>& progress) {
            core::ProjectStore store = core::ProjectStore::open(projectFile);
            auto r = store.verify([&](double f, const std::string&) { progress(f); });
            if (r.ok())
                return tr("Project verified: %1 media files and %2 audit entries intact.")
                    .arg(r.mediaChecked)
                    .arg(r.auditEntriesChecked);
            std::string text;
            for (const auto& f : r.findings)
                text += f.entity + ": " + f.message + "\n";
            throw core::Error(projectFile, "verification found problems:\n" + text);
        },
        [this](const QString& message) { QMessageBox::information(this, tr("Verify"), message); });
}

void ProjectWindow::reportError(const QString& title, const QString& text) {
    statusBar()->showMessage(title + QStringLiteral(": ") + text.section('\n', 0, 0), 15000);
    if (isVisible() && !qEnvironmentVariableIsSet("TS_NO_DIALOGS"))
        QMessageBox::warning(this, title, text);
}

} // namespace ts::widgets
