#include "store/usertable.h"

#include "store/database.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "util/error.h"
#include "util/visiblename.h"

namespace ts::core {

namespace {

UserInfo readUser(const Database& db, const Statement& st) {
    UserInfo u;
    u.id = st.int64(0);
    u.name = st.text(1);
    const auto role = roleFromName(st.text(2));
    if (!role)
        throw Error(db.fileName(),
                    "user '" + u.name + "' has an unknown role '" + st.text(2) + "'");
    u.role = *role;
    u.createdAt = st.text(3);
    return u;
}

} // namespace

std::optional<UserInfo> UserTable::find(const std::string& name) {
    Statement st =
        db_.prepare("SELECT id, name, role, created_at FROM user_account WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return readUser(db_, st);
}

std::vector<UserInfo> UserTable::all() {
    Statement st = db_.prepare("SELECT id, name, role, created_at FROM user_account ORDER BY name");
    std::vector<UserInfo> out;
    while (st.step())
        out.push_back(readUser(db_, st));
    return out;
}

UserInfo UserTable::requireActor(const std::string& name) {
    auto u = find(name);
    if (!u)
        throw Error(db_.fileName(), "there is no user '" + name +
                                        "' in this project; an admin must add the user first");
    return *u;
}

void UserTable::requirePermission(const UserInfo& actor, bool allowed, const std::string& what,
                                  const std::string& whoMay) {
    if (!allowed)
        throw Error(
            db_.fileName(),
            "user '" + actor.name + "' is " +
                (actor.role == Role::Admin || actor.role == Role::Annotator ? "an " : "a ") +
                std::string(roleName(actor.role)) + " and may not " + what + "; only " + whoMay +
                " may");
}

UserInfo UserTable::insert(const std::string& name, Role role) {
    if (name.empty())
        throw Error(db_.fileName(), "a user name must not be empty");
    if (const std::string problem = visibleNameProblem(name); !problem.empty())
        throw Error(db_.fileName(), "user name '" + name + "' " + problem);
    if (find(name))
        throw Error(db_.fileName(), "there is already a user '" + name + "' in this project");
    UserInfo u;
    u.name = name;
    u.role = role;
    u.createdAt = utcNowIso8601();
    db_.prepare("INSERT INTO user_account (name, role, created_at) VALUES (?, ?, ?)")
        .bindAll(u.name, roleName(role), u.createdAt)
        .run();
    u.id = db_.lastInsertRowId();
    return u;
}

void UserTable::updateRole(int64_t id, Role role) {
    db_.prepare("UPDATE user_account SET role = ? WHERE id = ?").bindAll(roleName(role), id).run();
}

int64_t UserTable::countWithRole(Role role) {
    Statement st = db_.prepare("SELECT count(*) FROM user_account WHERE role = ?");
    st.bind(1, roleName(role));
    st.step();
    return st.int64(0);
}

} // namespace ts::core
