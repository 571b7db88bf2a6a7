#include "store/settingstable.h"

#include "store/auditlog.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "store/transaction.h"
#include "store/usertable.h"
#include "util/error.h"

namespace ts::core {

using nlohmann::json;

std::optional<json> SettingsTable::get(const std::string& scope, const std::string& key) {
    Statement st = db_.prepare("SELECT value FROM settings WHERE scope = ? AND key = ?");
    st.bindAll(scope, key);
    if (!st.step())
        return std::nullopt;
    return json::parse(st.text(0));
}

std::map<std::string, json> SettingsTable::all(const std::string& scope) {
    std::map<std::string, json> out;
    Statement st = db_.prepare("SELECT key, value FROM settings WHERE scope = ? ORDER BY key");
    st.bind(1, scope);
    while (st.step())
        out[st.text(0)] = json::parse(st.text(1));
    return out;
}

void SettingsTable::set(const std::string& actor, const std::string& scope, const std::string& key,
                        const json& value) {
    if (key.empty())
        throw Error(db_.fileName(), "a setting needs a non-empty key");
    const bool project = scope == "project";
    const bool user = scope.rfind("user:", 0) == 0 && scope.size() > 5;
    if (!project && !user)
        throw Error(db_.fileName(),
                    "setting scope '" + scope + "' is neither 'project' nor 'user:<name>'");
    Transaction tx(db_);
    UserTable users(db_);
    const UserInfo who = users.requireActor(actor);
    if (project)
        users.requirePermission(who, who.role == Role::Lead || who.role == Role::Admin,
                                "change project settings", "leads and admins");
    else
        users.requirePermission(who, scope.substr(5) == who.name || who.role == Role::Admin,
                                "change another user's settings", "that user and admins");
    const std::optional<json> before = get(scope, key);
    if (before && *before == value)
        return;
    db_.prepare("INSERT OR REPLACE INTO settings (scope, key, value, updated_at, updated_by) "
                "VALUES (?, ?, ?, ?, ?)")
        .bindAll(scope, key, value.dump(), utcNowIso8601(), who.name)
        .run();
    AuditLog(db_).append(who.name, "setting.set", "setting", scope + "/" + key,
                         before ? *before : json(nullptr), value);
    tx.commit();
}

} // namespace ts::core
