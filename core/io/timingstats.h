// Rate, gaps, drops and jitter of a timestamp sequence, and the warnings they give.
#pragma once

#include "model/streamstats.h"
#include "util/diagnostic.h"

#include <vector>

namespace ts::core {

struct TimingFindings {
    int64_t firstGapIndex = -1; // sample index after the first gap
};

// Fills count, first/last, rate, median interval, gaps, dropped estimate and jitter of
// `stats` from strictly increasing times.
TimingFindings computeTimingStats(const std::vector<TimeNs>& times, StreamStats& stats);

// timestamps.gap / timestamps.irregular warnings. `lineOfIndex` maps a sample index to the
// CSV line that holds it (index + 2 for one sample per row after a header).
void reportTimingWarnings(const StreamStats& stats, const TimingFindings& findings,
                          const std::string& file, int64_t lineOfFirstGap, Diagnostics& diags);

} // namespace ts::core
