// Annotating and reviewing in the workspace, offscreen, on a real (synthetic) demo episode:
// marks and a label from the keyboard, events, undo and redo through the store, the Inspector
// editing in place, the QC panel's findings, and the review workflow with its role rules
// (the annotator may not approve their own episode; a reviewer may).
#include "annotation/labels.h"
#include "annotation/workflow.h"
#include "exportdialog.h"
#include "model/handjoints.h"
#include "project/demoproject.h"
#include "project/episodeimport.h"
#include "synth/synth.h"
#include "store/projectstore.h"
#include "workspace/annotationinspector.h"
#include "workspace/annotationsession.h"
#include "workspace/annotationview.h"
#include "workspace/episodedata.h"
#include "workspace/episodeworkspace.h"
#include "workspace/qcpanel.h"
#include "workspace/sceneview.h"
#include "workspace/shortcuts.h"
#include "workspace/syncpanel.h"
#include "workspace/timecursor.h"
#include "workspace/videocanvas.h"
#include "workspace/videopanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>
#include <QUndoStack>

using namespace ts::widgets;
using C = WorkspaceCommand;

class TstAnnotationGui : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString project_;

    std::unique_ptr<EpisodeWorkspace> open(const char* user) {
        qputenv("TOUCHSTONE_USER", user);
        auto w = std::make_unique<EpisodeWorkspace>();
        QSignalSpy loaded(w.get(), &EpisodeWorkspace::episodeLoaded);
        w->load(project_, "demo-001");
        w->show();
        if (!loaded.wait(60000))
            return nullptr;
        return w;
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("TouchstoneTest");
        QCoreApplication::setApplicationName("tst_annotationgui");
        QSettings().clear();
        ts::core::DemoOptions o;
        o.episodes = 1;
        o.seconds = 4;
        o.width = 320;
        o.height = 240;
        o.user = "anna"; // the admin, who annotates here
        project_ = QString::fromStdString(
            ts::core::ensureDemoProject(tmp_.filePath("demo").toStdString(), o).string());
        auto store = ts::core::ProjectStore::open(project_.toStdString());
        store.addUser("anna", "rita", ts::core::Role::Reviewer);
    }

    void labelsEventsUndoAndInspector() {
        auto w = open("anna");
        QVERIFY(w);
        AnnotationSession* s = w->annotationSession();
        QVERIFY2(s, "no annotation session");
        QVERIFY(w->annotations()->isVisible());
        QCOMPARE(w->annotations()->trackCount(), s->tiers().size() + 2);
        TimeCursor* c = w->cursor();
        const qint64 t0 = c->start();

        // I … O … N: a task label over the marks, text from the prompt.
        w->setLabelPrompt(
            [](const QString&, const QStringList&) { return QString("pick up cup"); });
        c->setTime(t0 + 1'000'000'000);
        w->run(C::MarkIn);
        c->setTime(t0 + 2'500'000'000);
        w->run(C::MarkOut);
        w->run(C::LabelFromMarks);
        QCOMPARE(s->labels().size(), size_t(1));
        const auto label = s->labels().front();
        QCOMPARE(QString::fromStdString(label.text), QString("pick up cup"));
        QCOMPARE(label.tier, std::string("task"));
        QVERIFY(std::abs(label.startNs - (t0 + 1'000'000'000)) < 40'000'000); // on a frame
        QCOMPARE(
            w->annotations()->items().size() - s->suggestions().size() -
                size_t(std::count_if(
                    w->annotations()->items().begin(), w->annotations()->items().end(),
                    [](const AnnotationItem& i) { return i.kind == AnnotationItem::Kind::Flag; })),
            size_t(1));
        QCOMPARE(w->annotations()->selectedId(), label.id); // the new label is selected
        QCOMPARE(w->inspector()->labelText()->text(), QString("pick up cup"));

        // Edit in place: the text, one undoable edit.
        w->inspector()->labelText()->setText("pick up the red cup");
        w->inspector()->apply();
        QCOMPARE(QString::fromStdString(s->labels().front().text), QString("pick up the red cup"));

        // A recovery with no slip before it is a QC problem; a slip, then a recovery linked to it.
        c->setTime(t0 + 3'000'000'000);
        w->run(C::AddRecovery);
        QVERIFY(std::any_of(s->qc().problems.begin(), s->qc().problems.end(), [](const auto& p) {
            return p.code.find("recovery") != std::string::npos;
        }));
        QVERIFY(w->qcPanel()->problems()->topLevelItemCount() >= 1);
        {
            // In the panel in words, its code in the tooltip.
            QTreeWidgetItem* shown = nullptr;
            for (int i = 0; i < w->qcPanel()->problems()->topLevelItemCount(); ++i)
                if (w->qcPanel()->problems()->topLevelItem(i)->toolTip(1) ==
                    QLatin1String("event.recovery_without_slip"))
                    shown = w->qcPanel()->problems()->topLevelItem(i);
            QVERIFY(shown);
            QCOMPARE(shown->text(1), QStringLiteral("recovery without a slip"));
            QVERIFY2(shown->text(2).startsWith("Recovery event ") &&
                         shown->text(2).endsWith(" s names no slip it recovers from"),
                     qPrintable(shown->text(2)));
        }
        w->run(C::Undo); // the recovery
        QCOMPARE(s->events().size(), size_t(0));
        c->setTime(t0 + 2'000'000'000);
        w->run(C::AddSlip);
        c->setTime(t0 + 3'000'000'000);
        w->run(C::AddRecovery);
        QCOMPARE(s->events().size(), size_t(2));
        const auto rec = std::find_if(s->events().begin(), s->events().end(),
                                      [](const auto& e) { return e.spec.kind == "recovery"; });
        QVERIFY(rec != s->events().end() && rec->spec.recovers.has_value());

        // Undo everything back to the empty episode, then redo it all: the store follows.
        const int steps = s->undoStack()->count();
        QCOMPARE(steps,
                 4); // label, text, slip, recovery (the first recovery was undone and dropped)
        for (int i = 0; i < steps; ++i)
            w->run(C::Undo);
        QCOMPARE(s->labels().size(), size_t(0));
        QCOMPARE(s->events().size(), size_t(0));
        for (int i = 0; i < steps; ++i)
            w->run(C::Redo);
        QCOMPARE(s->labels().size(), size_t(1));
        QCOMPARE(QString::fromStdString(s->labels().front().text), QString("pick up the red cup"));
        QCOMPARE(s->events().size(), size_t(2));

        // Delete the selected label with the key, undo brings it back.
        w->annotations()->select(AnnotationItem::Kind::Label, s->labels().front().id);
        w->run(C::DeleteSelected);
        QCOMPARE(s->labels().size(), size_t(0));
        w->run(C::Undo);
        QCOMPARE(s->labels().size(), size_t(1));
    }

    void keypointDragOnTheVideo() {
        namespace ann = ts::core::annotation;
        using ts::core::Hand;
        auto w = open("anna");
        QVERIFY(w && w->annotationSession());
        AnnotationSession* s = w->annotationSession();
        VideoCanvas* v = w->videoPanel()->canvas();
        QVERIFY(v->keypointEditing());
        const size_t before = s->corrections().size();
        TimeCursor* c = w->cursor();
        const auto& right = w->episode()->hands[size_t(Hand::Right)];
        QVERIFY(right.size() > 20);
        // A sample whose index tip is on screen, with room to drag it.
        const ts::core::HandJoint tip = ts::core::IndexTip;
        size_t i = right.size() / 3;
        std::optional<QPointF> at;
        for (; i + 8 < right.size(); ++i) {
            c->setTime(right[i].t);
            at = v->jointOnScreen(Hand::Right, tip);
            if (at && v->rect().adjusted(30, 30, -30, -30).contains(at->toPoint()))
                break;
        }
        QVERIFY2(at && i + 8 < right.size(), "no on-screen index tip to drag");
        const QPoint from = at->toPoint();
        const QPoint to = from + QPoint(14, -9);
        const int steps = s->undoStack()->count();

        // A drag of several moves is one edit, stored beside the raw sample.
        auto drag = [&](QPoint a, QPoint b) {
            QTest::mousePress(v, Qt::LeftButton, {}, a);
            for (int k = 1; k <= 4; ++k) {
                const QPointF p = QPointF(a) + (QPointF(b) - QPointF(a)) * (k / 4.0);
                QMouseEvent move(QEvent::MouseMove, p, v->mapToGlobal(p), Qt::NoButton,
                                 Qt::LeftButton, Qt::NoModifier);
                QApplication::sendEvent(v, &move);
            }
            QTest::mouseRelease(v, Qt::LeftButton, {}, b);
        };
        drag(from, to);
        QCOMPARE(s->corrections().size(), before + 1);
        QCOMPARE(s->undoStack()->count(), steps + 1);
        const ann::KeypointCorrection k = s->corrections().back();
        QCOMPARE(k.hand, Hand::Right);
        QCOMPARE(k.joint, int(tip));
        QCOMPARE(k.rawNs, right[i].rawNs);
        QCOMPARE(QString::fromStdString(k.author), QString("anna"));
        // Drawn where it was dropped (to a pixel), at the depth it had.
        const auto now = v->jointOnScreen(Hand::Right, tip);
        QVERIFY(now);
        QVERIFY2(QLineF(*now, QPointF(to)).length() < 1.0,
                 qPrintable(QString("%1,%2").arg(now->x()).arg(now->y())));
        v->repaint();
        QVERIFY(v->lastOverlay().corrected >= 1);
        const auto& cal = w->episode()->calibration;
        const CameraProjector cam(cal.cameras.at("rgb"), extrinsic(cal, "device_from_rgb"));
        QVERIFY(std::abs(cam.depth(toVec(k.position)) -
                         cam.depth(toVec(right[i].joints[size_t(tip)]))) < 1e-6);
        // The raw stream is untouched.
        {
            auto store = ts::core::ProjectStore::open(project_.toStdString());
            const auto streams = ann::EpisodeStreams::load(store, "demo-001");
            bool found = false;
            for (const auto& h : streams.hands)
                if (h.hand == Hand::Right && h.tNs == k.rawNs) {
                    found = true;
                    QVERIFY(h.joints[size_t(tip)] == right[i].joints[size_t(tip)]);
                }
            QVERIFY(found);
        }

        // Undo puts the joint back; redo moves it again.
        w->run(C::Undo);
        QCOMPARE(s->corrections().size(), before);
        QVERIFY(QLineF(*v->jointOnScreen(Hand::Right, tip), QPointF(from)).length() < 1.0);
        w->run(C::Redo);
        QCOMPARE(s->corrections().size(), before + 1);

        // Esc during a drag puts the joint back and stores nothing.
        QTest::mousePress(v, Qt::LeftButton, {}, to);
        QVERIFY(v->dragging());
        QMouseEvent move(QEvent::MouseMove, QPointF(to + QPoint(20, 20)),
                         v->mapToGlobal(QPointF(to + QPoint(20, 20))), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(v, &move);
        QTest::keyClick(v, Qt::Key_Escape);
        QVERIFY(!v->dragging());
        QTest::mouseRelease(v, Qt::LeftButton, {}, to + QPoint(20, 20));
        QCOMPARE(s->corrections().size(), before + 1);

        // A second correction six samples on, then the samples between are interpolated in one
        // undoable step.
        c->setTime(right[i + 6].t);
        const auto at2 = v->jointOnScreen(Hand::Right, tip);
        QVERIFY(at2);
        drag(at2->toPoint(), at2->toPoint() + QPoint(10, -6));
        QCOMPARE(s->corrections().size(), before + 2);
        const int beforeFill = s->undoStack()->count();
        w->run(C::InterpolateKeypoints);
        QCOMPARE(s->corrections().size(), before + 2 + 5);
        QCOMPARE(s->undoStack()->count(), beforeFill + 1);
        // Half way, the correction is half of each end's offset (linear blend).
        c->setTime(right[i + 3].t);
        const auto mid = v->jointOnScreen(Hand::Right, tip);
        QVERIFY(mid);
        w->run(C::Undo);
        QCOMPARE(s->corrections().size(), before + 2);
        QVERIFY2(QLineF(*mid, *v->jointOnScreen(Hand::Right, tip)).length() > 3.0,
                 "the interpolated joint was not moved");

        // Restore the recorded position of a corrected joint.
        QVERIFY(s->restoreKeypoint(Hand::Right, tip, right[i + 6].rawNs));
        QCOMPARE(s->corrections().size(), before + 1);
        w->run(C::Undo);
        QCOMPARE(s->corrections().size(), before + 2);
    }

    // Sync panel → Adjust clock…: the stream moves on the timeline, stored as the user's manual
    // model (audited); Ctrl+Z gives the engine's model back, redo the manual one again.
    void clockShiftIsAnUndoableEdit() {
        auto w = open("anna");
        QVERIFY(w);
        AnnotationSession* s = w->annotationSession();
        QVERIFY(s);
        SyncPanel* p = w->syncPanel();
        QVERIFY(p->selectStream("rgb")); // the timeline's own clock: nothing to shift
        QVERIFY(!p->adjustButton()->isEnabled());
        QVERIFY(p->selectStream("force"));
        QVERIFY(p->adjustButton()->isEnabled());
        const ts::core::ClockModel before = w->episode()->stream("force")->clockModel;
        const TimeNs firstForce = w->episode()->forceTimes.front();
        QVERIFY(!s->timing().onsets.empty());
        const TimeNs firstOnset = s->timing().onsets.front().tNs;
        const TimeNs t = w->episode()->start + 1'000'000'000;
        w->cursor()->setTime(t);
        QString asked;
        p->setAdjustPrompt([&](const QString& stream, const ts::core::ClockModel& current) {
            asked = stream;
            ts::core::ClockModel m = current;
            m.offsetNs -= 66'700'000; // two frames earlier at 30 fps
            return std::optional<ts::core::ClockModel>(m);
        });
        QSignalSpy reloaded(w.get(), &EpisodeWorkspace::episodeReloaded);
        // A selected slip suggestion is let go: the detector runs again and the list may reorder.
        w->annotations()->select(AnnotationItem::Kind::Event, -1);
        p->adjustButton()->click();
        QCOMPARE(asked, QStringLiteral("force"));
        QCOMPARE(w->annotations()->selectedId(), qint64(0));
        // Edges snap to the moved onsets at once, before the media are read again.
        QVERIFY(reloaded.isEmpty());
        const auto& snap = w->annotations()->snapOnsets();
        QVERIFY(std::find(snap.begin(), snap.end(), firstOnset - 66'700'000) != snap.end());
        QVERIFY(std::find(snap.begin(), snap.end(), firstOnset) == snap.end());
        QVERIFY(reloaded.wait(60000));
        const ts::core::ClockModel manual = w->episode()->stream("force")->clockModel;
        QCOMPARE(manual.method, std::string("manual"));
        QCOMPARE(manual.author, std::string("anna"));
        QCOMPARE(manual.offsetNs, before.offsetNs - 66'700'000);
        QCOMPARE(w->episode()->forceTimes.front(), firstForce - 66'700'000);
        // The session's contact onsets (edge snapping) follow, remapped without reading the
        // force again: the same as reading the episode's timing afresh.
        QCOMPARE(s->timing().onsets.front().tNs, firstOnset - 66'700'000);
        // The panel shows it, on the same row, and the cursor stayed where it was.
        QCOMPARE(p->selectedStream(), QStringLiteral("force"));
        QCOMPARE(p->table()->currentItem()->text(2), QStringLiteral("set by hand"));
        QCOMPARE(w->cursor()->time(), t);
        {
            auto store = ts::core::ProjectStore::open(project_.toStdString());
            const auto entries = store.auditEntries();
            QCOMPARE(entries.back().action, std::string("clock_model.set"));
            QCOMPARE(entries.back().entityId, std::string("demo-001/force"));
            const auto fresh = ts::core::annotation::EpisodeTiming::load(store, "demo-001");
            QCOMPARE(fresh.onsets.size(), s->timing().onsets.size());
            for (size_t i = 0; i < fresh.onsets.size(); ++i)
                QCOMPARE(s->timing().onsets[i].tNs, fresh.onsets[i].tNs);
            QCOMPARE(fresh.frameTimes, s->timing().frameTimes);
        }
        // Undo: the model before, in the store and on screen.
        QCOMPARE(s->undoStack()->undoText(), QStringLiteral("set the clock of force"));
        w->run(C::Undo);
        QVERIFY(reloaded.wait(60000));
        QCOMPARE(w->episode()->stream("force")->clockModel.offsetNs, before.offsetNs);
        QCOMPARE(w->episode()->stream("force")->clockModel.method, before.method);
        QCOMPARE(w->episode()->forceTimes.front(), firstForce);
        QCOMPARE(s->timing().onsets.front().tNs, firstOnset);
        // Redo: the manual model again; undo once more to leave the project as it was.
        w->run(C::Redo);
        QVERIFY(reloaded.wait(60000));
        QCOMPARE(w->episode()->stream("force")->clockModel.offsetNs, manual.offsetNs);
        w->run(C::Undo);
        QVERIFY(reloaded.wait(60000));
        QCOMPARE(w->episode()->stream("force")->clockModel.method, before.method);
        // Cancelling the prompt changes nothing.
        p->setAdjustPrompt([](const QString&, const ts::core::ClockModel&) {
            return std::optional<ts::core::ClockModel>();
        });
        p->adjustButton()->click();
        QVERIFY(!reloaded.wait(500));
        QCOMPARE(s->undoStack()->count(), 1);
    }

    // Slip suggestions in the session: accepted and dismissed as undoable edits, and moved by a
    // clock edit (the detector runs again on the remapped samples; after other edits only the
    // decisions are looked up again). A 10 s episode holds the generator's scripted slip.
    void slipSuggestionsFollowDecisionsAndClocks() {
        const std::filesystem::path dir = tmp_.filePath("slips").toStdString();
        ts::core::synth::SynthOptions o;
        o.seconds = 10;
        o.width = 160;
        o.height = 120;
        o.seed = 5;
        o.randomClocks = false;
        ts::core::synth::generateEpisode(dir / "bundle", o);
        std::string id;
        {
            auto store = ts::core::ProjectStore::create(dir / "p.tsproj", "Slips", "lee");
            const auto r = ts::core::importEpisode(store, dir / "bundle", "lee");
            QVERIFY2(r.ok(), r.error.c_str());
            id = r.result->episodeId;
        }
        AnnotationSession s(QString::fromStdString((dir / "p.tsproj").string()),
                            QString::fromStdString(id), "lee");
        QCOMPARE(s.suggestions().size(), size_t(1));
        const TimeNs start = s.suggestions()[0].startNs;
        QVERIFY(s.acceptSuggestion(0));
        QVERIFY(s.suggestions().empty());
        QCOMPARE(s.events().size(), size_t(1));
        s.undoStack()->undo();
        QCOMPARE(s.suggestions().size(), size_t(1));
        QVERIFY(s.events().empty());
        QVERIFY(s.dismissSuggestion(0));
        QVERIFY(s.suggestions().empty());
        s.undoStack()->undo();
        QCOMPARE(s.suggestions().size(), size_t(1));
        QCOMPARE(s.suggestions()[0].startNs, start);

        // Both the hands and the force clock 40 ms later: so is the slip (to within a frame).
        for (const char* stream : {"hands", "force"}) {
            auto store = ts::core::ProjectStore::open(dir / "p.tsproj");
            const auto detail = store.episode(id);
            QVERIFY(detail);
            ts::core::ClockModel m;
            for (const auto& info : detail->streams)
                if (info.stats.name == stream)
                    m = info.clockModel;
            m.offsetNs += 40'000'000;
            QVERIFY(s.setClockModel(QString::fromLatin1(stream), m));
        }
        QCOMPARE(s.suggestions().size(), size_t(1));
        QVERIFY2(std::llabs(s.suggestions()[0].startNs - start - 40'000'000) < 34'000'000,
                 qPrintable(QString::number((s.suggestions()[0].startNs - start) * 1e-6)));
        s.undoStack()->undo();
        s.undoStack()->undo();
        QCOMPARE(s.suggestions()[0].startNs, start);

        // QC follows the clocks as stored now: the hands clock, which nothing has aligned
        // (no sync ran), is a problem; set by hand in the session it is not; undone, it is.
        auto unalignedHands = [&] {
            return std::count_if(s.qc().problems.begin(), s.qc().problems.end(), [](const auto& p) {
                return p.code == "sync.unaligned" && p.entity == "stream hands";
            });
        };
        QCOMPARE(unalignedHands(), 1);
        ts::core::ClockModel byHand;
        byHand.offsetNs = 5'000'000;
        QVERIFY(s.setClockModel("hands", byHand.setByHand()));
        QCOMPARE(unalignedHands(), 0);
        s.undoStack()->undo();
        QCOMPARE(unalignedHands(), 1);
    }

    void reviewWorkflowWithRoles() {
        {
            auto w = open("anna");
            QVERIFY(w && w->annotationSession());
            AnnotationSession* s = w->annotationSession();
            QCOMPARE(s->status(), ts::core::EpisodeStatus::Annotating);
            w->qcPanel()->submit();
            QCOMPARE(s->status(), ts::core::EpisodeStatus::Submitted);
            // Anna annotated it: she may not approve it. Core refuses; the panel says why.
            w->qcPanel()->approve();
            QCOMPARE(s->status(), ts::core::EpisodeStatus::Submitted);
            auto* refusal = w->findChild<QMessageBox*>("refusal");
            QVERIFY(refusal);
            QVERIFY2(refusal->text().contains("anna"), qPrintable(refusal->text()));
        }
        auto w = open("rita");
        QVERIFY(w && w->annotationSession());
        AnnotationSession* s = w->annotationSession();
        QVERIFY(s->review(false, {"slip_not_marked"}, "the second slip at 3.4 s"));
        QCOMPARE(s->status(), ts::core::EpisodeStatus::Rejected);
        QVERIFY(s->openRejection().has_value());
        QVERIFY(w->qcPanel()->findChild<QLabel*>("qcStatus")->text().contains("rejected"));
        // The 3D view shows the episode's world map (built in the background, or read from the
        // project's cache when an earlier workspace finished it), within its point budget.
        QTRY_VERIFY_WITH_TIMEOUT(w->sceneView()->mapPoints() > 1000, 120000);
        QVERIFY(size_t(w->sceneView()->mapPoints()) <= SceneView::kMapPointBudget);
    }

    void exportDialogWritesTheApprovedEpisode() {
        ts::core::DemoOptions o;
        o.episodes = 1;
        o.seconds = 3;
        o.width = 320;
        o.height = 240;
        o.user = "lena"; // admin: may export
        const QString project = QString::fromStdString(
            ts::core::ensureDemoProject(tmp_.filePath("exp").toStdString(), o).string());
        {
            auto store = ts::core::ProjectStore::open(project.toStdString());
            store.addUser("lena", "rita", ts::core::Role::Reviewer);
            try {
                namespace ann = ts::core::annotation;
                const auto timing = ann::EpisodeTiming::load(store, "demo-001");
                ann::addLabel(store, "lena", "demo-001",
                              {"task", timing.startNs + 500'000'000, timing.startNs + 2'000'000'000,
                               "move the cup"},
                              timing);
                ts::core::annotation::submitEpisode(store, "lena", "demo-001");
                ts::core::annotation::reviewEpisode(store, "rita", "demo-001", true, {}, "");
            } catch (const std::exception& e) {
                QFAIL(e.what());
            }
        }
        ExportDialog d(project, "lena");
        d.show();
        // Before anything runs, the dialog says what an export would take.
        QVERIFY2(d.report()->toPlainText().contains("Ready to export 1 episode") &&
                     d.report()->toPlainText().contains(": demo-001"),
                 qPrintable(d.report()->toPlainText()));
        d.format()->setCurrentIndex(d.format()->findData("hdf5"));
        const QString out = tmp_.filePath("exp-out");
        d.destination()->setText(out);
        QSignalSpy done(&d, &ExportDialog::exportFinished);
        d.startExport();
        QVERIFY(d.running());
        QVERIFY(done.wait(120000));
        QVERIFY2(done[0][0].toBool(), qPrintable(d.report()->toPlainText()));
        QVERIFY2(d.report()->toPlainText().contains("1 episode"),
                 qPrintable(d.report()->toPlainText()));
        QVERIFY(QFile::exists(out + "/provenance.json"));
        QVERIFY(!QDir(out).entryList({"*.h5"}, QDir::Files, QDir::NoSort).isEmpty() ||
                !QDir(out + "/episodes").entryList({"*.h5"}).isEmpty());
        // A second export into the same (now full) folder is refused, the first one kept.
        d.startExport();
        QVERIFY(done.wait(60000));
        QVERIFY(!done[1][0].toBool());
        QVERIFY(QFile::exists(out + "/provenance.json"));
    }
};

QTEST_MAIN(TstAnnotationGui)
#include "tst_annotationgui.moc"
