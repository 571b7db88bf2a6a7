#include "workspace/episodedata.h"

#include "media/indexcache.h"
#include "store/projectstore.h"
#include "util/error.h"
#include "workspace/geometry.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace ts::widgets {

namespace fs = std::filesystem;
using core::Hand;
using core::StreamKind;

StreamCoverage coverageFromTimes(const std::string& name, StreamKind kind,
                                 const std::vector<TimeNs>& times) {
    StreamCoverage c;
    c.name = name;
    c.kind = kind;
    if (times.empty())
        return c;
    std::vector<TimeNs> d;
    d.reserve(times.size());
    for (size_t i = 1; i < times.size(); ++i)
        if (times[i] > times[i - 1])
            d.push_back(times[i] - times[i - 1]);
    if (!d.empty()) {
        auto mid = d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2);
        std::nth_element(d.begin(), mid, d.end());
        c.periodNs = *mid;
    }
    const TimeNs limit = c.periodNs > 0 ? c.periodNs * 3 / 2 : 0;
    TimeNs spanStart = times.front();
    for (size_t i = 1; i < times.size(); ++i) {
        const TimeNs dt = times[i] - times[i - 1];
        if (limit > 0 && dt > limit) {
            c.covered.push_back({spanStart, times[i - 1]});
            c.gaps.push_back({times[i - 1], times[i]});
            c.dropped += std::max<int64_t>(0, std::llround(double(dt) / double(c.periodNs)) - 1);
            spanStart = times[i];
        }
    }
    c.covered.push_back({spanStart, times.back()});
    c.times = std::make_shared<const std::vector<TimeNs>>(times);
    return c;
}

const HandPose* EpisodeData::handAt(Hand h, TimeNs t) const {
    const auto& v = hands[static_cast<size_t>(h)];
    if (v.empty())
        return nullptr;
    auto it = std::lower_bound(v.begin(), v.end(), t,
                               [](const HandPose& p, TimeNs x) { return p.t < x; });
    const HandPose* best = nullptr;
    if (it != v.end())
        best = &*it;
    if (it != v.begin() && (!best || t - std::prev(it)->t < best->t - t))
        best = &*std::prev(it);
    // A skeleton further away than one and a half periods would be drawn where the hand was,
    // not where it is: a gap shows no hand.
    if (!best || std::llabs(best->t - t) > handsPeriodNs * 3 / 2)
        return nullptr;
    return best;
}

std::optional<core::PoseSample> EpisodeData::poseAt(TimeNs t) const {
    if (pose.empty())
        return std::nullopt;
    auto it = std::lower_bound(pose.begin(), pose.end(), t,
                               [](const core::PoseSample& p, TimeNs x) { return p.tNs < x; });
    if (it == pose.begin())
        return pose.front();
    if (it == pose.end())
        return pose.back();
    const auto& b = *it;
    const auto& a = *std::prev(it);
    const double f = b.tNs > a.tNs ? double(t - a.tNs) / double(b.tNs - a.tNs) : 0.0;
    return interpolatePose(a, b, f, t);
}

int EpisodeData::forceChannel(Hand h, int finger) const {
    const std::string want = std::string(core::handName(h)) + "_" +
                             std::string(core::kFingerNames[static_cast<size_t>(finger)]);
    for (size_t c = 0; c < forceChannels.size(); ++c)
        if (forceChannels[c] == want)
            return static_cast<int>(c);
    return -1;
}

std::optional<double> EpisodeData::fingertipForce(Hand h, int finger, TimeNs t) const {
    const int c = forceChannel(h, finger);
    if (c < 0 || forceTimes.empty())
        return std::nullopt;
    auto it = std::lower_bound(forceTimes.begin(), forceTimes.end(), t);
    if (it == forceTimes.end())
        --it;
    if (it != forceTimes.begin() && t - *std::prev(it) < *it - t)
        --it;
    if (std::llabs(*it - t) > 50 * core::kNsPerMs)
        return std::nullopt;
    const size_t row = static_cast<size_t>(it - forceTimes.begin());
    return forceValues[row * forceChannels.size() + static_cast<size_t>(c)];
}

const core::StreamInfo* EpisodeData::stream(const std::string& name) const {
    for (const auto& s : streams)
        if (s.stats.name == name)
            return &s;
    return nullptr;
}

namespace {

std::vector<TimeNs> mapTimes(const std::vector<TimeNs>& raw, const core::ClockModel& m) {
    std::vector<TimeNs> out(raw.size());
    for (size_t i = 0; i < raw.size(); ++i)
        out[i] = m.toTimeline(raw[i]);
    return out;
}

void addChannel(EpisodeData& d, std::string name, std::string group, std::string unit,
                std::shared_ptr<const std::vector<TimeNs>> t, std::vector<float> v) {
    SignalChannel c;
    c.name = std::move(name);
    c.group = std::move(group);
    c.unit = std::move(unit);
    c.t = std::move(t);
    c.values = std::make_shared<const MinMaxPyramid>(std::move(v));
    d.channels.push_back(std::move(c));
}

// Wrist speed in the world frame when the pose is known (head motion removed), else in the
// device frame; and the hand's contact (any fingertip above 1 N).
void addHandSignals(EpisodeData& d) {
    for (Hand h : {Hand::Left, Hand::Right}) {
        const auto& v = d.hands[static_cast<size_t>(h)];
        if (v.size() < 2)
            continue;
        auto t = std::make_shared<std::vector<TimeNs>>();
        std::vector<float> speed;
        Vec3d prev = Vec3d::Zero();
        TimeNs prevT = 0;
        for (size_t i = 0; i < v.size(); ++i) {
            Vec3d p = toVec(v[i].joints[core::Wrist]);
            if (auto pose = d.poseAt(v[i].t))
                p = applyPose(*pose, p);
            if (i > 0 && v[i].t > prevT) {
                t->push_back(v[i].t);
                speed.push_back(float((p - prev).norm() / core::nsToSeconds(v[i].t - prevT)));
            }
            prev = p;
            prevT = v[i].t;
        }
        addChannel(d, std::string(core::handName(h)) + " wrist",
                   QT_TRANSLATE_NOOP("SignalGroup", "Hand speed"), "m/s", t, std::move(speed));
    }
    if (d.forceTimes.empty())
        return;
    auto t = std::make_shared<const std::vector<TimeNs>>(d.forceTimes);
    for (Hand h : {Hand::Left, Hand::Right}) {
        std::vector<int> cols;
        for (int f = 0; f < 5; ++f)
            if (int c = d.forceChannel(h, f); c >= 0)
                cols.push_back(c);
        if (cols.empty())
            continue;
        std::vector<float> contact(d.forceTimes.size());
        const size_t n = d.forceChannels.size();
        for (size_t r = 0; r < contact.size(); ++r) {
            bool on = false;
            for (int c : cols)
                on = on || d.forceValues[r * n + static_cast<size_t>(c)] > 1.0;
            contact[r] = on ? 1.f : 0.f;
        }
        addChannel(d, std::string(core::handName(h)) + " contact",
                   QT_TRANSLATE_NOOP("SignalGroup", "Contact"), "", t, std::move(contact));
    }
}

} // namespace

std::shared_ptr<const EpisodeData> loadEpisodeData(const fs::path& projectFile,
                                                   const std::string& episodeId,
                                                   const LoadOptions& options) {
    core::ProjectStore store = core::ProjectStore::open(projectFile);
    auto detail = store.episode(episodeId);
    if (!detail)
        throw core::Error(projectFile.string(), "the project has no episode '" + episodeId + "'");
    auto d = std::make_shared<EpisodeData>();
    d->id = episodeId;
    d->task = detail->summary.task;
    d->participant = detail->summary.participant;
    d->streams = detail->streams;
    d->bundleDir = store.projectDir() / detail->bundlePath;

    core::BundleReadOptions ro;
    ro.hashMedia = false;
    ro.checkVideoFrames = false;
    auto bundle = std::make_shared<core::Bundle>(core::readBundle(d->bundleDir, ro));
    if (!bundle->ok()) {
        std::string text;
        for (const auto& diag : bundle->diagnostics.all())
            if (diag.severity == core::Severity::Error) {
                text = diag.toString();
                break;
            }
        throw core::Error(d->bundleDir.string(), "the bundle cannot be read: " + text);
    }
    d->calibration = bundle->calibration;

    auto model = [&](const std::string& name) {
        const core::StreamInfo* s = d->stream(name);
        return s ? s->clockModel : core::ClockModel{};
    };
    bool haveSpan = false;
    auto extend = [&](const std::vector<TimeNs>& t) {
        if (t.empty())
            return;
        d->start = haveSpan ? std::min(d->start, t.front()) : t.front();
        d->end = haveSpan ? std::max(d->end, t.back()) : t.back();
        haveSpan = true;
    };

    for (const auto& decl : bundle->manifest.streams) {
        const core::ClockModel m = model(decl.name);
        std::vector<TimeNs> times;
        switch (decl.kind) {
        case StreamKind::Video: {
            auto it = bundle->frames.find(decl.name);
            if (it == bundle->frames.end())
                break;
            times = mapTimes(it->second.tNs, m);
            if (d->videoFile.empty()) {
                const auto v = core::media::findEpisodeVideo(store, episodeId, decl.name);
                d->videoFile = v.file;
                d->videoSha256 = v.sha256;
                if (auto blob = store.mediaCache(v.sha256, core::media::kFrameIndexCacheKind,
                                                 core::media::FrameIndex::kVersion))
                    if (auto idx = core::media::FrameIndex::deserialize(*blob))
                        d->videoIndex =
                            std::make_shared<const core::media::FrameIndex>(std::move(*idx));
                d->frameTimes = times;
            }
            break;
        }
        case StreamKind::Depth: {
            auto it = bundle->frames.find(decl.name);
            if (it == bundle->frames.end())
                break;
            times = mapTimes(it->second.tNs, m);
            if (d->depthStream.empty()) {
                d->depthStream = decl.name;
                d->depthTimes = times;
            }
            break;
        }
        case StreamKind::Pose: {
            auto it = bundle->pose.find(decl.name);
            if (it == bundle->pose.end())
                break;
            for (const auto& p : it->second)
                times.push_back(m.toTimeline(p.tNs));
            if (d->pose.empty()) {
                d->pose = it->second;
                for (size_t i = 0; i < times.size(); ++i)
                    d->pose[i].tNs = times[i];
            }
            break;
        }
        case StreamKind::Imu: {
            auto it = bundle->imu.find(decl.name);
            if (it == bundle->imu.end())
                break;
            for (const auto& s : it->second)
                times.push_back(m.toTimeline(s.tNs));
            auto t = std::make_shared<const std::vector<TimeNs>>(times);
            static const char* axes[] = {"x", "y", "z"};
            for (int k = 0; k < 3; ++k) {
                std::vector<float> a, g;
                a.reserve(times.size());
                g.reserve(times.size());
                for (const auto& s : it->second) {
                    a.push_back(float(s.accel[static_cast<size_t>(k)]));
                    g.push_back(float(s.gyro[static_cast<size_t>(k)]));
                }
                addChannel(*d, std::string("accel ") + axes[k],
                           QT_TRANSLATE_NOOP("SignalGroup", "Acceleration"), "m/s²", t,
                           std::move(a));
                addChannel(*d, std::string("gyro ") + axes[k],
                           QT_TRANSLATE_NOOP("SignalGroup", "Rotation rate"), "rad/s", t,
                           std::move(g));
            }
            break;
        }
        case StreamKind::Hands: {
            auto it = bundle->hands.find(decl.name);
            if (it == bundle->hands.end())
                break;
            for (const auto& s : it->second) {
                HandPose p;
                p.t = m.toTimeline(s.tNs);
                p.rawNs = s.tNs;
                p.hand = s.hand;
                p.confidence = float(s.confidence);
                p.joints = s.joints;
                d->hands[static_cast<size_t>(s.hand)].push_back(p);
                if (times.empty() || times.back() != p.t)
                    times.push_back(p.t);
            }
            for (auto& v : d->hands)
                std::stable_sort(v.begin(), v.end(),
                                 [](const HandPose& a, const HandPose& b) { return a.t < b.t; });
            std::sort(times.begin(), times.end());
            break;
        }
        case StreamKind::Force: {
            auto it = bundle->force.find(decl.name);
            if (it == bundle->force.end())
                break;
            times = mapTimes(it->second.tNs, m);
            if (d->forceTimes.empty()) {
                d->forceChannels = it->second.channels;
                d->forceTimes = times;
                d->forceValues = it->second.values;
            }
            auto t = std::make_shared<const std::vector<TimeNs>>(times);
            const size_t n = it->second.channels.size();
            for (size_t c = 0; c < n; ++c) {
                std::vector<float> v(times.size());
                for (size_t r = 0; r < times.size(); ++r)
                    v[r] = float(it->second.values[r * n + c]);
                addChannel(*d, it->second.channels[c], QT_TRANSLATE_NOOP("SignalGroup", "Force"),
                           "N", t, std::move(v));
            }
            break;
        }
        }
        extend(times);
        StreamCoverage c = coverageFromTimes(decl.name, decl.kind, times);
        const auto& cm = m;
        c.aligned = cm.method != "identity" || cm.confidence >= 1.0;
        if (decl.kind == StreamKind::Hands)
            d->handsPeriodNs = c.periodNs > 0 ? c.periodNs : d->handsPeriodNs;
        if (decl.kind == StreamKind::Video && c.periodNs > 0)
            d->framePeriodNs = c.periodNs;
        d->coverage.push_back(std::move(c));
    }
    if (!haveSpan)
        throw core::Error(d->bundleDir.string(), "the episode has no samples in any stream");
    addHandSignals(*d);
    if (options.runSync)
        d->sync = core::sync::syncEpisode(*bundle);
    d->bundle = std::move(bundle);
    return d;
}

} // namespace ts::widgets
