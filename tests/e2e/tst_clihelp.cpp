// touchstone-cli COMMAND --help: every command prints its own usage lines on stdout and exits 0
// without running; a usage error points at that command's help.
#include "support/minibundle.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace ts::test;

class TstCliHelp : public QObject {
    Q_OBJECT
private slots:
    void everyCommandHasHelp_data() {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected"); // a piece of its usage line
        QTest::newRow("sync") << "sync" << "sync PROJECT [EPISODE] [--user NAME] [--json]";
        QTest::newRow("clock") << "clock" << "--offset-ms MS | --shift-ms MS";
        QTest::newRow("label") << "label" << "[--snap frame|contact|none]"; // continuation line
        QTest::newRow("reopen") << "reopen" << "submit|reopen PROJECT EPISODE";
        QTest::newRow("audit") << "audit" << "audit PROJECT verify";
        QTest::newRow("bench") << "bench" << "sync-accuracy";
        QTest::newRow("export") << "export" << "--format lerobot|hdf5";
    }
    void everyCommandHasHelp() {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        const QString cli = qEnvironmentVariable("TS_CLI");
        QString out;
        QCOMPARE(runProgram(cli, {command, "--help"}, &out), 0);
        QVERIFY2(out.startsWith("usage:\n  "), qPrintable(out));
        QVERIFY2(out.contains(expected), qPrintable(out));
        // Only that command's lines: no other command's usage.
        QVERIFY2(!out.contains(command == "sync" ? "  clock PROJECT" : "  sync PROJECT"),
                 qPrintable(out));
        QString shortOut;
        QCOMPARE(runProgram(cli, {command, "-h"}, &shortOut), 0);
        QCOMPARE(shortOut, out);
    }

    // --help anywhere after the command wins over the rest: nothing is run or written.
    void helpRunsNothing() {
        QTemporaryDir tmp;
        const QString proj = tmp.filePath("p");
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"init", proj, "--help"}, &out), 0);
        QVERIFY2(out.contains("init PROJECT"), qPrintable(out));
        QVERIFY(!QFileInfo::exists(proj));
    }

    // --help as an option's value is that value, as every other word there is.
    void helpAsAValueIsAValue() {
        QTemporaryDir tmp;
        const QString proj = tmp.filePath("p");
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"init", proj, "--name", "--help"},
                            &out),
                 0);
        QVERIFY2(!out.startsWith("usage:"), qPrintable(out));
        QVERIFY(QFileInfo::exists(proj + "/project.tsproj"));
        // -h is help only right after the command; later it is a word like another.
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"info", proj, "-h"}, &out), 1);
        QVERIFY2(out.contains("'-h'"), qPrintable(out)); // taken as an episode's name
    }

    // Help goes to stdout, nothing to stderr.
    void helpIsOnStdout() {
        QProcess p;
        p.start(qEnvironmentVariable("TS_CLI"), {"clock", "--help"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(QString::fromUtf8(p.readAllStandardOutput()).contains("clock PROJECT EPISODE"));
        QVERIFY(p.readAllStandardError().isEmpty());
    }

    void usageErrorNamesTheCommandsHelp() {
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"sync", "--bogus"}, &out), 2);
        QVERIFY2(out.contains("unknown option --bogus"), qPrintable(out));
        QVERIFY2(out.contains("touchstone-cli sync --help"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TstCliHelp)
#include "tst_clihelp.moc"
