#include "recon/worldmapbuilder.h"

#include "util/error.h"

namespace ts::core::recon {

size_t WorldMapSnapshot::bytes() const {
    size_t b = 0;
    for (const PointCloud& l : levels)
        b += l.bytes();
    return b;
}

const PointCloud* WorldMapSnapshot::forBudget(size_t budget) const {
    for (const PointCloud& l : levels)
        if (l.size() <= budget)
            return &l;
    return levels.empty() ? nullptr : &levels.back();
}

WorldMapBuilder::WorldMapBuilder(const Bundle& bundle, StreamClocks clocks, ReconSettings settings,
                                 SnapshotCallback onSnapshot)
    : bundle_(bundle), clocks_(std::move(clocks)), settings_(std::move(settings)),
      onSnapshot_(std::move(onSnapshot)) {
    settings_.buildMap = true;
    settings_.cancel = &cancel_;
    settings_.progress = [this](double f) { progress_.store(f); };
    settings_.mapSnapshot = [this](const WorldMap& m, double f) { publish(m, f, false); };
}

WorldMapBuilder::~WorldMapBuilder() {
    cancel();
    if (worker_.joinable())
        worker_.join();
}

void WorldMapBuilder::start() {
    if (state_.load() != State::Idle)
        throw Error("world map builder: start() called twice");
    state_.store(State::Running);
    worker_ = std::jthread([this] { run(); });
}

void WorldMapBuilder::cancel() {
    cancel_.store(true);
}

void WorldMapBuilder::run() {
    try {
        EpisodeRecon r = reconstructEpisode(bundle_, clocks_, settings_);
        publish(r.map, 1.0, true);
        {
            std::lock_guard lock(mutex_);
            result_ = std::move(r);
        }
        state_.store(State::Finished);
    } catch (...) {
        {
            std::lock_guard lock(mutex_);
            error_ = std::current_exception();
        }
        state_.store(cancel_.load() ? State::Cancelled : State::Failed);
    }
}

void WorldMapBuilder::publish(const WorldMap& map, double fraction, bool final) {
    auto s = std::make_shared<WorldMapSnapshot>();
    // The finished map already holds its levels; a growing one gets them built now.
    if (final && map.levels() > 0) {
        for (int k = 0; k < map.levels(); ++k)
            s->levels.push_back(map.level(k));
    } else {
        s->levels = map.buildLevels();
    }
    s->voxelM = map.voxelM();
    s->voxels = map.voxels();
    s->mapBytes = map.bytes();
    s->fraction = fraction;
    s->final = final;
    std::shared_ptr<const WorldMapSnapshot> c = std::move(s);
    {
        std::lock_guard lock(mutex_);
        snapshot_ = c;
    }
    if (onSnapshot_)
        onSnapshot_(c);
}

EpisodeRecon& WorldMapBuilder::wait() {
    if (worker_.joinable())
        worker_.join();
    std::lock_guard lock(mutex_);
    if (error_)
        std::rethrow_exception(error_);
    if (!result_)
        throw Error("world map builder: wait() before start()");
    return *result_;
}

std::shared_ptr<const WorldMapSnapshot> WorldMapBuilder::snapshot() const {
    std::lock_guard lock(mutex_);
    return snapshot_;
}

} // namespace ts::core::recon
