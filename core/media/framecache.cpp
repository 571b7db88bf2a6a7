#include "media/framecache.h"

#include <cstdlib>

namespace ts::core::media {

FramePtr FrameCache::get(int64_t index) const {
    std::lock_guard lock(mutex_);
    auto it = frames_.find(index);
    return it == frames_.end() ? nullptr : it->second;
}

FramePtr FrameCache::nearest(int64_t index) const {
    std::lock_guard lock(mutex_);
    if (frames_.empty())
        return nullptr;
    auto after = frames_.lower_bound(index);
    if (after == frames_.begin())
        return after->second;
    auto before = std::prev(after);
    if (after == frames_.end())
        return before->second;
    return (index - before->first <= after->first - index) ? before->second : after->second;
}

void FrameCache::put(FramePtr frame) {
    if (!frame)
        return;
    std::lock_guard lock(mutex_);
    auto& slot = frames_[frame->index];
    if (slot)
        bytes_ -= slot->bytes();
    bytes_ += frame->bytes();
    slot = std::move(frame);
    evictLocked();
}

void FrameCache::setFocus(int64_t index) {
    std::lock_guard lock(mutex_);
    focus_ = index;
}

bool FrameCache::contains(int64_t index) const {
    std::lock_guard lock(mutex_);
    return frames_.count(index) > 0;
}

size_t FrameCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

size_t FrameCache::count() const {
    std::lock_guard lock(mutex_);
    return frames_.size();
}

void FrameCache::clear() {
    std::lock_guard lock(mutex_);
    frames_.clear();
    bytes_ = 0;
}

void FrameCache::evictLocked() {
    // The farthest frame from the focus is always at one end of the ordered map.
    while (bytes_ > budget_ && !frames_.empty()) {
        auto first = frames_.begin();
        auto last = std::prev(frames_.end());
        auto victim =
            (std::llabs(first->first - focus_) >= std::llabs(last->first - focus_)) ? first : last;
        bytes_ -= victim->second->bytes();
        frames_.erase(victim);
    }
}

} // namespace ts::core::media
