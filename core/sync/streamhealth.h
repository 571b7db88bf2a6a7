// Stream health in the spirit of Project Aria's VRS health check: expected vs. observed rate,
// dropped samples, gaps, duplicate and backward timestamps, jitter, each judged against
// warn/fail thresholds (a project setting; the defaults suit 30 Hz – 1 kHz sensors).
// Pure function on plain values; any thread.
#pragma once

#include "model/time.h"

#include <optional>
#include <string>
#include <vector>

namespace ts::core::sync {

struct HealthThresholds {
    double dropRatioWarn = 0.02, dropRatioFail = 0.10; // dropped / expected
    double maxGapWarnS = 0.2, maxGapFailS = 1.0;       // longest interval, seconds
    double jitterWarn = 0.10, jitterFail = 0.25;       // RMS jitter / nominal period
    double rateErrorWarn = 0.02, rateErrorFail = 0.10; // |observed/expected − 1|
    int64_t duplicatesFail = 1, nonMonotonicFail = 1;  // counts that fail at once
};

enum class Verdict { Ok, Warn, Fail };
const char* verdictName(Verdict v); // "ok", "warn", "fail"

struct StreamHealth {
    std::string stream;
    int64_t samples = 0;
    double durationS = 0;
    double expectedRateHz = 0; // nominal (manifest) or, without one, from the median interval
    double observedRateHz = 0; // (samples − 1) / duration
    int64_t expectedSamples = 0;
    int64_t dropped = 0; // missing samples inferred from long intervals
    double dropRatio = 0;
    int64_t gaps = 0; // intervals longer than 1.5 periods
    double maxGapS = 0;
    int64_t duplicates = 0;
    int64_t nonMonotonic = 0;
    double jitterNs = 0; // RMS deviation of regular intervals from the period
    Verdict verdict = Verdict::Ok;
    std::vector<std::string> findings; // one sentence per threshold crossed
};

// times: raw timestamps as recorded (for hands: the distinct sample times).
StreamHealth checkStreamHealth(const std::string& stream, const std::vector<TimeNs>& times,
                               std::optional<double> nominalRateHz,
                               const HealthThresholds& thresholds = {});

} // namespace ts::core::sync
