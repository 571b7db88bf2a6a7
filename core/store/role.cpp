#include "store/role.h"

#include <array>
#include <utility>

namespace ts::core {

namespace {
constexpr std::array<std::pair<Role, std::string_view>, 4> kNames{{
    {Role::Annotator, "annotator"},
    {Role::Reviewer, "reviewer"},
    {Role::Lead, "lead"},
    {Role::Admin, "admin"},
}};
} // namespace

std::string_view roleName(Role r) {
    for (const auto& [role, name] : kNames)
        if (role == r)
            return name;
    return "unknown";
}

std::optional<Role> roleFromName(std::string_view name) {
    for (const auto& [role, n] : kNames)
        if (n == name)
            return role;
    return std::nullopt;
}

bool roleMayImport(Role r) {
    return r == Role::Lead || r == Role::Admin;
}
bool roleMayManageUsers(Role r) {
    return r == Role::Admin;
}
bool roleMayEditClocks(Role r) {
    return r == Role::Annotator || r == Role::Reviewer || r == Role::Lead || r == Role::Admin;
}

bool roleMayAnnotate(Role r) {
    return r == Role::Annotator || r == Role::Lead || r == Role::Admin;
}
bool roleMayReview(Role r) {
    return r == Role::Reviewer || r == Role::Lead;
}
bool roleMayExport(Role r) {
    return r == Role::Lead || r == Role::Admin;
}
bool roleMayManageConsent(Role r) {
    return r == Role::Lead || r == Role::Admin;
}

} // namespace ts::core
