// A prepared SQLite statement with typed binding and column access; errors name the file.
// Thread ownership: belongs to its Database's thread and must not outlive the Database.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace ts::core {

class Database;

class Statement {
public:
    Statement(Database& db, const std::string& sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite.
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, std::nullptr_t);
    // Binary data (caches): stored as a BLOB, not TEXT, so no encoding is assumed.
    Statement& bindBlob(int index, std::string_view bytes);
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    // Binds the arguments to parameters 1..N in order.
    template <typename... Args> Statement& bindAll(const Args&... args) {
        int i = 0;
        (bind(++i, args), ...);
        return *this;
    }

    bool step(); // true while a row is available
    void run();  // steps to completion, ignoring rows
    void reset();

    // Shape of the current row, for code that copies whole rows (annotation/edit.h).
    int columnCount() const;
    std::string columnName(int col) const;
    bool isInteger(int col) const; // SQLITE_INTEGER storage class
    bool isReal(int col) const;    // SQLITE_FLOAT storage class

    bool isNull(int col) const;
    int64_t int64(int col) const;
    double real(int col) const;
    std::string text(int col) const;
    std::string blob(int col) const; // the column's bytes as they are (empty for NULL)
    std::optional<int64_t> optInt64(int col) const;
    std::optional<double> optReal(int col) const;
    std::optional<std::string> optText(int col) const;

private:
    Database* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::string sql_;
};

} // namespace ts::core
