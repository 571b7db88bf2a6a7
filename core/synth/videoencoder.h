// H.264 encoding of rendered RGB frames into an MP4 file with libavcodec/libavformat, frame by
// frame, so that a long episode never has to sit in memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

namespace ts::core::synth {

class VideoEncoder {
public:
    struct Settings {
        int width = 640, height = 480; // even
        double fps = 30;
        int crf = 20;
        const char* preset = "veryfast";
        int gopFrames = 0;             // 0 = two seconds
        int maxBFrames = 2;
        int threads = 2;
    };
    // Throws ts::core::Error naming the file when the encoder or the file cannot be opened.
    VideoEncoder(const std::filesystem::path& file, const Settings& settings);
    ~VideoEncoder();
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    // rgb: width*height*3 bytes. frameNumber: the frame's slot on the nominal 1/fps grid
    // (strictly increasing; a dropped frame leaves a gap in presentation times).
    void addFrame(const uint8_t* rgb, int64_t frameNumber);
    // Flushes delayed frames and writes the trailer; the file is complete after this.
    void finish();
    int64_t framesWritten() const { return packets_; }

private:
    void drain();

    struct Impl;
    std::unique_ptr<Impl> d_;
    std::filesystem::path file_;
    int64_t packets_ = 0;
};

} // namespace ts::core::synth
