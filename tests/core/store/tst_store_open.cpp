// Creating, opening and reopening project files; schema migrations; refusing files that are
// not (current) Touchstone projects; users and roles; the audit entry format.
#include "storetestutil.h"

#include "store/auditlog.h"
#include "store/projectstore.h"
#include "store/schema.h"
#include "util/error.h"
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



} // namespace

class TstStoreOpen : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    fs::path path(const char* name) const { return fs::path(tmp_.path().toStdString()) / name; }

private slots:
    void createOpenReopen() {
        const fs::path file = path("a.tsproj");
        {
            ProjectStore s = ProjectStore::create(file, "Kitchen study", "alice");
            const ProjectInfo info = s.info();
            QCOMPARE(info.name, std::string("Kitchen study"));
            QCOMPARE(info.users, int64_t(1));
            QCOMPARE(info.auditEntries, int64_t(2)); // project.create, user.create
            QCOMPARE(info.schemaVersion, currentSchemaVersion());
            QCOMPARE(s.users().at(0).role, Role::Admin);
            s.addUser("alice", "bob", Role::Annotator);
        }
        {
            ProjectStore s = ProjectStore::open(file);
            QCOMPARE(s.info().name, std::string("Kitchen study"));
            QVERIFY(s.user("bob").has_value());
            QCOMPARE(s.user("bob")->role, Role::Annotator);
            QCOMPARE(s.info().auditEntries, int64_t(3));
            QVERIFY(s.verify().ok());
        }
        // Reopening twice must not migrate or change anything.
        const std::string head = ProjectStore::open(file).info().auditHead;
        QCOMPARE(ProjectStore::open(file).info().auditHead, head);
    }

    void pragmasAndVersion() {
        const fs::path file = path("p.tsproj");
        { ProjectStore::create(file, "P", "admin"); }
        QCOMPARE(tstest::rawInt(file, "PRAGMA user_version"), int64_t(currentSchemaVersion()));
        QCOMPARE(tstest::rawInt(file, "PRAGMA application_id"), int64_t(kProjectApplicationId));
        QCOMPARE(tstest::rawText(file, "PRAGMA journal_mode"), std::string("wal"));
        // Every entity of DESIGN.md has its table from migration 1 on.
        for (const char* t :
             {"project", "user_account", "participant", "consent", "episode", "stream",
              "clock_model", "media_file", "label", "event", "keypoint_correction", "review",
              "qc_metric", "export_record", "audit_log", "settings"})
            QCOMPARE(tstest::rawInt(file, std::string("SELECT count(*) FROM sqlite_schema WHERE "
                                                      "type = 'table' AND name = '") +
                                              t + "'"),
                     int64_t(1));
    }

    void migrationsAreContiguous() {
        int expected = 1;
        for (const Migration& m : schemaMigrations()) {
            QCOMPARE(m.version, expected++);
            QVERIFY(m.sql != nullptr && *m.sql);
        }
        QCOMPARE(currentSchemaVersion(), expected - 1);
    }

    void episodeStatusIsChecked() {
        const fs::path file = path("status.tsproj");
        { ProjectStore::create(file, "P", "admin"); }
        tstest::rawExec(file, "INSERT INTO participant (pseudonym, created_at) VALUES ('x', 'now');"
                              "INSERT INTO consent (participant_id, consent_ref, form_version, "
                              "signed_at, created_at) VALUES (1, 'c', '1', 'd', 'now');");
        auto insert = [&](const std::string& status) {
            tstest::rawExec(file, "INSERT INTO episode (ident, status, participant_id, consent_id, "
                                  "bundle_path, duration_ns, timeline_start_ns, timeline_end_ns, "
                                  "imported_at, imported_by) VALUES ('e-" +
                                      status + "', '" + status +
                                      "', 1, 1, '.', 0, 0, 0, 'now', 1);");
        };
        // The CHECK constraint keeps a bad status out even for writers outside the store API.
        QVERIFY_EXCEPTION_THROWN(insert("finished"), std::runtime_error);
        insert("annotating");
        QCOMPARE(tstest::rawInt(file, "SELECT count(*) FROM episode"), int64_t(1));
    }

    void createRefusesExistingFile() {
        const fs::path file = path("exists.tsproj");
        tstest::writeFile(file, "precious");
        const std::string msg = errorOf([&] { ProjectStore::create(file, "P", "admin"); });
        QVERIFY2(contains(msg, file.string()) && contains(msg, "already exists"), msg.c_str());
        std::ifstream in(file);
        std::string content;
        in >> content;
        QCOMPARE(content, std::string("precious")); // untouched
    }

    void garbageFileIsRefused() {
        const fs::path file = path("garbage.tsproj");
        std::string junk;
        for (int i = 0; i < 200; ++i)
            junk += "this is not a database, just some text line " + std::to_string(i) + "\n";
        tstest::writeFile(file, junk);
        const std::string msg = errorOf([&] { ProjectStore::open(file); });
        qInfo("%s", msg.c_str());
        QVERIFY2(contains(msg, file.string()), msg.c_str());
        QVERIFY2(contains(msg, "not a Touchstone project"), msg.c_str());
    }

    void foreignSqliteFileIsRefused() {
        const fs::path file = path("other.db");
        tstest::rawExec(file, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                              "INSERT INTO notes (text) VALUES ('someone else''s data');");
        const std::string msg = errorOf([&] { ProjectStore::open(file); });
        QVERIFY2(contains(msg, file.string()) && contains(msg, "not a Touchstone project"),
                 msg.c_str());
        // Refusing must not have touched it (no WAL switch, no tables added).
        QCOMPARE(tstest::rawText(file, "PRAGMA journal_mode"), std::string("delete"));
        QCOMPARE(tstest::rawInt(file, "SELECT count(*) FROM sqlite_schema"), int64_t(1));
    }

    void emptyAndMissingFiles() {
        const fs::path empty = path("empty.tsproj");
        tstest::writeFile(empty, "");
        std::string msg = errorOf([&] { ProjectStore::open(empty); });
        QVERIFY2(contains(msg, empty.string()) && contains(msg, "empty"), msg.c_str());
        const fs::path missing = path("missing.tsproj");
        msg = errorOf([&] { ProjectStore::open(missing); });
        QVERIFY2(contains(msg, missing.string()) && contains(msg, "no such"), msg.c_str());
        QVERIFY(!fs::exists(missing)); // opening must not create it
    }

    void futureVersionIsRefused() {
        const fs::path file = path("future.tsproj");
        { ProjectStore::create(file, "P", "admin"); }
        tstest::rawExec(file,
                        "PRAGMA user_version = " + std::to_string(currentSchemaVersion() + 1));
        const std::string msg = errorOf([&] { ProjectStore::open(file); });
        qInfo("%s", msg.c_str());
        QVERIFY2(contains(msg, file.string()) && contains(msg, "newer Touchstone"), msg.c_str());
        QVERIFY2(contains(msg, "schema version " + std::to_string(currentSchemaVersion() + 1)),
                 msg.c_str());
    }

    void damagedFileIsRefused() {
        const fs::path file = path("damaged.tsproj");
        {
            ProjectStore s = ProjectStore::create(file, "P", "admin");
            for (int i = 0; i < 200; ++i)
                s.addUser("admin", "user-with-a-long-name-to-fill-pages-" + std::to_string(i),
                          Role::Annotator);
        } // closing checkpoints the WAL into the main file
        QVERIFY(fs::file_size(file) > 16 * 4096);
        {
            // Scribble over pages in the middle (keeps page 1 and its header intact).
            std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
            f.seekp(4 * 4096);
            std::string noise(8 * 4096, '\x5a');
            f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
        }
        const std::string msg = errorOf([&] { ProjectStore::open(file); });
        qInfo("%s", msg.c_str());
        QVERIFY2(contains(msg, file.string()), msg.c_str());
        QVERIFY2(contains(msg, "damaged") || contains(msg, "malformed"), msg.c_str());
    }

    void rolesRoundTrip() {
        for (Role r : {Role::Annotator, Role::Reviewer, Role::Lead, Role::Admin})
            QCOMPARE(roleFromName(roleName(r)), std::optional<Role>(r));
        QVERIFY(!roleFromName("superuser"));
        QVERIFY(!roleMayImport(Role::Annotator));
        QVERIFY(!roleMayImport(Role::Reviewer));
        QVERIFY(roleMayImport(Role::Lead));
        QVERIFY(roleMayImport(Role::Admin));
        for (auto s : {EpisodeStatus::New, EpisodeStatus::Annotating, EpisodeStatus::Submitted,
                       EpisodeStatus::Approved, EpisodeStatus::Rejected})
            QCOMPARE(episodeStatusFromName(episodeStatusName(s)), std::optional<EpisodeStatus>(s));
    }

    void userManagementIsEnforced() {
        const fs::path file = path("users.tsproj");
        ProjectStore s = ProjectStore::create(file, "P", "root");
        s.addUser("root", "ann", Role::Annotator);
        s.addUser("root", "lee", Role::Lead);
        std::string msg = errorOf([&] { s.addUser("ann", "eve", Role::Admin); });
        QVERIFY2(contains(msg, "ann") && contains(msg, "may not add users"), msg.c_str());
        msg = errorOf([&] { s.addUser("nobody", "eve", Role::Admin); });
        QVERIFY2(contains(msg, "no user 'nobody'"), msg.c_str());
        msg = errorOf([&] { s.addUser("root", "ann", Role::Lead); });
        QVERIFY2(contains(msg, "already"), msg.c_str());
        // Names are listed tab-separated and typed after --as: no control characters, no
        // invisible spaces at either end (a name of spaces only among them).
        msg = errorOf([&] { s.addUser("root", "x\ty", Role::Reviewer); });
        QVERIFY2(contains(msg, "control character"), msg.c_str());
        msg = errorOf([&] { s.addUser("root", "   ", Role::Reviewer); });
        QVERIFY2(contains(msg, "begins or ends with a space"), msg.c_str());
        msg = errorOf([&] { s.addUser("root", "eve ", Role::Reviewer); });
        QVERIFY2(contains(msg, "'eve '"), msg.c_str());
        s.addUser("root", "Eve Müller", Role::Reviewer); // a space inside is fine
        QVERIFY(s.user("Eve Müller"));
        msg = errorOf([&] { s.setUserRole("root", "root", Role::Lead); });
        QVERIFY2(contains(msg, "last admin"), msg.c_str());
        s.setUserRole("root", "ann", Role::Reviewer);
        QCOMPARE(s.user("ann")->role, Role::Reviewer);
        const auto last = s.auditEntries().back();
        QCOMPARE(last.action, std::string("user.set_role"));
        QCOMPARE(last.beforeJson, std::string(R"({"role":"annotator"})"));
        QCOMPARE(last.afterJson, std::string(R"({"role":"reviewer"})"));
        QCOMPARE(s.users().size(), size_t(4));
        QVERIFY(s.verify().ok());
    }

    void auditCanonicalForm() {
        AuditEntry e;
        e.seq = 7;
        e.prevHash = AuditLog::genesisHash();
        e.at = "2026-01-15T10:20:30.000000Z";
        e.actor = "alice";
        e.action = "user.create";
        e.entity = "user";
        e.entityId = "bob";
        e.beforeJson = "null";
        e.afterJson = R"({"name":"bob"})";
        const std::string expected =
            "touchstone-audit/1\n64:" + std::string(64, '0') +
            "\n1:7\n27:2026-01-15T10:20:30.000000Z\n5:alice\n"
            "11:user.create\n4:user\n3:bob\n4:null\n14:{\"name\":\"bob\"}\n";
        QCOMPARE(AuditLog::canonical(e), expected);
        QCOMPARE(AuditLog::computeHash(e), Sha256::hex(expected));
    }

    void auditChainLinks() {
        const fs::path file = path("chain.tsproj");
        ProjectStore s = ProjectStore::create(file, "P", "root");
        s.addUser("root", "u1", Role::Reviewer);
        const auto entries = s.auditEntries();
        QCOMPARE(entries.size(), size_t(3));
        QCOMPARE(entries[0].prevHash, AuditLog::genesisHash());
        for (size_t i = 1; i < entries.size(); ++i)
            QCOMPARE(entries[i].prevHash, entries[i - 1].hash);
        QCOMPARE(s.info().auditHead, entries.back().hash);
        QCOMPARE(s.auditEntries(1, 1).size(), size_t(1));
        QCOMPARE(s.auditEntries(1, 1).at(0).seq, int64_t(2));
    }
};

QTEST_GUILESS_MAIN(TstStoreOpen)
#include "tst_store_open.moc"
