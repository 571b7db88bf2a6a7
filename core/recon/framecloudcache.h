// Per-frame clouds on demand: the world-frame cloud of one depth frame, made by a loader the
// owner supplies (typically EpisodeSources + BackProjector + the episode trajectory) and kept in
// a least-recently-used cache bounded in bytes, so that scrubbing back and forth costs one
// back-projection per frame.
//
// Threads: any thread may call cloud(); the loader runs on the calling thread with the cache's
// lock released, so two threads asking for the same missing frame may both load it (the second
// result is dropped). The loader must be safe to call from those threads.
#pragma once

#include "recon/pointcloud.h"

#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace ts::core::recon {

class FrameCloudCache {
public:
    using Loader = std::function<PointCloud(int64_t frame)>;
    FrameCloudCache(Loader loader, size_t budgetBytes);

    // The frame's cloud (loads it on a miss); exceptions of the loader pass through.
    std::shared_ptr<const PointCloud> cloud(int64_t frame);

    size_t bytes() const;
    size_t size() const;
    int64_t hits() const;
    int64_t misses() const;

private:
    void evict(); // with mutex_ held

    Loader loader_;
    size_t budget_;
    mutable std::mutex mutex_;
    std::list<int64_t> order_; // most recent first
    struct Entry {
        std::shared_ptr<const PointCloud> cloud;
        std::list<int64_t>::iterator at;
    };
    std::unordered_map<int64_t, Entry> entries_;
    size_t bytes_ = 0;
    int64_t hits_ = 0, misses_ = 0;
};

} // namespace ts::core::recon
