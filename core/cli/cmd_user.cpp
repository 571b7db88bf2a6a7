// touchstone-cli user PROJECT add NAME --role ROLE | set-role NAME --role ROLE | list: the
// project's users and their roles (admins add users and change roles; every change is audited).
#include "cli/annotationcli.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace ts::core::cli {

using nlohmann::json;

int cmdUser(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"as", "user", "role"});
    const auto& pos = a.positional();
    if (pos.size() < 2)
        throw UsageError("user takes PROJECT add NAME --role ROLE | set-role NAME --role ROLE | list");
    ProjectStore store = ProjectStore::open(resolveProjectFile(pos[0]));
    const std::string& action = pos[1];
    if (action == "add" || action == "set-role") {
        if (pos.size() != 3 || !a.value("role"))
            throw UsageError("user " + action + " needs NAME and --role annotator|reviewer|lead|admin");
        const auto role = roleFromName(*a.value("role"));
        if (!role)
            throw UsageError("--role takes annotator, reviewer, lead or admin, not '" +
                             *a.value("role") + "'");
        if (action == "add")
            store.addUser(actingUser(a), pos[2], *role);
        else
            store.setUserRole(actingUser(a), pos[2], *role);
    } else if (action != "list") {
        throw UsageError("unknown user action '" + action + "' (add, set-role, list)");
    }
    json users = json::array();
    for (const UserInfo& u : store.users())
        users.push_back({{"name", u.name}, {"role", roleName(u.role)}, {"created_at", u.createdAt}});
    if (a.flag("json")) {
        out << json{{"users", users}}.dump(2) << "\n";
    } else {
        for (const json& u : users)
            out << u["name"].get<std::string>() << "\t" << u["role"].get<std::string>() << "\n";
    }
    return 0;
}

} // namespace ts::core::cli
