// The bench contract (docs/performance.md): every line is one JSON object with the fixed keys,
// ratio = value / reference_value where there is a reference. Runs the benchmarks tiny; the
// figures themselves are not judged here.
#include "support/minibundle.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include <cmath>

using namespace ts::test;

class TstBenchSchema : public QObject {
    Q_OBJECT
private slots:
    void linesFollowTheSchema_data() {
        QTest::addColumn<QString>("bench");
        QTest::addColumn<int>("lines");
        QTest::addColumn<QStringList>("extra");
        QTest::newRow("synth") << "synth" << 2 << QStringList{};
        QTest::newRow("import") << "import" << 3 << QStringList{};
        QTest::newRow("decode") << "decode" << 1 << QStringList{};
        QTest::newRow("seek") << "seek" << 3 << QStringList{"--seeks", "2", "--budget-mb", "64"};
        // sync-accuracy: one block per clock pair the engine estimated, so at least 10 lines.
        QTest::newRow("sync-accuracy") << "sync-accuracy" << -10 << QStringList{"--episodes", "1", "--long-episodes", "1", "--long-seconds", "40", "--long-seed", "7"};
        QTest::newRow("sync") << "sync" << 10 << QStringList{"--width", "160"};
        QTest::newRow("recon-accuracy") << "recon-accuracy" << 12 << QStringList{"--episodes", "1"};
        QTest::newRow("recon") << "recon" << 9 << QStringList{};
        QTest::newRow("export") << "export" << 3 << QStringList{"--episodes", "2"};
        QTest::newRow("store") << "store" << 5
                               << QStringList{"--episodes", "20", "--labels", "2000", "--edits", "5"};
    }
    void linesFollowTheSchema() {
        QFETCH(QString, bench);
        QFETCH(int, lines);
        QFETCH(QStringList, extra);
        QString out;
        QProcess p;
        p.start(qEnvironmentVariable("TS_CLI"),
                QStringList{"bench", bench, "--seconds", "1"} + extra);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const QStringList rows =
            QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts);
        if (lines < 0)
            QVERIFY2(rows.size() >= -lines, qPrintable(QString::number(rows.size())));
        else
            QCOMPARE(rows.size(), lines);
        for (const QString& row : rows) {
            QJsonParseError err;
            const QJsonObject o = QJsonDocument::fromJson(row.toUtf8(), &err).object();
            QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(row));
            for (const char* key : {"bench", "figure", "value", "unit", "reference",
                                    "reference_value", "ratio", "better", "goal"})
                QVERIFY2(o.contains(key), qPrintable(QString("%1 lacks %2").arg(row, key)));
            QCOMPARE(o["bench"].toString(), bench);
            QVERIFY(o["better"].toString() == "lower" || o["better"].toString() == "higher");
            QVERIFY(o["value"].toDouble() > 0);
            if (!o["reference"].isNull()) {
                const double expect = o["value"].toDouble() / o["reference_value"].toDouble();
                QVERIFY(std::abs(o["ratio"].toDouble() - expect) < 1e-9 * std::abs(expect));
            } else {
                QVERIFY(o["ratio"].isNull() && o["reference_value"].isNull());
            }
        }
    }

    // Bad options are refused before any work, with the option named (exit code 2).
    void refusesBadOptions_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("says");
        QTest::newRow("long-seed not a number")
            << QStringList{"sync-accuracy", "--long-seed", "x"} << "--long-seed needs a whole number";
        QTest::newRow("long-seed negative")
            << QStringList{"sync-accuracy", "--long-seed", "-1"} << "--long-seed >= 0";
        QTest::newRow("long-episodes negative")
            << QStringList{"sync-accuracy", "--long-episodes", "-2"} << "--long-episodes >= 0";
    }
    void refusesBadOptions() {
        QFETCH(QStringList, args);
        QFETCH(QString, says);
        QProcess p;
        p.start(qEnvironmentVariable("TS_CLI"), QStringList{"bench"} + args);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(says), qPrintable(err));
        QVERIFY(p.readAllStandardOutput().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstBenchSchema)
#include "tst_benchschema.moc"
