#include "annotation/episodetiming.h"

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

const StreamInfo* findStream(const std::vector<StreamInfo>& streams, const std::string& name) {
    for (const StreamInfo& s : streams)
        if (s.stats.name == name)
            return &s;
    return nullptr;
}

const StreamInfo* firstOfKind(const std::vector<StreamInfo>& streams, StreamKind kind) {
    for (const StreamInfo& s : streams)
        if (s.stats.kind == kind)
            return &s;
    return nullptr;
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

EpisodeTiming EpisodeTiming::load(ProjectStore& store, const std::string& episode,
                                  const EpisodeStreams* loaded) {
    const EpisodeDetail d = requireDetail(store, episode);
    const fs::path dir = store.projectDir() / fs::path(d.bundlePath);
    EpisodeTiming t;
    t.startNs = d.timelineStartNs;
    t.endNs = d.timelineEndNs;
    for (const StreamInfo& s : d.streams) {
        if (s.stats.kind == StreamKind::Video && t.videoStream_.empty() && !s.timestamps.empty()) {
            FrameTimes ft;
            readStreamFile(dir / s.timestamps, readFrameTimesCsv, ft);
            t.rawFrameTimes_ = std::move(ft.tNs);
            t.videoStream_ = s.stats.name;
        } else if (s.stats.kind == StreamKind::Force && t.forceStream_.empty()) {
            if (loaded && loaded->forceStream == s.stats.name) {
                t.rawOnsets_ = contactOnsets(loaded->force);
            } else {
                ForceSeries f;
                readStreamFile(dir / s.path, readForceCsv, f);
                t.rawOnsets_ = contactOnsets(f);
            }
            t.forceStream_ = s.stats.name;
        }
    }
    t.remap(d.streams);
    return t;
}

void EpisodeTiming::remap(const std::vector<StreamInfo>& streams) {
    frameTimes.clear();
    onsets.clear();
    if (const StreamInfo* v = findStream(streams, videoStream_)) {
        for (TimeNs raw : rawFrameTimes_)
            frameTimes.push_back(v->clockModel.toTimeline(raw));
        std::sort(frameTimes.begin(), frameTimes.end());
    }
    if (const StreamInfo* f = findStream(streams, forceStream_))
        for (ContactOnset o : rawOnsets_) { // increasing: the model is monotonic
            o.tNs = f->clockModel.toTimeline(o.tNs);
            onsets.push_back(o);
        }
}

TimeNs EpisodeTiming::snapToFrame(TimeNs t) const {
    if (frameTimes.empty())
        return t;
    // Beyond the video by more than a frame and a half: left as it is, so that the edit's own
    // check says it lies outside the recording instead of it landing on the first or last frame.
    const TimeNs slack = frameTimes.size() < 2
                             ? 0
                             : (frameTimes.back() - frameTimes.front()) * 3 /
                                   (2 * static_cast<TimeNs>(frameTimes.size() - 1));
    if (t < frameTimes.front() - slack || t > frameTimes.back() + slack)
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
    std::map<std::string, std::vector<HandSample>> hands;
    std::map<std::string, ForceSeries> force;
    if (const StreamInfo* s = firstOfKind(d.streams, StreamKind::Hands))
        readStreamFile(dir / s->path, readHandsCsv, hands[s->stats.name]);
    if (const StreamInfo* s = firstOfKind(d.streams, StreamKind::Force))
        readStreamFile(dir / s->path, readForceCsv, force[s->stats.name]);
    return fromSamples(d.streams, hands, force);
}

EpisodeStreams EpisodeStreams::fromSamples(
    const std::vector<StreamInfo>& streams,
    const std::map<std::string, std::vector<HandSample>>& hands,
    const std::map<std::string, ForceSeries>& force) {
    EpisodeStreams e;
    if (const StreamInfo* s = firstOfKind(streams, StreamKind::Hands))
        if (const auto it = hands.find(s->stats.name); it != hands.end()) {
            e.hands = it->second;
            const auto earlier = [](const HandSample& a, const HandSample& b) {
                return a.tNs < b.tNs;
            };
            if (!std::is_sorted(e.hands.begin(), e.hands.end(), earlier)) // as recorded, usually
                std::stable_sort(e.hands.begin(), e.hands.end(), earlier);
            e.handsStream = s->stats.name;
            e.handsClock = s->clockModel;
        }
    if (const StreamInfo* s = firstOfKind(streams, StreamKind::Force))
        if (const auto it = force.find(s->stats.name); it != force.end()) {
            e.force = it->second;
            e.forceStream = s->stats.name;
            e.forceClock = s->clockModel;
        }
    return e;
}

void EpisodeStreams::remap(const std::vector<StreamInfo>& streams) {
    if (const StreamInfo* h = findStream(streams, handsStream))
        handsClock = h->clockModel;
    if (const StreamInfo* f = findStream(streams, forceStream))
        forceClock = f->clockModel;
}

} // namespace ts::core::annotation
