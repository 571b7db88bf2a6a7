// Reading an episode for sync with the video pass overlapped: the pass (the slow part) needs
// only the manifest, the calibration and the frame tables, so it starts as soon as those are
// read and runs while the IMU, pose, hands and force CSVs are read on the calling thread.
// Same bundle and the same signals as readBundle() followed by extractEpisodeSignals().
#pragma once

#include "io/bundle.h"
#include "sync/episodesync.h"

#include <filesystem>

namespace ts::core::sync {

struct EpisodeInput {
    Bundle bundle;
    // The motion signals: extracted when settings.useVideo and the bundle reads cleanly;
    // otherwise empty, and syncEpisode is given nullptr (it then has nothing to extract).
    std::optional<EpisodeSignals> extracted;
    double readSeconds = 0;  // wall time of the whole-bundle read (overlapping the video pass)
    double videoSeconds = 0; // wall time of the video pass (from its start)
};

// Never throws for bad input (readBundle's and extractEpisodeSignals' contracts).
EpisodeInput readEpisodeForSync(const std::filesystem::path& dir, const BundleReadOptions& options,
                                const SyncSettings& settings = {});

} // namespace ts::core::sync
