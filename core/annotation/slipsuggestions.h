// Slip suggestions for an episode: the detector (slipdetector.h) run on the episode's force and
// hands streams put on the timeline with their stored clock models, minus what people already
// decided: a suggestion overlapping an accepted or dismissed one of the same hand, or a slip
// event of that hand, is not proposed again. Accepting makes a slip event; dismissing records
// the decision; both are undoable edits (edit.h). Thread ownership: the store's thread.
#pragma once

#include "annotation/edit.h"
#include "annotation/episodetiming.h"
#include "annotation/slipdetector.h"

#include <string>
#include <vector>

namespace ts::core::annotation {

// The open suggestions (the streams are read from the bundle: pass them when already loaded).
std::vector<SlipCandidate> slipSuggestions(ProjectStore& store, const std::string& episode);
std::vector<SlipCandidate> slipSuggestions(ProjectStore& store, const std::string& episode,
                                           const EpisodeStreams& streams,
                                           const SlipDetectorOptions& options = {});
// The same in two steps, for a caller that asks after every edit: the detector's candidates on
// the timeline (no store; they change only with the streams' clocks), then those that no
// decision or slip event has taken yet (a few queries).
std::vector<SlipCandidate> episodeSlipCandidates(const EpisodeStreams& streams,
                                                 const SlipDetectorOptions& options = {});
std::vector<SlipCandidate> untakenSlips(ProjectStore& store, const std::string& episode,
                                        const std::vector<SlipCandidate>& candidates);

// Accept: a slip event over the suggestion's span and hand (note: what the detector saw, plus
// `note`), and the decision linked to it. Dismiss: the decision only.
Edit acceptSlipSuggestion(ProjectStore& store, const std::string& actor,
                          const std::string& episode, const SlipCandidate& s,
                          const std::string& note = "");
Edit dismissSlipSuggestion(ProjectStore& store, const std::string& actor,
                           const std::string& episode, const SlipCandidate& s);

} // namespace ts::core::annotation
