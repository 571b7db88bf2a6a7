#include "annotation/episodetiming.h"

#include "io/csvfile.h"
#include "io/streamreaders.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace ts::core::annotation {

namespace fs = std::filesystem;

namespace {

EpisodeDetail requireDetail(ProjectStore& store, const std::string& episode) {
    auto d = store.episode(episode);
    if (!d)
        throw Error(store.file().string(), "there is no episode '" + episode + "' in this project");
    return *d;
}

} // namespace

std::vector<ContactOnset> contactOnsets(const ForceSeries& force) {
    std::vector<ContactOnset> out;
    const size_t nc = force.channels.size();
    for (size_t c = 0; c < nc; ++c) {
        bool on = false;
        for (size_t i = 0; i < force.tNs.size(); ++i) {
            const double v = force.values[i * nc + c];
            if (!on && v > kContactOnN) {
                on = true;
                out.push_back({force.tNs[i], force.channels[c]});
            } else if (on && v < kContactOffN) {
                on = false;
            }
        }
    }
    std::sort(out.begin(), out.end(),
              [](const ContactOnset& a, const ContactOnset& b) { return a.tNs < b.tNs; });
    return out;
}

EpisodeTiming EpisodeTiming::load(ProjectStore& store, const std::string& episode) {
    const EpisodeDetail d = requireDetail(store, episode);
    const fs::path dir = store.projectDir() / fs::path(d.bundlePath);
    EpisodeTiming t;
    t.startNs = d.timelineStartNs;
    t.endNs = d.timelineEndNs;
    bool haveVideo = false, haveForce = false;
    for (const StreamInfo& s : d.streams) {
        if (s.stats.kind == StreamKind::Video && !haveVideo && !s.timestamps.empty()) {
            FrameTimes ft;
            readStreamFile(dir / s.timestamps, readFrameTimesCsv, ft);
            for (TimeNs raw : ft.tNs)
                t.frameTimes.push_back(s.clockModel.toTimeline(raw));
            std::sort(t.frameTimes.begin(), t.frameTimes.end());
            haveVideo = true;
        } else if (s.stats.kind == StreamKind::Force && !haveForce) {
            ForceSeries f;
            readStreamFile(dir / s.path, readForceCsv, f);
            for (ContactOnset o : contactOnsets(f)) {
                o.tNs = s.clockModel.toTimeline(o.tNs);
                t.onsets.push_back(o);
            }
            haveForce = true;
        }
    }
    return t;
}

TimeNs EpisodeTiming::snapToFrame(TimeNs t) const {
    if (frameTimes.empty())
        return t;
    auto it = std::lower_bound(frameTimes.begin(), frameTimes.end(), t);
    if (it == frameTimes.end())
        return frameTimes.back();
    if (it == frameTimes.begin())
        return *it;
    const TimeNs after = *it, before = *std::prev(it);
    return (t - before <= after - t) ? before : after;
}

std::optional<TimeNs> EpisodeTiming::nearestOnset(TimeNs t, TimeNs maxDistanceNs) const {
    std::optional<TimeNs> best;
    for (const ContactOnset& o : onsets) {
        const TimeNs d = std::llabs(o.tNs - t);
        if (d <= maxDistanceNs && (!best || d < std::llabs(*best - t)))
            best = o.tNs;
    }
    return best;
}

EpisodeStreams EpisodeStreams::load(ProjectStore& store, const std::string& episode) {
    const EpisodeDetail d = requireDetail(store, episode);
    const fs::path dir = store.projectDir() / fs::path(d.bundlePath);
    EpisodeStreams e;
    for (const StreamInfo& s : d.streams) {
        if (s.stats.kind == StreamKind::Hands && e.handsStream.empty()) {
            readStreamFile(dir / s.path, readHandsCsv, e.hands);
            std::stable_sort(e.hands.begin(), e.hands.end(),
                             [](const HandSample& a, const HandSample& b) { return a.tNs < b.tNs; });
            e.handsStream = s.stats.name;
            e.handsClock = s.clockModel;
        } else if (s.stats.kind == StreamKind::Force && e.forceStream.empty()) {
            readStreamFile(dir / s.path, readForceCsv, e.force);
            e.forceStream = s.stats.name;
            e.forceClock = s.clockModel;
        }
    }
    return e;
}

} // namespace ts::core::annotation
