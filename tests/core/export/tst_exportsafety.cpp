// What an export refuses and what it leaves behind: only leads and admins export; only
// approved episodes with valid consent; never into a non-empty folder; a cancelled export or
// a killed process leaves nothing that looks like a dataset, and the record says so. Also the
// CLI's contract (exit codes, --json fields).
#include "core/export/exporttestutil.h"
#include "export/exportcancelled.h"
#include "export/exportjob.h"
#include "store/database.h"
#include "support/clijson.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace ts::core;

namespace {

QStringList entriesOf(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

template <typename F> QString errorOf(F f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

} // namespace

class TestExportSafety : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void onlyLeadsAndAdminsExport();
    void requestedEpisodesMustBeExportable();
    void neverIntoANonEmptyFolder();
    void cancelLeavesNothing();
    void killedExportLeavesNoDataset();
    void cliContract();

private:
    QTemporaryDir tmp_;
    QString project_;
    exporting::ExportOptions options(const QString& out, const std::string& actor = "lee") {
        exporting::ExportOptions o;
        o.out = out.toStdString();
        o.actor = actor;
        o.dataset.fps = 10;
        return o;
    }
};

void TestExportSafety::initTestCase() {
    project_ = ts::test::makeExportProject(tmp_.filePath("proj"));
    QVERIFY(!project_.isEmpty());
}

void TestExportSafety::onlyLeadsAndAdminsExport() {
    for (const char* who : {"ann", "rev"}) {
        const QString why = errorOf([&] { exporting::runExport(project_.toStdString(), options(tmp_.filePath("x"), who)); });
        QVERIFY2(why.contains("may not export datasets") && why.contains("leads and admins"), qPrintable(why));
    }
    QVERIFY(!QDir(tmp_.filePath("x")).exists());
    Database db(project_.toStdString(), Database::Mode::OpenExisting);
    QCOMPARE(db.queryInt("SELECT count(*) FROM export_record"), int64_t(0));
}

void TestExportSafety::requestedEpisodesMustBeExportable() {
    auto o = options(tmp_.filePath("req"));
    o.episodes = {"ep-c"};
    QString why = errorOf([&] { exporting::runExport(project_.toStdString(), o); });
    QVERIFY2(why.contains("ep-c cannot be exported: status is 'submitted'"), qPrintable(why));
    o.episodes = {"ep-d"};
    why = errorOf([&] { exporting::runExport(project_.toStdString(), o); });
    QVERIFY2(why.contains("ep-d") && why.contains("withdrawn on 2026-03-01"), qPrintable(why));
    o.episodes = {"nope"};
    why = errorOf([&] { exporting::runExport(project_.toStdString(), o); });
    QVERIFY2(why.contains("no episode 'nope'"), qPrintable(why));
    o.episodes = {"ep-b"};
    const auto r = exporting::runExport(project_.toStdString(), o);
    QCOMPARE(r.episodes.size(), size_t(1));
    QCOMPARE(r.episodes[0].id, std::string("ep-b"));
}

void TestExportSafety::neverIntoANonEmptyFolder() {
    const QString out = tmp_.filePath("full");
    QDir().mkpath(out);
    ts::test::writeText(out + "/keep.txt", "mine");
    const QString why = errorOf([&] { exporting::runExport(project_.toStdString(), options(out)); });
    QVERIFY2(why.contains("is not empty"), qPrintable(why));
    QCOMPARE(entriesOf(out), QStringList{"keep.txt"});
}

void TestExportSafety::cancelLeavesNothing() {
    const QString parent = tmp_.filePath("cancel");
    QDir().mkpath(parent);
    auto o = options(parent + "/ds");
    o.format = "lerobot";
    exporting::ExportCallbacks cb;
    double seen = 0;
    cb.progress = [&](double f, const std::string&) { seen = f; };
    cb.cancelled = [&] { return seen > 0.3; }; // mid-way through the frames
    bool cancelled = false;
    try {
        exporting::runExport(project_.toStdString(), o, cb);
    } catch (const exporting::ExportCancelled&) {
        cancelled = true;
    }
    QVERIFY(cancelled);
    QVERIFY(seen > 0.3 && seen < 0.96);
    QCOMPARE(entriesOf(parent), QStringList{}); // neither the dataset nor the partial folder
    Database db(project_.toStdString(), Database::Mode::OpenExisting);
    QCOMPARE(db.queryText("SELECT status FROM export_record ORDER BY id DESC LIMIT 1"), std::string("failed"));
    QVERIFY(db.queryInt("SELECT count(*) FROM audit_log WHERE action = 'export.fail'") >= 1);
}

void TestExportSafety::killedExportLeavesNoDataset() {
    // Kill the CLI at several moments: each time the destination either does not exist or
    // is complete (provenance.json written last, inside the renamed folder).
    int incomplete = 0, complete = 0;
    for (int delayMs : {150, 400, 800, 1500}) {
        const QString parent = tmp_.filePath("kill-" + QString::number(delayMs));
        QDir().mkpath(parent);
        QProcess p;
        p.start(qEnvironmentVariable("TS_CLI"),
                {"export", project_, "--format", "lerobot", "--out", parent + "/ds", "--as", "lee"});
        QVERIFY(p.waitForStarted());
        // Taken while it runs: once it has ended processId() is 0, and kill(0) would kill our
        // own process group (ctest's).
        const pid_t pid = static_cast<pid_t>(p.processId());
        QVERIFY(pid > 1);
        QTest::qWait(delayMs);
        if (p.state() == QProcess::Running)
            ::kill(pid, SIGKILL);
        p.waitForFinished();
        if (QDir(parent + "/ds").exists()) {
            QVERIFY(QFile::exists(parent + "/ds/provenance.json"));
            QVERIFY(QFile::exists(parent + "/ds/meta/info.json"));
            ++complete;
        } else {
            ++incomplete;
            for (const QString& e : entriesOf(parent))
                QVERIFY2(e.startsWith(".ds.partial-"), qPrintable(e)); // hidden, never "ds"
        }
    }
    QVERIFY(incomplete + complete == 4);
    // The next export to a destination cleans what a killed one left and completes.
    const QString parent = tmp_.filePath("kill-150");
    if (!QDir(parent + "/ds").exists()) {
        exporting::runExport(project_.toStdString(), options(parent + "/ds"));
        QCOMPARE(entriesOf(parent), QStringList{"ds"});
    }
}

void TestExportSafety::cliContract() {
    const QString out = tmp_.filePath("cli-ds");
    const QJsonObject j = ts::test::cliJson(
        {"export", project_, "--format", "hdf5", "--out", out, "--as", "lee", "--fps", "10", "--json"});
    QCOMPARE(j["format"].toString(), QString("hdf5"));
    QCOMPARE(j["total_frames"].toInt(), 20);
    QCOMPARE(j["episodes"].toArray().size(), 2);
    QCOMPARE(j["episodes"].toArray()[0].toObject()["id"].toString(), QString("ep-a"));
    QCOMPARE(j["excluded"].toArray().size(), 2);
    QCOMPARE(j["manifest_sha256"].toString().size(), 64);
    QVERIFY(j["files"].toArray().contains(QString("episodes/ep-a.h5")));
    QVERIFY(j["export_id"].toInt() > 0);
    QCOMPARE(j["out"].toString(), QDir(out).absolutePath());

    QString text;
    QCOMPARE(ts::test::runProgram(qEnvironmentVariable("TS_CLI"),
                                  {"export", project_, "--format", "lerobot", "--out",
                                   tmp_.filePath("cli-ann"), "--as", "ann"},
                                  &text),
             1);
    QVERIFY2(text.contains("leads and admins"), qPrintable(text));
    QCOMPARE(ts::test::runProgram(qEnvironmentVariable("TS_CLI"),
                                  {"export", project_, "--out", tmp_.filePath("cli-nofmt")}, &text),
             2);
    QVERIFY2(text.contains("--format"), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestExportSafety)
#include "tst_exportsafety.moc"
