#include "workspace/qcpanel.h"

#include "annotation/workflow.h"
#include "wording.h"
#include "workspace/annotationsession.h"
#include "workspace/timecursor.h"
#include "workspace/timeformat.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ts::widgets {

QcPanel::QcPanel(TimeCursor* cursor, QWidget* parent) : QWidget(parent), cursor_(cursor) {
    auto* layout = new QVBoxLayout(this);
    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("qcStatus"));
    status_->setWordWrap(true);
    layout->addWidget(status_);
    // The review buttons come right under the status: a short panel scrolls the findings, never
    // the buttons, out of sight.
    auto* buttons = new QHBoxLayout;
    layout->addLayout(buttons);
    rejection_ = new QLabel;
    rejection_->setWordWrap(true);
    rejection_->setStyleSheet(QStringLiteral("color: #c62828"));
    layout->addWidget(rejection_);
    summary_ = new QLabel;
    summary_->setObjectName(QStringLiteral("qcSummary"));
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    problems_ = new QTreeWidget;
    problems_->setObjectName(QStringLiteral("qcProblems"));
    problems_->setHeaderLabels({tr("When"), tr("Check"), tr("Finding")});
    problems_->setRootIsDecorated(false);
    problems_->header()->setStretchLastSection(true);
    // The list shrinks (and scrolls) before the review buttons leave a short panel.
    problems_->setMinimumHeight(56);
    connect(problems_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QVariant t = item->data(0, Qt::UserRole);
        if (t.isValid())
            cursor_->setTime(t.toLongLong());
    });
    connect(problems_, &QTreeWidget::itemClicked, problems_, &QTreeWidget::itemActivated);
    layout->addWidget(problems_, 1);
    submit_ = new QPushButton(tr("Submit for Review"));
    submit_->setObjectName(QStringLiteral("qcSubmit"));
    approve_ = new QPushButton(tr("Approve"));
    approve_->setObjectName(QStringLiteral("qcApprove"));
    reject_ = new QPushButton(tr("Reject…"));
    reject_->setObjectName(QStringLiteral("qcReject"));
    reopen_ = new QPushButton(tr("Reopen"));
    for (auto* b : {submit_, approve_, reject_, reopen_})
        buttons->addWidget(b);
    buttons->addStretch(1);
    connect(submit_, &QPushButton::clicked, this, &QcPanel::submit);
    connect(approve_, &QPushButton::clicked, this, &QcPanel::approve);
    connect(reject_, &QPushButton::clicked, this, &QcPanel::reject);
    connect(reopen_, &QPushButton::clicked, this, [this] {
        if (session_)
            session_->reopen();
    });
    refresh();
}

void QcPanel::setSession(AnnotationSession* session) {
    session_ = session;
    if (session_)
        connect(session_, &AnnotationSession::changed, this, &QcPanel::refresh);
    refresh();
}

void QcPanel::refresh() {
    problems_->clear();
    const bool have = session_ != nullptr;
    for (auto* b : {submit_, approve_, reject_, reopen_})
        b->setEnabled(have);
    if (!have) {
        status_->setText(tr("Open an episode of a project to review it."));
        rejection_->clear();
        summary_->clear();
        return;
    }
    const auto s = session_->status();
    const QString role = session_->role()
                             ? QString::fromUtf8(core::roleName(*session_->role()).data())
                             : tr("not a project user");
    status_->setText(tr("Status: <b>%1</b> · you are %2 (%3)")
                         .arg(episodeStatusText(s), session_->user(), role));
    submit_->setEnabled(s == core::EpisodeStatus::New || s == core::EpisodeStatus::Annotating);
    approve_->setEnabled(s == core::EpisodeStatus::Submitted);
    reject_->setEnabled(s == core::EpisodeStatus::Submitted);
    reopen_->setEnabled(s != core::EpisodeStatus::Annotating);
    if (const auto& r = session_->openRejection()) {
        QStringList reasons;
        for (const auto& c : r->reasons)
            reasons << reasonText(QString::fromStdString(c));
        rejection_->setText(tr("Rejected by %1: %2. %3")
                                .arg(QString::fromStdString(r->reviewer),
                                     reasons.join(QStringLiteral(", ")),
                                     QString::fromStdString(r->comment)));
    } else {
        rejection_->clear();
    }
    const auto& qc = session_->qc();
    QStringList coverage;
    for (const auto& [tier, share] : qc.coverage)
        coverage << tr("%1 %2 %").arg(QString::fromStdString(tier)).arg(share * 100, 0, 'f', 0);
    summary_->setText(
        tr("Sync: least confidence %1, largest residual %2 ms · label coverage: %3")
            .arg(qc.syncConfidence, 0, 'f', 2)
            .arg(qc.maxResidualMs, 0, 'f', 2)
            .arg(coverage.isEmpty() ? tr("none") : coverage.join(QStringLiteral(", "))));
    // Every failed check is among the problems (a stream's failed health row is a
    // stream.qc_failed problem), each in the interface's words; the tooltip adds its code.
    for (const auto& p : qc.problems) {
        const QString when = p.startNs ? formatTimelineTime(*p.startNs - qc.startNs) : tr("whole");
        const QString text = qcProblemText(p, qc);
        auto* item = new QTreeWidgetItem(problems_, {when, qcProblemKindText(p.code), text});
        if (p.startNs)
            item->setData(0, Qt::UserRole, qint64(*p.startNs));
        item->setToolTip(1, QString::fromStdString(p.code));
        item->setToolTip(2, text);
        if (p.code == "stream.qc_failed" || p.code == "sync.unaligned" ||
            p.code == "consent.invalid")
            item->setForeground(2, QColor(0xc6, 0x28, 0x28));
    }
    if (problems_->topLevelItemCount() == 0)
        new QTreeWidgetItem(problems_, {QString(), QString(), tr("No problems found.")});
    problems_->resizeColumnToContents(0);
    problems_->resizeColumnToContents(1);
}

void QcPanel::submit() {
    if (session_)
        session_->submit();
}

void QcPanel::approve() {
    if (session_)
        session_->review(true, {}, QString());
}

void QcPanel::reject() {
    if (!session_)
        return;
    QDialog d(this);
    d.setWindowTitle(tr("Reject episode %1").arg(session_->episode()));
    auto* l = new QVBoxLayout(&d);
    l->addWidget(new QLabel(tr("Why? The annotator sees these reasons and your comment.")));
    std::vector<std::pair<QString, QCheckBox*>> boxes;
    for (const auto& code : core::annotation::reviewReasonCodes()) {
        const QString c = QString::fromStdString(code);
        auto* box = new QCheckBox(reasonText(c));
        box->setObjectName(QStringLiteral("reason_") + c);
        l->addWidget(box);
        boxes.emplace_back(c, box);
    }
    auto* comment = new QPlainTextEdit;
    comment->setObjectName(QStringLiteral("reviewComment"));
    comment->setPlaceholderText(tr("Comment: what to fix, where"));
    l->addWidget(comment);
    auto* bb = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    bb->button(QDialogButtonBox::Ok)->setText(tr("Reject"));
    connect(bb, &QDialogButtonBox::accepted, &d, &QDialog::accept);
    connect(bb, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    l->addWidget(bb);
    if (d.exec() != QDialog::Accepted)
        return;
    QStringList reasons;
    for (const auto& [c, box] : boxes)
        if (box->isChecked())
            reasons << c;
    session_->review(false, reasons, comment->toPlainText());
}

} // namespace ts::widgets
