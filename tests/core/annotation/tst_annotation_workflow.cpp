// The review workflow and consent rules are enforced in core with errors that name the user,
// role, episode and rule; QC checks find inconsistencies with their times; withdrawal keeps a
// participant's episodes out of exports.
#include "core/annotation/annotationtestutil.h"
#include "core/store/storetestutil.h"

#include "annotation/consent.h"
#include "annotation/events.h"
#include "annotation/labels.h"
#include "annotation/qcchecks.h"
#include "annotation/workflow.h"
#include "store/database.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace ts::core;
using namespace ts::core::annotation;
using tstest::contains;
using tstest::errorOf;

#define QVERIFY_ERROR(expr, text)                                                                  \
    do {                                                                                           \
        const std::string msg_ = errorOf([&] { expr; });                                           \
        QVERIFY2(contains(msg_, text), msg_.c_str());                                              \
    } while (false)

class TstAnnotationWorkflow : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    int n_ = 0;

    tstest::AnnotationProject project() {
        return tstest::makeAnnotationProject(
            std::filesystem::path(tmp_.path().toStdString()) / ("w" + std::to_string(n_++)));
    }
    static EpisodeStatus status(tstest::AnnotationProject& p) {
        return p.store.episode(p.episode)->summary.status;
    }

private slots:
    void statusMachineAndRoles() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        const LabelSpan span{"task", f, f + 5 * period, "pick up cup"};

        QVERIFY_ERROR(addLabel(p.store, "rev", p.episode, span, timing),
                      "rev (reviewer) may not add labels to episode ep-1: only annotators, "
                      "leads and admins may");
        QVERIFY_ERROR(addLabel(p.store, "nobody", p.episode, span, timing), "no user 'nobody'");
        QVERIFY_ERROR(addLabel(p.store, "ann", "ep-9", span, timing), "no episode 'ep-9'");
        QVERIFY_ERROR(submitEpisode(p.store, "ann", p.episode),
                      "ann (annotator) may not submit episode ep-1: it is new");
        QCOMPARE(status(p), EpisodeStatus::New);

        addLabel(p.store, "ann", p.episode, span, timing);
        QCOMPARE(status(p), EpisodeStatus::Annotating);
        QVERIFY_ERROR(reviewEpisode(p.store, "rev", p.episode, true, {}, ""),
                      "it is annotating, and only a submitted episode is reviewed");
        QVERIFY_ERROR(submitEpisode(p.store, "rev", p.episode),
                      "rev (reviewer) may not submit episode ep-1");
        submitEpisode(p.store, "ann", p.episode);
        QCOMPARE(status(p), EpisodeStatus::Submitted);
        QVERIFY_ERROR(addLabel(p.store, "ann", p.episode, span, timing),
                      "ann (annotator) may not add labels to episode ep-1: it is submitted");
        QVERIFY_ERROR(reviewEpisode(p.store, "ann", p.episode, true, {}, ""),
                      "ann (annotator) may not approve episode ep-1: only reviewers and leads may");
        QVERIFY_ERROR(reviewEpisode(p.store, "rev", p.episode, false, {}, ""),
                      "without a reason code");
        QVERIFY_ERROR(reviewEpisode(p.store, "rev", p.episode, false, {"blurry"}, ""),
                      "unknown reason code 'blurry'");
        QVERIFY_ERROR(reviewEpisode(p.store, "rev", p.episode, false, {"other"}, ""),
                      "without a comment");

        const ReviewRecord r = reviewEpisode(p.store, "rev", p.episode, false,
                                             {"slip_not_marked", "misaligned_streams"},
                                             "the slip near 1.2 s is missing");
        QCOMPARE(r.verdict, std::string("rejected"));
        QCOMPARE(status(p), EpisodeStatus::Rejected);
        auto open = openRejection(p.store, p.episode);
        QVERIFY(open);
        QCOMPARE(open->reasons, (std::vector<std::string>{"slip_not_marked", "misaligned_streams"}));
        QCOMPARE(open->comment, std::string("the slip near 1.2 s is missing"));

        // The next edit takes it back to annotating; the reasons stay available.
        addEvent(p.store, "amy", p.episode, {"slip", f + 6 * period, f + 8 * period, "right", "", {}},
                 timing);
        QCOMPARE(status(p), EpisodeStatus::Annotating);
        QVERIFY(openRejection(p.store, p.episode));
        submitEpisode(p.store, "amy", p.episode);
        QCOMPARE(episodeContributors(p.store, p.episode),
                 (std::vector<std::string>{"amy", "ann"}));

        reviewEpisode(p.store, "rita", p.episode, true, {}, "fine now");
        QCOMPARE(status(p), EpisodeStatus::Approved);
        QVERIFY(!openRejection(p.store, p.episode));
        QCOMPARE(reviews(p.store, p.episode).size(), size_t(2));
        QVERIFY_ERROR(addLabel(p.store, "ann", p.episode, span, timing), "it is approved");
        QVERIFY_ERROR(reopenEpisode(p.store, "ann", p.episode),
                      "ann (annotator) may not reopen episode ep-1: it is approved, and only "
                      "leads and admins reopen it");
        QCOMPARE(exportableEpisodes(p.store), std::vector<std::string>{"ep-1"});
        reopenEpisode(p.store, "lee", p.episode);
        QCOMPARE(status(p), EpisodeStatus::Annotating);
        QVERIFY(exportableEpisodes(p.store).empty());

        const auto log = p.store.auditEntries();
        int submits = 0, reviewsLogged = 0;
        for (const auto& e : log) {
            submits += e.action == "episode.submit";
            reviewsLogged += e.action == "episode.review";
        }
        QCOMPARE(submits, 2);
        QCOMPARE(reviewsLogged, 2);
        QVERIFY(p.store.verify().ok());
    }

    void nobodyReviewsTheirOwnWork() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        // lee (lead) adds a label and takes it back: lee still worked on the episode.
        const Edit e = addLabel(p.store, "lee", p.episode, {"task", f, f + period, "x"}, timing);
        undo(p.store, "lee", e);
        addLabel(p.store, "ann", p.episode, {"task", f, f + 2 * period, "y"}, timing);
        submitEpisode(p.store, "ann", p.episode);
        QVERIFY_ERROR(reviewEpisode(p.store, "lee", p.episode, true, {}, ""),
                      "lee (lead) may not approve episode ep-1: lee annotated it");
        reviewEpisode(p.store, "rev", p.episode, true, {}, "");
        QCOMPARE(status(p), EpisodeStatus::Approved);
    }

    void consentAndWithdrawal() {
        auto p = project();
        QVERIFY_ERROR(addParticipant(p.store, "ann", "P-0002"),
                      "ann (annotator) may not add participants: only leads and admins may");
        addParticipant(p.store, "lee", "P-0002", "second session");
        QVERIFY_ERROR(addParticipant(p.store, "lee", "P-0002"), "already a participant 'P-0002'");
        // Ids are listed tab-separated and typed on the command line: nothing invisible.
        QVERIFY_ERROR(addParticipant(p.store, "lee", "P\t3"),
                      "participant id 'P\t3' holds a tab, line break or other control character");
        QVERIFY_ERROR(addParticipant(p.store, "lee", "   "),
                      "participant id '   ' begins or ends with a space");
        addConsentForm(p.store, "lee", {"2027.1", "Recording consent", "research only",
                                        {"research"}, "", ""});
        ConsentRecord c;
        c.id = "C-0002";
        c.formVersion = "2027.1";
        c.signedAt = "2027-01-05";
        c.compensation = "20 EUR voucher";
        addConsent(p.store, "lee", "P-0002", c);
        c.formVersion = "1999.9";
        c.id = "C-0003";
        QVERIFY_ERROR(addConsent(p.store, "lee", "P-0002", c), "'1999.9' is not registered");
        const auto ps = participants(p.store);
        QCOMPARE(ps.size(), size_t(2));
        QCOMPARE(ps[1].pseudonym, std::string("P-0002"));
        QCOMPARE(ps[1].consents.at(0).compensation, std::string("20 EUR voucher"));
        QCOMPARE(consentForms(p.store).size(), size_t(1));

        // Approve ep-1, then its participant withdraws: it leaves the exportable set.
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        addLabel(p.store, "ann", p.episode, {"task", f, f + 2 * period, "y"}, timing);
        submitEpisode(p.store, "ann", p.episode);
        reviewEpisode(p.store, "rev", p.episode, true, {}, "");
        QCOMPARE(exportableEpisodes(p.store), std::vector<std::string>{"ep-1"});
        const std::string participant = p.store.episode(p.episode)->summary.participant;
        QVERIFY_ERROR(withdrawParticipant(p.store, "rev", participant),
                      "rev (reviewer) may not record a withdrawal");
        withdrawParticipant(p.store, "lee", participant, "2027-02-01");
        QVERIFY(exportableEpisodes(p.store).empty());
        QVERIFY_ERROR(withdrawParticipant(p.store, "lee", participant), "already withdrew");
        QVERIFY(contains(consentProblem(p.store, p.episode), "withdrew on 2027-02-01"));
        QCOMPARE(*p.store.episode(p.episode)->consent.withdrawnAt, std::string("2027-02-01"));
        // A withdrawn participant's episode is never approved again.
        reopenEpisode(p.store, "lee", p.episode);
        submitEpisode(p.store, "ann", p.episode);
        QVERIFY_ERROR(reviewEpisode(p.store, "rev", p.episode, true, {}, ""),
                      "withdrew consent on 2027-02-01");
        reviewEpisode(p.store, "rev", p.episode, false, {"consent_problem"}, "");
        bool flagged = false;
        for (const QcProblem& q : qcChecks(p.store, p.episode).problems)
            if (q.code == "consent.invalid") {
                flagged = true;
                // Its parts, for the app to word: what, participant, consent, date.
                QCOMPARE(q.args.size(), size_t(4));
                QCOMPARE(q.args[0], std::string("participant_withdrew"));
                QCOMPARE(q.args[1], participant);
                QCOMPARE(q.args[3], std::string("2027-02-01"));
                QCOMPARE(consentIssue(p.store, p.episode).code, q.args[0]);
            }
        QVERIFY(flagged);
    }

    // QC judges each clock as stored now against the project's tolerance: a clock set by hand
    // after sync passes without another sync, though the row sync recorded said it failed.
    void qcJudgesClocksAsStoredNow() {
        auto p = project();
        auto problemsOf = [&](const std::string& stream) {
            std::vector<QcProblem> out;
            for (const QcProblem& x : qcChecks(p.store, p.episode).problems)
                if (x.entity == "stream " + stream)
                    out.push_back(x);
            return out;
        };
        auto streamOf = [&](const std::string& stream) {
            for (const StreamQc& q : qcChecks(p.store, p.episode).streams)
                if (q.stream == stream)
                    return q;
            return StreamQc{};
        };
        // What sync leaves for a clock it could not align: identity of confidence 0, and a
        // failed sync.alignment row.
        ClockModel unaligned;
        unaligned.confidence = 0;
        p.store.setClockModel("lee", p.episode, "imu", unaligned);
        QcMetric row;
        row.stream = "imu";
        row.name = "sync.alignment";
        row.value = -1;
        row.unit = "ms";
        row.passed = false;
        p.store.recordQcMetrics("lee", p.episode, {row});
        auto problems = problemsOf("imu");
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].code, std::string("sync.unaligned"));
        QCOMPARE(problems[0].args, std::vector<std::string>{"imu"});
        QVERIFY(!streamOf("imu").aligned);
        QVERIFY(streamOf("imu").verdict.why == sync::AlignmentVerdict::Why::NotAligned);
        QVERIFY(streamOf("imu").healthy); // not aligned is not a failed health check

        // The project-wide view (the project window's Sync column) says the same.
        auto imuUnaligned = [&] {
            const auto all = unalignedClocks(p.store);
            auto it = all.find(p.episode);
            if (it == all.end())
                return std::string();
            for (const UnalignedClock& u : it->second)
                if (u.stream == "imu")
                    return u.reason;
            return std::string();
        };
        QCOMPARE(imuUnaligned(), std::string("not aligned to the camera clock"));

        // Set by hand: passes, the recorded row unchanged.
        ClockModel byHand;
        byHand.offsetNs = 12'000'000;
        p.store.setClockModel("lee", p.episode, "imu", byHand.setByHand());
        QVERIFY(problemsOf("imu").empty());
        QVERIFY(streamOf("imu").aligned);
        QCOMPARE(streamOf("imu").alignment, std::string("clock model set by hand"));
        QCOMPARE(*streamOf("imu").metrics.at(0).passed, false);
        QCOMPARE(imuUnaligned(), std::string());

        // An estimate with a 2 ms residual fails the default 1 ms tolerance, passes 3 ms.
        ClockModel estimate;
        estimate.method = "estimated";
        estimate.confidence = 0.9;
        estimate.residualNs = 2e6;
        p.store.setClockModel("lee", p.episode, "imu", estimate);
        problems = problemsOf("imu");
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].code, std::string("stream.qc_failed"));
        QVERIFY2(contains(problems[0].message, "residual 2.000 ms above the tolerance of 1.000 ms"),
                 problems[0].message.c_str());
        QCOMPARE(problems[0].args,
                 (std::vector<std::string>{"imu", "sync.alignment",
                                           "residual 2.000 ms above the tolerance of 1.000 ms"}));
        QVERIFY(streamOf("imu").verdict.why == sync::AlignmentVerdict::Why::ResidualAbove);
        QCOMPARE(streamOf("imu").verdict.value, 2.0);
        QCOMPARE(streamOf("imu").verdict.limit, 1.0);
        p.store.setSetting("lee", "project", "sync", {{"tolerance_ms", 3.0}});
        QVERIFY(problemsOf("imu").empty());
        QCOMPARE(streamOf("imu").alignment, std::string("residual 2.000 ms within 3.000 ms"));
        // Less sure than min_confidence fails whatever the residual.
        p.store.setSetting("lee", "project", "sync", {{"tolerance_ms", 3.0}, {"min_confidence", 0.95}});
        QVERIFY(contains(problemsOf("imu").at(0).message, "confidence 0.90 below 0.95"));
        QCOMPARE(imuUnaligned(), std::string("confidence 0.90 below 0.95"));

        // A failed health row still is a problem, with its value as recorded.
        QcMetric health;
        health.stream = "imu";
        health.name = "sync.health";
        health.value = 2;
        health.passed = false;
        p.store.recordQcMetrics("lee", p.episode, {health});
        p.store.setSetting("lee", "project", "sync", {{"tolerance_ms", 3.0}});
        problems = problemsOf("imu");
        QCOMPARE(problems.size(), size_t(1));
        QCOMPARE(problems[0].message, std::string("stream imu failed QC check sync.health (2)"));
        QCOMPARE(problems[0].args, (std::vector<std::string>{"imu", "sync.health", "2"}));
        QVERIFY(!streamOf("imu").healthy);
    }

    void qcFindsInconsistenciesWithTheirTimes() {
        auto p = project();
        const EpisodeTiming timing = EpisodeTiming::load(p.store, p.episode);
        const TimeNs f = timing.frameTimes[0], period = timing.frameTimes[1] - f;
        const Edit a = addLabel(p.store, "ann", p.episode, {"task", f, f + 10 * period, "a"}, timing);
        addLabel(p.store, "ann", p.episode, {"task", f + 8 * period, f + 14 * period, "b"}, timing);
        addLabel(p.store, "ann", p.episode, {"subtask", f, f + 4 * period, "c"}, timing);
        addEvent(p.store, "ann", p.episode, {"recovery", f + 3 * period, std::nullopt, "left", "", {}},
                 timing);
        QcReport q = qcChecks(p.store, p.episode);
        const double length = static_cast<double>(q.endNs - q.startNs);
        QVERIFY(std::abs(q.coverage["task"] - static_cast<double>(14 * period) / length) < 1e-9);
        QVERIFY(std::abs(q.coverage["subtask"] - static_cast<double>(4 * period) / length) < 1e-9);
        bool overlap = false, recovery = false;
        for (const QcProblem& x : q.problems) {
            if (x.code == "label.overlap") {
                overlap = true;
                QCOMPARE(*x.startNs, f + 8 * period);
                QCOMPARE(*x.endNs, f + 10 * period);
                // Its parts: first id, text, second id, text, tier, from, to.
                QCOMPARE(x.args.size(), size_t(7));
                QCOMPARE(x.args[0], std::to_string(a.entityId));
                QCOMPARE(x.args[1], std::string("a"));
                QCOMPARE(x.args[3], std::string("b"));
                QCOMPARE(x.args[4], std::string("task"));
                QVERIFY(contains(x.message, x.args[5]) && contains(x.message, x.args[6]) &&
                        x.args[6].ends_with(" s"));
            }
            if (x.code == "event.recovery_without_slip") {
                recovery = true;
                QCOMPARE(*x.startNs, f + 3 * period);
                QCOMPARE(x.args.size(), size_t(2));
                QVERIFY(contains(x.message, "recovery event " + x.args[0] + " at " + x.args[1]));
            }
        }
        QVERIFY(overlap && recovery);
        QCOMPARE(q.streams.size(), p.store.episode(p.episode)->streams.size());
        // A later change of the recorded range leaves a label outside it: reported.
        p.store.database().exec("UPDATE label SET end_ns = end_ns + 60000000000 WHERE id = " +
                                std::to_string(a.entityId));
        q = qcChecks(p.store, p.episode);
        bool outside = false;
        for (const QcProblem& x : q.problems)
            if (x.code == "label.outside_range" &&
                x.entity == "label " + std::to_string(a.entityId)) {
                outside = true;
                QCOMPARE(x.args.size(), size_t(5));
                QCOMPARE(x.args[1], std::string("a"));
            }
        QVERIFY(outside);
    }
};

QTEST_GUILESS_MAIN(TstAnnotationWorkflow)
#include "tst_annotation_workflow.moc"
