#include "store/transaction.h"

#include "store/database.h"

#include <sqlite3.h>

namespace ts::core {

Transaction::Transaction(Database& db) : db_(db) {
    db_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (done_)
        return;
    // Never throw from a destructor; a failed rollback leaves SQLite to roll back on close.
    if (db_.inTransaction())
        sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

} // namespace ts::core
