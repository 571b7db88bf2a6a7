// touchstone-cli recon on an imported synthetic episode: the --json report (odometry error
// against the ground truth, the pose clock found from the odometry, coverage), the PLY export,
// and a clear error for an episode the project does not have.
#include "support/clijson.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace ts::test;

class TstReconCli : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString project_;

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        const QString cli = qEnvironmentVariable("TS_CLI");
        const QString bundle = tmp_.filePath("ep");
        project_ = tmp_.filePath("proj");
        QCOMPARE(runProgram(cli, {"synth", bundle, "--seconds", "3", "--width", "320", "--height",
                                  "240", "--seed", "5"}),
                 0);
        QCOMPARE(runProgram(cli, {"init", project_}), 0);
        QCOMPARE(runProgram(cli, {"import", project_, bundle}), 0);
    }

    void jsonReportAndPly() {
        const QString ply = tmp_.filePath("map.ply");
        const QJsonObject j = cliJson(
            {"recon", project_, "synth-5", "--json", "--export-ply", ply, "--budget", "5000"});
        QCOMPARE(j["episode"].toString(), QString("synth-5"));
        QCOMPARE(j["map_poses"].toString(), QString("odometry")); // the pose clock is unknown
        const QJsonObject odo = j["odometry"].toObject();
        QCOMPARE(odo["failed_frames"].toInt(), 0);
        const QJsonObject gt = odo["vs_ground_truth"].toObject();
        QVERIFY2(gt["ate_rmse_m"].toDouble() < 0.002,
                 qPrintable(QString::number(gt["ate_rmse_m"].toDouble())));
        QVERIFY(gt["scale_error"].toDouble() < 0.01);
        QVERIFY(!j["pose_clock_from_odometry"].isNull());
        QVERIFY(!odo["vs_pose"].isNull());
        const QJsonObject cov = j["coverage"].toObject();
        QCOMPARE(cov["posed_fraction"].toDouble(), 1.0);
        QVERIFY(cov["map_points"].toDouble() > 10000);
        QCOMPARE(j["frames"].toArray().size(), j["depth_frames"].toInt());
        QFile f(ply);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray head = f.read(400);
        QVERIFY(head.startsWith("ply\nformat binary_little_endian 1.0\n"));
        const int at = head.indexOf("element vertex ");
        const long n = head.mid(at + 15, head.indexOf('\n', at) - at - 15).toLong();
        QVERIFY(n > 100 && n <= 5000);
        QCOMPARE(f.size(), head.indexOf("end_header\n") + 11 + n * 15);
        // Binary PLY only: a .obj would hold PLY data. Refused before any work is done.
        QString out;
        QCOMPARE(
            runProgram(qEnvironmentVariable("TS_CLI"),
                       {"recon", project_, "synth-5", "--export-ply", tmp_.filePath("map.obj")},
                       &out),
            2);
        QVERIFY2(
            out.contains("--export-ply writes the map as binary PLY: it must name a .ply file"),
            qPrintable(out));
        QVERIFY(!QFileInfo::exists(tmp_.filePath("map.obj")));
    }

    // jsonReportAndPly built and cached the map: the second run takes it from the project,
    // --no-cache rebuilds it, and the project's memory budget makes another (coarser) map.
    void mapIsCachedInTheProject() {
        const QJsonObject first = cliJson({"recon", project_, "synth-5", "--json"});
        const QJsonObject c1 = first["coverage"].toObject();
        QCOMPARE(c1["map_source"].toString(), QString("project cache"));
        const QJsonObject fresh = cliJson({"recon", project_, "synth-5", "--json", "--no-cache"});
        const QJsonObject c2 = fresh["coverage"].toObject();
        QVERIFY(c2["map_source"].toString().startsWith("rebuilt (--no-cache)"));
        QCOMPARE(c1["map_points"].toDouble(), c2["map_points"].toDouble());
        QCOMPARE(c1["map_cache_key"].toString(), c2["map_cache_key"].toString());
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"settings", project_, "recon.map_memory_mb", "1"}),
                 0);
        const QJsonObject small = cliJson({"recon", project_, "synth-5", "--json"});
        const QJsonObject c3 = small["coverage"].toObject();
        QCOMPARE(c3["map_source"].toString(), QString("built, cached"));
        QVERIFY(c3["map_cache_key"].toString() != c1["map_cache_key"].toString());
        QVERIFY(c3["coarsenings"].toInt() > 0);
        QVERIFY(c3["map_bytes"].toDouble() <= 1024 * 1024);
    }

    void unknownEpisodeIsAnError() {
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"recon", project_, "nope"}, &out), 1);
        QVERIFY2(out.contains("no episode 'nope'"), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TstReconCli)
#include "tst_reconcli.moc"
