// Helpers for the store tests: small episode bundles written to real files (so hashes are
// real) and described in memory (the reader is not needed), and raw SQLite access for
// tampering. Used by one test thread at a time.
#pragma once

#include "io/bundle.h"
#include "util/error.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace tstest {

struct BundleOptions {
    std::string participant = "P-0001";
    std::string consentId = "C-0001";
    std::string formVersion = "2026.1";
    bool withError = false;    // add an error diagnostic (import must refuse)
    bool corruptStats = false; // last stream's count negative: fails late, at its insert
};

// Writes a bundle folder at `root` (episode.json, rgb.mp4, rgb_frames.csv, imu.csv, pose.csv)
// and returns its description as readBundle() would: camera clock = timeline (rgb), imu
// clock without model, slam clock with a model from the file (5 ms, 20 ppm); one warning.
ts::core::Bundle writeTestBundle(const std::filesystem::path& root, const std::string& episodeId,
                                 const BundleOptions& options = {});

// Raw SQLite access beside the store, as a tamperer (or a test) would do it; creates the
// file when missing.
void rawExec(const std::filesystem::path& db, const std::string& sql);
int64_t rawInt(const std::filesystem::path& db, const std::string& sql);
std::string rawText(const std::filesystem::path& db, const std::string& sql);

// Total rows over every table of the project (to show that a failed import left nothing).
int64_t totalRows(const std::filesystem::path& db);

void writeFile(const std::filesystem::path& file, const std::string& bytes);

inline bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// Runs f, which must throw ts::core::Error; returns the message ("<no error>" if it did not).
template <typename F> std::string errorOf(F&& f) {
    try {
        f();
    } catch (const ts::core::Error& e) {
        return e.what();
    }
    return "<no error>";
}

} // namespace tstest
