// synth → import → info round trip through the CLI: counts, rates and time ranges reported by
// the project must match what ground_truth.json says was written.
#include "support/clijson.h"
#include "support/minibundle.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ts::test;

class TstSynthImportRoundTrip : public QObject {
    Q_OBJECT
private slots:
    void roundTrip() {
        QTemporaryDir tmp;
        const QString ep = tmp.filePath("ep");
        const QString proj = tmp.filePath("proj");
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"synth", ep, "--seconds", "3", "--width", "320", "--height", "240",
                             "--seed", "7", "--drop-rate", "0.02", "--jitter-us", "40",
                             "--clock-offset", "imu=35", "--clock-drift", "imu=20"},
                            &out),
                 0);
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"init", proj, "--user", "lead"}, &out),
                 0);
        QJsonObject imp = cliJson({"import", proj, ep, "--user", "lead", "--json"});
        QCOMPARE(imp["imported"].toArray().size(), 1);
        const QString id = imp["imported"].toArray()[0].toObject()["id"].toString();
        QCOMPARE(id, QString("synth-7"));

        const QJsonObject info = cliJson({"info", proj, id, "--json"});
        const QJsonObject gt =
            QJsonDocument::fromJson(readText(ep + "/ground_truth.json").toUtf8()).object();
        const QJsonObject gtStreams = gt["streams"].toObject();
        QVERIFY(gtStreams.size() >= 6);
        int compared = 0;
        for (const auto& sv : info["streams"].toArray()) {
            const QJsonObject s = sv.toObject();
            const QString name = s["name"].toString();
            QVERIFY2(gtStreams.contains(name), qPrintable(name));
            const QJsonObject g = gtStreams[name].toObject();
            QCOMPARE(s["count"].toInteger(), g["count"].toInteger());
            QCOMPARE(s["first_ns"].toInteger(), g["first_raw_ns"].toInteger());
            QCOMPARE(s["last_ns"].toInteger(), g["last_raw_ns"].toInteger());
            // The median interval survives drops and jitter; drift changes it by ppm only.
            const double rate = s["rate_hz"].toDouble(), gtRate = g["rate_hz"].toDouble();
            QVERIFY2(std::abs(rate - gtRate) / gtRate < 0.01,
                     qPrintable(QString("%1: %2 Hz vs %3 Hz").arg(name).arg(rate).arg(gtRate)));
            if (g["dropped"].toInteger() > 3)
                QVERIFY2(s["gaps"].toInteger() > 0, qPrintable(name + " drops were not seen"));
            ++compared;
        }
        QCOMPARE(compared, gtStreams.size());
        QCOMPARE(info["streams"].toArray().size(), 6);

        // The project as a whole.
        const QJsonObject p = cliJson({"info", proj, "--json"});
        QCOMPARE(p["episode_count"].toInt(), 1);
        QCOMPARE(p["episodes"].toArray()[0].toObject()["participant"].toString(), QString("P-7"));
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"verify", proj}, &out), 0);
        // The video's frame index was built at import and cached in the project.
        QCOMPARE(runProgram("sqlite3",
                            {proj + "/project.tsproj",
                             "SELECT count(*) FROM media_cache WHERE kind='frame_index'"},
                            &out),
                 0);
        QCOMPARE(out.trimmed(), QString("1"));

        // Importing the same episode again is refused and changes nothing.
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"import", proj, ep, "--user", "lead"},
                            &out),
                 1);
        QVERIFY2(out.contains("synth-7"), qPrintable(out));
        QCOMPARE(cliJson({"info", proj, "--json"})["episode_count"].toInt(), 1);
    }

    void synthIsDeterministic() {
        QTemporaryDir tmp;
        QString out;
        for (const char* d : {"a", "b"})
            QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                                {"synth", tmp.filePath(d), "--seconds", "1", "--width", "160",
                                 "--height", "120", "--seed", "3"},
                                &out),
                     0);
        for (const char* f : {"imu.csv", "pose.csv", "hands.csv", "force.csv", "ground_truth.json",
                              "episode.json", "rgb_frames.csv", "depth_frames.csv"})
            QVERIFY2(readText(tmp.filePath(QString("a/") + f)) ==
                         readText(tmp.filePath(QString("b/") + f)),
                     f);
    }

    void badOptionsAreUsageErrors() {
        QTemporaryDir tmp;
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"synth", tmp.filePath("x"), "--clock-offset", "imu"}, &out),
                 2);
        QVERIFY(out.contains("STREAM=VALUE"));
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"synth", tmp.filePath("x"), "--fps", "zero"}, &out),
                 2);
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"synth", tmp.filePath("x"), "--fps", "-5"}, &out),
                 1);
        QVERIFY2(out.contains("fps"), qPrintable(out));
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"frobnicate"}, &out), 2);
    }
};

QTEST_GUILESS_MAIN(TstSynthImportRoundTrip)
#include "tst_synthimportroundtrip.moc"
