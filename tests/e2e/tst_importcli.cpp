// `touchstone-cli import PROJECT PATH [--format …]` and `convert PATH OUT_BUNDLE` on the real
// Project Aria MPS sample: detection, conversion into the project, what `info` then reports,
// refusals that name what is missing, and cleanup after a refused import.
#include "support/clijson.h"
#include "support/minibundle.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace ts::test;

namespace {
QString sample() {
    return qEnvironmentVariable("TS_SHARED_DATA") + "/aria-mps-sample";
}
QString cli() {
    return qEnvironmentVariable("TS_CLI");
}
} // namespace

class TstImportCli : public QObject {
    Q_OBJECT
private slots:
    void importsAriaIntoAProject() {
        QTemporaryDir tmp;
        const QString proj = tmp.filePath("proj");
        QString out;
        QCOMPARE(runProgram(cli(), {"init", proj, "--user", "lead"}, &out), 0);
        const QJsonObject imp =
            cliJson({"import", proj, sample(), "--user", "lead", "--json", "--task", "pour water",
                     "--participant", "P-7", "--consent", "C-7", "--consent-form", "2026.1",
                     "--consent-signed", "2026-02-01", "--consent-scope", "research"});
        const QJsonArray imported = imp["imported"].toArray();
        QCOMPARE(imported.size(), 1);
        const QJsonObject e = imported[0].toObject();
        QCOMPARE(e["format"].toString(), QString("aria-mps"));
        QCOMPARE(e["id"].toString(), QString("aria-mps-sample"));
        QCOMPARE(e["streams"].toInt(), 2);
        QVERIFY(e["converted_to"].toString().endsWith("proj/imported/aria-mps-sample"));
        QVERIFY(QFile::exists(proj + "/imported/aria-mps-sample/episode.json"));

        const QJsonObject info = cliJson({"info", proj, "aria-mps-sample", "--json"});
        QCOMPARE(info["task"].toString(), QString("pour water"));
        QCOMPARE(info["participant"].toString(), QString("P-7"));
        QCOMPARE(info["consent"].toObject()["id"].toString(), QString("C-7"));
        QCOMPARE(info["device"].toObject()["model"].toString(), QString("Project Aria (MPS)"));
        QCOMPARE(info["bundle"].toString(), QString("imported/aria-mps-sample"));
        QMap<QString, QJsonObject> streams;
        for (const auto& s : info["streams"].toArray())
            streams[s.toObject()["name"].toString()] = s.toObject();
        QCOMPARE(streams["pose"]["count"].toInt(), 199);
        QCOMPARE(streams["pose"]["first_ns"].toInteger(), qint64(149202610000));
        QCOMPARE(streams["hands"]["count"].toInt(), 6);
        // Attachments are media of the episode (hashed, verified).
        QVERIFY(info["media_files"].toInt() >= 6);
        QCOMPARE(cliJson({"verify", proj, "--json"})["ok"].toBool(), true);

        // The same source again is refused by id, and nothing new is left behind.
        const QJsonObject again =
            cliJson({"import", proj, sample(), "--user", "lead", "--json"}, 1);
        QVERIFY2(
            again["failed"].toArray()[0].toObject()["error"].toString().contains("exists already"),
            qPrintable(again["failed"].toArray()[0].toObject()["error"].toString()));
        QCOMPARE(QDir(proj + "/imported")
                     .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{"aria-mps-sample"});
        // Under another id it is a second episode.
        const QJsonObject second =
            cliJson({"import", proj, sample(), "--user", "lead", "--json", "--id", "aria-take-2"});
        QCOMPARE(second["imported"].toArray()[0].toObject()["id"].toString(),
                 QString("aria-take-2"));
    }

    void refusesWithWhatIsMissing() {
        QTemporaryDir tmp;
        const QString proj = tmp.filePath("proj");
        QString out;
        QCOMPARE(runProgram(cli(), {"init", proj, "--user", "lead"}, &out), 0);
        // The Aria folder read as Stray: every required Stray part is named.
        const QJsonObject asStray =
            cliJson({"import", proj, sample(), "--format", "stray", "--user", "lead", "--json"}, 1);
        const QString err = asStray["failed"].toArray()[0].toObject()["error"].toString();
        QVERIFY2(err.contains("not a complete stray source") &&
                     err.contains("missing rgb.mp4, odometry.csv and camera_matrix.csv"),
                 qPrintable(err));
        // Only wrist and palm poses: recognised as Aria, but not enough to make an episode.
        QDir().mkpath(tmp.filePath("partial/hand_tracking"));
        QFile::copy(sample() + "/hand_tracking/wrist_and_palm_poses.csv",
                    tmp.filePath("partial/hand_tracking/wrist_and_palm_poses.csv"));
        const QJsonObject partial =
            cliJson({"import", proj, tmp.filePath("partial"), "--user", "lead", "--json"}, 1);
        const QString p = partial["failed"].toArray()[0].toObject()["error"].toString();
        QVERIFY2(p.contains("not a complete aria-mps source: found "
                            "hand_tracking/wrist_and_palm_poses.csv; missing "
                            "trajectory/closed_loop_trajectory.csv"),
                 qPrintable(p));
        // An unknown --format is a usage error; so is half a consent record.
        QCOMPARE(runProgram(cli(), {"import", proj, sample(), "--format", "vrs"}, &out), 2);
        QCOMPARE(runProgram(cli(), {"import", proj, sample(), "--consent", "C-1"}, &out), 2);
        QVERIFY(out.contains("--consent-form"));
        // An annotator may not import: the converted folder is removed again.
        QCOMPARE(runProgram(cli(), {"import", proj, sample(), "--user", "nobody"}, &out), 1);
        QVERIFY(!QDir(proj + "/imported/aria-mps-sample").exists());
    }

    void convertWritesACheckedBundle() {
        QTemporaryDir tmp;
        const QString outDir = tmp.filePath("aria-bundle");
        const QJsonObject c = cliJson({"convert", sample(), outDir, "--json", "--id", "take-1"});
        QCOMPARE(c["ok"].toBool(), true);
        QCOMPARE(c["format"].toString(), QString("aria-mps"));
        QCOMPARE(c["id"].toString(), QString("take-1"));
        QCOMPARE(c["counts"].toObject()["pose"].toInt(), 199);
        QCOMPARE(c["streams"].toArray().size(), 2);
        // The result is a bundle like any other: check passes, and import takes it as one.
        QString out;
        QCOMPARE(runProgram(cli(), {"check", outDir}, &out), 0);
        // Converting again into the same folder is refused (it is not empty).
        QCOMPARE(runProgram(cli(), {"convert", sample(), outDir}, &out), 1);
        QVERIFY2(out.contains("exists and is not empty"), qPrintable(out));
        // A bundle is not converted again.
        QCOMPARE(runProgram(cli(), {"convert", outDir, tmp.filePath("again")}, &out), 1);
        QVERIFY2(out.contains("already a Touchstone episode bundle"), qPrintable(out));
        // Identity options do not apply to a bundle (its episode.json says who and what): one
        // given is refused by name, not dropped; without them the bundle imports.
        const QString proj = tmp.filePath("proj");
        QCOMPARE(runProgram(cli(), {"init", proj, "--user", "lead"}, &out), 0);
        QCOMPARE(runProgram(cli(),
                            {"import", proj, outDir, "--user", "lead", "--participant", "P-2",
                             "--task", "pour"},
                            &out),
                 1);
        QVERIFY2(out.contains("--task, --participant cannot apply to it"), qPrintable(out));
        QCOMPARE(runProgram(cli(), {"import", proj, outDir, "--user", "lead"}, &out), 0);
    }
};

QTEST_GUILESS_MAIN(TstImportCli)
#include "tst_importcli.moc"
