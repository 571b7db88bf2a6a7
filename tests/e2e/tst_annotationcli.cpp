// Annotation and review through touchstone-cli: labels, events, undo, the review workflow with
// its role errors, consent and withdrawal, the audit log per episode; a burst of edits killed
// with SIGKILL loses no committed edit and leaves a project that passes verify; a changed audit
// row is caught by `audit verify`.
#include "support/clijson.h"
#include "support/minibundle.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <csignal>

using namespace ts::test;

namespace {
QString cli() {
    return qEnvironmentVariable("TS_CLI");
}
} // namespace

class TstAnnotationCli : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString bundle_;

    // A project with root (admin), lee (lead), ann (annotator), rev (reviewer) and the mini
    // bundle imported.
    QString makeProject(const QString& name) {
        const QString proj = tmp_.filePath(name);
        QString out;
        [&] { QCOMPARE(runProgram(cli(), {"init", proj, "--user", "root"}, &out), 0); }();
        for (auto [user, role] : {std::pair{"lee", "lead"}, std::pair{"ann", "annotator"},
                                  std::pair{"rev", "reviewer"}})
            [&] {
                QCOMPARE(runProgram(cli(), {"user", proj, "add", user, "--role", role, "--as", "root"},
                                    &out),
                         0);
            }();
        [&] { QCOMPARE(runProgram(cli(), {"import", proj, bundle_, "--user", "lee"}, &out), 0); }();
        return proj;
    }

private slots:
    void initTestCase() {
        bundle_ = tmp_.filePath("bundle");
        QString why;
        MiniBundleOptions o;
        o.videoFrames = 30;
        QVERIFY2(writeMiniBundle(bundle_, o, &why), qPrintable(why));
    }

    // Slip suggestions renumber as they are decided: by its start, as printed, a script picks
    // the one it means however many were decided before.
    void slipSuggestionsByTheirStart() {
        const QString ep = tmp_.filePath("slips");
        QString out;
        QCOMPARE(runProgram(cli(),
                            {"synth", ep, "--seconds", "16", "--width", "160", "--height", "120",
                             "--seed", "3"},
                            &out),
                 0);
        const QString proj = tmp_.filePath("slips-proj");
        QCOMPARE(runProgram(cli(), {"init", proj, "--user", "root"}, &out), 0);
        QCOMPARE(runProgram(cli(), {"import", proj, ep, "--user", "root"}, &out), 0);
        const QJsonArray first =
            cliJson({"event", proj, "synth-3", "suggest", "--json"})["suggestions"].toArray();
        QVERIFY2(first.size() >= 2, qPrintable(QString::number(first.size())));
        const double second = first[1].toObject()["from"].toDouble();
        const QString secondText = QString::number(second, 'f', 3);
        // The first by index; then the second, now number 1, by its start.
        QCOMPARE(runProgram(cli(),
                            {"event", proj, "synth-3", "suggest", "--accept", "1", "--as", "root"},
                            &out),
                 0);
        QCOMPARE(
            runProgram(cli(),
                       {"event", proj, "synth-3", "suggest", "--dismiss", "99.5", "--as", "root"},
                       &out),
            2);
        QVERIFY2(out.contains("no open suggestion starts there (open: " + secondText),
                 qPrintable(out));
        QCOMPARE(runProgram(
                     cli(),
                     {"event", proj, "synth-3", "suggest", "--accept", secondText, "--as", "root"},
                     &out),
                 0);
        const QJsonArray events =
            cliJson({"event", proj, "synth-3", "list", "--json"})["events"].toArray();
        QCOMPARE(events.size(), 2);
        QVERIFY(std::abs(events[1].toObject()["at"].toDouble() - second) < 0.04);

        // An approval over open QC problems (no sync run: every clock but the camera's is
        // unaligned) says so, each problem on its line, as the QC panel shows them.
        QCOMPARE(runProgram(cli(),
                            {"user", proj, "add", "rev", "--role", "reviewer", "--as", "root"},
                            &out),
                 0);
        QCOMPARE(runProgram(cli(), {"submit", proj, "synth-3", "--as", "root"}, &out), 0);
        const QJsonArray problems =
            cliJson({"review", proj, "synth-3", "--json"})["qc"].toObject()["problems"].toArray();
        QVERIFY(!problems.isEmpty());
        QCOMPARE(runProgram(cli(), {"review", proj, "synth-3", "--approve", "--as", "rev"}, &out),
                 0);
        QVERIFY2(out.startsWith(QString("episode synth-3 approved by rev\n  with %1 QC problem(s) "
                                        "open:\n")
                                    .arg(problems.size())),
                 qPrintable(out));
        for (const auto& v : problems)
            QVERIFY2(out.contains("    " + v.toObject()["code"].toString() + ": " +
                                  v.toObject()["message"].toString()),
                     qPrintable(out));

        // Approved, its clocks stay as the reviewer saw them: sync over the project leaves it
        // alone and names it; by name, sync and clock refuse until a lead reopens it.
        const QJsonObject all = cliJson({"sync", proj, "--json", "--user", "root"});
        QCOMPARE(all["episodes"].toArray().size(), 0);
        QCOMPARE(all["skipped_approved"].toArray().size(), 1);
        QCOMPARE(all["skipped_approved"].toArray()[0].toString(), QString("synth-3"));
        QCOMPARE(runProgram(cli(), {"sync", proj, "--user", "root"}, &out), 0);
        QVERIFY2(out.contains("left as reviewed (approved; a lead reopens one to synchronise it "
                              "again): synth-3"),
                 qPrintable(out));
        QCOMPARE(runProgram(cli(), {"sync", proj, "synth-3", "--user", "root"}, &out), 1);
        QVERIFY2(out.contains("episode 'synth-3' is approved"), qPrintable(out));
        QCOMPARE(runProgram(cli(),
                            {"clock", proj, "synth-3", "imu", "--shift-ms", "1", "--user", "root"},
                            &out),
                 1);
        QVERIFY2(out.contains("until a lead reopens it"), qPrintable(out));
    }

    void annotateReviewAndAudit() {
        const QString proj = makeProject("flow");
        const QString ep = "mini-001";
        QJsonObject r = cliJson({"label", proj, ep, "add", "--tier", "task", "--from", "0.12",
                                 "--to", "0.61", "--text", "pick up cup", "--as", "ann", "--json"});
        const int labelId = r["label"].toObject()["id"].toInt();
        QVERIFY(labelId > 0);
        QVERIFY(r["edit"].toObject()["audit_seq"].toInt() > 0);
        // Snapped to a frame of the mini bundle's 10 Hz video: moved, by at most half a period.
        const double from = r["label"].toObject()["from"].toDouble();
        const double to = r["label"].toObject()["to"].toDouble();
        QVERIFY2(from != 0.12 && std::abs(from - 0.12) <= 0.05 + 1e-9, qPrintable(QString::number(from)));
        QVERIFY2(to != 0.61 && std::abs(to - 0.61) <= 0.05 + 1e-9, qPrintable(QString::number(to)));

        cliJson({"label", proj, ep, "update", QString::number(labelId), "--text", "grasp cup",
                 "--as", "ann", "--json"});
        QJsonArray list = cliJson({"label", proj, ep, "list", "--json"})["labels"].toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].toObject()["text"].toString(), QString("grasp cup"));
        cliJson({"label", proj, ep, "undo", "--as", "ann", "--json"});
        list = cliJson({"label", proj, ep, "list", "--json"})["labels"].toArray();
        QCOMPARE(list[0].toObject()["text"].toString(), QString("pick up cup"));
        QCOMPARE(cliJson({"label", proj, ep, "vocabulary", "--json"})["vocabulary"]
                     .toArray()[0]
                     .toObject()["text"]
                     .toString(),
                 QString("pick up cup"));

        r = cliJson({"event", proj, ep, "add", "--kind", "slip", "--at", "0.2", "--to", "0.4",
                     "--hand", "right", "--note", "box slides", "--as", "ann", "--json"});
        const int slip = r["event"].toObject()["id"].toInt();
        r = cliJson({"event", proj, ep, "add", "--kind", "recovery", "--at", "0.5", "--recovers",
                     QString::number(slip), "--as", "ann", "--json"});
        QCOMPARE(r["event"].toObject()["recovers"].toInt(), slip);
        QVERIFY(r["event"].toObject()["to"].isNull());
        QCOMPARE(cliJson({"event", proj, ep, "list", "--json"})["events"].toArray().size(), 2);
        QVERIFY(cliJson({"event", proj, ep, "suggest", "--json"})["suggestions"].isArray());
        QString out;
        QCOMPARE(runProgram(cli(), {"event", proj, ep, "delete", QString::number(slip), "--as", "ann"},
                            &out),
                 1);
        QVERIFY2(out.contains("linked by recovery event"), qPrintable(out));

        QCOMPARE(runProgram(cli(), {"label", proj, ep, "add", "--from", "0.1", "--to", "0.3",
                                    "--text", "x", "--as", "rev"},
                            &out),
                 1);
        QVERIFY2(out.contains("rev (reviewer) may not add labels to episode mini-001"),
                 qPrintable(out));
        QCOMPARE(runProgram(cli(), {"review", proj, ep, "--approve", "--as", "rev"}, &out), 1);
        QVERIFY2(out.contains("only a submitted episode is reviewed"), qPrintable(out));
        QCOMPARE(cliJson({"submit", proj, ep, "--as", "ann", "--json"})["status"].toString(),
                 QString("submitted"));
        QCOMPARE(runProgram(cli(), {"review", proj, ep, "--approve", "--as", "ann"}, &out), 1);
        QVERIFY2(out.contains("ann (annotator) may not approve episode mini-001: only reviewers "
                              "and leads may"),
                 qPrintable(out));
        QCOMPARE(runProgram(cli(), {"review", proj, ep, "--reject", "--reason", "blurry", "--as",
                                    "rev"},
                            &out),
                 1);
        QVERIFY2(out.contains("unknown reason code 'blurry'"), qPrintable(out));
        r = cliJson({"review", proj, ep, "--reject", "--reason", "slip_not_marked,other",
                     "--comment", "second slip at 0.8 s", "--as", "rev", "--json"});
        QCOMPARE(r["status"].toString(), QString("rejected"));
        const int openAtVerdict = r["qc_problems_open"].toInt(-1);
        r = cliJson({"review", proj, ep, "--json"});
        QCOMPARE(openAtVerdict, r["qc"].toObject()["problems"].toArray().size());
        QCOMPARE(r["status"].toString(), QString("rejected"));
        const QJsonObject rej = r["open_rejection"].toObject();
        QCOMPARE(rej["reasons"].toArray().size(), 2);
        QCOMPARE(rej["comment"].toString(), QString("second slip at 0.8 s"));
        QVERIFY(r["qc"].toObject().contains("coverage"));
        QVERIFY(r["qc"].toObject()["coverage"].toObject()["task"].toDouble() > 0);

        // Consent: a lead registers a form and a participant, then ep's participant withdraws.
        cliJson({"consent", proj, "add-form", "2027.1", "--title", "Recording", "--scope",
                 "research", "--as", "lee", "--json"});
        cliJson({"consent", proj, "add-participant", "P-0099", "--as", "lee", "--json"});
        cliJson({"consent", proj, "add-consent", "P-0099", "--ref", "C-99", "--form", "2027.1",
                 "--signed", "2027-01-02", "--compensation", "voucher", "--as", "lee", "--json"});
        QCOMPARE(runProgram(cli(), {"consent", proj, "withdraw", "P-001", "--as", "ann"}, &out), 1);
        QVERIFY2(out.contains("ann (annotator) may not record a withdrawal"), qPrintable(out));
        r = cliJson({"consent", proj, "withdraw", "P-001", "--as", "lee", "--json"});
        QCOMPARE(r["episodes_excluded"].toArray().size(), 1);
        // Without --json the same in words.
        QCOMPARE(
            runProgram(cli(), {"consent", proj, "add-participant", "P-0100", "--as", "lee"}, &out),
            0);
        QCOMPARE(out.trimmed(), QString("added participant P-0100"));
        QCOMPARE(runProgram(cli(),
                            {"consent", proj, "add-consent", "P-0100", "--ref", "C-100", "--form",
                             "2027.1", "--signed", "2027-01-03", "--as", "lee"},
                            &out),
                 0);
        QCOMPARE(out.trimmed(),
                 QString("recorded consent C-100 of participant P-0100 (form 2027.1, signed "
                         "2027-01-03)"));
        QCOMPARE(runProgram(cli(), {"consent", proj, "withdraw", "P-0100", "--as", "lee"}, &out),
                 0);
        QVERIFY2(out.startsWith("recorded the withdrawal of participant P-0100; 0 episode(s)"),
                 qPrintable(out));
        r = cliJson({"consent", proj, "list", "--json"});
        QCOMPARE(r["participants"].toArray().size(), 3);
        {
            // review --json names the problem and gives its parts (args) for tools to word.
            bool consentFlagged = false;
            for (const auto& v :
                 cliJson({"review", proj, ep, "--json"})["qc"].toObject()["problems"].toArray()) {
                const QJsonObject p = v.toObject();
                if (p["code"].toString() != "consent.invalid")
                    continue;
                consentFlagged = true;
                const QJsonArray args = p["args"].toArray();
                QCOMPARE(args.size(), 4);
                QCOMPARE(args[0].toString(), QString("participant_withdrew"));
                QCOMPARE(args[1].toString(), QString("P-001"));
                QVERIFY(p["message"].toString().contains("participant P-001 withdrew on " +
                                                         args[3].toString()));
            }
            QVERIFY(consentFlagged);
        }
        QVERIFY(cliJson({"consent", proj, "exportable", "--json"})["exportable"].toArray().isEmpty());

        r = cliJson({"audit", proj, "--episode", ep, "--json"});
        QStringList actions;
        for (const auto& e : r["entries"].toArray())
            actions << e.toObject()["action"].toString();
        for (const char* a : {"episode.import", "label.create", "label.update", "edit.undo",
                              "event.create", "episode.submit", "episode.review"})
            QVERIFY2(actions.contains(a), qPrintable(actions.join(",")));
        QVERIFY(!actions.contains("consent_form.create")); // not about this episode
        // --limit N: the first N entries; a negative count is a usage error, not "all".
        QCOMPARE(cliJson({"audit", proj, "--limit", "2", "--json"})["entries"].toArray().size(), 2);
        QCOMPARE(runProgram(cli(), {"audit", proj, "--limit", "-1"}, &out), 2);
        QVERIFY2(out.contains("--limit takes a count of entries"), qPrintable(out));
        QCOMPARE(runProgram(cli(), {"audit", proj, "verify"}, &out), 0);
        QCOMPARE(runProgram(cli(), {"verify", proj}, &out), 0);

        // A changed audit row is caught.
        QCOMPARE(runProgram("sqlite3",
                            {proj + "/project.tsproj",
                             "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after_json = "
                             "replace(after_json, 'pick up cup', 'pick up cap') WHERE action = "
                             "'label.create';"},
                            &out),
                 0);
        QCOMPARE(runProgram(cli(), {"audit", proj, "verify", "--json"}, &out), 1);
        QVERIFY2(out.contains("audit.hash") && out.contains("label.create"), qPrintable(out));
    }

    void killedBurstOfEditsLosesNothingCommitted() {
        const QString proj = makeProject("burst");
        int totalPrinted = 0, killed = 0;
        for (int round = 0; round < 5; ++round) {
            // One shell runs edits back to back and prints each label id once its command has
            // returned (= committed); the whole group is killed mid-burst.
            QProcess p;
            const QString script =
                QString("for i in $(seq 1 40); do \"%1\" label \"%2\" mini-001 add --from 0.1 "
                        "--to 0.5 --text \"burst %3 $i\" --as ann --json; done")
                    .arg(cli(), proj)
                    .arg(round);
            p.start("setsid", {"sh", "-c", script});
            QVERIFY(p.waitForStarted());
            // The group to kill, taken while it runs: kill(-0) would be our own group (ctest's).
            const pid_t group = pid_t(p.processId());
            QVERIFY(group > 1);
            if (!p.waitForFinished(400 + 350 * round) && p.state() == QProcess::Running) {
                ::kill(-group, SIGKILL);
                p.waitForFinished(10000);
                ++killed;
            }
            const QString printed = QString::fromUtf8(p.readAllStandardOutput());
            totalPrinted += printed.count("\"audit_seq\"");
            QString out;
            QCOMPARE(runProgram(cli(), {"verify", proj}, &out), 0);
            const int stored =
                cliJson({"label", proj, "mini-001", "list", "--json"})["labels"].toArray().size();
            // Every edit that returned is there; at most the one killed after its commit but
            // before it printed is there too.
            QVERIFY2(stored >= totalPrinted && stored <= totalPrinted + 1,
                     qPrintable(QString("%1 stored, %2 printed").arg(stored).arg(totalPrinted)));
            totalPrinted = stored;
        }
        qInfo("%d of 5 bursts were killed mid-way", killed);
        QVERIFY(killed >= 3);
        QString out;
        QCOMPARE(runProgram(cli(), {"audit", proj, "verify"}, &out), 0);
    }
};

QTEST_GUILESS_MAIN(TstAnnotationCli)
#include "tst_annotationcli.moc"
