#include "sync/episodesync.h"

#include "io/bundle.h"
#include "sync/handsposeestimator.h"
#include "sync/signals.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace ts::core::sync {

ClockModel composeClocks(const ClockModel& a, const ClockModel& b) {
    // T = t + o1 + d1(t − a1) + o2 + d2(t + o1 + d1(t − a1) − a2)
    ClockModel c;
    c.t0Ns = a.t0Ns;
    c.offsetNs = a.offsetNs + b.offsetNs +
                 static_cast<TimeNs>(
                     std::llround(b.drift * static_cast<double>(a.t0Ns + a.offsetNs - b.t0Ns)));
    c.drift = a.drift + b.drift + a.drift * b.drift;
    c.confidence = std::min(a.confidence, b.confidence);
    c.residualNs = std::hypot(a.residualNs, b.residualNs);
    return c;
}

ClockModel invertClock(const ClockModel& a) {
    // t_b = t + o + d(t − a0)  ⇒  t = t_b − o − d/(1+d) · (t_b − (a0 + o))
    ClockModel c = a;
    c.t0Ns = a.t0Ns + a.offsetNs;
    c.offsetNs = -a.offsetNs;
    c.drift = -a.drift / (1.0 + a.drift);
    return c;
}

namespace {

std::vector<TimeNs> distinctTimes(const std::vector<HandSample>& hands) {
    std::set<TimeNs> s;
    for (const HandSample& h : hands)
        s.insert(h.tNs);
    return {s.begin(), s.end()};
}

std::vector<TimeNs> streamTimes(const Bundle& b, const StreamDecl& d) {
    if (auto it = b.imu.find(d.name); it != b.imu.end()) {
        std::vector<TimeNs> t;
        for (const auto& x : it->second)
            t.push_back(x.tNs);
        return t;
    }
    if (auto it = b.pose.find(d.name); it != b.pose.end()) {
        std::vector<TimeNs> t;
        for (const auto& x : it->second)
            t.push_back(x.tNs);
        return t;
    }
    if (auto it = b.hands.find(d.name); it != b.hands.end())
        return distinctTimes(it->second);
    if (auto it = b.force.find(d.name); it != b.force.end())
        return it->second.tNs;
    if (auto it = b.frames.find(d.name); it != b.frames.end())
        return it->second.tNs;
    return {};
}

// A clock's known raw → timeline model, with how it is known.
struct KnownClock {
    ClockModel model;
    std::string method;
};

} // namespace

EpisodeSyncResult syncEpisode(const Bundle& b, const SyncSettings& settings) {
    EpisodeSyncResult r;
    const Manifest& m = b.manifest;
    r.episodeId = m.id;

    std::map<std::string, KnownClock> known;
    for (const ClockDecl& c : m.clocks) {
        if (c.timeline) {
            ClockModel id;
            id.method = "identity";
            id.confidence = 1.0;
            known[c.name] = {id, "timeline"};
        } else if (c.model) {
            known[c.name] = {*c.model, "file"};
        }
    }

    // Pairwise estimates: every IMU against the first pose stream (the rotation both see).
    struct Edge {
        std::string stream, other, clock, otherClock, method;
        ClockEstimate est; // stream raw → other raw
    };
    std::vector<Edge> edges;
    const StreamDecl* poseDecl = nullptr;
    for (const StreamDecl& d : m.streams)
        if (d.kind == StreamKind::Pose && b.pose.count(d.name) && !poseDecl)
            poseDecl = &d;
    if (poseDecl) {
        const auto& pose = b.pose.at(poseDecl->name);
        TimeNs period = 10'000'000;
        if (pose.size() > 1)
            period = (pose.back().tNs - pose.front().tNs) / static_cast<TimeNs>(pose.size() - 1);
        const VectorSignal rate = angularRateFromPose(
            pose, static_cast<TimeNs>(settings.poseMaxGapPeriods * static_cast<double>(period)));
        std::array<double, 4> imuToDevice{0, 0, 0, 1};
        if (auto it = b.calibration.extrinsics.find("device_from_imu");
            it != b.calibration.extrinsics.end())
            imuToDevice = it->second.q;
        for (const StreamDecl& d : m.streams) {
            if (d.kind != StreamKind::Imu || !b.imu.count(d.name))
                continue;
            Edge e{d.name,
                   poseDecl->name,
                   d.clock,
                   poseDecl->clock,
                   "gyro~pose-rotation-rate",
                   estimateClock(rate, gyroSignal(b.imu.at(d.name), imuToDevice), settings.gyro)};
            edges.push_back(std::move(e));
        }
        // Hands are tracked in the device frame: the pose that makes them stillest in the
        // world is the one at their time. Coarse (a few ms), and its confidence says so.
        for (const StreamDecl& d : m.streams) {
            if (d.kind != StreamKind::Hands || !b.hands.count(d.name))
                continue;
            edges.push_back({d.name, poseDecl->name, d.clock, poseDecl->clock,
                             "hands~pose-world-stillness",
                             estimateHandsToPose(b.hands.at(d.name), pose, settings.hands)});
        }
    }

    // Propagate known clocks along edges until nothing changes (the graph is tiny), surest
    // edges first, so that a coarse link never decides a clock a precise one could.
    std::stable_sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
        return x.est.confidence > y.est.confidence;
    });
    std::map<std::string, const Edge*> via; // clock → edge that made it known
    for (bool changed = true; changed;) {
        changed = false;
        for (const Edge& e : edges) {
            if (!e.est.estimated || e.clock == e.otherClock ||
                e.est.confidence < settings.minConfidence)
                continue;
            ClockModel rel;
            rel.offsetNs = static_cast<TimeNs>(std::llround(e.est.offsetNs));
            rel.drift = e.est.drift;
            rel.t0Ns = e.est.t0Ns;
            rel.confidence = e.est.confidence;
            rel.residualNs = e.est.residualNs;
            if (known.count(e.otherClock) && !known.count(e.clock)) {
                known[e.clock] = {composeClocks(rel, known[e.otherClock].model), e.method};
                via[e.clock] = &e;
                changed = true;
            } else if (known.count(e.clock) && !known.count(e.otherClock)) {
                known[e.otherClock] = {composeClocks(invertClock(rel), known[e.clock].model),
                                       e.method};
                via[e.otherClock] = &e;
                changed = true;
            }
        }
    }

    for (const StreamDecl& d : m.streams) {
        StreamSync s;
        s.stream = d.name;
        s.kind = std::string(streamKindName(d.kind));
        s.clock = d.clock;
        s.health = checkStreamHealth(d.name, streamTimes(b, d), d.nominalRateHz, settings.health);
        for (const Edge& e : edges)
            if (e.stream == d.name ||
                (e.other == d.name && via.count(d.clock) && via[d.clock] == &e)) {
                s.estimate = e.est;
                s.relativeTo = e.stream == d.name ? e.other : e.stream;
            }
        if (auto it = known.find(d.clock); it != known.end()) {
            s.aligned = true;
            s.model = it->second.model;
            s.method = it->second.method;
            if (s.method == "timeline") {
                s.model.method = "identity";
            } else if (s.method == "file") {
                s.model.method = "file";
            } else {
                s.model.method = "estimated";
                s.model.author = "touchstone";
                if (s.estimate && !s.estimate->note.empty())
                    s.note = s.estimate->note;
            }
        } else {
            s.method = "none";
            if (s.estimate && s.estimate->estimated &&
                s.estimate->confidence < settings.minConfidence)
                s.note =
                    "estimated against '" + s.relativeTo + "' but too unsure to use (" +
                    (s.estimate->note.empty() ? "confidence below the minimum" : s.estimate->note) +
                    ")";
            else if (s.estimate && s.estimate->estimated)
                s.note = "estimated against '" + s.relativeTo +
                         "' only; that clock has no link to the camera clock yet";
            else if (s.estimate)
                s.note = s.estimate->note;
            else if (d.kind == StreamKind::Pose)
                s.note = "no estimator links the pose clock to the camera clock yet (needs "
                         "visual rotation from the video)";
            else
                s.note = "no estimator for this stream kind yet";
        }
        r.streams.push_back(std::move(s));
    }
    return r;
}

} // namespace ts::core::sync
