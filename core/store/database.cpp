#include "store/database.h"

#include "store/statement.h"
#include "util/error.h"

#include <sqlite3.h>

namespace ts::core {

namespace {
// Long enough for a GUI thread to wait out a worker's import commit, short enough that a
// wedged writer surfaces as an error instead of a hang.
constexpr int kBusyTimeoutMs = 10'000;
} // namespace

Database::Database(const std::filesystem::path& file, Mode mode) : file_(file) {
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE;
    if (mode == Mode::CreateNew)
        flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(file.string().c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw Error(file.string(), "cannot open the project file: " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
}

Database::~Database() {
    // Statements are RAII and never outlive their Database, so close cannot be BUSY.
    if (db_)
        sqlite3_close(db_);
}

void Database::check(int rc, const std::string& what) const {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE)
        return;
    fail(rc, what);
}

void Database::fail(int rc, const std::string& what) const {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    throw Error(file_.string(), what + ": " + msg);
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw Error(file_.string(), "SQL failed: " + msg);
    }
}

Statement Database::prepare(const std::string& sql) {
    return Statement(*this, sql);
}

int64_t Database::queryInt(const std::string& sql) {
    Statement st(*this, sql);
    if (!st.step())
        throw Error(file_.string(), "query returned no row: " + sql);
    return st.int64(0);
}

std::string Database::queryText(const std::string& sql) {
    Statement st(*this, sql);
    if (!st.step())
        throw Error(file_.string(), "query returned no row: " + sql);
    return st.text(0);
}

void Database::applyConnectionPragmas() {
    // WAL lets readers on other threads see a consistent snapshot while a worker writes;
    // synchronous=FULL makes every commit durable before we report it (no "Save" button).
    const std::string mode = queryText("PRAGMA journal_mode=WAL");
    if (mode != "wal")
        throw Error(file_.string(), "cannot switch the project file to WAL journaling (got '" +
                                        mode + "'); is its folder writable and on a local disk?");
    exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
    if (queryInt("PRAGMA foreign_keys") != 1)
        throw Error(file_.string(), "this SQLite build cannot enforce foreign keys");
}

int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
    return sqlite3_changes(db_);
}
bool Database::inTransaction() const {
    return sqlite3_get_autocommit(db_) == 0;
}

} // namespace ts::core
