// Writes a LeRobot v3.0 dataset (docs/export.md): meta/info.json, meta/stats.json,
// meta/tasks.parquet, meta/episodes/chunk-000/file-000.parquet, data/chunk-XXX/file-YYY.parquet
// and videos/observation.images.rgb/chunk-XXX/file-YYY.mp4, episodes concatenated in each file.
// Every episode's frames are at the dataset fps with timestamp = frame_index / fps.
// Not thread-safe; runs on the export's worker thread.
#pragma once

#include "export/episodeframes.h"
#include "export/parquet/parquetwriter.h"
#include "export/videoencoder.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace ts::core::exporting {

struct DatasetSettings {
    double fps = 30;
    VideoSettings video;
    parquet::Compression compression = parquet::Compression::Snappy;
    int chunksSize = 1000;        // files per chunk folder
    double dataFilesSizeMb = 100; // a data file takes no further episode past this size
    double videoFilesSizeMb = 500;
};

// One episode ready to be written: what the store said and its frames.
struct PreparedEpisode {
    const ExportEpisode* episode = nullptr;
    EpisodeFrames frames;
    std::filesystem::path video; // the RGB video file; empty: none
};

struct WrittenEpisode {
    std::string id;
    int64_t index = 0;
    int64_t frames = 0;
    std::vector<std::string> tasks;
};

// Called per written frame: (frames written so far); returns false to cancel.
using FrameProgress = std::function<bool(int64_t)>;

class LeRobotWriter {
public:
    static constexpr const char* kVideoKey = "observation.images.rgb";

    LeRobotWriter(std::filesystem::path root, DatasetSettings settings);
    // Writes the whole dataset. Throws Error (naming the episode/file) on failure and
    // ExportCancelled when progress returns false.
    std::vector<WrittenEpisode> write(const std::vector<PreparedEpisode>& episodes,
                                      const FrameProgress& progress);

    // The names of observation.state / action, in order (pose, then left, then right hand).
    static std::vector<std::string> stateNames();

private:
    std::filesystem::path root_;
    DatasetSettings settings_;
};

} // namespace ts::core::exporting
