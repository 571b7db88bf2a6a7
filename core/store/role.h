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
// Adding, changing and deleting labels, events and keypoint corrections, and submitting an
// episode for review: annotators, leads and admins (reviewers judge; they do not annotate).
bool roleMayAnnotate(Role r);
// Approving or rejecting a submitted episode: reviewers and leads (never on an episode the
// same person annotated; annotation/workflow.h enforces that).
bool roleMayReview(Role r);
// Exporting approved, consented episodes as a dataset: leads and admins.
bool roleMayExport(Role r);
// Registering participants, consent forms and consent records, and recording a withdrawal:
// leads and admins.
bool roleMayManageConsent(Role r);

} // namespace ts::core
