// The QC view of one episode for reviewers: how well its streams are aligned (the stored clock
// models' confidence and residuals), their health (the qc_metric rows sync recorded), how much
// of the recording the labels cover per tier, and consistency problems, each with the time it
// concerns: a recovery without a slip, overlapping labels in one tier, labels or events outside
// the recorded range, a withdrawn consent. Read-only; the store's thread.
#pragma once

#include "model/time.h"
#include "store/storerecords.h"
#include "sync/episodesync.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::annotation {

struct QcProblem {
    std::string code;   // e.g. "label.overlap", "event.recovery_without_slip"
    std::string entity; // "label 12", "event 4", "stream imu", "episode"
    std::optional<TimeNs> startNs, endNs; // timeline; none: the whole episode
    std::string message;                  // for people, in English (the CLI's)
    // The message's parts, for a user interface that words it in its own language; times as
    // "1.250 s" from the recording's start. Per code:
    //   stream.qc_failed             stream, check (e.g. "sync.health", "sync.alignment"),
    //                                value ("2", "" when none; sync.alignment: the reason)
    //   sync.unaligned               stream
    //   episode.qc_failed            check
    //   consent.invalid              what (ConsentIssue code: "no_record",
    //                                "participant_withdrew", "consent_withdrawn",
    //                                "never_signed"), participant, consent, date
    //   label.overlap                first id, its text, second id, its text, tier, from, to
    //   label.outside_range          id, text, from, to, the recording's end
    //   event.recovery_without_slip  id, at
    //   event.outside_range          kind, id, at
    std::vector<std::string> args;
};

struct StreamQc {
    std::string stream;
    std::string method; // identity | file | estimated | manual
    double confidence = 0;
    double residualMs = 0;
    std::vector<QcMetric> metrics; // health and sync rows recorded for the stream
    bool healthy = true;           // no recorded metric failed (but sync.alignment, below)
    // The clock model as stored now judged against the project's sync tolerance
    // (sync::alignmentVerdict): a clock set by hand after sync passes without another sync, so
    // the sync.alignment row that sync recorded is not what decides.
    bool aligned = false;
    std::string alignment; // why, for people
    sync::AlignmentVerdict verdict; // the same, for a user interface to word
};

struct QcReport {
    std::string episode;
    TimeNs startNs = 0, endNs = 0;
    double syncConfidence = 0; // the least confident stream clock (1 with a single clock)
    double maxResidualMs = 0;  // the largest residual of any stream clock
    std::vector<StreamQc> streams;
    std::map<std::string, double> coverage; // tier → covered share of the recording (0..1)
    std::vector<QcProblem> problems;        // ordered by time (whole-episode ones first)
};

QcReport qcChecks(ProjectStore& store, const std::string& episode);

// A stream whose clock, as stored now, is not aligned by the project's rule
// (sync::alignmentVerdict, as qcChecks judges it), and why.
struct UnalignedClock {
    std::string stream;
    std::string reason;             // verdict.reason
    sync::AlignmentVerdict verdict; // why, for a user interface to word
};

// Every episode's unaligned clocks, by episode id (episodes whose clocks all pass are absent),
// in one query over the project: the project window's Sync column.
std::map<std::string, std::vector<UnalignedClock>> unalignedClocks(ProjectStore& store);

} // namespace ts::core::annotation
