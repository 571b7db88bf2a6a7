// The timeline's filmstrip: N small thumbnails at evenly spaced times of a video, computed in
// the background on a thread of its own with a VideoReader of its own. It is cheap on purpose:
// each thumbnail shows the keyframe nearest its time (one decode, no stepping to the exact
// frame; Thumbnail::frameIndex says which frame it is), scaled down with libswscale's area
// filter. With a cache folder, a finished strip is written to disk and read back next time
// instead of decoding.
//
// Slot i (0-based) of N asks for the time first + (last - first) * (2i + 1) / (2N): the middle
// of the i-th of N equal parts between the first and the last frame's presentation time.
//
// Thread ownership: construct, set the callbacks, start(), wait() and destroy on one owning
// thread (the GUI's). cancel(), progress(), done(), thumbnail() and the other getters may be
// called from any thread at any time, the callbacks included. The onThumbnail and onFinished
// callbacks run on the WORKER thread: a Qt GUI must hand them to its own thread
// (QMetaObject::invokeMethod with Qt::QueuedConnection, or a queued signal), must not block in
// them for long, and must not destroy the Filmstrip from inside them. The destructor cancels
// and joins.
#pragma once

#include "media/frameindex.h"
#include "media/thumbnail.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ts::core::media {

struct FilmstripOptions {
    int count = 20;  // thumbnails (slots)
    int height = 72; // pixels; width follows the displayed aspect ratio
    // Where finished strips are kept; empty = no disk cache.
    std::filesystem::path cacheDir;
    // The video's SHA-256 when known (e.g. from the project): the cache key. Without it the
    // key is the file's path, size and modification time.
    std::string sha256;
    // An index the caller already has (e.g. from the project cache): skips the scan.
    std::shared_ptr<const FrameIndex> index;
    int decoderThreads = 1; // the strip is background work; leave cores to playback
};

class Filmstrip {
public:
    using ThumbnailCallback = std::function<void(int slot, const Thumbnail&)>;
    using FinishedCallback = std::function<void()>;

    // Does no work until start(). count and height are clamped to at least 1.
    Filmstrip(std::filesystem::path video, FilmstripOptions options = {});
    ~Filmstrip(); // cancels and joins
    Filmstrip(const Filmstrip&) = delete;
    Filmstrip& operator=(const Filmstrip&) = delete;

    // Set before start(). onThumbnail fires once per slot that got a picture (in slot order);
    // onFinished fires once at the end, whether complete, cancelled or failed.
    void onThumbnail(ThumbnailCallback cb);
    void onFinished(FinishedCallback cb);

    // Starts the worker; a second call does nothing.
    void start();
    // Asks the worker to stop; it notices between thumbnails (and between packets while it
    // indexes the video), so it stops within about one decode. Does not wait.
    void cancel();
    // Blocks until the worker has finished (returns at once when never started).
    void wait();

    int count() const { return options_.count; }
    int height() const { return options_.height; }
    const std::filesystem::path& video() const { return video_; }

    double progress() const; // slots finished / count, 0..1
    bool done() const;       // the worker has finished (complete, cancelled or failed)
    bool cancelled() const;  // cancel() was called before the strip was complete
    bool fromCache() const;  // the strip was read from the disk cache
    // Why the strip or a slot is missing (the video cannot be opened, a keyframe cannot be
    // decoded); empty when everything worked. Names the file.
    std::string error() const;
    // The thumbnail of a slot, once it is there.
    std::optional<Thumbnail> thumbnail(int slot) const;
    // Frames the worker decoded (0 when the strip came from the cache); for tests and benches.
    int64_t decodedFrames() const;
    // The cache file this strip reads and writes (empty without a cache folder). Valid after
    // start().
    std::filesystem::path cacheFile() const;

    // The time slot `slot` of `count` asks for (see above), exact in integer nanoseconds, so
    // that a view can place each thumbnail where it belongs.
    static TimeNs slotTime(int slot, int count, TimeNs first, TimeNs last);

private:
    void run();
    bool loadFromCache(const std::string& key);
    void compute();
    void deliver(Thumbnail t);
    void fail(const std::string& why);

    const std::filesystem::path video_;
    const FilmstripOptions options_;
    ThumbnailCallback onThumbnail_;
    FinishedCallback onFinished_;

    std::thread worker_;
    bool started_ = false; // owner thread only
    std::atomic<bool> cancel_{false};
    std::atomic<bool> done_{false};
    std::atomic<bool> fromCache_{false};
    std::atomic<int> finishedSlots_{0};
    std::atomic<int64_t> decoded_{0};

    mutable std::mutex mutex_; // guards the members below
    std::vector<std::optional<Thumbnail>> slots_;
    std::string error_;
    std::filesystem::path cacheFile_;
};

} // namespace ts::core::media
