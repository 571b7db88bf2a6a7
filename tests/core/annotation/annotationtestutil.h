// Helpers for the annotation tests: a project with users of every role and one imported test
// episode, and a snapshot of every table an edit may touch (to show undo restores the store).
#pragma once

#include "store/projectstore.h"

#include <filesystem>
#include <string>

namespace tstest {

struct AnnotationProject {
    std::filesystem::path dir;
    ts::core::ProjectStore store;
    std::string episode; // "ep-1"
    ts::core::TimeNs t0 = 0, t1 = 0; // its recorded range on the timeline
};

// Project at dir/p.tsproj with users root (admin), lee (lead), ann and amy (annotators), rev and
// rita (reviewers); one episode "ep-1" imported by lee from a small test bundle (30 video frames
// at 30 fps).
AnnotationProject makeAnnotationProject(const std::filesystem::path& dir);

// Every row of label, event, keypoint_correction, slip_decision, review, episode, participant
// and consent as text, ordered by id: equal snapshots mean equal annotation state.
std::string annotationSnapshot(ts::core::ProjectStore& store);

} // namespace tstest
