// Decoded frames kept within a memory budget in bytes (not a frame count), evicting the frames
// farthest from where the user is looking, so both forward play and backward steps stay warm.
//
// Thread-safe: the decode thread inserts while the GUI thread looks up.
#pragma once

#include "media/videoframe.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace ts::core::media {

using FramePtr = std::shared_ptr<const VideoFrame>;

class FrameCache {
public:
    explicit FrameCache(size_t budgetBytes) : budget_(budgetBytes) {}

    FramePtr get(int64_t index) const;
    // The cached frame nearest to index (ties go to the earlier frame), or null.
    FramePtr nearest(int64_t index) const;
    // Inserts (or replaces) and evicts the frames farthest from the focus while over budget.
    void put(FramePtr frame);
    // Where the user is: eviction keeps the frames around it.
    void setFocus(int64_t index);
    bool contains(int64_t index) const;
    size_t bytes() const;
    size_t budget() const { return budget_; }
    size_t count() const;
    void clear();

private:
    void evictLocked();

    mutable std::mutex mutex_;
    std::map<int64_t, FramePtr> frames_;
    size_t budget_;
    size_t bytes_ = 0;
    int64_t focus_ = 0;
};

} // namespace ts::core::media
