// The depth reader of a 16-bit grey lossless video (FFV1 gray16le in MKV, or any container and
// codec FFmpeg opens that decodes to gray16le/gray16be), with exact frame-indexed random access.
#pragma once

#include "media/depthreader.h"

#include <memory>
#include <string>
#include <unordered_map>

namespace ts::core::media {

// Opening reads every packet once: the index (pts, keyframe flag) is what makes random access
// exact, because container seeking lands on a keyframe near, not at, the wanted time. Frames
// are told apart by pts, so the index never depends on a frame rate.
// Limit: FFmpeg 5.1's FFV1 decoder conceals a slice whose CRC fails (it only logs it and sets no
// frame flag), so bit damage inside an FFV1 frame is not detected here; cut-off files are.
class VideoDepthReader final : public DepthReader {
public:
    // expectedWidth/Height (0 = unknown) come from the calibration. Throws Error when the file
    // cannot be opened, is not 16-bit grey, or disagrees with frameTimes on the frame count
    // (unless it is cut short: then it opens with the complete frames, see problem()).
    VideoDepthReader(const std::filesystem::path& file, std::vector<TimeNs> frameTimes,
                     double scaleM, int expectedWidth = 0, int expectedHeight = 0);
    ~VideoDepthReader() override;

    std::string problem() const override { return truncation_; }
    int64_t keyframeCount() const;
    int64_t seekCount() const { return seeks_; } // for tests: sequential reads must not seek

protected:
    void decode(int64_t index, std::vector<uint16_t>& raw) override;

private:
    struct Av; // the libav* state, kept out of this header
    struct Packet {
        int64_t pts = 0;     // presentation time in the stream's time base
        int64_t dts = 0;     // decode time, what containers seek by
        size_t keyframe = 0; // decode position of the last keyframe at or before this packet
        bool key = false;
    };

    void openInput(int expectedWidth, int expectedHeight);
    void buildIndex();
    void seekToKeyframe(size_t packet);
    int64_t readOwnPacket(); // decode position of the packet now in the Av packet, -1 at end
    bool receiveTarget(int64_t index, int64_t targetPts, std::vector<uint16_t>& raw);
    void convert(int64_t index, std::vector<uint16_t>& raw);
    [[noreturn]] void fail(int64_t index, const std::string& what) const;

    std::unique_ptr<Av> av_;
    std::vector<Packet> packets_;   // decode order
    std::vector<size_t> byDisplay_; // frame index → decode position (frames sorted by pts)
    std::unordered_map<int64_t, size_t> positionOfPts_;
    int64_t complete_ = 0;   // frames held completely in the file
    std::string truncation_; // why the file ends early; empty when it does not
    size_t nextPacket_ = 0;  // decode position of the next packet to send
    bool draining_ = false;  // end of stream sent to the decoder
    bool live_ = false;      // decoder state continues from the previous frame
    int64_t lastIndex_ = -1; // last frame returned while live_
    int64_t seeks_ = 0;
};

} // namespace ts::core::media
