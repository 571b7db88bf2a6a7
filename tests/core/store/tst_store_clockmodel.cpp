// Setting a stream's clock model and recording QC metrics: every role may, strangers may not,
// each change is one audit entry with before/after, an unchanged model adds none, and undo
// walks back through the changes.
#include "storetestutil.h"

#include "store/database.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>

namespace fs = std::filesystem;
using namespace ts::core;

class TstStoreClockModel : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> tmp_;
    fs::path dir() const { return fs::path(tmp_->path().toStdString()); }

    ProjectStore makeProject() {
        ProjectStore s = ProjectStore::create(dir() / "p.tsproj", "Study", "root");
        s.addUser("root", "lee", Role::Lead);
        s.addUser("root", "ann", Role::Annotator);
        s.importBundle(tstest::writeTestBundle(dir() / "b" / "ep-1", "ep-1"), "lee");
        return s;
    }

    static ClockModel imuOf(const ProjectStore& s) {
        const auto ep = s.episode("ep-1"); // keep the detail alive while iterating
        for (const auto& st : ep->streams)
            if (st.stats.name == "imu")
                return st.clockModel;
        throw std::runtime_error("no imu");
    }

private slots:
    void init() { tmp_ = std::make_unique<QTemporaryDir>(); }

    void annotatorSetsModelAudited() {
        ProjectStore s = makeProject();
        const int64_t before = s.info().auditEntries;
        ClockModel m;
        m.offsetNs = 137'250'000;
        m.drift = 40e-6;
        m.t0Ns = 2'000'000'000;
        m.method = "manual";
        m.confidence = 0.9;
        m.residualNs = 12'000;
        s.setClockModel("ann", "ep-1", "imu", m);
        const ClockModel got = imuOf(s);
        QCOMPARE(got.offsetNs, m.offsetNs);
        QCOMPARE(got.drift, m.drift);
        QCOMPARE(got.method, std::string("manual"));
        QCOMPARE(got.author, std::string("ann"));
        QCOMPARE(s.info().auditEntries, before + 1);
        const AuditEntry e = s.auditEntries(before).back();
        QCOMPARE(e.action, std::string("clock_model.set"));
        QCOMPARE(e.entityId, std::string("ep-1/imu"));
        QCOMPARE(nlohmann::json::parse(e.beforeJson)["method"].get<std::string>(),
                 std::string("identity"));
        QCOMPARE(nlohmann::json::parse(e.afterJson)["offset_ns"].get<int64_t>(), m.offsetNs);

        s.setClockModel("ann", "ep-1", "imu", m); // the same again: nothing to record
        QCOMPARE(s.info().auditEntries, before + 1);
        QVERIFY(s.verify().ok());
    }

    // Undo walks back through the stream's changes, newest first, whoever made them (an
    // estimate stored by sync, a model set by hand); each undo is audited; with nothing left it
    // refuses and changes nothing.
    void undoWalksBackThroughChanges() {
        ProjectStore s = makeProject();
        const ClockModel original = imuOf(s);
        ClockModel estimate;
        estimate.offsetNs = -30'000'000;
        estimate.drift = -45e-6;
        estimate.t0Ns = 1'000'000'000;
        estimate.method = "estimated";
        estimate.confidence = 0.95;
        estimate.residualNs = 80'000;
        estimate.author = "touchstone";
        s.setClockModel("lee", "ep-1", "imu", estimate);
        ClockModel manual = estimate;
        manual.offsetNs = -29'000'000;
        manual.method = "manual";
        manual.confidence = 1;
        manual.residualNs = 0;
        s.setClockModel("ann", "ep-1", "imu", manual);
        manual.drift = 0;
        s.setClockModel("ann", "ep-1", "imu", manual);
        const int64_t before = s.info().auditEntries;

        QCOMPARE(s.undoClockModel("ann", "ep-1", "imu").drift, -45e-6); // the drift edit
        QCOMPARE(imuOf(s).offsetNs, -29'000'000);
        QCOMPARE(imuOf(s).method, std::string("manual"));
        const ClockModel back = s.undoClockModel("lee", "ep-1", "imu"); // the manual offset
        QCOMPARE(back.method, std::string("estimated"));
        QCOMPARE(imuOf(s).offsetNs, estimate.offsetNs);
        QCOMPARE(imuOf(s).author, std::string("touchstone")); // the engine's again
        QCOMPARE(imuOf(s).confidence, 0.95);
        s.undoClockModel("ann", "ep-1", "imu"); // the estimate itself
        QCOMPARE(imuOf(s).method, original.method);
        QCOMPARE(imuOf(s).offsetNs, original.offsetNs);
        QCOMPARE(s.info().auditEntries, before + 3);
        const AuditEntry e = s.auditEntries(before).back();
        QCOMPARE(e.action, std::string("clock_model.undo"));
        QCOMPARE(e.entityId, std::string("ep-1/imu"));
        QCOMPARE(nlohmann::json::parse(e.beforeJson)["method"].get<std::string>(),
                 std::string("estimated"));
        try {
            s.undoClockModel("ann", "ep-1", "imu");
            QFAIL("undo with nothing left did not throw");
        } catch (const Error& x) {
            QVERIFY2(std::string(x.what()).find("ep-1/imu") != std::string::npos, x.what());
        }
        QCOMPARE(s.info().auditEntries, before + 3);
        // A new change after undos is undone first.
        s.setClockModel("ann", "ep-1", "imu", manual);
        QVERIFY_THROWS_EXCEPTION(Error, s.undoClockModel("nobody", "ep-1", "imu")); // no user
        QCOMPARE(imuOf(s).method, std::string("manual"));
        s.undoClockModel("ann", "ep-1", "imu");
        QCOMPARE(imuOf(s).method, original.method);
        QVERIFY(s.verify().ok());
    }

    void refusals() {
        ProjectStore s = makeProject();
        ClockModel m;
        m.method = "estimated";
        m.author = "touchstone";
        QVERIFY_THROWS_EXCEPTION(Error, s.setClockModel("nobody", "ep-1", "imu", m));
        QVERIFY_THROWS_EXCEPTION(Error, s.setClockModel("ann", "ep-404", "imu", m));
        QVERIFY_THROWS_EXCEPTION(Error, s.setClockModel("ann", "ep-1", "gps", m));
        ClockModel bad = m;
        bad.method = "guessed";
        QVERIFY_THROWS_EXCEPTION(Error, s.setClockModel("ann", "ep-1", "imu", bad));
        bad = m;
        bad.confidence = 1.5;
        QVERIFY_THROWS_EXCEPTION(Error, s.setClockModel("ann", "ep-1", "imu", bad));
    }

    // An approved episode's clocks stay as its reviewer saw them: setting and undoing refuse,
    // naming the episode and what to do, and nothing changes until a lead reopens it.
    void anApprovedEpisodesClocksStayAsReviewed() {
        ProjectStore s = makeProject();
        ClockModel m;
        m.method = "manual";
        m.offsetNs = 2'000'000;
        s.setClockModel("ann", "ep-1", "imu", m);
        s.database().exec("UPDATE episode SET status = 'approved' WHERE ident = 'ep-1'");
        const int64_t entries = s.info().auditEntries;
        m.offsetNs = 3'000'000;
        const auto refused = [](const std::function<void()>& f) {
            try {
                f();
            } catch (const Error& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        for (const std::string& msg : {refused([&] { s.setClockModel("lee", "ep-1", "imu", m); }),
                                       refused([&] { s.undoClockModel("lee", "ep-1", "imu"); }),
                                       refused([&] { s.requireClocksOpen("ep-1"); })})
            QVERIFY2(msg.find("episode 'ep-1' is approved") != std::string::npos &&
                         msg.find("until a lead reopens it") != std::string::npos,
                     msg.c_str());
        QCOMPARE(imuOf(s).offsetNs, TimeNs(2'000'000));
        QCOMPARE(s.info().auditEntries, entries);
        s.database().exec("UPDATE episode SET status = 'annotating' WHERE ident = 'ep-1'");
        s.setClockModel("lee", "ep-1", "imu", m); // reopened: open again
        QCOMPARE(imuOf(s).offsetNs, TimeNs(3'000'000));
    }

    void qcMetricsReplaceByName() {
        ProjectStore s = makeProject();
        QcMetric q;
        q.stream = "imu";
        q.name = "sync.health";
        q.value = 1;
        q.passed = true;
        q.detailsJson = R"({"verdict":"warn"})";
        s.recordQcMetrics("ann", "ep-1", {q});
        q.value = 0;
        s.recordQcMetrics("ann", "ep-1", {q});
        const auto got = s.qcMetrics("ep-1");
        QCOMPARE(got.size(), size_t(1));
        QCOMPARE(*got[0].value, 0.0);
        QCOMPARE(got[0].stream, std::string("imu"));
        QVERIFY(s.verify().ok());
    }
};

QTEST_GUILESS_MAIN(TstStoreClockModel)
#include "tst_store_clockmodel.moc"
