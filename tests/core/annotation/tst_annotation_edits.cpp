// Every annotation edit commits at once, is audited, and round-trips through undo and redo with
// the store equal to before; edges snap to video frames; the vocabulary ranks texts by use;
// project tiers and event kinds come from the "annotation" setting.
#include "core/annotation/annotationtestutil.h"
#include "core/store/storetestutil.h"

#include "annotation/annotationsettings.h"
#include "annotation/edit.h"
#include "annotation/events.h"
#include "annotation/labels.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ts::core;
using namespace ts::core::annotation;
using tstest::contains;
using tstest::errorOf;

class TstAnnotationEdits : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    int n_ = 0;

    tstest::AnnotationProject project() {
        return tstest::makeAnnotationProject(
            std::filesystem::path(tmp_.path().toStdString()) / ("p" + std::to_string(n_++)));
    }

    // Undo then redo `e`: the store goes back to `before` and then forward to `after`, and the
    // redo's own inverse takes it back again.
    void roundTrip(ProjectStore& store, const Edit& e, const std::string& before) {
        const std::string after = tstest::annotationSnapshot(store);
        QVERIFY(after != before);
        const int64_t audit0 = store.info().auditEntries;
        const Edit u = undo(store, "ann", e);
        QCOMPARE(tstest::annotationSnapshot(store), before);
        const Edit r = redo(store, "ann", e);
        QCOMPARE(tstest::annotationSnapshot(store), after);
        undo(store, "ann", r);
        QCOMPARE(tstest::annotationSnapshot(store), before);
        redo(store, "ann", e);
        QCOMPARE(tstest::annotationSnapshot(store), after);
        QCOMPARE(store.info().auditEntries, audit0 + 4);
        QCOMPARE(store.auditEntries(audit0, 1).front().action, std::string("edit.undo"));
        QVERIFY(u.auditSeq > e.auditSeq);
    }

private slots:
    void labelEditsRoundTripThroughUndo() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        QCOMPARE(timing.frameTimes.size(), size_t(30));
        const TimeNs f = timing.frameTimes[0];
        const TimeNs period = timing.frameTimes[1] - timing.frameTimes[0];

        std::string before = tstest::annotationSnapshot(p.store);
        // The first edit moves the new episode to annotating: undo takes that back too.
        const Edit add = addLabel(p.store, "ann", p.episode,
                                  {"task", f + period / 3, f + 10 * period + period / 2 + 1000,
                                   "  pick up cup "},
                                  timing);
        QCOMPARE(p.store.episode(p.episode)->summary.status, EpisodeStatus::Annotating);
        auto l = findLabel(p.store, add.entityId);
        QVERIFY(l);
        QCOMPARE(l->startNs, f);              // nearest frame
        QCOMPARE(l->endNs, f + 11 * period);  // rounds up past the half
        QCOMPARE(l->text, std::string("pick up cup"));
        QCOMPARE(l->author, std::string("ann"));
        const auto entry = p.store.auditEntries(add.auditSeq - 1, 1).front();
        QCOMPARE(entry.action, std::string("label.create"));
        QCOMPARE(entry.actor, std::string("ann"));
        QVERIFY(contains(entry.afterJson, "pick up cup"));
        // Before: the label row did not exist.
        QCOMPARE(nlohmann::json::parse(entry.beforeJson)["rows"].back()["row"], nlohmann::json());
        QCOMPARE(nlohmann::json::parse(entry.afterJson)["rows"].back()["row"]["text"],
                 nlohmann::json("pick up cup"));
        roundTrip(p.store, add, before);
        QCOMPARE(p.store.episode(p.episode)->summary.status, EpisodeStatus::Annotating);

        before = tstest::annotationSnapshot(p.store);
        const Edit upd =
            updateLabel(p.store, "ann", add.entityId,
                        {"subtask", f + 2 * period, f + 5 * period, "grasp cup"}, timing);
        QCOMPARE(findLabel(p.store, add.entityId)->tier, std::string("subtask"));
        roundTrip(p.store, upd, before);

        before = tstest::annotationSnapshot(p.store);
        const Edit del = deleteLabel(p.store, "ann", add.entityId);
        QVERIFY(!findLabel(p.store, add.entityId));
        roundTrip(p.store, del, before);
        QVERIFY(!findLabel(p.store, add.entityId));
        undo(p.store, "amy", del); // another annotator may undo it too; it is audited as amy's
        QCOMPARE(findLabel(p.store, add.entityId)->text, std::string("grasp cup"));
    }

    void undoRefusesWhenTheRowChangedSince() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        const Edit add = addLabel(p.store, "ann", p.episode, {"task", f, f + 3 * period, "a"}, timing);
        updateLabel(p.store, "amy", add.entityId, {"task", f, f + 4 * period, "b"}, timing);
        const std::string msg = errorOf([&] { undo(p.store, "ann", add); });
        QVERIFY2(contains(msg, "label " + std::to_string(add.entityId)) &&
                     contains(msg, "changed since"),
                 msg.c_str());
        QCOMPARE(findLabel(p.store, add.entityId)->text, std::string("b"));
    }

    void labelsAreChecked() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        auto refused = [&](const LabelSpan& s, const char* word, Snap snap = Snap::Frame) {
            const std::string msg =
                errorOf([&] { addLabel(p.store, "ann", p.episode, s, timing, snap); });
            QVERIFY2(contains(msg, word) && contains(msg, "ep-1"), msg.c_str());
        };
        refused({"gesture", f, f + period, "x"}, "unknown label tier 'gesture'");
        refused({"task", f, f + period, "   "}, "needs a text");
        refused({"task", f + 3 * period, f + period, "x"}, "before it starts");
        refused({"task", f + period, f + period + 1000, "x"}, "shorter than one video frame");
        // Frame snapping keeps edges on the video; unsnapped times outside it are refused.
        refused({"task", p.t0 - 10 * period, f + period, "x"}, "outside the recording", Snap::None);
        refused({"task", f, p.t1 + period, "x"}, "outside the recording", Snap::None);
        // Snapping takes a time within a frame and a half of the video onto it, not one further
        // out (a second before the start was once taken as the first frame).
        const TimeNs last = timing.frameTimes.back();
        refused({"task", f - 10 * period, f + period, "x"}, "outside the recording");
        refused({"task", f, last + 10 * period, "x"}, "outside the recording");
        QVERIFY(labels(p.store, p.episode).empty());
        // A lead adds a project tier; then it is accepted.
        p.store.setSetting("lee", "project", kAnnotationSettingKey,
                           nlohmann::json::parse(R"({"tiers": ["gesture"], "event_kinds": ["spill"]})"));
        QVERIFY2(labelTiers(p.store).back() == "gesture",
                 p.store.setting("project", kAnnotationSettingKey)->dump().c_str());
        QCOMPARE(eventKinds(p.store).back(), std::string("spill"));
        addLabel(p.store, "ann", p.episode, {"gesture", f, f + period, "wave"}, timing);
        QCOMPARE(labels(p.store, p.episode).front().tier, std::string("gesture"));
        QVERIFY(contains(errorOf([] {
                             annotationSettingsFromJson(nlohmann::json{{"tiers", {"task"}}});
                         }),
                         "twice (or a built-in one)"));
        const Edit edge =
            addLabel(p.store, "ann", p.episode, {"task", f - period, last + period, "all"}, timing);
        QCOMPARE(findLabel(p.store, edge.entityId)->startNs, f);
        QCOMPARE(findLabel(p.store, edge.entityId)->endNs, last);
    }

    void vocabularyRanksByUse() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        int k = 0;
        for (const char* t : {"open lid", "pick up cup", "pick up cup", "pick up box",
                              "pick up cup", "open lid"}) {
            addLabel(p.store, "ann", p.episode, {"task", f + k * period, f + (k + 1) * period, t},
                     timing);
            ++k;
        }
        addLabel(p.store, "ann", p.episode, {"subtask", f, f + period, "pick up cup"}, timing);
        const auto v = vocabulary(p.store, "task");
        QCOMPARE(v.size(), size_t(3));
        QCOMPARE(v[0].text, std::string("pick up cup"));
        QCOMPARE(v[0].uses, int64_t(3));
        QCOMPARE(v[1].text, std::string("open lid"));
        QCOMPARE(v[2].text, std::string("pick up box"));
        const auto pick = vocabulary(p.store, "task", "pick up b");
        QCOMPARE(pick.size(), size_t(1));
        QCOMPARE(pick[0].text, std::string("pick up box"));
        QCOMPARE(findLabels(p.store, "task", "cup").size(), size_t(3));
        QCOMPARE(findLabels(p.store, "", "cup").size(), size_t(4));
    }

    void eventEditsAndRecoveryLinks() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        std::string before = tstest::annotationSnapshot(p.store);
        EventSpec slip{"slip", f + 2 * period, f + 5 * period, "right", "box slides", {}};
        const Edit s = addEvent(p.store, "ann", p.episode, slip, timing);
        roundTrip(p.store, s, before);

        before = tstest::annotationSnapshot(p.store);
        EventSpec rec{"recovery", f + 6 * period, std::nullopt, "right", "", s.entityId};
        const Edit r = addEvent(p.store, "ann", p.episode, rec, timing);
        QCOMPARE(*findEvent(p.store, r.entityId)->spec.recovers, s.entityId);
        QVERIFY(!findEvent(p.store, r.entityId)->spec.endNs); // an instant
        roundTrip(p.store, r, before);

        // The slip stays while a recovery links to it.
        const std::string msg = errorOf([&] { deleteEvent(p.store, "ann", s.entityId); });
        QVERIFY2(contains(msg, "linked by recovery event " + std::to_string(r.entityId)),
                 msg.c_str());
        // Links go from a recovery to a slip of the same episode only.
        EventSpec bad{"regrasp", f, std::nullopt, "left", "", s.entityId};
        QVERIFY(contains(errorOf([&] { addEvent(p.store, "ann", p.episode, bad, timing); }),
                         "only a recovery links to a slip"));
        EventSpec toRec{"recovery", f, std::nullopt, std::nullopt, "", r.entityId};
        QVERIFY(contains(errorOf([&] { addEvent(p.store, "ann", p.episode, toRec, timing); }),
                         "not a slip"));
        EventSpec hand{"slip", f, std::nullopt, "middle", "", {}};
        QVERIFY(contains(errorOf([&] { addEvent(p.store, "ann", p.episode, hand, timing); }),
                         "is not left, right or both"));
        // A second past the video is not taken as its last frame.
        EventSpec late{"slip", timing.frameTimes.back() + 30 * period, std::nullopt, "left", "",
                       {}};
        const std::string lateMsg =
            errorOf([&] { addEvent(p.store, "ann", p.episode, late, timing); });
        QVERIFY2(contains(lateMsg, "outside the recording (0 to "), lateMsg.c_str());
        EventSpec kind{"spill", f, std::nullopt, std::nullopt, "", {}};
        QVERIFY(contains(errorOf([&] { addEvent(p.store, "ann", p.episode, kind, timing); }),
                         "unknown event kind 'spill'"));

        before = tstest::annotationSnapshot(p.store);
        const Edit dr = deleteEvent(p.store, "ann", r.entityId);
        roundTrip(p.store, dr, before);
        const Edit contactOn = addEvent(p.store, "ann", p.episode,
                                        {"contact_on", f + period, std::nullopt, "left", "", {}},
                                        timing);
        QCOMPARE(findEvent(p.store, contactOn.entityId)->spec.kind, std::string("contact_on"));
    }

    void lastUndoableEditFollowsTheAuditLog() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        const Edit a = addLabel(p.store, "ann", p.episode, {"task", f, f + period, "a"}, timing);
        const Edit b = addLabel(p.store, "ann", p.episode, {"task", f, f + 2 * period, "b"}, timing);
        addLabel(p.store, "amy", p.episode, {"task", f, f + 3 * period, "c"}, timing);
        QCOMPARE(lastUndoableEdit(p.store, "ann", p.episode).auditSeq, b.auditSeq);
        undo(p.store, "ann", lastUndoableEdit(p.store, "ann", p.episode));
        QCOMPARE(lastUndoableEdit(p.store, "ann", p.episode).auditSeq, a.auditSeq);
        // The edit read back from the audit log is the one that was returned.
        const Edit fromLog = editFromAudit(p.store, a.auditSeq);
        QCOMPARE(fromLog.changes.size(), a.changes.size());
        QCOMPARE(fromLog.changes.back().after, a.changes.back().after);
        undo(p.store, "ann", fromLog);
        QCOMPARE(lastUndoableEdit(p.store, "ann", p.episode).auditSeq, int64_t(0));
        QCOMPARE(labels(p.store, p.episode).size(), size_t(1)); // amy's
        QVERIFY(p.store.verify().ok());
    }
};

QTEST_GUILESS_MAIN(TstAnnotationEdits)
#include "tst_annotation_edits.moc"
