// Language labels on time spans of an episode, in tiers ("task", "subtask" and the project's
// own, annotationsettings.h), with the project's vocabulary for completion. Edges are snapped
// to the nearest video frame (or, on request, to the nearest fingertip contact onset) before
// they are stored. Every edit commits at once and returns its Edit (edit.h) for undo.
// Thread ownership: the store's thread. Values returned are plain copies.
#pragma once

#include "annotation/edit.h"
#include "annotation/episodetiming.h"
#include "model/time.h"

#include <optional>
#include <string>
#include <vector>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::annotation {

struct LabelRecord {
    int64_t id = 0;
    std::string episode;
    std::string tier;
    TimeNs startNs = 0, endNs = 0; // on the timeline
    std::string text;
    std::string author;
    std::string createdAt, updatedAt;
};

struct LabelSpan {
    std::string tier = "task";
    TimeNs startNs = 0, endNs = 0; // on the timeline
    std::string text;
};

enum class Snap {
    None,         // store the times as given
    Frame,        // each edge to the nearest video frame time
    ContactOnset, // each edge to a contact onset within kOnsetSnapNs, else to the nearest frame
};
inline constexpr TimeNs kOnsetSnapNs = 150 * kNsPerMs;

// The span with its edges snapped.
LabelSpan snapSpan(const LabelSpan& span, const EpisodeTiming& timing, Snap snap);
TimeNs snapTime(TimeNs t, const EpisodeTiming& timing, Snap snap);
// A time as the annotation messages give it: seconds from `start`, to the millisecond
// ("12.345 s").
std::string secondsText(TimeNs t, TimeNs start);

// The episode's labels ordered by tier, then start. Error for an unknown episode.
std::vector<LabelRecord> labels(ProjectStore& store, const std::string& episode);
std::optional<LabelRecord> findLabel(ProjectStore& store, int64_t id);

// Refused (Error naming the project file, episode and what is wrong) for an unknown tier, empty
// text, an empty span after snapping or one outside the recorded range, and for the role and
// status rules of EditSession.
Edit addLabel(ProjectStore& store, const std::string& actor, const std::string& episode,
              const LabelSpan& span, const EpisodeTiming& timing, Snap snap = Snap::Frame);
Edit updateLabel(ProjectStore& store, const std::string& actor, int64_t id, const LabelSpan& span,
                 const EpisodeTiming& timing, Snap snap = Snap::Frame);
Edit deleteLabel(ProjectStore& store, const std::string& actor, int64_t id);

// Distinct texts of a tier over the whole project, most used first (then alphabetical),
// optionally only those starting with `prefix` (case-sensitive), at most `limit`.
struct VocabularyEntry {
    std::string text;
    int64_t uses = 0;
};
std::vector<VocabularyEntry> vocabulary(ProjectStore& store, const std::string& tier,
                                        const std::string& prefix = "", int limit = 20);

// Labels across the project whose tier is `tier` (empty: any) and whose text contains
// `contains` (empty: any), ordered by episode then start; at most `limit` (< 0: all).
std::vector<LabelRecord> findLabels(ProjectStore& store, const std::string& tier,
                                    const std::string& contains, int64_t limit = -1);

} // namespace ts::core::annotation
