#include "cli/progress.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace ts::core::cli {

Progress::Progress(std::ostream& err, std::string label)
    : err_(err), label_(std::move(label)), tty_(&err == &std::cerr && ::isatty(2)),
      start_(std::chrono::steady_clock::now()), last_(start_) {}

Progress::~Progress() {
    finish();
}

void Progress::update(double fraction) {
    if (!tty_)
        return;
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && fraction < 1.0)
        return;
    last_ = now;
    fraction = std::clamp(fraction, 0.0, 1.0);
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double eta = fraction > 0.01 ? elapsed * (1.0 - fraction) / fraction : -1;
    const int width = 30;
    const int filled = static_cast<int>(fraction * width);
    char line[256];
    std::snprintf(
        line, sizeof line, "\r%-24.24s [%-*s] %3.0f%%  %s", label_.c_str(), width,
        std::string(static_cast<size_t>(filled), '#').c_str(), fraction * 100.0,
        eta >= 0 ? ("ETA " + std::to_string(static_cast<int>(eta + 0.5)) + " s   ").c_str() : "");
    err_ << line << std::flush;
    drawn_ = true;
}

void Progress::finish() {
    std::lock_guard lock(mutex_);
    if (tty_ && drawn_) {
        err_ << "\r" << std::string(80, ' ') << "\r" << std::flush;
        drawn_ = false;
    }
}

} // namespace ts::core::cli
