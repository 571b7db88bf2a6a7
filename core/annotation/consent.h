// Participants (pseudonymous ids), the consent forms they sign (by version), their consent
// records (terms, scope, compensation, signed, withdrawn), and withdrawal: withdrawing flags the
// participant and every consent record of theirs, which keeps their episodes out of review
// approval, QC's "ready" state and every export (exportableEpisodes). Leads and admins manage
// consent; every change is audited. Not undoable edits: a withdrawal is never taken back
// silently. Thread ownership: the store's thread.
#pragma once

#include "model/manifest.h"

#include <optional>
#include <string>
#include <vector>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::annotation {

struct ConsentForm {
    std::string version;
    std::string title;
    std::string terms;
    std::vector<std::string> scope;
    std::string createdAt, createdBy;
};

struct Participant {
    std::string pseudonym;
    std::string notes;
    std::string createdAt;
    std::optional<std::string> withdrawnAt;
    std::vector<ConsentRecord> consents;
    int64_t episodes = 0;
};

// Each throws Error naming the project file and what was refused (role, duplicate, unknown
// participant or form, withdrawal twice).
void addParticipant(ProjectStore& store, const std::string& actor, const std::string& pseudonym,
                    const std::string& notes = "");
void addConsentForm(ProjectStore& store, const std::string& actor, const ConsentForm& form);
// The form version must be registered (addConsentForm) unless episodes brought it in.
void addConsent(ProjectStore& store, const std::string& actor, const std::string& pseudonym,
                const ConsentRecord& consent);
// `at` (ISO 8601) defaults to now.
void withdrawParticipant(ProjectStore& store, const std::string& actor,
                         const std::string& pseudonym, const std::string& at = "");

std::vector<Participant> participants(ProjectStore& store); // by pseudonym
std::vector<ConsentForm> consentForms(ProjectStore& store); // by version

// Episodes a lead may export: approved, whose consent record is signed and not withdrawn and
// whose participant has not withdrawn. Ordered by episode id.
std::vector<std::string> exportableEpisodes(ProjectStore& store);
// Why an episode's consent does not hold (empty: it holds).
std::string consentProblem(ProjectStore& store, const std::string& episode);
// The same in parts: code "" (it holds), "no_record", "participant_withdrew",
// "consent_withdrawn" or "never_signed"; the participant's pseudonym, the consent reference and
// the date of the withdrawal where they apply.
struct ConsentIssue {
    std::string code;
    std::string participant, consent, date;
};
ConsentIssue consentIssue(ProjectStore& store, const std::string& episode);
// An issue in words (consentProblem's); empty when it holds.
std::string consentIssueText(const std::string& episode, const ConsentIssue& issue);

} // namespace ts::core::annotation
