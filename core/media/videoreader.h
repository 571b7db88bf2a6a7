// Frame-exact reading of a video file with libavformat/libavcodec: a frame index built once
// (or taken from the project's cache), exact access by display index or presentation time,
// cheap forward steps, and frames delivered in display orientation as RGB24.
//
// Thread ownership: a VideoReader is used by one thread at a time (it owns a decoder). Open
// one per thread that decodes; the FrameIndex can be shared by copying it.
#pragma once

#include "media/frameindex.h"
#include "media/videoframe.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace ts::core::media {

struct VideoInfo {
    std::string codec;
    int codedWidth = 0, codedHeight = 0; // as stored
    int width = 0, height = 0;           // as displayed (rotation applied)
    int rotation = 0;                    // clockwise degrees applied for display: 0/90/180/270
    double averageFps = 0;
    TimeNs firstNs = 0, lastNs = 0; // presentation times of the first and last frame
};

struct VideoReaderOptions {
    int threads = 2;                         // decoder threads
    const FrameIndex* cachedIndex = nullptr; // skip the index scan when the project has one
    // When set, read between packets of the index scan (which reads the whole file): once it
    // is true, open() stops and throws Error, so a worker can be cancelled promptly.
    const std::atomic<bool>* cancel = nullptr;
    // > 0: frames come as 8-bit gray (VideoFrame::channels = 1), scaled down (never up) so
    // that the coded width is at most this, for analysis passes that need no colour. The
    // conversion then costs a fraction of full-size RGB.
    int grayMaxWidth = 0;
    // Skip the decoder's in-loop deblocking (H.264, HEVC) and allow its non-conforming speed-ups:
    // ~12 % less decoding, a slightly blockier picture that drifts until the next keyframe.
    // Applied only to gray frames scaled down by 2 or more (grayMaxWidth at most half the coded
    // width), whose block means hide the block edges: at full size the edges pass for corners
    // (measured on the sync bench: camera-clock drift error 6 → 10 ppm at 320 px, none at
    // 640 → 320). For analysis passes only, never for frames people see.
    bool skipLoopFilter = false;
};

class VideoReader {
public:
    // Throws ts::core::Error naming the file when it cannot be opened or has no video.
    static std::unique_ptr<VideoReader> open(const std::filesystem::path& file,
                                             const VideoReaderOptions& options = {});
    ~VideoReader();
    VideoReader(const VideoReader&) = delete;
    VideoReader& operator=(const VideoReader&) = delete;

    const VideoInfo& info() const;
    const FrameIndex& index() const;
    int64_t frameCount() const { return index().size(); }
    const std::filesystem::path& file() const;

    // The exact frame at display index n. Frames decoded on the way (from the keyframe up to
    // n) are handed to `passing` when given, so a cache can keep the GOP for backward steps.
    // Throws ts::core::Error naming the file and frame when it cannot be decoded.
    VideoFrame frame(int64_t n, const std::function<void(VideoFrame&&)>& passing = {});
    // From now on, colour frames also carry a preview (VideoFrame::preview) that fits in
    // maxWidth × maxHeight displayed pixels, keeping the aspect ratio, converted straight from
    // the decoder's picture (a fraction of the full-size conversion). 0 × 0: no preview.
    void setPreviewSize(int maxWidth, int maxHeight);
    // The frame shown at presentation time t (ns on the video's own clock): the last frame
    // whose time is <= t. Throws when t is before the first frame.
    VideoFrame frameAtTime(TimeNs t);
    // The next frame after the last one returned (sequential playback, no seeking).
    VideoFrame next();

    // How many packets were decoded since opening (for benchmarks and tests of seeking).
    int64_t decodedFrames() const;

private:
    VideoReader();
    struct Impl;
    std::unique_ptr<Impl> d_;
};

} // namespace ts::core::media
