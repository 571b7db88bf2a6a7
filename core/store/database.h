// One SQLite connection to a project file, with the pragmas Touchstone relies on and errors
// that name the file. Thread ownership: a Database is used by the thread that opened it and
// no other (DESIGN.md: each thread that touches the store has its own connection).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

struct sqlite3;

namespace ts::core {

class Statement;

class Database {
public:
    enum class Mode { OpenExisting, CreateNew };

    // Opens (or creates) the file. Does not check what the file holds; ProjectStore does.
    // Throws ts::core::Error naming the file when SQLite cannot open it.
    Database(const std::filesystem::path& file, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Runs one or more statements that return no rows of interest.
    void exec(const std::string& sql);
    Statement prepare(const std::string& sql);

    // Convenience for single-value queries ("PRAGMA user_version", "SELECT count(*) ...").
    int64_t queryInt(const std::string& sql);
    std::string queryText(const std::string& sql);

    // WAL, foreign keys, synchronous=FULL and a busy timeout; call before any transaction.
    void applyConnectionPragmas();

    int64_t lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;

    const std::filesystem::path& file() const { return file_; }
    std::string fileName() const { return file_.string(); }
    sqlite3* handle() const { return db_; }

    // Throws Error("<file>: <what>: <sqlite message>") unless rc is SQLITE_OK/ROW/DONE.
    void check(int rc, const std::string& what) const;
    [[noreturn]] void fail(int rc, const std::string& what) const;

private:
    sqlite3* db_ = nullptr;
    std::filesystem::path file_;
};

} // namespace ts::core
