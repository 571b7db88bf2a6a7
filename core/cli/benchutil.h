// What every `touchstone-cli bench` figure shares: a clock, timing a reference program, the
// one-line JSON schema (docs/performance.md) and a scratch folder.
#pragma once

#include "cli/args.h"
#include "synth/synth.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace ts::core::cli {

double now(); // seconds on a steady clock

// The p-quantile (0..1) of v with linear interpolation between order statistics; NaN when
// v is empty.
double quantile(std::vector<double> v, double p);

// Runs a program with arguments, stdout/stderr to /dev/null; returns wall seconds. Throws
// ts::core::Error when it cannot start or fails.
double timeProgram(const std::vector<std::string>& args);

// One figure; an empty reference makes reference, reference_value and ratio null.
nlohmann::json benchLine(const std::string& bench, const std::string& figure, double value,
                         const std::string& unit, const std::string& reference, double refValue,
                         const std::string& better, nlohmann::json goal);

// --work-dir DIR (kept) or a temporary folder (removed at the end).
struct WorkDir {
    std::filesystem::path path;
    bool keep = false;
    ~WorkDir();
};
WorkDir makeWorkDir(const Args& a);

// A bench's synthetic episode in `dir` (under a --work-dir, kept between runs): generated
// unless a complete one is there (its ground_truth.json is written last; an interrupted one is
// made again) that was made with the same options. One made with other options (another
// --seconds, --width or --crf into the same --work-dir) is an error naming its
// ground_truth.json and the options that differ, never silently scored as this run's.
void generateOrReuse(const std::filesystem::path& dir, const synth::SynthOptions& so);

int benchDecode(const Args& a, std::ostream& out, std::ostream& err);
int benchSeek(const Args& a, std::ostream& out, std::ostream& err);
int benchSyncAccuracy(const Args& a, std::ostream& out, std::ostream& err);
int benchSync(const Args& a, std::ostream& out, std::ostream& err);
int benchReconAccuracy(const Args& a, std::ostream& out, std::ostream& err);
int benchRecon(const Args& a, std::ostream& out, std::ostream& err);
int benchStore(const Args& a, std::ostream& out, std::ostream& err); // bench_store.cpp
int benchExport(const Args& a, std::ostream& out, std::ostream& err); // bench_export.cpp

} // namespace ts::core::cli
