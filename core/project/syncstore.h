// Running the sync engine on a project's episode and keeping what it found: the clock models it
// could estimate (a model set by hand is kept), each stream's health and alignment verdict as
// qc_metric rows, all audited. What `touchstone-cli sync` and the app's Episode → Synchronise
// Clocks both do. The store's thread; the video pass runs on its own threads inside.
#pragma once

#include "sync/episodesync.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ts::core {

class ProjectStore;

// One stream's outcome as stored.
struct StoredStreamSync {
    bool keptManual = false; // a model set by hand was kept; the estimate is only reported
    sync::AlignmentVerdict qc;
};

struct StoredEpisodeSync {
    sync::SyncSettings settings; // the project's, as the run used them
    sync::EpisodeSyncResult result;
    std::vector<StoredStreamSync> streams; // in the order of result.streams
    std::vector<std::string> flagged;      // "force: not aligned to the camera clock", …
};

// A stream's health as JSON: the sync.health row's details, and `sync --json`'s "health".
nlohmann::json streamHealthJson(const sync::StreamHealth& health);

// The project's sync settings (the defaults where none is stored). Throws ts::core::Error naming
// the project file, what is wrong and how to set it again when the stored one does not read
// (a value stored before a check was added: sync and the QC checks cannot run on it).
sync::SyncSettings projectSyncSettings(const ProjectStore& store);

// Reads the episode's bundle (the video pass overlapped), runs the engine with the project's
// settings and stores the outcome as `user` (roles: who may edit clocks). Throws
// ts::core::Error naming the episode, the bundle and each problem when the bundle cannot be
// read, or when the episode is approved (nothing is stored then).
StoredEpisodeSync syncAndStoreEpisode(ProjectStore& store, const std::string& user,
                                      const std::string& episode);

} // namespace ts::core
