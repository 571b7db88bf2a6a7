// verify() on a clean project, and after tampering: media bytes, media rows, audit rows
// edited, re-hashed, or removed from the end.
#include "storetestutil.h"

#include "store/auditlog.h"
#include "store/projectstore.h"
#include "util/sha256.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using namespace ts::core;
using tstest::contains;
using tstest::errorOf;

namespace {

const VerifyFinding* findingWithCode(const VerifyReport& r, const std::string& code) {
    for (const auto& f : r.findings)
        if (f.code == code)
            return &f;
    return nullptr;
}

std::string dump(const VerifyReport& r) {
    std::string s;
    for (const auto& f : r.findings)
        s += "[" + f.code + "] " + f.entity + ": " + f.message + "\n";
    return s.empty() ? "<no findings>" : s;
}


// The audit log's triggers stop honest mistakes; a tamperer removes them first.
const char* kDropTriggers = "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;";

} // namespace

class TstStoreVerify : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> tmp_;
    fs::path dir() const { return fs::path(tmp_->path().toStdString()); }
    fs::path file() const { return dir() / "v.tsproj"; }

    // A project with two imported episodes, closed again.
    void makeProject() {
        ProjectStore s = ProjectStore::create(file(), "V", "root");
        s.addUser("root", "lee", Role::Lead);
        s.importBundle(tstest::writeTestBundle(dir() / "ep-1", "ep-1"), "lee");
        s.importBundle(tstest::writeTestBundle(dir() / "ep-2", "ep-2"), "lee");
    }

    VerifyReport verifyNow() { return ProjectStore::open(file()).verify(); }

private slots:
    void init() {
        tmp_ = std::make_unique<QTemporaryDir>();
        makeProject();
    }

    void cleanProjectPasses() {
        std::vector<double> fractions;
        const VerifyReport r = ProjectStore::open(file()).verify(
            [&](double f, const std::string&) { fractions.push_back(f); });
        QVERIFY2(r.ok(), dump(r).c_str());
        QCOMPARE(r.mediaChecked, int64_t(10));
        QCOMPARE(r.auditEntriesChecked,
                 int64_t(7)); // project, 2 users, participant, consent, 2 imports
        QVERIFY(fractions.size() >= 3);
        QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
        QCOMPARE(fractions.back(), 1.0);
    }

    void alteredMediaBytesAreNamed() {
        const fs::path f = dir() / "ep-2" / "imu.csv";
        std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
        io.seekp(40);
        io.put('7'); // same size, different content
        io.close();
        const VerifyReport r = verifyNow();
        QVERIFY(!r.ok());
        QCOMPARE(r.findings.size(), size_t(1));
        const VerifyFinding& x = r.findings[0];
        QCOMPARE(x.code, std::string("media.sha256"));
        QVERIFY2(contains(x.entity, "ep-2/imu.csv") && contains(x.entity, "episode ep-2"),
                 dump(r).c_str());
        QVERIFY2(contains(x.message, f.string()), dump(r).c_str());
    }

    void resizedAndMissingMediaAreNamed() {
        tstest::writeFile(dir() / "ep-1" / "pose.csv", "t_ns,tx\n");
        fs::remove(dir() / "ep-2" / "rgb.mp4");
        const VerifyReport r = verifyNow();
        const auto* size = findingWithCode(r, "media.size");
        const auto* missing = findingWithCode(r, "media.missing");
        QVERIFY2(size && contains(size->entity, "ep-1/pose.csv"), dump(r).c_str());
        QVERIFY2(missing && contains(missing->entity, "ep-2/rgb.mp4"), dump(r).c_str());
        QCOMPARE(r.findings.size(), size_t(2));
    }

    void mediaRowRewrittenToMatchIsDetected() {
        // Alter a file and "fix" its record: the per-file check passes, the import digest not.
        const fs::path f = dir() / "ep-1" / "imu.csv";
        tstest::writeFile(f, "t_ns,ax,ay,az,gx,gy,gz\n0,1,1,1,1,1,1\n");
        uint64_t n = 0;
        const std::string sha = Sha256::hexOfFile(f, &n);
        tstest::rawExec(file(), "UPDATE media_file SET sha256 = '" + sha + "', size = " +
                                    std::to_string(n) + " WHERE path = 'ep-1/imu.csv'");
        const VerifyReport r = verifyNow();
        QCOMPARE(r.findings.size(), size_t(1));
        QCOMPARE(r.findings[0].code, std::string("media.rows"));
        QVERIFY2(contains(r.findings[0].entity, "ep-1"), dump(r).c_str());
    }

    void editedAuditRowIsNamed() {
        tstest::rawExec(file(), std::string(kDropTriggers) +
                                    "UPDATE audit_log SET actor = 'mallory' WHERE seq = 4;");
        const VerifyReport r = verifyNow();
        const auto* x = findingWithCode(r, "audit.hash");
        QVERIFY2(x && contains(x->entity, "audit entry 4"), dump(r).c_str());
        QVERIFY2(contains(x->message, "altered"), dump(r).c_str());
        QVERIFY2(findingWithCode(r, "audit.trigger"), dump(r).c_str());
    }

    void rehashedAuditRowBreaksTheChain() {
        // A careful tamperer recomputes the edited entry's hash: the next entry no longer links.
        const auto entries = ProjectStore::open(file()).auditEntries();
        AuditEntry e = entries.at(3);
        e.actor = "mallory";
        const std::string hash = AuditLog::computeHash(e);
        tstest::rawExec(file(), std::string(kDropTriggers) +
                                    "UPDATE audit_log SET actor = 'mallory', hash = '" + hash +
                                    "' WHERE seq = 4;");
        const VerifyReport r = verifyNow();
        QVERIFY2(!findingWithCode(r, "audit.hash"), dump(r).c_str());
        const auto* x = findingWithCode(r, "audit.chain");
        QVERIFY2(x && contains(x->entity, "audit entry 5"), dump(r).c_str());
    }

    void deletedLastAuditRowIsDetected() {
        const int64_t last = tstest::rawInt(file(), "SELECT max(seq) FROM audit_log");
        tstest::rawExec(file(), std::string(kDropTriggers) +
                                    "DELETE FROM audit_log WHERE seq = " + std::to_string(last));
        const VerifyReport r = verifyNow();
        QVERIFY2(findingWithCode(r, "audit.head"), dump(r).c_str());
        const auto* count = findingWithCode(r, "audit.count");
        QVERIFY2(count && contains(count->message, std::to_string(last)), dump(r).c_str());
    }

    void deletedAuditRowInTheMiddleIsDetected() {
        tstest::rawExec(file(), std::string(kDropTriggers) + "DELETE FROM audit_log WHERE seq = 3");
        const VerifyReport r = verifyNow();
        QVERIFY2(findingWithCode(r, "audit.sequence"), dump(r).c_str());
        QVERIFY2(findingWithCode(r, "audit.chain"), dump(r).c_str());
    }

    void auditLogRefusesHonestEdits() {
        QVERIFY_EXCEPTION_THROWN(
            tstest::rawExec(file(), "UPDATE audit_log SET actor = 'x' WHERE seq = 1"),
            std::runtime_error);
        QVERIFY_EXCEPTION_THROWN(tstest::rawExec(file(), "DELETE FROM audit_log"),
                                 std::runtime_error);
        QVERIFY(verifyNow().ok());
    }

    void appendingAfterTamperingStaysDetected() {
        const int64_t last = tstest::rawInt(file(), "SELECT max(seq) FROM audit_log");
        tstest::rawExec(file(), std::string(kDropTriggers) +
                                    "DELETE FROM audit_log WHERE seq = " + std::to_string(last));
        ProjectStore::open(file()).addUser("root", "late", Role::Reviewer);
        const VerifyReport r = verifyNow();
        QVERIFY2(findingWithCode(r, "audit.sequence") && findingWithCode(r, "audit.chain"),
                 dump(r).c_str());
    }

    void danglingForeignKeyIsFound() {
        tstest::rawExec(file(), "PRAGMA foreign_keys = OFF; DELETE FROM clock_model WHERE id = 1;"
                                "UPDATE clock_model SET stream_id = 999 WHERE id = 2;");
        const VerifyReport r = verifyNow();
        const auto* x = findingWithCode(r, "sqlite.foreign_key");
        QVERIFY2(x && contains(x->entity, "clock_model"), dump(r).c_str());
    }
};

QTEST_GUILESS_MAIN(TstStoreVerify)
#include "tst_store_verify.moc"
