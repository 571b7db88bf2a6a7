// The true clock models a synthetic bundle's ground_truth.json records (keyed by stream name),
// and how far an estimated model is from one: what the sync benchmark and tests score.
// Pure functions; any thread.
#pragma once

#include "model/clockmodel.h"

#include <filesystem>
#include <map>
#include <string>

namespace ts::core::sync {

// Throws ts::core::Error naming the file when it is missing or malformed.
std::map<std::string, ClockModel> readGroundTruthClocks(const std::filesystem::path& file);

struct ClockError {
    double offsetNs = 0; // estimated − true mapping at the reference raw time
    double driftPpm = 0; // estimated − true drift
};

// Compares two raw → target mappings at raw time `atRawNs` (e.g. the middle of the stream).
ClockError clockError(const ClockModel& estimated, const ClockModel& truth, TimeNs atRawNs);

} // namespace ts::core::sync
