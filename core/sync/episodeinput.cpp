#include "sync/episodeinput.h"

#include <chrono>
#include <future>

namespace ts::core::sync {

namespace {

double seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

EpisodeInput readEpisodeForSync(const std::filesystem::path& dir, const BundleReadOptions& options,
                                const SyncSettings& settings) {
    EpisodeInput in;
    std::future<EpisodeSignals> pass;
    double passStart = 0;
    if (settings.useVideo) {
        BundleReadOptions mediaOnly = options;
        mediaOnly.sampleStreams = false;
        mediaOnly.hashMedia = false;
        mediaOnly.progress = nullptr;
        Bundle media = readBundle(dir, mediaOnly);
        if (media.ok()) {
            passStart = seconds();
            pass = std::async(std::launch::async, [b = std::move(media), &settings]() {
                return extractEpisodeSignals(b, settings);
            });
        }
    }
    const double t0 = seconds();
    in.bundle = readBundle(dir, options);
    in.readSeconds = seconds() - t0;
    if (pass.valid()) {
        EpisodeSignals sig = pass.get(); // waits for the pass
        in.videoSeconds = seconds() - passStart;
        if (in.bundle.ok())
            in.extracted = std::move(sig);
    }
    return in;
}

} // namespace ts::core::sync
