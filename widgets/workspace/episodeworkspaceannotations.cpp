// EpisodeWorkspace's annotation side: the annotation session of the open episode (labels,
// events, keypoint corrections, slip suggestions, QC flags) drawn on the annotation tracks, and
// the commands that add to it at the cursor. The rest of the workspace is episodeworkspace.cpp.
#include "workspace/episodeworkspace.h"

#include "project/projectpath.h"
#include "util/error.h"
#include "wording.h"
#include "workspace/annotationinspector.h"
#include "workspace/annotationsession.h"
#include "workspace/annotationview.h"
#include "workspace/episodedata.h"
#include "workspace/qcpanel.h"
#include "workspace/sceneview.h"
#include "workspace/timecursor.h"
#include "workspace/timeformat.h"
#include "workspace/videocanvas.h"
#include "workspace/videopanel.h"

#include <QAction>
#include <QCursor>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include <algorithm>
#include <set>

namespace ts::widgets {

QString EpisodeWorkspace::currentTier() const {
    if (annotations_->selectedId() != 0 &&
        annotations_->selectedKind() == AnnotationItem::Kind::Label && session_)
        if (auto l = session_->findLabel(annotations_->selectedId()))
            return QString::fromStdString(l->tier);
    return QStringLiteral("task");
}

void EpisodeWorkspace::interpolateKeypoints() {
    if (!session_)
        return;
    const bool marks =
        annotations_->markIn() >= 0 && annotations_->markOut() > annotations_->markIn();
    const qint64 from = marks ? annotations_->markIn() : std::numeric_limits<qint64>::min();
    const qint64 to = marks ? annotations_->markOut() : std::numeric_limits<qint64>::max();
    const int n = session_->interpolateCorrections(from, to);
    if (n > 0)
        statusBar()->showMessage(tr("Filled %n gap(s) between corrected joints.", nullptr, n),
                                 8000);
    else if (n == 0)
        statusBar()->showMessage(
            marks ? tr("No joint has two corrections between the marks with frames between them.")
                  : tr("No joint has two corrections with frames between them."),
            8000);
}

void EpisodeWorkspace::showCorrections() {
    auto c = std::make_shared<JointCorrections>();
    if (session_)
        for (const auto& k : session_->corrections())
            c->set(k.hand, k.rawNs, k.joint, k.position);
    video_->canvas()->setCorrections(c);
    scene_->setCorrections(c);
}

void EpisodeWorkspace::openAnnotations() {
    delete session_;
    session_ = nullptr;
    video_->canvas()->setKeypointEditing(false);
    showCorrections();
    if (projectFile_.isEmpty() || episodeId_.isEmpty())
        return;
    try {
        session_ = new AnnotationSession(projectFile_, episodeId_,
                                         QString::fromStdString(core::defaultUserName()),
                                         data_ ? data_->bundle.get() : nullptr, this);
    } catch (const core::Error& e) {
        statusBar()->showMessage(
            tr("Annotations cannot be read: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    connect(session_, &AnnotationSession::changed, this, &EpisodeWorkspace::showAnnotations);
    connect(session_, &AnnotationSession::changed, this, &EpisodeWorkspace::annotationsChanged);
    connect(session_, &AnnotationSession::changed, this, &EpisodeWorkspace::showCorrections);
    connect(session_, &AnnotationSession::failed, this, [this](const QString& m) {
        // Not modal: the refusal is read, the work goes on.
        statusBar()->showMessage(m, 15000);
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Not done"), m, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("refusal"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    // The session's frame times and onsets are remapped at once: snapping follows them now,
    // not when (or if) the episode's media have been read again.
    connect(session_, &AnnotationSession::clocksChanged, this, &EpisodeWorkspace::applySnapTimes);
    // Suggestions are selected by their place in the list, which a clock edit may reorder
    // (the detector runs again): a selected one is let go rather than stand for another slip.
    connect(session_, &AnnotationSession::clocksChanged, this, [this] {
        if (annotations_->selectedKind() == AnnotationItem::Kind::Event &&
            annotations_->selectedId() < 0)
            annotations_->select(AnnotationItem::Kind::Event, 0);
    });
    connect(session_, &AnnotationSession::clocksChanged, this, &EpisodeWorkspace::reloadData);
    applySnapTimes();
    QStringList ids = session_->tiers(), names;
    for (const QString& t : ids)
        names << (t == QLatin1String("task")      ? tr("Task")
                  : t == QLatin1String("subtask") ? tr("Subtask")
                                                  : t);
    ids << QStringLiteral("events") << QStringLiteral("qc");
    names << tr("Events") << tr("QC flags");
    annotations_->setTracks(ids, names);
    annotations_->show();
    inspector_->setSession(session_);
    qc_->setSession(session_);
    video_->canvas()->setKeypointEditing(true);
    showAnnotations();
    showCorrections();
}

void EpisodeWorkspace::applySnapTimes() {
    std::vector<qint64> onsets;
    for (const auto& o : session_->timing().onsets)
        onsets.push_back(o.tNs);
    annotations_->setSnapTimes(
        {session_->timing().frameTimes.begin(), session_->timing().frameTimes.end()},
        std::move(onsets));
}

void EpisodeWorkspace::showAnnotations() {
    if (!session_)
        return;
    std::vector<AnnotationItem> items;
    std::set<qint64> problemEvents;
    for (const auto& p : session_->qc().problems)
        if (p.entity.rfind("event ", 0) == 0)
            problemEvents.insert(std::atoll(p.entity.c_str() + 6));
    for (const auto& l : session_->labels())
        items.push_back({AnnotationItem::Kind::Label, l.id, QString::fromStdString(l.tier),
                         l.startNs, l.endNs, QString::fromStdString(l.text), QString(), false,
                         false});
    for (const auto& e : session_->events()) {
        QString text = QString::fromStdString(e.spec.kind);
        if (!e.spec.note.empty())
            text += QStringLiteral(": ") + QString::fromStdString(e.spec.note);
        items.push_back({AnnotationItem::Kind::Event, e.id, QStringLiteral("events"),
                         e.spec.startNs, e.spec.endNs.value_or(e.spec.startNs), text,
                         QString::fromStdString(e.spec.hand.value_or("")), false,
                         problemEvents.count(e.id) > 0});
    }
    for (size_t i = 0; i < session_->suggestions().size(); ++i) {
        const auto& s = session_->suggestions()[i];
        items.push_back(
            {AnnotationItem::Kind::Event, -1 - qint64(i), QStringLiteral("events"), s.startNs,
             s.endNs, tr("slip?"),
             s.hand == core::Hand::Left ? QStringLiteral("left") : QStringLiteral("right"), true,
             false});
    }
    qint64 flag = 1;
    for (const auto& p : session_->qc().problems)
        if (p.startNs)
            items.push_back({AnnotationItem::Kind::Flag, flag++, QStringLiteral("qc"), *p.startNs,
                             p.endNs.value_or(*p.startNs), qcProblemText(p, session_->qc()),
                             QString(), false, false});
    annotations_->setItems(std::move(items));
}

void EpisodeWorkspace::drawSpan(const QString& track, qint64 start, qint64 end) {
    if (!session_)
        return;
    if (track == QLatin1String("qc"))
        return;
    if (track == QLatin1String("events")) {
        // An event over the span: which kind?
        QMenu menu(this);
        for (const QString& k : session_->eventKinds())
            menu.addAction(k);
        QAction* a = menu.exec(QCursor::pos());
        if (!a)
            return;
        core::annotation::EventSpec spec;
        spec.kind = a->text().remove(QLatin1Char('&')).toStdString();
        spec.startNs = start;
        spec.endNs = end;
        session_->addEvent(spec, core::annotation::Snap::None);
        return;
    }
    const QString question = tr("%1 from %2 to %3:")
                                 .arg(track, formatTimelineTime(start - cursor_->start()),
                                      formatTimelineTime(end - cursor_->start()));
    QString text;
    if (labelPrompt_) {
        text = labelPrompt_(question, session_->vocabulary(track));
    } else {
        bool ok = false;
        text = QInputDialog::getItem(this, tr("New label"), question, session_->vocabulary(track),
                                     -1, true, &ok);
        if (!ok)
            return;
    }
    if (text.trimmed().isEmpty())
        return;
    if (session_->addLabel(track, start, end, text, core::annotation::Snap::None)) {
        annotations_->setMarks(-1, -1);
        qint64 newest = 0;
        for (const auto& l : session_->labels())
            newest = std::max<qint64>(newest, l.id);
        annotations_->select(AnnotationItem::Kind::Label, newest);
    }
}

void EpisodeWorkspace::addEventAtCursor(const QString& kind) {
    if (!session_)
        return;
    core::annotation::EventSpec spec;
    spec.kind = kind.toStdString();
    spec.startNs = cursor_->time();
    if (kind == QLatin1String("recovery")) {
        // Linked to the latest slip before the cursor, which is nearly always the one.
        qint64 best = 0, bestT = 0;
        for (const auto& e : session_->events())
            if (e.spec.kind == "slip" && e.spec.startNs <= spec.startNs &&
                e.spec.startNs >= bestT) {
                best = e.id;
                bestT = e.spec.startNs;
            }
        if (best > 0)
            spec.recovers = best;
    }
    session_->addEvent(spec);
}

} // namespace ts::widgets
