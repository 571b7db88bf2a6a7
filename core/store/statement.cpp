#include "store/statement.h"

#include "store/database.h"

#include <sqlite3.h>

namespace ts::core {

Statement::Statement(Database& db, const std::string& sql) : db_(&db), sql_(sql) {
    int rc =
        sqlite3_prepare_v2(db.handle(), sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr);
    db.check(rc, "cannot prepare SQL '" + sql + "'");
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
    other.stmt_ = nullptr;
}

Statement& Statement::bind(int index, int64_t value) {
    db_->check(sqlite3_bind_int64(stmt_, index, value), "cannot bind parameter");
    return *this;
}

Statement& Statement::bind(int index, double value) {
    db_->check(sqlite3_bind_double(stmt_, index, value), "cannot bind parameter");
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    db_->check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8),
               "cannot bind parameter");
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    db_->check(sqlite3_bind_null(stmt_, index), "cannot bind parameter");
    return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
    db_->check(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT),
               "cannot bind parameter");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    db_->fail(rc, "SQL '" + sql_ + "' failed");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::columnCount() const {
    return sqlite3_column_count(stmt_);
}
std::string Statement::columnName(int col) const {
    const char* n = sqlite3_column_name(stmt_, col);
    return n ? n : "";
}
bool Statement::isInteger(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_INTEGER;
}
bool Statement::isReal(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_FLOAT;
}

bool Statement::isNull(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}
int64_t Statement::int64(int col) const {
    return sqlite3_column_int64(stmt_, col);
}
double Statement::real(int col) const {
    return sqlite3_column_double(stmt_, col);
}

std::string Statement::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    if (!p)
        return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Statement::blob(int col) const {
    // sqlite3_column_blob before sqlite3_column_bytes: the documented safe order.
    const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, col));
    if (!p)
        return {};
    return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::optional<int64_t> Statement::optInt64(int col) const {
    if (isNull(col))
        return std::nullopt;
    return int64(col);
}

std::optional<double> Statement::optReal(int col) const {
    if (isNull(col))
        return std::nullopt;
    return real(col);
}

std::optional<std::string> Statement::optText(int col) const {
    if (isNull(col))
        return std::nullopt;
    return text(col);
}

} // namespace ts::core
