// Setting a stream's clock model and recording QC metrics: every role may, strangers may not,
// each change is one audit entry with before/after, and an unchanged model adds none.
#include "storetestutil.h"

#include "store/projectstore.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <filesystem>

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
