// One export of a project's approved, consented episodes as a dataset (LeRobot v3.0 or one
// HDF5 file per episode) with its provenance, recorded in export_record / export_episode and
// the audit log. Safe: everything is written into a hidden folder beside the destination and
// renamed when complete, so a cancelled, failed or crashed export never leaves a folder that
// looks like a dataset. Leads and admins only (checked here, in core).
//
// Thread ownership: runExport opens its own connections and may run on any worker thread;
// progress and cancelled are called on that thread.
#pragma once

#include "export/exportepisode.h"
#include "export/lerobotwriter.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace ts::core::exporting {

struct ExportOptions {
    std::string format = "lerobot";     // lerobot | hdf5
    std::filesystem::path out;           // must not exist, or be an empty folder
    std::vector<std::string> episodes;   // empty: every exportable episode
    std::string actor;                   // the acting user
    DatasetSettings dataset;             // fps, video and Parquet settings
};

struct ExportReport {
    int64_t exportId = 0;
    std::string format;
    std::filesystem::path out;
    std::vector<WrittenEpisode> episodes;
    std::vector<Exclusion> excluded;
    int64_t totalFrames = 0;
    std::string manifestSha256; // of provenance.json
    std::vector<std::string> files; // relative to out
    double seconds = 0;
};

struct ExportCallbacks {
    std::function<void(double fraction, const std::string& stage)> progress;
    std::function<bool()> cancelled; // polled often; true stops the export (ExportCancelled)
};

// Throws Error (naming the project, episode, file or frame) or ExportCancelled; in both cases
// nothing is left at `out` and the export_record says 'failed'.
ExportReport runExport(const std::filesystem::path& projectFile, const ExportOptions& options,
                       const ExportCallbacks& callbacks = {});

} // namespace ts::core::exporting
