// Crash safety and tamper detection through the CLI: an import killed with SIGKILL at many
// points leaves a project that passes `verify`, holding the episode either completely or not
// at all; editing a media file or an audit row afterwards is caught by `verify`.
#include "support/minibundle.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace ts::test;

namespace {
QString cli() {
    return qEnvironmentVariable("TS_CLI");
}

QJsonObject infoJson(const QStringList& args) {
    QProcess p;
    p.start(cli(), args);
    p.waitForFinished(60000);
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}
} // namespace

class TstImportCrashSafety : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString bundle_;

private slots:
    void initTestCase() {
        bundle_ = tmp_.filePath("bundle");
        QString out;
        // Long enough that import takes a while (many depth frames and 1 kHz streams).
        QCOMPARE(runProgram(cli(),
                            {"synth", bundle_, "--seconds", "20", "--width", "320", "--height",
                             "240", "--seed", "11"},
                            &out),
                 0);
    }

    void killedImportLeavesConsistentProject() {
        // First a reference import, to know what "complete" means and how long it takes.
        const QString ref = tmp_.filePath("ref");
        QString out;
        QCOMPARE(runProgram(cli(), {"init", ref, "--user", "lead"}, &out), 0);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(runProgram(cli(), {"import", ref, bundle_, "--user", "lead"}, &out), 0);
        const qint64 importMs = timer.elapsed();
        const QJsonObject full = infoJson({"info", ref, "synth-11", "--json"});
        const int fullMedia = full["media_files"].toInt();
        QVERIFY(fullMedia > 100);

        int killedMidway = 0, completed = 0, absent = 0;
        for (int k = 0; k < 12; ++k) {
            const QString proj = tmp_.filePath(QString("p%1").arg(k));
            QCOMPARE(runProgram(cli(), {"init", proj, "--user", "lead"}, &out), 0);
            QProcess p;
            p.start(cli(), {"import", proj, bundle_, "--user", "lead"});
            QVERIFY(p.waitForStarted());
            const pid_t pid = pid_t(p.processId()); // 0 once it has ended: never kill(0)
            QVERIFY(pid > 1);
            // Spread the kill points over the whole import, including its last moments.
            const int delay = int(importMs * (k + 0.5) / 11.0);
            if (!p.waitForFinished(delay) && p.state() == QProcess::Running) {
                ::kill(pid, SIGKILL);
                p.waitForFinished(10000);
                ++killedMidway;
            }
            QCOMPARE(runProgram(cli(), {"verify", proj}, &out), 0);
            const QJsonObject info = infoJson({"info", proj, "--json"});
            const int n = info["episode_count"].toInt();
            QVERIFY(n == 0 || n == 1);
            if (n == 1) {
                ++completed;
                const QJsonObject e = infoJson({"info", proj, "synth-11", "--json"});
                QCOMPARE(e["media_files"].toInt(), fullMedia);
                QCOMPARE(e["streams"].toArray().size(), full["streams"].toArray().size());
            } else {
                ++absent;
                QCOMPARE(info["media_files"].toInt(), 0);
                // And the import can simply be run again.
                QCOMPARE(runProgram(cli(), {"import", proj, bundle_, "--user", "lead"}, &out), 0);
            }
        }
        qInfo("import took %lld ms; %d kills landed mid-import, %d complete, %d absent", importMs,
              killedMidway, completed, absent);
        QVERIFY(killedMidway >= 6);
        QVERIFY(absent >= 1);
    }

    void tamperingIsCaught() {
        const QString proj = tmp_.filePath("tamper");
        QString out;
        QCOMPARE(runProgram(cli(), {"init", proj, "--user", "lead"}, &out), 0);
        QTemporaryDir copy;
        QVERIFY(writeMiniBundle(copy.path()));
        QCOMPARE(runProgram(cli(), {"import", proj, copy.path(), "--user", "lead"}, &out), 0);
        QCOMPARE(runProgram(cli(), {"verify", proj}, &out), 0);

        // One byte of a media file changes.
        QString force = readText(copy.filePath("force.csv"));
        force.replace(",2.5,", ",2.6,");
        writeText(copy.filePath("force.csv"), force);
        QCOMPARE(runProgram(cli(), {"verify", proj}, &out), 1);
        QVERIFY2(out.contains("force.csv"), qPrintable(out));
        force.replace(",2.6,", ",2.5,");
        writeText(copy.filePath("force.csv"), force);
        QCOMPARE(runProgram(cli(), {"verify", proj}, &out), 0);

        // A row of the audit log is rewritten behind the store's back.
        QCOMPARE(
            runProgram("sqlite3",
                       {proj + "/project.tsproj", "DROP TRIGGER audit_log_no_update; UPDATE "
                                                  "audit_log SET actor='mallory' WHERE seq=2;"},
                       &out),
            0);
        QCOMPARE(runProgram(cli(), {"verify", proj}, &out), 1);
        QVERIFY2(out.contains("audit"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TstImportCrashSafety)
#include "tst_importcrashsafety.moc"
