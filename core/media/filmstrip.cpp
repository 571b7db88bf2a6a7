#include "media/filmstrip.h"

#include "media/filmstripcache.h"
#include "media/videoreader.h"
#include "util/error.h"
#include "util/threadname.h"

extern "C" {
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>

namespace ts::core::media {

namespace fs = std::filesystem;

namespace {

__extension__ typedef __int128 Int128; // exact products of long durations and slot numbers

struct SwsFree {
    void operator()(SwsContext* c) const { sws_freeContext(c); }
};
using SwsPtr = std::unique_ptr<SwsContext, SwsFree>;

// Area averaging: every source pixel counts, so a thumbnail does not shimmer with aliasing
// the way point or bilinear sampling at ratios of 10-50x would.
Thumbnail scaleDown(const VideoFrame& f, int width, int height, SwsPtr& sws) {
    SwsContext* c =
        sws_getCachedContext(sws.release(), f.width, f.height, AV_PIX_FMT_RGB24, width, height,
                             AV_PIX_FMT_RGB24, SWS_AREA, nullptr, nullptr, nullptr);
    sws.reset(c);
    if (!c)
        throw Error("cannot scale a " + std::to_string(f.width) + "x" + std::to_string(f.height) +
                    " frame to " + std::to_string(width) + "x" + std::to_string(height));
    Thumbnail t;
    t.frameIndex = f.index;
    t.frameNs = f.ptsNs;
    t.width = width;
    t.height = height;
    t.rgb.resize(static_cast<size_t>(width) * static_cast<size_t>(height) * 3);
    const uint8_t* src[4] = {f.rgb.data(), nullptr, nullptr, nullptr};
    const int srcStride[4] = {f.width * 3, 0, 0, 0};
    uint8_t* dst[4] = {t.rgb.data(), nullptr, nullptr, nullptr};
    const int dstStride[4] = {width * 3, 0, 0, 0};
    sws_scale(c, src, srcStride, 0, f.height, dst, dstStride);
    return t;
}

// The keyframe whose presentation time is nearest to t (the earlier one on a tie).
int64_t nearestKeyframe(const std::vector<int64_t>& keys, const std::vector<TimeNs>& keyTimes,
                        TimeNs t) {
    const auto it = std::lower_bound(keyTimes.begin(), keyTimes.end(), t);
    if (it == keyTimes.begin())
        return keys.front();
    if (it == keyTimes.end())
        return keys.back();
    const auto j = static_cast<size_t>(it - keyTimes.begin());
    return (*it - t) < (t - keyTimes[j - 1]) ? keys[j] : keys[j - 1];
}

} // namespace

Filmstrip::Filmstrip(fs::path video, FilmstripOptions options)
    : video_(std::move(video)), options_([&] {
          options.count = std::max(1, options.count);
          options.height = std::max(1, options.height);
          return std::move(options);
      }()),
      slots_(static_cast<size_t>(options_.count)) {}

Filmstrip::~Filmstrip() {
    cancel();
    wait();
}

void Filmstrip::onThumbnail(ThumbnailCallback cb) {
    onThumbnail_ = std::move(cb);
}

void Filmstrip::onFinished(FinishedCallback cb) {
    onFinished_ = std::move(cb);
}

void Filmstrip::start() {
    if (started_)
        return;
    started_ = true;
    worker_ = std::thread([this] {
        nameThisThread("ts-filmstrip");
        run();
    });
}

void Filmstrip::cancel() {
    cancel_.store(true);
}

void Filmstrip::wait() {
    if (worker_.joinable())
        worker_.join();
}

double Filmstrip::progress() const {
    return static_cast<double>(finishedSlots_.load()) / options_.count;
}

bool Filmstrip::done() const {
    return done_.load();
}

bool Filmstrip::cancelled() const {
    return cancel_.load() && finishedSlots_.load() < options_.count;
}

bool Filmstrip::fromCache() const {
    return fromCache_.load();
}

std::string Filmstrip::error() const {
    std::lock_guard lock(mutex_);
    return error_;
}

std::optional<Thumbnail> Filmstrip::thumbnail(int slot) const {
    std::lock_guard lock(mutex_);
    if (slot < 0 || slot >= static_cast<int>(slots_.size()))
        return std::nullopt;
    return slots_[static_cast<size_t>(slot)];
}

int64_t Filmstrip::decodedFrames() const {
    return decoded_.load();
}

fs::path Filmstrip::cacheFile() const {
    std::lock_guard lock(mutex_);
    return cacheFile_;
}

TimeNs Filmstrip::slotTime(int slot, int count, TimeNs first, TimeNs last) {
    count = std::max(1, count);
    const Int128 span = static_cast<Int128>(last) - first;
    return first + static_cast<TimeNs>(span * (2 * static_cast<Int128>(slot) + 1) / (2 * count));
}

void Filmstrip::fail(const std::string& why) {
    std::lock_guard lock(mutex_);
    if (!error_.empty())
        error_ += "\n";
    error_ += why;
}

void Filmstrip::deliver(Thumbnail t) {
    {
        std::lock_guard lock(mutex_);
        slots_[static_cast<size_t>(t.slot)] = t;
    }
    // Stored first, so that a GUI slot queued by the callback finds it with thumbnail().
    if (onThumbnail_)
        onThumbnail_(t.slot, t);
}

void Filmstrip::run() {
    try {
        std::string key;
        if (!options_.cacheDir.empty()) {
            key = FilmstripCache::videoKey(video_, options_.sha256);
            std::lock_guard lock(mutex_);
            cacheFile_ =
                FilmstripCache::fileFor(options_.cacheDir, key, options_.count, options_.height);
        }
        if (key.empty() || !loadFromCache(key)) {
            compute();
            std::vector<std::optional<Thumbnail>> strip;
            {
                std::lock_guard lock(mutex_);
                strip = slots_;
            }
            // Only a whole strip is cached: a slot that failed may have failed for a passing
            // reason (I/O), and a cached gap would hide it for good.
            const bool whole = std::all_of(strip.begin(), strip.end(),
                                           [](const auto& s) { return s.has_value(); });
            if (!key.empty() && whole && !cancel_.load())
                FilmstripCache::save(cacheFile(), key, options_.height, strip);
        }
    } catch (const std::exception& e) {
        // A worker must not let anything escape: that would terminate the application.
        fail(e.what());
    } catch (...) {
        fail(video_.string() + ": the filmstrip stopped on an unknown error");
    }
    done_.store(true);
    if (onFinished_) {
        try {
            onFinished_();
        } catch (...) {
        }
    }
}

bool Filmstrip::loadFromCache(const std::string& key) {
    auto strip = FilmstripCache::load(cacheFile(), key, options_.count, options_.height);
    if (!strip)
        return false;
    fromCache_.store(true);
    for (auto& s : *strip) {
        if (s)
            deliver(std::move(*s));
        finishedSlots_.fetch_add(1);
    }
    return true;
}

void Filmstrip::compute() {
    VideoReaderOptions ro;
    ro.threads = options_.decoderThreads;
    ro.cachedIndex = options_.index.get();
    ro.cancel = &cancel_;
    // Opening probes the streams (decoding a few frames) and cannot be interrupted: skip it
    // when cancel() came first.
    if (cancel_.load())
        return;
    std::unique_ptr<VideoReader> reader;
    try {
        reader = VideoReader::open(video_, ro);
    } catch (const Error& e) {
        if (!cancel_.load())
            fail(e.what());
        return;
    }
    const FrameIndex& index = reader->index();
    const VideoInfo& info = reader->info();
    const int height = options_.height;
    const int width = std::max(
        1, static_cast<int>(std::lround(static_cast<double>(height) * info.width / info.height)));

    std::vector<int64_t> keys;
    std::vector<TimeNs> keyTimes;
    for (int64_t i = 0; i < index.size(); ++i) {
        const FrameIndexEntry& e = index.frames[static_cast<size_t>(i)];
        if (e.key) {
            keys.push_back(i);
            keyTimes.push_back(index.ptsToNs(e.pts));
        }
    }
    if (keys.empty()) { // decoding starts at frame 0 anyway (see VideoReader)
        keys.push_back(0);
        keyTimes.push_back(index.ptsToNs(index.frames.front().pts));
    }

    SwsPtr sws;
    std::optional<Thumbnail> previous;
    for (int slot = 0; slot < options_.count; ++slot) {
        if (cancel_.load())
            return;
        const TimeNs t = slotTime(slot, options_.count, info.firstNs, info.lastNs);
        const int64_t key = nearestKeyframe(keys, keyTimes, t);
        std::optional<Thumbnail> thumb;
        if (previous && previous->frameIndex == key) {
            thumb = previous; // long GOPs: neighbouring slots share a keyframe, decode it once
        } else {
            try {
                thumb = scaleDown(reader->frame(key), width, height, sws);
            } catch (const Error& e) {
                fail(e.what());
            }
            decoded_.store(reader->decodedFrames());
        }
        if (thumb) {
            thumb->slot = slot;
            thumb->requestedNs = t;
            previous = thumb;
            deliver(std::move(*thumb));
        }
        finishedSlots_.fetch_add(1);
    }
}

} // namespace ts::core::media
