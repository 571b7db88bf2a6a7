// Named settings by scope ('project' for project-wide values such as the sync tolerance and
// stream-health thresholds; 'user:<name>' for one user's preferences), each a JSON value. A
// project setting is changed by leads and admins only, a user setting by that user (or an
// admin); every change is audited ("setting.set") with the value before and after in the
// same transaction. Thread ownership: its Database's thread.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>

namespace ts::core {

class Database;

class SettingsTable {
public:
    explicit SettingsTable(Database& db) : db_(db) {}

    std::optional<nlohmann::json> get(const std::string& scope, const std::string& key);
    std::map<std::string, nlohmann::json> all(const std::string& scope);
    // Throws Error naming the project file for an unknown actor, a role that may not change
    // the scope, an empty key or a scope other than 'project' / 'user:<name>'. An unchanged
    // value writes nothing.
    void set(const std::string& actor, const std::string& scope, const std::string& key,
             const nlohmann::json& value);

private:
    Database& db_;
};

} // namespace ts::core
