// Writes one episode as one HDF5 file (docs/export.md "HDF5"): the aligned streams at the
// dataset's frames, the per-frame task, labels and events, the label and event tables as
// annotated, the clock models used, and identity attributes. Uses HDF5's C API.
// Not thread-safe (the serial HDF5 library is not): one export at a time.
#pragma once

#include "export/episodeframes.h"

#include <filesystem>
#include <string>

namespace ts::core::exporting {

struct Hdf5EpisodeInfo {
    int64_t datasetIndex = 0;
    std::string videoSource; // the RGB video, relative to the project
};

void writeHdf5Episode(const std::filesystem::path& file, const ExportEpisode& episode,
                      const EpisodeFrames& frames, const Hdf5EpisodeInfo& info);

// A file name for an episode id: letters, digits, '.', '-' and '_' kept, others '_'.
std::string safeFileStem(const std::string& id);

} // namespace ts::core::exporting
