// Builds an episode's world map in the background: reconstructEpisode() on a worker thread
// (std::jthread; core has no Qt), with progress, cancel, and snapshots of the levels of detail
// published as the map grows, so that a 3D view shows the map filling in and never waits.
// The memory budget is WorldMapSettings::maxBytes (the project setting recon.map_memory_mb,
// reconsettings.h): past it the map coarsens.
//
// Threads: construct, start(), cancel(), wait() and the destructor from one owner thread
// (e.g. the GUI thread); snapshot(), progress() and state() from any thread. The snapshot
// callback runs on the worker: it must only hand the snapshot over (e.g. a queued signal).
// The Bundle must outlive the builder. The builder does not touch the project store (its
// connection belongs to another thread): the owner looks the cache up first and stores the
// finished map (worldmapcache.h).
#pragma once

#include "recon/episodereconstruction.h"

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace ts::core::recon {

// The map's levels of detail at one moment (finest first), immutable once published.
struct WorldMapSnapshot {
    std::vector<PointCloud> levels;
    double voxelM = 0;
    size_t voxels = 0;
    size_t mapBytes = 0; // what the map held when the snapshot was taken (levels excluded)
    double fraction = 0; // of the episode's depth frames done
    bool final = false;  // the finished map

    size_t bytes() const;
    // The finest level with at most `budget` points (the coarsest when none is small enough);
    // empty when there are no levels yet.
    const PointCloud* forBudget(size_t budget) const;
};

class WorldMapBuilder {
public:
    enum class State { Idle, Running, Finished, Cancelled, Failed };
    using SnapshotCallback = std::function<void(std::shared_ptr<const WorldMapSnapshot>)>;

    // `settings.progress`, `cancel` and `mapSnapshot` are the builder's own: those given are
    // replaced. snapshotEveryFrames in `settings` sets how often snapshots are published.
    WorldMapBuilder(const Bundle& bundle, StreamClocks clocks, ReconSettings settings,
                    SnapshotCallback onSnapshot = {});
    ~WorldMapBuilder(); // cancels and joins
    WorldMapBuilder(const WorldMapBuilder&) = delete;
    WorldMapBuilder& operator=(const WorldMapBuilder&) = delete;

    void start(); // once
    void cancel();
    // Blocks until the worker has ended. Returns the reconstruction (its `map` finished) or
    // rethrows what stopped it (ts::core::Error "... cancelled" after cancel()).
    EpisodeRecon& wait();

    State state() const { return state_.load(); }
    double progress() const { return progress_.load(); }
    std::shared_ptr<const WorldMapSnapshot> snapshot() const; // latest; null before the first

private:
    void run();
    void publish(const WorldMap& map, double fraction, bool final);

    const Bundle& bundle_;
    StreamClocks clocks_;
    ReconSettings settings_;
    SnapshotCallback onSnapshot_;
    std::atomic<bool> cancel_{false};
    std::atomic<double> progress_{0};
    std::atomic<State> state_{State::Idle};
    mutable std::mutex mutex_;
    std::shared_ptr<const WorldMapSnapshot> snapshot_;
    std::optional<EpisodeRecon> result_;
    std::exception_ptr error_;
    std::jthread worker_;
};

} // namespace ts::core::recon
