// Frames for a scrubbing, stepping and playing viewer: a decode thread with its own
// VideoReader fills a FrameCache (budget in MB); requests answer at once with the exact frame
// when it is cached, otherwise with the nearest one as a preview while the exact frame is
// decoded; a newer request makes older ones stale, and they are dropped mid-decode.
//
// Thread ownership: request(), setDecodeAhead() and the accessors are for one client thread
// (the GUI). The delivery callback runs on the decode thread: a GUI must queue it to its own
// thread. The destructor stops and joins the decode thread.
#pragma once

#include "media/framecache.h"
#include "media/frameindex.h"
#include "media/videoreader.h"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace ts::core::media {

struct FrameServerOptions {
    size_t cacheBudgetBytes = size_t(512) << 20;
    int decoderThreads = 2;
    // While decoding ahead (playback), stay at most this many frames in front of the focus.
    int aheadFrames = 90;
    const FrameIndex* cachedIndex = nullptr;
};

class FrameServer {
public:
    // exact = false for a preview (nearest keyframe) on the way to the requested frame.
    using Delivery = std::function<void(FramePtr frame, bool exact)>;
    using ErrorHandler = std::function<void(int64_t index, const std::string& error)>;

    // Opens the video on the decode thread's reader; throws ts::core::Error like VideoReader.
    FrameServer(const std::filesystem::path& file, const FrameServerOptions& options = {});
    ~FrameServer();
    FrameServer(const FrameServer&) = delete;
    FrameServer& operator=(const FrameServer&) = delete;

    void setDelivery(Delivery d);
    void setErrorHandler(ErrorHandler h);

    // Asks for frame n. Returns the exact frame when cached (nothing else happens), else the
    // nearest cached frame (may be null) and the decode thread delivers the exact one later.
    FramePtr request(int64_t n);
    // Playback: keep decoding forward from the last request while idle.
    void setDecodeAhead(bool on);
    // Decode-ahead has nothing left to do: the frames up to the focus plus the ahead window are
    // cached and nothing is pending (or decode-ahead is off, or stopped on a damaged frame).
    bool aheadIdle();
    // Frames decoded from now on carry a preview that fits in this many displayed pixels
    // (VideoReader::setPreviewSize; 0 × 0: none): playback draws it without scaling.
    void setPreviewSize(int maxWidth, int maxHeight);

    const VideoInfo& info() const { return info_; }
    const FrameIndex& index() const { return index_; }
    int64_t frameCount() const { return index_.size(); }
    FrameCache& cache() { return cache_; }
    // Exact frames decoded and delivered (not counting previews and cache hits).
    int64_t delivered() const { return delivered_; }

private:
    void run();
    bool decodeTarget(int64_t target);
    void decodeAheadStep();
    void setAheadFrames(size_t previewBytes); // from the budget and the bytes of a frame

    VideoInfo info_;
    FrameIndex index_;
    FrameCache cache_;
    FrameServerOptions options_;
    int64_t aheadFrames_ = 1;
    std::unique_ptr<VideoReader> reader_; // used only on the decode thread after construction

    std::mutex mutex_;
    int previewW_ = 0, previewH_ = 0;             // asked for (under mutex_)
    int readerPreviewW_ = 0, readerPreviewH_ = 0; // what reader_ makes (decode thread only)
    std::condition_variable wake_;
    Delivery deliver_;
    ErrorHandler onError_;
    int64_t pending_ = -1; // the newest request not yet served
    int64_t focus_ = 0;
    bool ahead_ = false;
    bool stop_ = false;
    std::atomic<int64_t> generation_{0}; // bumped by every request; older work is stale
    std::atomic<int64_t> delivered_{0};
    std::thread thread_;
};

} // namespace ts::core::media
