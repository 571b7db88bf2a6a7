// Progress on a terminal: a one-line bar with percentage and ETA on stderr, drawn only when
// stderr is a TTY (scripts and CI logs stay clean). Thread-safe; throttled to ~10 Hz.
#pragma once

#include <chrono>
#include <iosfwd>
#include <mutex>
#include <string>

namespace ts::core::cli {

class Progress {
public:
    Progress(std::ostream& err, std::string label);
    ~Progress();
    void update(double fraction);
    void finish();

private:
    std::ostream& err_;
    std::string label_;
    bool tty_;
    bool drawn_ = false;
    std::mutex mutex_;
    std::chrono::steady_clock::time_point start_, last_;
};

} // namespace ts::core::cli
