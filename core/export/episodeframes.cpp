#include "export/episodeframes.h"

#include "io/bundle.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace ts::core::exporting {

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// The interval beyond which two samples are not interpolated across: a few median intervals.
TimeNs bridgeLimit(const std::vector<TimeNs>& t) {
    if (t.size() < 2)
        return 0;
    std::vector<TimeNs> d;
    d.reserve(t.size() - 1);
    for (size_t i = 1; i < t.size(); ++i)
        d.push_back(t[i] - t[i - 1]);
    std::nth_element(d.begin(), d.begin() + static_cast<long>(d.size() / 2), d.end());
    return std::max<TimeNs>(3 * d[d.size() / 2], 1);
}

// Where raw time r falls in sorted times t: the pair to interpolate and the weight of the
// second, or nothing when r is outside or the bracketing gap is too long.
struct Bracket {
    size_t i0, i1;
    double w;
};
std::optional<Bracket> bracket(const std::vector<TimeNs>& t, TimeNs r, TimeNs limit) {
    if (t.empty() || r < t.front() || r > t.back())
        return std::nullopt;
    auto it = std::lower_bound(t.begin(), t.end(), r);
    const size_t i1 = static_cast<size_t>(it - t.begin());
    if (t[i1] == r)
        return Bracket{i1, i1, 0.0};
    const size_t i0 = i1 - 1;
    if (t[i1] - t[i0] > limit)
        return std::nullopt;
    return Bracket{i0, i1, static_cast<double>(r - t[i0]) / static_cast<double>(t[i1] - t[i0])};
}

const StreamDecl* firstOfKind(const Bundle& b, StreamKind k) {
    for (const StreamDecl& s : b.manifest.streams)
        if (s.kind == k)
            return &s;
    return nullptr;
}

ClockModel clockFor(const ExportEpisode& e, const std::string& stream) {
    const ClockModel* m = e.clockOf(stream);
    return m ? *m : ClockModel{};
}

// For each dataset frame k, the stream's two samples around it (by raw time t, through the
// stream's clock model m) and the weight of the second: the shared walk of every stream.
template <typename F>
void forEachBracket(const std::vector<TimeNs>& t, const ClockModel& m,
                    const std::vector<TimeNs>& frameTimes, F&& use) {
    const TimeNs limit = bridgeLimit(t);
    for (size_t k = 0; k < frameTimes.size(); ++k)
        if (auto b = bracket(t, m.toRaw(frameTimes[k]), limit))
            use(k, *b);
}

} // namespace

TimeNs EpisodeFrames::frameTime(TimeNs start, int64_t k, double fps) {
    return start + static_cast<TimeNs>(std::llround(static_cast<double>(k) * 1e9 / fps));
}

EpisodeFrames sampleEpisode(const ExportEpisode& episode, const Bundle& bundle, double fps) {
    if (!(fps > 0) || fps > 1000)
        throw Error("episode " + episode.id + ": the dataset rate " + std::to_string(fps) +
                    " fps is not in (0, 1000]");
    EpisodeFrames f;
    f.fps = fps;
    const StreamDecl* video = firstOfKind(bundle, StreamKind::Video);
    if (!video || !bundle.frames.count(video->name) || bundle.frames.at(video->name).tNs.empty())
        throw Error((episode.bundleDir / "episode.json").string(),
                    "episode " + episode.id +
                        " has no RGB video stream; its timeline is undefined");
    f.videoStream = video->name;
    const ClockModel videoClock = clockFor(episode, video->name);
    std::vector<TimeNs> videoT = bundle.frames.at(video->name).tNs;
    for (TimeNs& t : videoT)
        t = videoClock.toTimeline(t);
    const TimeNs start = videoT.front();
    const TimeNs end = videoT.back();
    f.count =
        static_cast<int64_t>(std::floor(static_cast<double>(end - start) * fps / 1e9 + 1e-9)) + 1;
    const size_t n = static_cast<size_t>(f.count);
    f.timelineNs.resize(n);
    f.videoFrame.resize(n);
    for (size_t k = 0; k < n; ++k) {
        const TimeNs t = EpisodeFrames::frameTime(start, static_cast<int64_t>(k), fps);
        f.timelineNs[k] = t;
        auto it = std::lower_bound(videoT.begin(), videoT.end(), t);
        size_t j = static_cast<size_t>(it - videoT.begin());
        if (j == videoT.size() || (j > 0 && t - videoT[j - 1] <= videoT[j] - t))
            j = j == 0 ? 0 : j - 1;
        f.videoFrame[k] = bundle.frames.at(video->name).frameIndex[j];
    }

    // Pose.
    f.pose.assign(n * 7, kNaN);
    if (const StreamDecl* s = firstOfKind(bundle, StreamKind::Pose);
        s && bundle.pose.count(s->name)) {
        const auto& samples = bundle.pose.at(s->name);
        std::vector<TimeNs> t;
        for (const auto& p : samples)
            t.push_back(p.tNs);
        forEachBracket(
            t, clockFor(episode, s->name), f.timelineNs, [&](size_t k, const Bracket& b) {
                const PoseSample& a = samples[b.i0];
                const PoseSample& c = samples[b.i1];
                for (int i = 0; i < 3; ++i)
                    f.pose[k * 7 + i] = static_cast<float>(a.t[i] + b.w * (c.t[i] - a.t[i]));
                const double sign =
                    a.q[0] * c.q[0] + a.q[1] * c.q[1] + a.q[2] * c.q[2] + a.q[3] * c.q[3] < 0 ? -1
                                                                                              : 1;
                double q[4], norm = 0;
                for (int i = 0; i < 4; ++i) {
                    q[i] = a.q[i] + b.w * (sign * c.q[i] - a.q[i]);
                    norm += q[i] * q[i];
                }
                norm = std::sqrt(norm);
                for (int i = 0; i < 4; ++i)
                    f.pose[k * 7 + 3 + i] = static_cast<float>(q[i] / norm);
            });
    }

    // IMU.
    f.imu.assign(n * 6, kNaN);
    if (const StreamDecl* s = firstOfKind(bundle, StreamKind::Imu);
        s && bundle.imu.count(s->name)) {
        const auto& samples = bundle.imu.at(s->name);
        std::vector<TimeNs> t;
        for (const auto& p : samples)
            t.push_back(p.tNs);
        forEachBracket(t, clockFor(episode, s->name), f.timelineNs,
                       [&](size_t k, const Bracket& b) {
                           const ImuSample& a = samples[b.i0];
                           const ImuSample& c = samples[b.i1];
                           for (int i = 0; i < 3; ++i) {
                               f.imu[k * 6 + i] =
                                   static_cast<float>(a.accel[i] + b.w * (c.accel[i] - a.accel[i]));
                               f.imu[k * 6 + 3 + i] =
                                   static_cast<float>(a.gyro[i] + b.w * (c.gyro[i] - a.gyro[i]));
                           }
                       });
    }

    // Hands: each hand on its own, since a hand may be out of view while the other is not.
    for (int h = 0; h < 2; ++h) {
        f.hands[h].assign(n * 63, kNaN);
        f.handConfidence[h].assign(n, 0.0f);
    }
    if (const StreamDecl* s = firstOfKind(bundle, StreamKind::Hands);
        s && bundle.hands.count(s->name)) {
        const ClockModel m = clockFor(episode, s->name);
        // Annotators' keypoint corrections replace the raw joints they correct (the bundle is
        // left as it is; the corrections live in the project).
        const std::vector<HandSample>* source = &bundle.hands.at(s->name);
        std::vector<HandSample> corrected;
        if (!episode.corrections.empty()) {
            corrected = *source;
            source = &corrected;
            std::map<std::pair<int, TimeNs>, HandSample*> byKey;
            for (HandSample& p : corrected)
                byKey[{static_cast<int>(p.hand), p.tNs}] = &p;
            for (const JointCorrection& c : episode.corrections) {
                auto it = byKey.find({c.hand, c.rawNs});
                if (c.stream != s->name || it == byKey.end() || c.joint < 0 ||
                    c.joint >= kHandJointCount)
                    continue;
                it->second->joints[static_cast<size_t>(c.joint)] = {c.x, c.y, c.z};
                ++f.correctedJoints;
            }
        }
        for (int h = 0; h < 2; ++h) {
            std::vector<const HandSample*> samples;
            std::vector<TimeNs> t;
            for (const HandSample& p : *source)
                if (static_cast<int>(p.hand) == h) {
                    samples.push_back(&p);
                    t.push_back(p.tNs);
                }
            forEachBracket(t, m, f.timelineNs, [&](size_t k, const Bracket& b) {
                const HandSample& a = *samples[b.i0];
                const HandSample& c = *samples[b.i1];
                for (int j = 0; j < kHandJointCount; ++j)
                    for (int i = 0; i < 3; ++i)
                        f.hands[h][k * 63 + j * 3 + i] = static_cast<float>(
                            a.joints[j][i] + b.w * (c.joints[j][i] - a.joints[j][i]));
                f.handConfidence[h][k] =
                    static_cast<float>(a.confidence + b.w * (c.confidence - a.confidence));
            });
        }
    }

    // Force.
    if (const StreamDecl* s = firstOfKind(bundle, StreamKind::Force);
        s && bundle.force.count(s->name)) {
        const ForceSeries& fs = bundle.force.at(s->name);
        const size_t ch = fs.channels.size();
        f.forceChannels = fs.channels;
        f.force.assign(n * ch, kNaN);
        forEachBracket(fs.tNs, clockFor(episode, s->name), f.timelineNs,
                       [&](size_t k, const Bracket& b) {
                           for (size_t c = 0; c < ch; ++c) {
                               const double a = fs.values[b.i0 * ch + c];
                               const double z = fs.values[b.i1 * ch + c];
                               f.force[k * ch + c] = static_cast<float>(a + b.w * (z - a));
                           }
                       });
    }

    // Labels per tier: the first label (by start) covering the frame.
    for (const LabelSpan& l : episode.labels) {
        auto& col = f.labels[l.tier];
        if (col.empty())
            col.resize(n);
        for (size_t k = 0; k < n; ++k)
            if (f.timelineNs[k] >= l.startNs && f.timelineNs[k] <= l.endNs && !col[k])
                col[k] = l.text;
    }
    const std::string fallbackTask = episode.task.empty() ? "unspecified task" : episode.task;
    f.task.assign(n, fallbackTask);
    if (auto it = f.labels.find("task"); it != f.labels.end())
        for (size_t k = 0; k < n; ++k)
            if (it->second[k])
                f.task[k] = *it->second[k];

    // Events: a span marks the frames it covers; an instant marks the frame nearest to it.
    for (const std::string& kind : standardEventKinds())
        f.events[kind].assign(n, 0);
    const TimeNs halfFrame = static_cast<TimeNs>(std::llround(0.5e9 / fps));
    for (const EventSpan& ev : episode.events) {
        auto& col = f.events[ev.kind];
        if (col.empty())
            col.assign(n, 0);
        for (size_t k = 0; k < n; ++k) {
            const TimeNs t = f.timelineNs[k];
            const bool on = ev.endNs ? (t >= ev.startNs && t <= *ev.endNs)
                                     : (t - halfFrame < ev.startNs && ev.startNs <= t + halfFrame);
            if (on)
                col[k] = 1;
        }
    }
    return f;
}

} // namespace ts::core::exporting
