#include "core/export/exporttestutil.h"

#include "io/bundle.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "support/minibundle.h"

#include <QDir>
#include <QtTest>

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace ts::test {

namespace {

nlohmann::json runJson(const QString& program, const QStringList& args, QString* why,
                       int timeoutMs = 120000) {
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(20000)) {
        *why = program + " could not start: " + p.errorString();
        return nullptr;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        *why = program + " did not finish in time";
        return nullptr;
    }
    const QByteArray out = p.readAllStandardOutput();
    const QByteArray err = p.readAllStandardError();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *why = program + " " + args.join(' ') + " failed (exit " + QString::number(p.exitCode()) +
               "): " + QString::fromUtf8(err);
        return nullptr;
    }
    try {
        return nlohmann::json::parse(out.toStdString());
    } catch (const std::exception& e) {
        *why = program + " printed no JSON: " + e.what() + "\n" + QString::fromUtf8(err);
        return nullptr;
    }
}

} // namespace

nlohmann::json readParquetFiles(const QStringList& files, QString* why) {
    const QString node = QStandardPaths::findExecutable("node");
    if (node.isEmpty()) {
        *why = "node is not installed: the Parquet tests need it (scripts/install-deps.sh)";
        return nullptr;
    }
    const QString script = TS_PARQUET_READER;
    if (!QFileInfo::exists(QFileInfo(script).path() + "/node_modules/hyparquet/package.json")) {
        *why = "npm's hyparquet is not installed in " + QFileInfo(script).path() +
               " (the ctest fixture export_parquet_reader_install does it: run the tests "
               "through ctest)";
        return nullptr;
    }
    return runJson(node, QStringList{script} + files, why);
}

nlohmann::json runPythonJson(const QString& script, const QStringList& args, QString* why) {
    const QString python = "/usr/bin/python3";
    if (!QFileInfo::exists(python)) {
        *why = "/usr/bin/python3 is missing (Debian package python3-h5py: scripts/install-deps.sh)";
        return nullptr;
    }
    return runJson(python, QStringList{"-c", script} + args, why);
}

QString makeExportProject(const QString& dir) {
    using namespace ts::core;
    QDir(dir).mkpath(".");
    const QString proj = dir + "/project.tsproj";
    const std::vector<std::pair<QString, QString>> eps{
        {"ep-a", "P-1"}, {"ep-b", "P-2"}, {"ep-c", "P-3"}, {"ep-d", "P-4"}};
    ProjectStore store = ProjectStore::create(proj.toStdString(), "export test", "admin");
    store.addUser("admin", "lee", Role::Lead);
    store.addUser("admin", "rev", Role::Reviewer);
    store.addUser("admin", "ann", Role::Annotator);
    for (const auto& [id, participant] : eps) {
        MiniBundleOptions o;
        o.id = id;
        o.participant = participant;
        o.depth = false;
        o.imuRows = 1000;
        o.forceRows = 1000;
        o.poseRows = 100;
        o.handRows = 30;
        const QString b = dir + "/bundles/" + id;
        QString why;
        if (!writeMiniBundle(b, o, &why)) {
            qWarning("%s", qPrintable(why));
            return {};
        }
        const Bundle bundle = readBundle(b.toStdString());
        if (!bundle.ok()) {
            for (const auto& d : bundle.diagnostics.all())
                qWarning("%s", d.toString().c_str());
            return {};
        }
        store.importBundle(bundle, "admin");
    }
    ClockModel imu;
    imu.offsetNs = kImuOffsetNs;
    imu.method = "manual";
    store.setClockModel("admin", "ep-a", "imu", imu);

    Database db(proj.toStdString(), Database::Mode::OpenExisting);
    db.applyConnectionPragmas();
    db.exec(R"sql(
UPDATE episode SET status = 'approved' WHERE ident IN ('ep-a', 'ep-b', 'ep-d');
UPDATE episode SET status = 'submitted' WHERE ident = 'ep-c';
INSERT INTO review (episode_id, reviewer_id, verdict, reason_codes, comment, created_at)
  SELECT e.id, u.id, 'approved', '["ok"]', 'clean', '2026-02-01T10:00:00Z'
  FROM episode e, user_account u WHERE u.name = 'rev' AND e.ident IN ('ep-a', 'ep-b', 'ep-d');
INSERT INTO label (episode_id, tier, start_ns, end_ns, text, author_id, created_at, updated_at)
  SELECT e.id, t.tier, t.s, t.e, t.txt, u.id, '2026-01-20T00:00:00Z', '2026-01-20T00:00:00Z'
  FROM episode e, user_account u,
       (SELECT 'task' AS tier, 5000000000 AS s, 5400000000 AS e, 'reach for the cup' AS txt
        UNION ALL SELECT 'task', 5400000001, 5900000000, 'lift the cup'
        UNION ALL SELECT 'step', 5200000000, 5500000000, 'grasp') t
  WHERE e.ident = 'ep-a' AND u.name = 'ann';
INSERT INTO event (episode_id, kind, start_ns, end_ns, hand, note, author_id, created_at, updated_at)
  SELECT e.id, 'slip', 5300000000, 5500000000, 'right', 'cup slid', u.id, '2026-01-20T00:00:00Z',
         '2026-01-20T00:00:00Z' FROM episode e, user_account u WHERE e.ident = 'ep-a' AND u.name = 'ann';
INSERT INTO event (episode_id, kind, start_ns, end_ns, hand, note, author_id, created_at, updated_at)
  SELECT e.id, 'recovery', 5600000000, NULL, 'right', '', u.id, '2026-01-20T00:00:00Z',
         '2026-01-20T00:00:00Z' FROM episode e, user_account u WHERE e.ident = 'ep-a' AND u.name = 'ann';
UPDATE consent SET withdrawn_at = '2026-03-01'
  WHERE id = (SELECT consent_id FROM episode WHERE ident = 'ep-d');
)sql");
    return proj;
}

nlohmann::json ffprobe(const QString& file, QString* why) {
    return runJson("ffprobe", {"-v", "error", "-count_frames", "-show_streams", "-show_format",
                               "-of", "json", file},
                   why);
}

} // namespace ts::test
