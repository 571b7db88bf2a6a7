// The episode's review workflow, enforced in core: new → annotating → submitted → approved or
// rejected; rejected → annotating on the next edit or an explicit reopen. Annotators (and leads
// and admins) submit; reviewers and leads approve or reject with reason codes and a comment,
// never on an episode they annotated (authored a label, event or correction on it, even one
// later undone) or submitted. Each step is audited; steps are not undoable edits (a verdict is
// taken back by reopening, which is audited too). Thread ownership: the store's thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::annotation {

// misaligned_streams, missing_stream, wrong_or_missing_labels, slip_not_marked,
// consent_problem, other.
const std::vector<std::string>& reviewReasonCodes();

struct ReviewRecord {
    int64_t id = 0;
    std::string episode;
    std::string reviewer;
    std::string verdict; // approved | rejected
    std::vector<std::string> reasons;
    std::string comment;
    std::string createdAt;
};

// Each throws Error naming the project file, the user with their role, the episode and the
// rule, e.g. "alice (annotator) may not approve episode ep-3: only reviewers and leads may".
void submitEpisode(ProjectStore& store, const std::string& actor, const std::string& episode);
// approve false: reject, which needs at least one reason code (and 'other' a comment).
ReviewRecord reviewEpisode(ProjectStore& store, const std::string& actor,
                           const std::string& episode, bool approve,
                           const std::vector<std::string>& reasons, const std::string& comment);
// Back to annotating: from new or rejected by anyone who may annotate; from submitted or
// approved by leads and admins only.
void reopenEpisode(ProjectStore& store, const std::string& actor, const std::string& episode);

std::vector<ReviewRecord> reviews(ProjectStore& store, const std::string& episode); // oldest first
// The latest verdict if it is a rejection that still stands (the episode is rejected, or back
// in annotating after it): what the annotator has to fix.
// The newest review of every reviewed episode, by episode id (one query, for project views).
std::map<std::string, ReviewRecord> latestReviews(ProjectStore& store);
std::optional<ReviewRecord> openRejection(ProjectStore& store, const std::string& episode);
// Who annotated or submitted the episode (user names, sorted).
std::vector<std::string> episodeContributors(ProjectStore& store, const std::string& episode);

} // namespace ts::core::annotation
