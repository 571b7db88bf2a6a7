// Events of an episode: slips, regrasps, recoveries, contacts (contact, contact_on,
// contact_off) and the project's own kinds (annotationsettings.h), each at an instant or over a
// span, for one hand or both, with a note; a recovery may name the slip it recovers from.
// Slip events are the most valuable frames: a slip that a recovery links to cannot be deleted
// until the recovery is unlinked. Every edit commits at once and returns its Edit (edit.h).
// Thread ownership: the store's thread. Values returned are plain copies.
#pragma once

#include "annotation/edit.h"
#include "annotation/labels.h"

#include <optional>
#include <string>
#include <vector>

namespace ts::core::annotation {

struct EventSpec {
    std::string kind;              // "slip", "recovery", ... or a project kind
    TimeNs startNs = 0;            // timeline
    std::optional<TimeNs> endNs;   // none: an instant
    std::optional<std::string> hand; // "left", "right" or "both"; none: not said
    std::string note;
    std::optional<int64_t> recovers; // recovery only: the slip event's id (same episode)
};

struct EventRecord {
    int64_t id = 0;
    std::string episode;
    EventSpec spec;
    std::string author;
    std::string createdAt, updatedAt;
};

std::vector<EventRecord> events(ProjectStore& store, const std::string& episode);
std::optional<EventRecord> findEvent(ProjectStore& store, int64_t id);

// Refused (Error naming the project file, episode and what is wrong) for an unknown kind or
// hand, a span that ends before it starts, times outside the recording, a link from anything
// but a recovery or to anything but a slip of the same episode; and for the role and status
// rules of EditSession. Times are snapped like label edges.
Edit addEvent(ProjectStore& store, const std::string& actor, const std::string& episode,
              const EventSpec& spec, const EpisodeTiming& timing, Snap snap = Snap::Frame);
Edit updateEvent(ProjectStore& store, const std::string& actor, int64_t id, const EventSpec& spec,
                 const EpisodeTiming& timing, Snap snap = Snap::Frame);
Edit deleteEvent(ProjectStore& store, const std::string& actor, int64_t id);

} // namespace ts::core::annotation
