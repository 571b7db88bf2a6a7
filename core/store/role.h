// What a project user is allowed to do: the four roles of DESIGN.md and the rules that core
// enforces whatever the UI shows. Plain values; any thread.
#pragma once

#include <optional>
#include <string_view>

namespace ts::core {

enum class Role { Annotator, Reviewer, Lead, Admin };

std::string_view roleName(Role r); // "annotator", "reviewer", "lead", "admin"
std::optional<Role> roleFromName(std::string_view name);

// Importing brings a participant's recording and consent into the project: leads and admins.
bool roleMayImport(Role r);
// Adding users and changing roles: admins only.
bool roleMayManageUsers(Role r);
// Setting a stream's clock model (by hand or by running sync) and recording QC metrics: every
// role, because annotators fix misaligned streams while they work; the audit log keeps who.
bool roleMayEditClocks(Role r);

} // namespace ts::core
