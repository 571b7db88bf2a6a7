// Random and sequential access to the frames of a depth stream, stored either as a 16-bit PNG
// sequence (depth/NNNNNN.png) or as a 16-bit lossless video (FFV1 gray16le in MKV, ...).
#pragma once

#include "media/depthframe.h"
#include "model/time.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace ts::core {
struct Bundle;
}

namespace ts::core::media {

// Threads: a reader holds decoder state and reusable buffers, so it is not thread-safe. Use one
// reader per thread (opening another one on the same files is cheap); const methods may be
// called concurrently only while no thread calls frame()/frameAtTime().
//
// Errors: every failure throws ts::core::Error whose file() is the PNG or video concerned and
// whose message names the frame and what was wrong. Nothing is silently replaced by zeros.
//
// Times: frameTimes[i] is the capture time of frame i on the stream's raw clock (the frame
// timestamps CSV). They may be empty (then tNs is 0 and time lookups are unavailable); when
// given they must not decrease and, for a PNG sequence, their count is the frame count.
class DepthReader {
public:
    virtual ~DepthReader();
    DepthReader(const DepthReader&) = delete;
    DepthReader& operator=(const DepthReader&) = delete;

    // A folder of NNNNNN.png (6 digits, frame 0 first). Without times the frame count is one
    // past the highest numbered file; a gap then throws when that frame is read.
    static std::unique_ptr<DepthReader> openPngSequence(const std::filesystem::path& folder,
                                                        std::vector<TimeNs> frameTimes,
                                                        double scaleM);
    // A 16-bit grey video FFmpeg can open (FFV1 gray16le in MKV is the expected case; gray16be,
    // e.g. PNG-in-MKV, is converted). Reads every packet once to index frames and keyframes.
    // A file cut short opens with the frames it holds completely; later frames throw.
    static std::unique_ptr<DepthReader> openVideo(const std::filesystem::path& file,
                                                  std::vector<TimeNs> frameTimes, double scaleM);
    // The bundle's depth stream `streamName`: its path (a folder → PNG sequence, a file → video),
    // its timestamps CSV (from bundle.frames, else read from the file), calibration
    // depth_scale_m (fallback 0.001 when the stream's units say "mm") and, when calibrated, the
    // depth camera's size, which every frame must have.
    static std::unique_ptr<DepthReader> openFromBundle(const Bundle& bundle,
                                                       const std::string& streamName);

    int64_t frameCount() const { return frameCount_; }
    int width() const { return width_; }
    int height() const { return height_; }
    double scaleM() const { return scaleM_; }
    const std::vector<TimeNs>& frameTimes() const { return times_; }
    const std::filesystem::path& path() const { return path_; }
    // What is wrong with the stream without stopping it from opening (a video cut short: its
    // later frames throw), in a sentence; empty when nothing is.
    virtual std::string problem() const;

    // Exactly frame `index` (0-based); throws for an index out of range or a frame that cannot
    // be decoded. The second form reuses `into`'s pixel buffer (playback without allocation).
    DepthFrame frame(int64_t index);
    void frame(int64_t index, DepthFrame& into);
    // The last frame captured at or before t; for t before the first frame, the first frame.
    // Throws when the reader has no frame times.
    DepthFrame frameAtTime(TimeNs t);
    // Same rule; -1 when there are no frame times (or no frames).
    int64_t indexAtTime(TimeNs t) const;

protected:
    DepthReader(std::filesystem::path path, std::vector<TimeNs> frameTimes, double scaleM);
    // Subclasses call this once they know the stream's geometry.
    void setGeometry(int64_t frameCount, int width, int height);
    // Fills `raw` (already sized width × height) with frame `index`, in range; throws Error.
    virtual void decode(int64_t index, std::vector<uint16_t>& raw) = 0;

private:
    std::filesystem::path path_;
    std::vector<TimeNs> times_;
    double scaleM_ = 0.001;
    int64_t frameCount_ = 0;
    int width_ = 0, height_ = 0;
};

} // namespace ts::core::media
