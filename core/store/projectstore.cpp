#include "store/projectstore.h"

#include "store/auditlog.h"
#include "store/bundleimporter.h"
#include "store/database.h"
#include "store/episodequeries.h"
#include "store/mediacachetable.h"
#include "store/schema.h"
#include "store/settingstable.h"
#include "store/statement.h"
#include "store/storeverifier.h"
#include "store/syncrecords.h"
#include "store/timestamp.h"
#include "store/transaction.h"
#include "store/usertable.h"
#include "util/error.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <cstdio>
#include <system_error>

namespace ts::core {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void removeProjectFiles(const fs::path& file) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(fs::path(file.string() + suffix), ec);
}

// Creates the file exclusively, so that two creators racing for one name cannot end up
// sharing (or one deleting) the other's project.
void createEmptyFileExclusively(const fs::path& file) {
    std::FILE* f = std::fopen(file.string().c_str(), "wx");
    if (!f) {
        std::error_code ec;
        if (fs::exists(file, ec))
            throw Error(file.string(), "already exists; open it instead of creating it");
        throw Error(file.string(), "cannot create the project file (is the folder there and "
                                   "writable?)");
    }
    std::fclose(f);
}

} // namespace

ProjectStore::ProjectStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
ProjectStore::ProjectStore(ProjectStore&&) noexcept = default;
ProjectStore& ProjectStore::operator=(ProjectStore&&) noexcept = default;
ProjectStore::~ProjectStore() = default;

ProjectStore ProjectStore::create(const fs::path& file, const std::string& projectName,
                                  const std::string& adminName) {
    if (projectName.empty())
        throw Error(file.string(), "a project needs a name");
    if (adminName.empty())
        throw Error(file.string(), "a project needs a first admin user name");
    createEmptyFileExclusively(file);
    try {
        auto db = std::make_unique<Database>(file, Database::Mode::OpenExisting);
        db->applyConnectionPragmas();
        Transaction tx(*db);
        applyMigrations(*db);
        const std::string now = utcNowIso8601();
        db->prepare("INSERT INTO project (id, name, created_at, settings, audit_head, audit_count) "
                    "VALUES (1, ?, ?, '{}', ?, 0)")
            .bindAll(projectName, now, AuditLog::genesisHash())
            .run();
        const UserInfo admin = UserTable(*db).insert(adminName, Role::Admin);
        AuditLog audit(*db);
        audit.append(admin.name, "project.create", "project", projectName, nullptr,
                     {{"name", projectName},
                      {"schema_version", currentSchemaVersion()},
                      {"tool_version", TS_VERSION}});
        audit.append(admin.name, "user.create", "user", admin.name, nullptr,
                     {{"name", admin.name}, {"role", roleName(admin.role)}});
        tx.commit();
        return ProjectStore(std::move(db));
    } catch (...) {
        removeProjectFiles(file); // the file is ours (created exclusively above)
        throw;
    }
}

ProjectStore ProjectStore::open(const fs::path& file) {
    const std::string name = file.string();
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw Error(name, "no such project file");
    if (fs::is_directory(file, ec))
        throw Error(name, "is a folder, not a Touchstone project file");
    if (fs::file_size(file, ec) == 0 && !ec)
        throw Error(name, "is empty, not a Touchstone project");

    auto db = std::make_unique<Database>(file, Database::Mode::OpenExisting);
    int64_t appId = 0;
    try {
        appId = db->queryInt("PRAGMA application_id");
    } catch (const Error&) {
        const int rc = sqlite3_errcode(db->handle());
        if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
            throw Error(name, "is not a Touchstone project: it is not an SQLite database");
        throw;
    }
    if (appId != kProjectApplicationId)
        throw Error(name, "is an SQLite database but not a Touchstone project (its application id "
                          "is " +
                              std::to_string(appId) + ")");
    const int64_t version = db->queryInt("PRAGMA user_version");
    if (version > currentSchemaVersion())
        throw Error(name, "was written by a newer Touchstone (schema version " +
                              std::to_string(version) + "; this build knows up to " +
                              std::to_string(currentSchemaVersion()) +
                              "); update Touchstone to open it");

    // quick_check reads every page but skips index-vs-table cross checks: cheap enough for
    // every open; verify() runs the full integrity_check.
    {
        std::string problems;
        int n = 0;
        try {
            Statement st = db->prepare("PRAGMA quick_check");
            while (st.step()) {
                const std::string row = st.text(0);
                if (row == "ok")
                    continue;
                if (n++ < 3)
                    problems += (problems.empty() ? "" : "; ") + row;
            }
        } catch (const Error&) {
            // Damage bad enough that the check itself cannot walk the file.
            throw Error(name, std::string("is damaged (SQLite: ") + sqlite3_errmsg(db->handle()) +
                                  "); restore it from a backup");
        }
        if (n > 0)
            throw Error(name, "is damaged (SQLite's integrity check found " + std::to_string(n) +
                                  " problem(s): " + problems + "); restore it from a backup");
    }

    db->applyConnectionPragmas();
    if (version < currentSchemaVersion()) {
        Transaction tx(*db);
        applyMigrations(*db);
        tx.commit();
    }
    if (db->queryInt("SELECT count(*) FROM project") != 1)
        throw Error(name, "has no project record; it was not made by Touchstone or was damaged");
    return ProjectStore(std::move(db));
}

const fs::path& ProjectStore::file() const {
    return db_->file();
}

fs::path ProjectStore::projectDir() const {
    return fs::weakly_canonical(fs::absolute(db_->file())).parent_path();
}

UserInfo ProjectStore::addUser(const std::string& actor, const std::string& name, Role role) {
    Transaction tx(*db_);
    UserTable users(*db_);
    const UserInfo who = users.requireActor(actor);
    users.requirePermission(who, roleMayManageUsers(who.role), "add users", "admins");
    const UserInfo u = users.insert(name, role);
    AuditLog(*db_).append(who.name, "user.create", "user", u.name, nullptr,
                          {{"name", u.name}, {"role", roleName(u.role)}});
    tx.commit();
    return u;
}

void ProjectStore::setUserRole(const std::string& actor, const std::string& name, Role role) {
    Transaction tx(*db_);
    UserTable users(*db_);
    const UserInfo who = users.requireActor(actor);
    users.requirePermission(who, roleMayManageUsers(who.role), "change roles", "admins");
    const auto target = users.find(name);
    if (!target)
        throw Error(db_->fileName(), "there is no user '" + name + "' in this project");
    if (target->role == role)
        return; // nothing changes, so nothing to audit
    if (target->role == Role::Admin && users.countWithRole(Role::Admin) == 1)
        throw Error(db_->fileName(),
                    "user '" + name + "' is the last admin; make another user admin first");
    users.updateRole(target->id, role);
    AuditLog(*db_).append(who.name, "user.set_role", "user", name,
                          {{"role", roleName(target->role)}}, {{"role", roleName(role)}});
    tx.commit();
}

std::vector<UserInfo> ProjectStore::users() const {
    return UserTable(*db_).all();
}

std::optional<UserInfo> ProjectStore::user(const std::string& name) const {
    return UserTable(*db_).find(name);
}

ImportResult ProjectStore::importBundle(const Bundle& bundle, const std::string& actor) {
    return BundleImporter(*db_, projectDir()).import(bundle, actor);
}

std::vector<EpisodeSummary> ProjectStore::episodes() const {
    return EpisodeQueries(*db_).list();
}

std::optional<EpisodeDetail> ProjectStore::episode(const std::string& id) const {
    return EpisodeQueries(*db_).detail(id);
}

std::vector<MediaRecord> ProjectStore::episodeMedia(const std::string& episodeId) const {
    return EpisodeQueries(*db_).media(episodeId);
}

std::optional<std::string> ProjectStore::mediaCache(const std::string& sha256,
                                                    const std::string& kind, int version) const {
    return MediaCacheTable(*db_).find(sha256, kind, version);
}

void ProjectStore::putMediaCache(const std::string& sha256, const std::string& kind, int version,
                                 const std::string& data) {
    MediaCacheTable(*db_).put(sha256, kind, version, data);
}

std::optional<nlohmann::json> ProjectStore::setting(const std::string& scope,
                                                    const std::string& key) const {
    return SettingsTable(*db_).get(scope, key);
}

std::map<std::string, nlohmann::json> ProjectStore::settings(const std::string& scope) const {
    return SettingsTable(*db_).all(scope);
}

void ProjectStore::setSetting(const std::string& actor, const std::string& scope,
                              const std::string& key, const nlohmann::json& value) {
    SettingsTable(*db_).set(actor, scope, key, value);
}

void ProjectStore::setClockModel(const std::string& actor, const std::string& episodeId,
                                 const std::string& streamName, const ClockModel& model) {
    SyncRecords(*db_).setClockModel(actor, episodeId, streamName, model);
}

void ProjectStore::requireClocksOpen(const std::string& episodeId) {
    SyncRecords(*db_).requireClocksOpen(episodeId);
}

ClockModel ProjectStore::undoClockModel(const std::string& actor, const std::string& episodeId,
                                        const std::string& streamName) {
    return SyncRecords(*db_).undoClockModel(actor, episodeId, streamName);
}

void ProjectStore::recordQcMetrics(const std::string& actor, const std::string& episodeId,
                                   const std::vector<QcMetric>& metrics) {
    SyncRecords(*db_).recordQcMetrics(actor, episodeId, metrics);
}

std::vector<QcMetric> ProjectStore::qcMetrics(const std::string& episodeId) const {
    return SyncRecords(*db_).qcMetrics(episodeId);
}

ProjectInfo ProjectStore::info() const {
    ProjectInfo p;
    p.file = db_->fileName();
    {
        Statement st = db_->prepare(
            "SELECT name, created_at, audit_head, audit_count FROM project WHERE id = 1");
        if (!st.step())
            throw Error(db_->fileName(), "the project record is missing");
        p.name = st.text(0);
        p.createdAt = st.text(1);
        p.auditHead = st.text(2);
        p.auditEntries = st.int64(3);
    }
    p.schemaVersion = static_cast<int>(db_->queryInt("PRAGMA user_version"));
    p.users = db_->queryInt("SELECT count(*) FROM user_account");
    p.participants = db_->queryInt("SELECT count(*) FROM participant");
    p.consents = db_->queryInt("SELECT count(*) FROM consent");
    p.episodes = db_->queryInt("SELECT count(*) FROM episode");
    p.streams = db_->queryInt("SELECT count(*) FROM stream");
    p.mediaFiles = db_->queryInt("SELECT count(*) FROM media_file");
    return p;
}

std::vector<AuditEntry> ProjectStore::auditEntries(int64_t afterSeq, int64_t limit) const {
    return AuditLog(*db_).entries(afterSeq, limit);
}

VerifyReport ProjectStore::verify(const VerifyProgress& progress) const {
    return StoreVerifier(*db_, projectDir()).run(progress);
}

} // namespace ts::core
