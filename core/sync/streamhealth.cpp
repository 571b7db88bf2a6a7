#include "sync/streamhealth.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace ts::core::sync {

const char* verdictName(Verdict v) {
    switch (v) {
    case Verdict::Ok:
        return "ok";
    case Verdict::Warn:
        return "warn";
    case Verdict::Fail:
        return "fail";
    }
    return "?";
}

namespace {
void judge(StreamHealth& h, double value, double warn, double fail, const std::string& what) {
    if (value < warn)
        return;
    const Verdict v = value >= fail ? Verdict::Fail : Verdict::Warn;
    h.verdict = std::max(h.verdict, v);
    std::ostringstream s;
    s << what << " " << value << " (" << verdictName(v) << " at "
      << (v == Verdict::Fail ? fail : warn) << ")";
    h.findings.push_back(s.str());
}
} // namespace

StreamHealth checkStreamHealth(const std::string& stream, const std::vector<TimeNs>& times,
                               std::optional<double> nominalRateHz, const HealthThresholds& th) {
    StreamHealth h;
    h.stream = stream;
    h.samples = static_cast<int64_t>(times.size());
    if (times.size() < 2) {
        h.verdict = Verdict::Fail;
        h.findings.push_back("fewer than two samples");
        return h;
    }
    std::vector<TimeNs> dts;
    dts.reserve(times.size() - 1);
    for (size_t i = 1; i < times.size(); ++i) {
        const TimeNs dt = times[i] - times[i - 1];
        if (dt == 0)
            ++h.duplicates;
        else if (dt < 0)
            ++h.nonMonotonic;
        else
            dts.push_back(dt);
    }
    const auto [mn, mx] = std::minmax_element(times.begin(), times.end());
    h.durationS = static_cast<double>(*mx - *mn) * 1e-9;
    if (dts.empty() || h.durationS <= 0) {
        h.verdict = Verdict::Fail;
        h.findings.push_back("no increasing timestamps");
        return h;
    }
    std::vector<TimeNs> sorted = dts;
    std::nth_element(sorted.begin(),
                     sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
    const double medianNs = static_cast<double>(sorted[sorted.size() / 2]);
    h.expectedRateHz = nominalRateHz && *nominalRateHz > 0 ? *nominalRateHz : 1e9 / medianNs;
    const double periodNs = 1e9 / h.expectedRateHz;
    h.observedRateHz = static_cast<double>(times.size() - 1) / h.durationS;
    h.expectedSamples = static_cast<int64_t>(std::llround(h.durationS * h.expectedRateHz)) + 1;
    double ss = 0;
    int64_t regular = 0;
    for (TimeNs dt : dts) {
        const double d = static_cast<double>(dt);
        h.maxGapS = std::max(h.maxGapS, d * 1e-9);
        if (d > 1.5 * periodNs) {
            ++h.gaps;
            h.dropped += std::max<int64_t>(0, std::llround(d / periodNs) - 1);
        } else {
            ss += (d - periodNs) * (d - periodNs);
            ++regular;
        }
    }
    h.jitterNs = regular ? std::sqrt(ss / static_cast<double>(regular)) : 0.0;
    h.dropRatio = static_cast<double>(h.dropped) / static_cast<double>(h.expectedSamples);

    judge(h, h.dropRatio, th.dropRatioWarn, th.dropRatioFail, "dropped-sample ratio");
    judge(h, h.maxGapS, th.maxGapWarnS, th.maxGapFailS, "longest gap in seconds");
    judge(h, h.jitterNs / periodNs, th.jitterWarn, th.jitterFail,
          "jitter as a fraction of the period");
    // Drops lower the observed rate; only the rate of the samples that are there is judged.
    const double keptRate = static_cast<double>(times.size() - 1 + h.dropped) / h.durationS;
    judge(h, std::abs(keptRate / h.expectedRateHz - 1.0), th.rateErrorWarn, th.rateErrorFail,
          "rate error against the expected rate");
    judge(h, static_cast<double>(h.duplicates), static_cast<double>(th.duplicatesFail),
          static_cast<double>(th.duplicatesFail), "duplicate timestamps");
    judge(h, static_cast<double>(h.nonMonotonic), static_cast<double>(th.nonMonotonicFail),
          static_cast<double>(th.nonMonotonicFail), "timestamps going back");
    return h;
}

} // namespace ts::core::sync
