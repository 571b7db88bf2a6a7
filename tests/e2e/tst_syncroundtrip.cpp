// synth → import → sync → info/verify through the CLI: the IMU clock is estimated against a
// pose clock declared in the manifest, stored (method "estimated", audited) within 1 ms of
// ground_truth.json; streams with no estimator stay "not aligned"; verify still passes.
#include "support/clijson.h"
#include "support/minibundle.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ts::test;

namespace {

QJsonObject streamNamed(const QJsonArray& streams, const QString& name) {
    for (const auto& s : streams)
        if (s.toObject()["name"].toString() == name)
            return s.toObject();
    return {};
}
} // namespace

class TstSyncRoundTrip : public QObject {
    Q_OBJECT
private slots:
    void syncStoresEstimatedClock() {
        QTemporaryDir tmp;
        const QString ep = tmp.filePath("ep"), proj = tmp.filePath("proj");
        const QString cli = qEnvironmentVariable("TS_CLI");
        QString out;
        QCOMPARE(runProgram(cli, {"synth",         ep,       "--seconds",      "30",
                                  "--width",       "160",    "--height",       "120",
                                  "--seed",        "3",      "--drop-rate",    "0.01",
                                  "--jitter-us",   "50",     "--clock-offset", "imu=137.25",
                                  "--clock-drift", "imu=40", "--clock-offset", "pose=0",
                                  "--clock-drift", "pose=0"},
                            &out),
                 0);
        // Declare the pose clock as known (identity), as a rig whose SLAM runs on the camera
        // clock would: then IMU → pose → camera is a complete path.
        QJsonObject m = QJsonDocument::fromJson(readText(ep + "/episode.json").toUtf8()).object();
        QJsonArray clocks = m["clocks"].toArray();
        for (int i = 0; i < clocks.size(); ++i) {
            QJsonObject c = clocks[i].toObject();
            if (c["name"].toString() == "pose")
                c["model"] = QJsonObject{{"offset_ns", 0}, {"drift_ppm", 0.0}, {"t0_ns", 0}};
            clocks[i] = c;
        }
        m["clocks"] = clocks;
        writeText(ep + "/episode.json", QString::fromUtf8(QJsonDocument(m).toJson()));

        QCOMPARE(runProgram(cli, {"init", proj, "--user", "lead"}, &out), 0);
        QCOMPARE(runProgram(cli, {"import", proj, ep, "--user", "lead"}, &out), 0);
        const qint64 auditBefore = cliJson({"info", proj, "--json"})["audit_entries"].toInteger();

        const QJsonObject sync = cliJson({"sync", proj, "--user", "lead", "--json"});
        const QJsonArray streams = sync["episodes"].toArray()[0].toObject()["streams"].toArray();
        QCOMPARE(streams.size(), 6);
        const QJsonObject imu = streamNamed(streams, "imu");
        QVERIFY(imu["aligned"].toBool());
        // IMU → pose (declared) → camera, or IMU → video rotation → camera: both complete paths.
        QVERIFY2(imu["relative_to"].toString() == "pose" || imu["relative_to"].toString() == "rgb",
                 qPrintable(imu["relative_to"].toString()));
        QVERIFY(imu["clock_model"].toObject()["confidence"].toDouble() > 0.8);
        // Hands: held still in the world at the pose's time, so hands → pose → camera.
        const QJsonObject hands = streamNamed(streams, "hands");
        QVERIFY(hands["aligned"].toBool());
        QCOMPARE(hands["relative_to"].toString(), QString("pose"));
        QVERIFY(hands["clock_model"].toObject()["confidence"].toDouble() > 0.5);
        // Force: 30 s of contacts cannot pin its drift (the line's standard error is in its
        // residual), so it is flagged rather than reported aligned.
        QVERIFY(!streamNamed(streams, "force")["aligned"].toBool());
        for (const auto& s : streams)
            QVERIFY(s.toObject()["health"].toObject().contains("verdict"));

        // Stored, and equal to the truth at the model's t0 within 1 ms and 5 ppm.
        const QJsonObject info = cliJson({"info", proj, "synth-3", "--json"});
        const QJsonObject cm =
            streamNamed(info["streams"].toArray(), "imu")["clock_model"].toObject();
        QCOMPARE(cm["method"].toString(), QString("estimated"));
        QCOMPARE(cm["author"].toString(), QString("touchstone"));
        const QJsonObject truthClocks =
            QJsonDocument::fromJson(readText(ep + "/ground_truth.json").toUtf8())
                .object()["clocks"]
                .toObject();
        // A stream's true raw → timeline offset at raw time t0.
        const auto trueOffsetAt = [&](const char* stream, double t0) {
            const QJsonObject g = truthClocks[stream].toObject();
            return g["offset_ns"].toDouble() +
                   g["drift_ppm"].toDouble() * 1e-6 * (t0 - g["t0_ns"].toDouble());
        };
        const double trueOffset = trueOffsetAt("imu", cm["t0_ns"].toDouble());
        QVERIFY2(std::abs(cm["offset_ns"].toDouble() - trueOffset) < 1e6,
                 qPrintable(QString("%1 vs %2").arg(cm["offset_ns"].toDouble()).arg(trueOffset)));
        QVERIFY(std::abs(cm["drift_ppm"].toDouble() -
                         truthClocks["imu"].toObject()["drift_ppm"].toDouble()) < 5.0);
        // The hands' stored model too (pose is the camera's clock here), within 1 ms.
        const QJsonObject hm =
            streamNamed(info["streams"].toArray(), "hands")["clock_model"].toObject();
        const double handsTrue = trueOffsetAt("hands", hm["t0_ns"].toDouble());
        QVERIFY2(std::abs(hm["offset_ns"].toDouble() - handsTrue) < 1e6,
                 qPrintable(QString("%1 vs %2").arg(hm["offset_ns"].toDouble()).arg(handsTrue)));

        // The project listing says which clocks are not aligned, as sync flagged them.
        auto unalignedNow = [&] {
            QStringList names;
            for (const auto& u : cliJson({"info", proj, "--json"})["episodes"]
                                     .toArray()[0]
                                     .toObject()["unaligned_clocks"]
                                     .toArray())
                names << u.toObject()["stream"].toString();
            return names;
        };
        QCOMPARE(unalignedNow(), QStringList{"force"});
        QString listing;
        QCOMPARE(runProgram(cli, {"info", proj}, &listing), 0);
        QVERIFY2(listing.contains("not aligned: force"), qPrintable(listing));

        // Audited: the clock model changes (IMU, hands) and one QC record.
        QCOMPARE(cliJson({"info", proj, "--json"})["audit_entries"].toInteger(), auditBefore + 3);
        QCOMPARE(runProgram(cli, {"verify", proj}, &out), 0);

        // Human-readable output names every stream and says what is not aligned.
        QCOMPARE(runProgram(cli, {"sync", proj, "synth-3", "--user", "lead"}, &out), 0);
        QVERIFY2(out.contains("imu") && out.contains("not aligned"), qPrintable(out));
        QCOMPARE(runProgram(cli, {"sync", proj, "nope", "--user", "lead"}, &out), 1);

        // A reviewer moves the IMU by hand; sync keeps that model and reports its estimate.
        const QJsonObject set = cliJson(
            {"clock", proj, "synth-3", "imu", "--shift-ms", "2.5", "--user", "lead", "--json"});
        QCOMPARE(set["before"].toObject()["method"].toString(), QString("estimated"));
        const QJsonObject manual = set["clock_model"].toObject();
        QCOMPARE(manual["method"].toString(), QString("manual"));
        QCOMPARE(manual["author"].toString(), QString("lead"));
        QCOMPARE(manual["offset_ns"].toDouble(), cm["offset_ns"].toDouble() + 2.5e6);
        const QJsonObject again = cliJson({"sync", proj, "synth-3", "--user", "lead", "--json"});
        const QJsonObject imuAgain =
            streamNamed(again["episodes"].toArray()[0].toObject()["streams"].toArray(), "imu");
        QVERIFY(imuAgain["kept_manual"].toBool());
        QVERIFY(imuAgain["qc"].toObject()["passed"].toBool());
        const QJsonObject shown = cliJson({"clock", proj, "synth-3", "imu", "--json"});
        QCOMPARE(shown["streams"].toArray()[0].toObject()["clock_model"].toObject()["offset_ns"],
                 manual["offset_ns"]);
        // Undo gives the stream back to the engine's estimate.
        const QJsonObject undone =
            cliJson({"clock", proj, "synth-3", "imu", "--undo", "--user", "lead", "--json"});
        QCOMPARE(undone["clock_model"].toObject()["method"].toString(), QString("estimated"));
        QCOMPARE(undone["clock_model"].toObject()["offset_ns"], cm["offset_ns"]);
        QCOMPARE(undone["clock_model"].toObject()["author"].toString(), QString("touchstone"));
        // Errors name what is wrong and change nothing.
        QCOMPARE(runProgram(cli, {"clock", proj, "synth-3", "gps", "--offset-ms", "1"}, &out), 1);
        QVERIFY2(out.contains("no stream 'gps'") && out.contains("imu"), qPrintable(out));
        QCOMPARE(runProgram(
                     cli, {"clock", proj, "synth-3", "imu", "--offset-ms", "1", "--shift-ms", "1"},
                     &out),
                 2);
        QCOMPARE(runProgram(cli, {"clock", proj, "synth-3", "imu", "--drift-ppm", "x"}, &out), 2);
        QVERIFY2(out.contains("--drift-ppm"), qPrintable(out));
        // A value out of range is quoted as given, shortly (not 300 digits of a double).
        QCOMPARE(runProgram(cli, {"clock", proj, "synth-3", "imu", "--offset-ms", "1e300"}, &out),
                 2);
        QVERIFY2(out.contains("--offset-ms 1e+300 is beyond ±86400000"), qPrintable(out));
        QCOMPARE(cliJson({"clock", proj, "synth-3", "imu", "--json"})["streams"]
                     .toArray()[0]
                     .toObject()["clock_model"]
                     .toObject()["method"]
                     .toString(),
                 QString("estimated"));
        QCOMPARE(runProgram(cli, {"verify", proj}, &out), 0);
    }
};

QTEST_GUILESS_MAIN(TstSyncRoundTrip)
#include "tst_syncroundtrip.moc"
