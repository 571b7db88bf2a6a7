#include "export/videoencoder.h"

#include "util/error.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace ts::core::exporting {

namespace {

std::string fpsText(double fps) {
    std::ostringstream s;
    s.precision(12);
    s << fps;
    return s.str();
}

} // namespace

std::vector<std::string> VideoSettings::outputArgs(double fps) const {
    return {"-c:v", codec, "-preset", preset, "-crf", std::to_string(crf), "-g",
            std::to_string(gop), "-pix_fmt", pixFmt, "-r", fpsText(fps), "-threads",
            std::to_string(threads), "-an", "-movflags", "+faststart"};
}

VideoEncoder::VideoEncoder(std::filesystem::path file, int width, int height, double fps,
                           const VideoSettings& settings)
    : file_(std::move(file)), width_(width), height_(height) {
    if (width <= 0 || height <= 0 || width % 2 || height % 2)
        throw Error(file_.string(), "cannot encode a " + std::to_string(width) + "×" +
                                        std::to_string(height) + " video (even sizes only)");
    // A dead ffmpeg must fail write() with EPIPE, not kill this process.
    std::signal(SIGPIPE, SIG_IGN);
    log_ = file_;
    log_ += ".ffmpeg.log";
    std::vector<std::string> args{"ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
                                  "-f", "rawvideo", "-pix_fmt", "rgb24", "-s",
                                  std::to_string(width) + "x" + std::to_string(height),
                                  "-framerate", fpsText(fps), "-i", "pipe:0"};
    for (auto& a : settings.outputArgs(fps))
        args.push_back(a);
    args.push_back(file_.string());
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0)
        throw Error(file_.string(), std::string("cannot start ffmpeg: ") + std::strerror(errno));
    const int logFd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(pipeFds[0], 0);
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(logFd >= 0 ? logFd : devnull, 2);
        ::execvp("ffmpeg", argv.data());
        _exit(127);
    }
    ::close(pipeFds[0]);
    if (logFd >= 0)
        ::close(logFd);
    if (pid < 0) {
        ::close(pipeFds[1]);
        throw Error(file_.string(), std::string("cannot start ffmpeg: ") + std::strerror(errno));
    }
    pid_ = pid;
    fd_ = pipeFds[1];
}

VideoEncoder::~VideoEncoder() {
    if (fd_ >= 0)
        ::close(fd_);
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    std::filesystem::remove(log_, ec);
}

void VideoEncoder::write(const uint8_t* rgb) {
    size_t left = static_cast<size_t>(width_) * height_ * 3;
    while (left > 0) {
        const ssize_t n = ::write(fd_, rgb, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            std::ifstream in(log_);
            std::string why((std::istreambuf_iterator<char>(in)), {});
            throw Error(file_.string(), "ffmpeg stopped taking frames at frame " +
                                            std::to_string(frames_) + ": " + why);
        }
        rgb += n;
        left -= static_cast<size_t>(n);
    }
    ++frames_;
}

void VideoEncoder::finish() {
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    int status = 0;
    if (pid_ > 0) {
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    std::ifstream in(log_);
    std::string why((std::istreambuf_iterator<char>(in)), {});
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(file_.string(), "ffmpeg failed to encode the video" +
                                        (WIFEXITED(status) && WEXITSTATUS(status) == 127
                                             ? std::string(" (is the ffmpeg program installed?)")
                                             : ": " + why));
}

} // namespace ts::core::exporting
