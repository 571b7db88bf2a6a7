#include "exportdialog.h"

#include "backgroundtask.h"
#include "export/exportcancelled.h"
#include "export/exportepisode.h"
#include "export/exportjob.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ts::widgets {

namespace ex = core::exporting;

ExportDialog::ExportDialog(const QString& projectFile, const QString& user, QWidget* parent)
    : QDialog(parent), projectFile_(projectFile), user_(user),
      cancel_flag_(std::make_shared<std::atomic<bool>>(false)) {
    setWindowTitle(tr("Export Dataset"));
    setObjectName(QStringLiteral("exportDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Approved episodes whose consent is recorded and not withdrawn "
                                "are exported, with a provenance record of each."));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    format_ = new QComboBox;
    format_->addItem(tr("LeRobot v3.0 (Parquet + MP4)"), QStringLiteral("lerobot"));
    format_->addItem(tr("HDF5 (one file per episode)"), QStringLiteral("hdf5"));
    form->addRow(tr("Format"), format_);
    auto* outRow = new QHBoxLayout;
    out_ = new QLineEdit;
    out_->setPlaceholderText(tr("A new or empty folder"));
    auto* browse = new QPushButton(tr("Choose…"));
    outRow->addWidget(out_, 1);
    outRow->addWidget(browse);
    form->addRow(tr("Folder"), outRow);
    fps_ = new QDoubleSpinBox;
    fps_->setRange(1, 240);
    fps_->setValue(30);
    fps_->setSuffix(tr(" fps"));
    form->addRow(tr("Frame rate"), fps_);
    layout->addLayout(form);
    bar_ = new QProgressBar;
    bar_->setRange(0, 1000);
    bar_->setValue(0);
    layout->addWidget(bar_);
    stage_ = new QLabel;
    stage_->setObjectName(QStringLiteral("exportStage"));
    layout->addWidget(stage_);
    report_ = new QPlainTextEdit;
    report_->setReadOnly(true);
    report_->setMinimumHeight(120);
    layout->addWidget(report_, 1);
    auto* buttons = new QDialogButtonBox;
    export_ = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    cancel_ = buttons->addButton(tr("Cancel Export"), QDialogButtonBox::ActionRole);
    cancel_->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getSaveFileName(this, tr("Export into"), out_->text());
        if (!dir.isEmpty())
            out_->setText(dir);
    });
    connect(export_, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(cancel_, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    resize(560, 420);
    preview();
}

void ExportDialog::preview() {
    // What an export would take now, before anyone clicks: the lead sees which episodes are
    // in and why the others are not (the same selection runExport makes).
    QStringList lines;
    try {
        const auto store = core::ProjectStore::open(projectFile_.toStdString());
        core::Database db(projectFile_.toStdString(), core::Database::Mode::OpenExisting);
        db.applyConnectionPragmas();
        const ex::Selection sel = ex::selectEpisodes(db, store.projectDir(), {});
        QStringList ids;
        for (const auto& e : sel.episodes)
            ids << QString::fromStdString(e.id);
        lines << (ids.isEmpty() ? tr("No episode can be exported yet.")
                                : tr("Ready to export %n episode(s): %1", nullptr, int(ids.size()))
                                      .arg(ids.join(QStringLiteral(", "))));
        for (const auto& x : sel.excluded)
            lines << tr("Left out %1: %2")
                         .arg(QString::fromStdString(x.episode), QString::fromStdString(x.reason));
    } catch (const core::Error& e) {
        lines << QString::fromUtf8(e.what());
    }
    report_->setPlainText(lines.join(QLatin1Char('\n')));
}

ExportDialog::~ExportDialog() {
    cancel_flag_->store(true); // the worker stops at its next poll; nothing complete is left
}

void ExportDialog::startExport() {
    if (running_)
        return;
    if (out_->text().trimmed().isEmpty()) {
        stage_->setText(tr("Choose a folder first."));
        return;
    }
    ex::ExportOptions o;
    o.format = format_->currentData().toString().toStdString();
    o.out = out_->text().trimmed().toStdString();
    o.actor = user_.toStdString();
    o.dataset.fps = fps_->value();
    const std::string project = projectFile_.toStdString();
    cancel_flag_->store(false);
    auto flag = cancel_flag_;
    QPointer<ExportDialog> self(this);
    running_ = true;
    export_->setEnabled(false);
    cancel_->setEnabled(true);
    report_->clear();
    bar_->setValue(0);
    clock_.start();
    auto* task = BackgroundTask::start(this, [project, o, flag,
                                              self](const std::function<void(double)>&) {
        ex::ExportCallbacks cb;
        cb.cancelled = [flag] { return flag->load(); };
        cb.progress = [self](double f, const std::string& stage) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, f, s = QString::fromStdString(stage)] {
                    if (self)
                        self->progress(f, s);
                },
                Qt::QueuedConnection);
        };
        const ex::ExportReport r = ex::runExport(project, o, cb);
        QStringList lines;
        lines << ExportDialog::tr("Exported %n episode(s), %1 frames, in %2 s into %3.", nullptr,
                                  int(r.episodes.size()))
                     .arg(r.totalFrames)
                     .arg(r.seconds, 0, 'f', 1)
                     .arg(QString::fromStdString(r.out.string()));
        for (const auto& e : r.excluded)
            lines << ExportDialog::tr("Left out %1: %2")
                         .arg(QString::fromStdString(e.episode), QString::fromStdString(e.reason));
        lines << ExportDialog::tr("Provenance: provenance.json (SHA-256 %1)")
                     .arg(QString::fromStdString(r.manifestSha256));
        return lines.join(QLatin1Char('\n'));
    });
    connect(task, &BackgroundTask::finished, this, [this](const QString& message) {
        running_ = false;
        export_->setEnabled(true);
        cancel_->setEnabled(false);
        bar_->setValue(1000);
        stage_->setText(tr("Done."));
        report_->setPlainText(message);
        emit exportFinished(true);
    });
    connect(task, &BackgroundTask::failed, this, [this](const QString& error) {
        running_ = false;
        export_->setEnabled(true);
        cancel_->setEnabled(false);
        stage_->setText(cancel_flag_->load() ? tr("Cancelled: nothing was left at the destination.")
                                             : tr("Not exported."));
        report_->setPlainText(error);
        emit exportFinished(false);
    });
}

void ExportDialog::progress(double fraction, const QString& stage) {
    bar_->setValue(int(fraction * 1000));
    QString eta;
    const double elapsed = double(clock_.elapsed()) / 1000.0;
    if (fraction > 0.02 && fraction < 1)
        eta = tr(" · about %1 s left").arg(elapsed * (1 - fraction) / fraction, 0, 'f', 0);
    stage_->setText(tr("%1 (%2 %)%3").arg(stage).arg(fraction * 100, 0, 'f', 0).arg(eta));
}

void ExportDialog::cancelExport() {
    cancel_flag_->store(true);
    stage_->setText(tr("Cancelling…"));
}

void ExportDialog::reject() {
    if (running_) { // the worker must end first: cancel, and close once it has
        cancelExport();
        connect(
            this, &ExportDialog::exportFinished, this, [this] { QDialog::reject(); },
            Qt::SingleShotConnection);
        return;
    }
    QDialog::reject();
}

} // namespace ts::widgets
