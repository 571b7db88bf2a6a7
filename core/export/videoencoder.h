// Encodes RGB24 frames into an MP4 by piping them to the ffmpeg program (Debian's ffmpeg),
// at a fixed frame rate: frame k is shown at k / fps, which is LeRobot's timestamp rule.
// The settings are the ones a dataset records in meta/info.json. Not thread-safe.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace ts::core::exporting {

struct VideoSettings {
    std::string codec = "libx264"; // ffmpeg encoder
    std::string codecName = "h264"; // as info.json and ffprobe name it
    std::string pixFmt = "yuv420p";
    std::string preset = "veryfast";
    int crf = 23;
    int gop = 2; // LeRobot's default: every other frame a keyframe, for random access in training
    int threads = 2;

    // The ffmpeg arguments after the input (codec and settings), shared with the benchmark's
    // reference run so both encode alike.
    std::vector<std::string> outputArgs(double fps) const;
};

class VideoEncoder {
public:
    // Starts ffmpeg writing `file`. Throws Error when it cannot start.
    VideoEncoder(std::filesystem::path file, int width, int height, double fps,
                 const VideoSettings& settings);
    ~VideoEncoder(); // kills an unfinished encoder (cancel/crash path)
    VideoEncoder(const VideoEncoder&) = delete;
    VideoEncoder& operator=(const VideoEncoder&) = delete;

    int width() const { return width_; }
    int height() const { return height_; }
    int64_t frames() const { return frames_; }

    void write(const uint8_t* rgb); // width × height × 3 bytes
    void finish();                  // waits for ffmpeg; throws Error naming the file on failure

private:
    std::filesystem::path file_;
    int width_, height_;
    int64_t frames_ = 0;
    int pid_ = -1;
    int fd_ = -1;
    std::filesystem::path log_;
};

} // namespace ts::core::exporting
