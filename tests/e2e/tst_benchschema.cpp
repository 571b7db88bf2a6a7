// The bench contract (docs/performance.md): every line is one JSON object with the fixed keys,
// ratio = value / reference_value where there is a reference. Runs the benchmarks tiny; the
// figures themselves are not judged here.
#include "support/minibundle.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
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
        int withGoal = 0, met = 0;
        QStringList missed;
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
            if (o["goal"].isDouble()) {
                // The goal is the ratio's where there is a reference, else the value's.
                const double v =
                    o["ratio"].isNull() ? o["value"].toDouble() : o["ratio"].toDouble();
                const bool ok = o["better"].toString() == "lower" ? v <= o["goal"].toDouble()
                                                                  : v >= o["goal"].toDouble();
                ++withGoal;
                met += ok ? 1 : 0;
                if (!ok)
                    missed << "  missed: " + o["figure"].toString() + " ";
            }
        }
        // On stderr, after the figures: how many goals are met, and each one missed by name.
        const QString err = QString::fromUtf8(p.readAllStandardError());
        const QString summary =
            withGoal == 0
                ? QString("bench %1: no figure here has a goal\n").arg(bench)
                : QString("bench %1: %2 of %3 goals met\n").arg(bench).arg(met).arg(withGoal);
        QVERIFY2(err.contains(summary), qPrintable(summary + " not in:\n" + err));
        for (const QString& m : missed)
            QVERIFY2(err.contains(m), qPrintable(m + " not in:\n" + err));
        QCOMPARE(err.count("  missed: "), missed.size());
        // A missed P_error_Q names the floors the run printed for it, the figures P_…bound_Q.
        int floorsNamed = 0;
        for (const QString& m : missed) {
            const QString figure = m.mid(10).trimmed(); // after "  missed: "
            const qsizetype at = figure.indexOf("_error_");
            if (at < 0)
                continue;
            const QString prefix = figure.left(at + 1);
            const QString suffix = "bound_" + figure.mid(at + 7);
            const qsizetype from = err.indexOf(m);
            const QString line = err.mid(from, err.indexOf('\n', from) - from);
            for (const QString& row : rows) {
                const QJsonObject o = QJsonDocument::fromJson(row.toUtf8()).object();
                const QString n = o["figure"].toString();
                if (!n.startsWith(prefix) || !n.endsWith(suffix))
                    continue;
                const QString tag = n.mid(prefix.size(), n.size() - prefix.size() - suffix.size());
                const QString expect =
                    "; " + tag + "bound " + QString::number(o["value"].toDouble(), 'g', 3);
                QVERIFY2(line.contains(expect), qPrintable(expect + " not in: " + line));
                ++floorsNamed;
            }
        }
        if (bench == "sync-accuracy") // its force figures on 1 s and 40 s miss, beside floors
            QVERIFY2(floorsNamed >= 2, qPrintable(err));
    }

    // sync-accuracy --details FILE: one JSON line per estimate scored, whose magnitudes are the
    // figures printed (one recording per set here, so each median is that row's value).
    void syncAccuracyDetails() {
        QTemporaryDir tmp;
        const QString file = tmp.filePath("details.jsonl");
        QProcess p;
        p.start(qEnvironmentVariable("TS_CLI"),
                {"bench", "sync-accuracy", "--seconds", "1", "--episodes", "1", "--long-episodes",
                 "1", "--long-seconds", "40", "--long-seed", "7", "--work-dir",
                 tmp.filePath("work"), "--details", file});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        QHash<QString, double> figures;
        for (const QString& row :
             QString::fromUtf8(p.readAllStandardOutput()).split('\n', Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(row.toUtf8()).object();
            figures[o["figure"].toString()] = o["value"].toDouble();
        }
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QSet<QString> links;
        int rows = 0;
        for (const QByteArray& line : f.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            ++rows;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            for (const char* key : {"recording", "seed", "seconds", "link", "offset_error_ms",
                                    "drift_error_ppm", "confidence", "residual_ms"})
                QVERIFY2(o.contains(key), line.constData());
            const QString link = o["link"].toString();
            QVERIFY2(!links.contains(link), line.constData()); // one recording per set
            links.insert(link);
            QVERIFY2(figures.contains(link + "_offset_error_median"), qPrintable(link));
            QCOMPARE(std::abs(o["offset_error_ms"].toDouble()),
                     figures[link + "_offset_error_median"]);
            QCOMPARE(std::abs(o["drift_error_ppm"].toDouble()),
                     figures[link + "_drift_error_median"]);
            QCOMPARE(o["confidence"].toDouble(), figures[link + "_confidence_min"]);
            QCOMPARE(o["recording"].toString(),
                     link.endsWith("_40s") ? QString("signals-40s-seed7") : QString("ep-0"));
        }
        QVERIFY(links.contains("force_vs_hands_40s") && links.contains("hands_vs_pose_40s"));
        QVERIFY2(rows >= 4, qPrintable(QString::number(rows)));
        // A file that cannot be written is an error named before any work.
        QProcess bad;
        bad.start(qEnvironmentVariable("TS_CLI"),
                  {"bench", "sync-accuracy", "--episodes", "1", "--long-episodes", "0",
                   "--details", tmp.filePath("no/such/dir/d.jsonl")});
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 1);
        QVERIFY(QString::fromUtf8(bad.readAllStandardError()).contains("--details"));
        // Rows lost on a full disk are an error too, not a short file and exit 0.
        if (QFileInfo::exists("/dev/full")) {
            QProcess full;
            full.start(qEnvironmentVariable("TS_CLI"),
                       {"bench", "sync-accuracy", "--seconds", "1", "--episodes", "1",
                        "--long-episodes", "0", "--work-dir", tmp.filePath("work"), "--details",
                        "/dev/full"});
            QVERIFY(full.waitForFinished(120000));
            QCOMPARE(full.exitCode(), 1);
            QVERIFY(QString::fromUtf8(full.readAllStandardError()).contains("written completely"));
        }
    }

    // A --work-dir keeps the generated episodes between runs; one made with other options is an
    // error naming its ground_truth.json and what differs, never scored as this run's.
    void aWorkDirIsReusedOnlyWithTheSameOptions() {
        QTemporaryDir tmp;
        const QString work = tmp.filePath("work");
        auto run = [&](const QStringList& args, QString* err = nullptr) {
            QProcess p;
            p.start(qEnvironmentVariable("TS_CLI"),
                    QStringList{"bench"} + args + QStringList{"--work-dir", work});
            p.waitForFinished(120000);
            if (err)
                *err = QString::fromUtf8(p.readAllStandardError());
            return p.exitCode();
        };
        const QStringList sync{"sync-accuracy",   "--seconds", "1", "--episodes", "1",
                               "--long-episodes", "0"};
        QCOMPARE(run(sync), 0);
        const QString truth = work + "/ep-0/ground_truth.json";
        const QDateTime made = QFileInfo(truth).lastModified();
        QCOMPARE(run(sync), 0); // the same options: the episode is used again, not remade
        QCOMPARE(QFileInfo(truth).lastModified(), made);
        QString err;
        QCOMPARE(run(sync + QStringList{"--crf", "0"}, &err), 1);
        QVERIFY2(err.contains(truth) && err.contains("crf 20 (this run: 0)"), qPrintable(err));
        QCOMPARE(run(sync + QStringList{"--head-turn", "2"}, &err), 1);
        QVERIFY2(err.contains("head_turn_scale 1 (this run: 2)"), qPrintable(err));
        QCOMPARE(run({"sync-accuracy", "--seconds", "2", "--episodes", "1", "--long-episodes", "0"},
                     &err),
                 1);
        QVERIFY2(err.contains("seconds 1 (this run: 2)"), qPrintable(err));
        // Another bench's episodes in the same folder (bench export's ep-0 is seed 100).
        QCOMPARE(run({"export", "--seconds", "1", "--episodes", "1"}, &err), 1);
        QVERIFY2(err.contains(truth) && err.contains("seed 1000 (this run: 100)"), qPrintable(err));
        // An interrupted run's folder (no ground_truth.json yet) is made again.
        QVERIFY(QFile::remove(truth));
        QCOMPARE(run(sync), 0);
        QVERIFY(QFileInfo::exists(truth));
        // …but a folder holding something the generator does not write is left alone.
        QVERIFY(QFile::remove(truth));
        QFile notes(work + "/ep-0/notes.txt");
        QVERIFY(notes.open(QIODevice::WriteOnly) && notes.write("mine") == 4);
        notes.close();
        QCOMPARE(run(sync, &err), 1);
        QVERIFY2(err.contains("notes.txt") && err.contains("does not write"), qPrintable(err));
        QVERIFY(QFileInfo::exists(notes.fileName()));
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
        QTest::newRow("crf out of range")
            << QStringList{"sync-accuracy", "--crf", "52"} << "--crf between 0 (lossless) and 51";
        QTest::newRow("head-turn zero")
            << QStringList{"sync-accuracy", "--head-turn", "0"} << "--head-turn above 0";
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
