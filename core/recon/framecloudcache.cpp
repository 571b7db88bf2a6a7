#include "recon/framecloudcache.h"

namespace ts::core::recon {

FrameCloudCache::FrameCloudCache(Loader loader, size_t budgetBytes)
    : loader_(std::move(loader)), budget_(budgetBytes) {}

std::shared_ptr<const PointCloud> FrameCloudCache::cloud(int64_t frame) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(frame); it != entries_.end()) {
            order_.splice(order_.begin(), order_, it->second.at);
            ++hits_;
            return it->second.cloud;
        }
        ++misses_;
    }
    auto loaded = std::make_shared<const PointCloud>(loader_(frame)); // no lock while loading
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(frame); it != entries_.end())
        return it->second.cloud; // another thread was first
    order_.push_front(frame);
    entries_[frame] = {loaded, order_.begin()};
    bytes_ += loaded->bytes();
    evict();
    return loaded;
}

void FrameCloudCache::evict() {
    // The newest entry always stays, even when it alone is over the budget.
    while (bytes_ > budget_ && order_.size() > 1) {
        const int64_t oldest = order_.back();
        order_.pop_back();
        const auto it = entries_.find(oldest);
        bytes_ -= it->second.cloud->bytes();
        entries_.erase(it);
    }
}

size_t FrameCloudCache::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}
size_t FrameCloudCache::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}
int64_t FrameCloudCache::hits() const {
    std::lock_guard lock(mutex_);
    return hits_;
}
int64_t FrameCloudCache::misses() const {
    std::lock_guard lock(mutex_);
    return misses_;
}

} // namespace ts::core::recon
