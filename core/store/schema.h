// The project file's schema as an ordered list of migrations keyed by PRAGMA user_version,
// and the marks that tell a Touchstone project from any other SQLite file.
// Thread ownership: the functions act on the caller's Database on the caller's thread.
#pragma once

#include <cstdint>
#include <span>

namespace ts::core {

class Database;

// PRAGMA application_id of every Touchstone project: "TsPj".
inline constexpr int32_t kProjectApplicationId = 0x5473506a;

// One step of the schema's history. Steps are never edited once released: a change to the
// schema is a new step appended to the list, so every older file can be brought forward.
struct Migration {
    int version; // user_version after this step
    const char* description;
    const char* sql;
};

std::span<const Migration> schemaMigrations();
int currentSchemaVersion(); // the version of the last step

// Applies every step newer than the file's user_version, in order, and sets user_version,
// all inside the caller's open transaction (so a crash leaves the old version intact).
// Throws Error naming the file when the file is newer than this build knows.
void applyMigrations(Database& db);

} // namespace ts::core
