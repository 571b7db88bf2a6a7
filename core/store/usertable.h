// Reading and writing project users (user_account) and checking what an acting user may do.
// Thread ownership: works on its Database's thread; writers run inside the caller's
// transaction so that the role check and the change see the same state.
#pragma once

#include "store/storerecords.h"

#include <optional>
#include <string>
#include <vector>

namespace ts::core {

class Database;

class UserTable {
public:
    explicit UserTable(Database& db) : db_(db) {}

    std::optional<UserInfo> find(const std::string& name);
    std::vector<UserInfo> all();

    // The acting user, or Error naming the project file when no such user exists.
    UserInfo requireActor(const std::string& name);
    // Error naming the project file unless allowed; `what` completes "may not <what>".
    void requirePermission(const UserInfo& actor, bool allowed, const std::string& what,
                           const std::string& whoMay);

    // Inserts without checks or audit (ProjectStore adds both); throws on a taken name.
    UserInfo insert(const std::string& name, Role role);
    void updateRole(int64_t id, Role role);
    int64_t countWithRole(Role role);

private:
    Database& db_;
};

} // namespace ts::core
