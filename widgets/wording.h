// How core's codes and identifiers read to people, in the user interface's language: episode
// statuses, review reasons, clock-model and sync-engine methods, why a clock is or is not
// aligned, and QC problems. Core keeps its codes and English messages (the CLI's JSON and the
// store use them); the windows and panels show these words. Unknown codes are shown as they
// are. Any thread that may call tr().
#pragma once

#include "annotation/qcchecks.h"
#include "store/episodestatus.h"
#include "sync/episodesync.h"

#include <QString>

#include <string>

namespace ts::widgets {

// "new", "annotating", "submitted for review", "approved", "rejected".
QString episodeStatusText(core::EpisodeStatus status);

// The reasons a reviewer can give, in people's words, keyed by core's reason codes.
QString reasonText(const QString& code);

// A stored clock model's method: "identity" (the timeline clock itself when confidence is 1,
// else not aligned), "file" (declared in the bundle), "estimated", "manual" (set by hand).
QString clockMethodText(const std::string& method, double confidence);

// The sync engine's method for a stream: "timeline", "file", "gyro~pose-rotation-rate", …
QString syncMethodText(const std::string& method);

// Why a clock passes or fails QC's alignment rule (sync::alignmentVerdict).
QString alignmentText(const core::sync::AlignmentVerdict& verdict);

// A QC problem's kind ("labels overlap", …) from its code, and the problem in words from its
// parts (QcProblem::args; `qc` gives a stream's alignment verdict); its English message when
// the parts are not what the code has.
QString qcProblemKindText(const std::string& code);
QString qcProblemText(const core::annotation::QcProblem& problem,
                      const core::annotation::QcReport& qc);

} // namespace ts::widgets
