// A write transaction on a Database that rolls back unless committed, so that a store call
// that throws half-way leaves nothing behind. Thread ownership: that of its Database.
#pragma once

namespace ts::core {

class Database;

class Transaction {
public:
    // BEGIN IMMEDIATE: take the write lock up front so that two connections never deadlock
    // upgrading read locks (WAL allows one writer at a time).
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    Database& db_;
    bool done_ = false;
};

} // namespace ts::core
