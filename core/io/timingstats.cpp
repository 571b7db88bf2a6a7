#include "io/timingstats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ts::core {

TimingFindings computeTimingStats(const std::vector<TimeNs>& times, StreamStats& stats) {
    TimingFindings f;
    stats.count = static_cast<int64_t>(times.size());
    if (times.empty())
        return f;
    stats.firstNs = times.front();
    stats.lastNs = times.back();
    if (times.size() < 2)
        return f;
    std::vector<TimeNs> d(times.size() - 1);
    for (size_t i = 1; i < times.size(); ++i)
        d[i - 1] = times[i] - times[i - 1];
    std::vector<TimeNs> sorted = d;
    auto mid = sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2);
    std::nth_element(sorted.begin(), mid, sorted.end());
    const TimeNs median = std::max<TimeNs>(*mid, 1);
    stats.medianIntervalNs = median;
    stats.rateHz = 1e9 / static_cast<double>(median);

    double sq = 0;
    int64_t regular = 0;
    for (size_t i = 0; i < d.size(); ++i) {
        stats.maxGapNs = std::max(stats.maxGapNs, d[i]);
        if (d[i] * 2 > median * 3) { // longer than 1.5 median intervals
            ++stats.gaps;
            stats.droppedEstimate +=
                std::max<int64_t>(0, std::llround(static_cast<double>(d[i]) / median) - 1);
            if (f.firstGapIndex < 0)
                f.firstGapIndex = static_cast<int64_t>(i + 1);
        } else {
            const double e = static_cast<double>(d[i] - median);
            sq += e * e;
            ++regular;
        }
    }
    stats.jitterNs = regular > 0 ? std::sqrt(sq / static_cast<double>(regular)) : 0.0;
    return f;
}

void reportTimingWarnings(const StreamStats& stats, const TimingFindings& findings,
                          const std::string& file, int64_t lineOfFirstGap, Diagnostics& diags) {
    char buf[256];
    if (stats.gaps > 0) {
        std::snprintf(buf, sizeof buf,
                      "%lld gap%s longer than 1.5 sample intervals (about %lld sample%s missing at "
                      "%.4g Hz; longest %.1f ms); the first is here",
                      static_cast<long long>(stats.gaps), stats.gaps == 1 ? "" : "s",
                      static_cast<long long>(stats.droppedEstimate),
                      stats.droppedEstimate == 1 ? "" : "s", stats.rateHz,
                      static_cast<double>(stats.maxGapNs) * 1e-6);
        diags.warning("timestamps.gap", file, findings.firstGapIndex >= 0 ? lineOfFirstGap : -1,
                      buf);
    }
    if (stats.medianIntervalNs > 0 &&
        stats.jitterNs > 0.1 * static_cast<double>(stats.medianIntervalNs)) {
        std::snprintf(buf, sizeof buf,
                      "sample intervals are irregular: jitter %.3f ms is %.0f %% of the %.3f ms "
                      "median interval",
                      stats.jitterNs * 1e-6,
                      100.0 * stats.jitterNs / static_cast<double>(stats.medianIntervalNs),
                      static_cast<double>(stats.medianIntervalNs) * 1e-6);
        diags.warning("timestamps.irregular", file, -1, buf);
    }
}

} // namespace ts::core
