#include "media/frameserver.h"

#include "util/error.h"
#include "util/threadname.h"

#include <algorithm>

namespace ts::core::media {

namespace {
// Thrown from the decode callback to abandon a decode that a newer request made stale.
struct Superseded {};
} // namespace

FrameServer::FrameServer(const std::filesystem::path& file, const FrameServerOptions& options)
    : cache_(options.cacheBudgetBytes), options_(options) {
    VideoReaderOptions ro;
    ro.threads = options.decoderThreads;
    ro.cachedIndex = options.cachedIndex;
    reader_ = VideoReader::open(file, ro);
    info_ = reader_->info();
    index_ = reader_->index();
    setAheadFrames(0);
    thread_ = std::thread([this] {
        nameThisThread("ts-frames");
        run();
    });
}

FrameServer::~FrameServer() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        ++generation_;
    }
    wake_.notify_all();
    thread_.join();
}

void FrameServer::setDelivery(Delivery d) {
    std::lock_guard lock(mutex_);
    deliver_ = std::move(d);
}

void FrameServer::setErrorHandler(ErrorHandler h) {
    std::lock_guard lock(mutex_);
    onError_ = std::move(h);
}

FramePtr FrameServer::request(int64_t n) {
    n = std::clamp<int64_t>(n, 0, frameCount() - 1);
    cache_.setFocus(n);
    if (FramePtr hit = cache_.get(n)) {
        std::lock_guard lock(mutex_);
        focus_ = n;
        // A cached frame answers the request; what was pending for an older one is stale.
        if (pending_ >= 0) {
            pending_ = -1;
            ++generation_;
        }
        wake_.notify_all(); // decode-ahead continues from the new focus
        return hit;
    }
    {
        std::lock_guard lock(mutex_);
        pending_ = n;
        focus_ = n;
        ++generation_;
    }
    wake_.notify_all();
    return cache_.nearest(n);
}

void FrameServer::setDecodeAhead(bool on) {
    {
        std::lock_guard lock(mutex_);
        ahead_ = on;
    }
    wake_.notify_all();
}

void FrameServer::setAheadFrames(size_t previewBytes) {
    // Decoding ahead must fit in half the budget, or it would evict its own frames forever
    // (the cache drops the frame farthest from the focus: the newest one ahead, when the
    // frames behind are fewer).
    const size_t frameBytes =
        size_t(info_.width) * size_t(info_.height) * 3 + previewBytes + sizeof(VideoFrame);
    aheadFrames_ = static_cast<int64_t>(
        std::max<size_t>(1, std::min<size_t>(size_t(std::max(1, options_.aheadFrames)),
                                             options_.cacheBudgetBytes / frameBytes / 2)));
}

bool FrameServer::aheadIdle() {
    std::lock_guard lock(mutex_);
    return !ahead_ ||
           (pending_ < 0 && cache_.contains(std::min(focus_ + aheadFrames_, frameCount() - 1)));
}

void FrameServer::setPreviewSize(int maxWidth, int maxHeight) {
    std::lock_guard lock(mutex_);
    previewW_ = maxWidth;
    previewH_ = maxHeight;
}

void FrameServer::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] {
            return stop_ || pending_ >= 0 ||
                   (ahead_ && !cache_.contains(std::min(focus_ + aheadFrames_, frameCount() - 1)));
        });
        if (stop_)
            return;
        if (previewW_ != readerPreviewW_ || previewH_ != readerPreviewH_) {
            readerPreviewW_ = previewW_;
            readerPreviewH_ = previewH_;
            reader_->setPreviewSize(readerPreviewW_, readerPreviewH_);
            setAheadFrames(size_t(std::max(0, readerPreviewW_)) *
                           size_t(std::max(0, readerPreviewH_)) * 4);
        }
        if (pending_ >= 0) {
            const int64_t target = pending_;
            pending_ = -1;
            lock.unlock();
            decodeTarget(target);
            lock.lock();
            continue;
        }
        lock.unlock();
        decodeAheadStep();
        lock.lock();
    }
}

bool FrameServer::decodeTarget(int64_t target) {
    const int64_t gen = generation_.load();
    Delivery deliver;
    {
        std::lock_guard lock(mutex_);
        deliver = deliver_;
    }
    bool previewed = false;
    try {
        // Frames decoded on the way (from the keyframe up) fill the cache: they are what a
        // backward step needs next. The first of them is shown at once as a preview.
        VideoFrame f = reader_->frame(target, [&](VideoFrame&& passing) {
            auto p = std::make_shared<const VideoFrame>(std::move(passing));
            cache_.put(p);
            if (!previewed && deliver) {
                previewed = true;
                deliver(p, false);
            }
            if (generation_.load() != gen)
                throw Superseded{};
        });
        auto p = std::make_shared<const VideoFrame>(std::move(f));
        cache_.put(p);
        ++delivered_;
        if (deliver)
            deliver(p, true);
        return true;
    } catch (const Superseded&) {
        return false;
    } catch (const Error& e) {
        ErrorHandler h;
        {
            std::lock_guard lock(mutex_);
            h = onError_;
        }
        if (h)
            h(target, e.what());
        return false;
    }
}

void FrameServer::decodeAheadStep() {
    int64_t focus = 0;
    {
        std::lock_guard lock(mutex_);
        focus = focus_;
    }
    const int64_t gen = generation_.load();
    // The first frame after the focus that is not cached yet.
    int64_t n = focus;
    const int64_t limit = std::min(focus + aheadFrames_, frameCount() - 1);
    while (n <= limit && cache_.contains(n))
        ++n;
    if (n > limit)
        return;
    try {
        VideoFrame f = reader_->frame(n, [&](VideoFrame&& passing) {
            cache_.put(std::make_shared<const VideoFrame>(std::move(passing)));
            if (generation_.load() != gen)
                throw Superseded{};
        });
        cache_.put(std::make_shared<const VideoFrame>(std::move(f)));
    } catch (const Superseded&) {
    } catch (const Error& e) {
        ErrorHandler h;
        {
            std::lock_guard lock(mutex_);
            h = onError_;
            ahead_ = false; // a frame that cannot be decoded stops decode-ahead, not the app
        }
        if (h)
            h(n, e.what());
    }
}

} // namespace ts::core::media
