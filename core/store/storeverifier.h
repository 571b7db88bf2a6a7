// The deep check behind ProjectStore::verify(): SQLite's integrity and foreign-key checks,
// every media file against its recorded size and SHA-256, each episode's media list against
// the digest in its import audit entry, and the audit chain against the project head.
// Thread ownership: runs on its Database's thread; the progress callback is called there.
#pragma once

#include "store/storerecords.h"

#include <filesystem>

namespace ts::core {

class Database;

class StoreVerifier {
public:
    StoreVerifier(Database& db, std::filesystem::path projectDir);

    VerifyReport run(const VerifyProgress& progress = {});

private:
    void checkSqlite(VerifyReport& r);
    void checkMedia(VerifyReport& r, const VerifyProgress& progress);
    void checkMediaDigests(VerifyReport& r);

    Database& db_;
    std::filesystem::path projectDir_;
};

} // namespace ts::core
