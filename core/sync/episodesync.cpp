#include "sync/episodesync.h"

#include "io/bundle.h"
#include "media/depthreader.h"
#include "sync/handsposeestimator.h"
#include "sync/signals.h"
#include "util/error.h"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <functional>
#include <future>
#include <map>
#include <memory>
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

EpisodeSignals extractEpisodeSignals(const Bundle& b, const SyncSettings& settings) {
    EpisodeSignals sig;
    const StreamDecl* video = nullptr;
    for (const StreamDecl& d : b.manifest.streams)
        if (d.kind == StreamKind::Video && b.frames.count(d.name)) {
            video = &d;
            break;
        }
    if (!video) {
        sig.videoProblem = "the episode has no readable video stream";
        return sig;
    }
    sig.videoStream = video->name;
    for (const std::string& key : {"device_from_" + video->name, std::string("device_from_rgb")})
        if (auto it = b.calibration.extrinsics.find(key); it != b.calibration.extrinsics.end()) {
            sig.deviceFromCamera = it->second.q;
            break;
        }
    auto cam = b.calibration.cameras.find(video->name);
    if (cam == b.calibration.cameras.end())
        cam = b.calibration.cameras.find("rgb");
    if (cam == b.calibration.cameras.end()) {
        sig.videoProblem = "calibration.json has no intrinsics for the video '" + video->name +
                           "', so its rotation cannot be measured";
        return sig;
    }
    // A depth stream on the video's clock lets the motion be solved with its translation.
    VisualDepth vd;
    std::unique_ptr<media::DepthReader> depthReader;
    for (const StreamDecl& d : b.manifest.streams) {
        if (d.kind != StreamKind::Depth || d.clock != video->clock || !b.frames.count(d.name))
            continue;
        auto dc = b.calibration.cameras.find(d.name);
        if (dc == b.calibration.cameras.end())
            dc = b.calibration.cameras.find("depth");
        if (dc == b.calibration.cameras.end() || dc->second.fx <= 0)
            continue;
        try {
            depthReader = media::DepthReader::openFromBundle(b, d.name);
        } catch (const Error&) {
            continue; // the video alone still gives the rotation
        }
        auto pose = [&](const std::string& key) {
            Eigen::Isometry3d x = Eigen::Isometry3d::Identity();
            if (auto it = b.calibration.extrinsics.find(key);
                it != b.calibration.extrinsics.end()) {
                const auto& q = it->second.q;
                x.linear() =
                    Eigen::Quaterniond(q[3], q[0], q[1], q[2]).normalized().toRotationMatrix();
                x.translation() =
                    Eigen::Vector3d(it->second.t[0], it->second.t[1], it->second.t[2]);
            }
            return x;
        };
        const Eigen::Isometry3d rgbFromDepth =
            pose("device_from_" + video->name).inverse() * pose("device_from_" + d.name);
        const Eigen::Quaterniond q(rgbFromDepth.linear());
        vd.reader = depthReader.get();
        vd.intrinsics = dc->second;
        vd.rgbFromDepthQ = {q.x(), q.y(), q.z(), q.w()};
        vd.rgbFromDepthT = {rgbFromDepth.translation().x(), rgbFromDepth.translation().y(),
                            rgbFromDepth.translation().z()};
        sig.depthStream = d.name;
        break;
    }
    try {
        sig.visual = visualRotationRate(b.root / video->path, b.frames.at(video->name), cam->second,
                                        settings.visual, vd.reader ? &vd : nullptr);
        if (!sig.visual->note.empty())
            sig.videoProblem = sig.visual->note;
    } catch (const Error& e) {
        sig.videoProblem = e.what();
    }
    return sig;
}

EpisodeSyncResult syncEpisode(const Bundle& b, const SyncSettings& settings,
                              const EpisodeSignals* given) {
    EpisodeSyncResult r;
    const Manifest& m = b.manifest;
    r.episodeId = m.id;
    if (given)
        r.evidence = *given;
    else if (settings.useVideo)
        r.evidence = extractEpisodeSignals(b, settings);

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
        std::function<ClockEstimate()> estimate; // run below, side by side with the others
        ClockEstimate est;                       // stream raw → other raw
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
        const auto rate = std::make_shared<const VectorSignal>(angularRateFromPose(
            pose, static_cast<TimeNs>(settings.poseMaxGapPeriods * static_cast<double>(period))));
        std::array<double, 4> imuToDevice{0, 0, 0, 1};
        if (auto it = b.calibration.extrinsics.find("device_from_imu");
            it != b.calibration.extrinsics.end())
            imuToDevice = it->second.q;
        for (const StreamDecl& d : m.streams) {
            if (d.kind != StreamKind::Imu || !b.imu.count(d.name))
                continue;
            const auto& imu = b.imu.at(d.name);
            edges.push_back({d.name,
                             poseDecl->name,
                             d.clock,
                             poseDecl->clock,
                             "gyro~pose-rotation-rate",
                             [rate, &imu, imuToDevice, &settings] {
                                 return estimateClock(*rate, gyroSignal(imu, imuToDevice),
                                                      settings.gyro);
                             },
                             {}});
        }
        // Hands are tracked in the device frame: the pose that makes them stillest in the
        // world is the one at their time. Coarse (a few ms), and its confidence says so.
        for (const StreamDecl& d : m.streams) {
            if (d.kind != StreamKind::Hands || !b.hands.count(d.name))
                continue;
            const auto& hands = b.hands.at(d.name);
            edges.push_back({d.name,
                             poseDecl->name,
                             d.clock,
                             poseDecl->clock,
                             "hands~pose-world-stillness",
                             [&hands, &pose, &settings] {
                                 return estimateHandsToPose(hands, pose, settings.hands);
                             },
                             {}});
        }
    }

    // Force rises when a fingertip has come to rest on a surface and falls to zero as it
    // leaves: each force stream against the first hands stream.
    const StreamDecl* handsDecl = nullptr;
    for (const StreamDecl& d : m.streams)
        if (d.kind == StreamKind::Hands && b.hands.count(d.name) && !handsDecl)
            handsDecl = &d;
    for (const StreamDecl& d : m.streams) {
        if (d.kind != StreamKind::Force || !b.force.count(d.name) || !handsDecl)
            continue;
        const auto& force = b.force.at(d.name);
        const auto& hands = b.hands.at(handsDecl->name);
        edges.push_back({d.name,
                         handsDecl->name,
                         d.clock,
                         handsDecl->clock,
                         "force~fingertip-contact",
                         [&force, &hands, &settings] {
                             return estimateForceToHands(force, hands, settings.force).estimate;
                         },
                         {}});
    }

    // The camera's own rotation links gyro and pose to the video's clock (the timeline).
    if (r.evidence.visual && r.evidence.visual->pairs > 0) {
        const StreamDecl* video = nullptr;
        for (const StreamDecl& d : m.streams)
            if (d.name == r.evidence.videoStream)
                video = &d;
        const auto visual = std::make_shared<const VectorSignal>(
            rotateSignal(r.evidence.visual->rate, r.evidence.deviceFromCamera));
        std::array<double, 4> imuToDevice{0, 0, 0, 1};
        if (auto it = b.calibration.extrinsics.find("device_from_imu");
            it != b.calibration.extrinsics.end())
            imuToDevice = it->second.q;
        for (const StreamDecl& d : m.streams) {
            if (!video)
                break;
            if (d.kind == StreamKind::Imu && b.imu.count(d.name)) {
                ClockEstimateOptions o = settings.gyro;
                o.robustPasses = settings.visualRobustPasses;
                const auto& imu = b.imu.at(d.name);
                edges.push_back({d.name,
                                 video->name,
                                 d.clock,
                                 video->clock,
                                 "gyro~visual-rotation",
                                 [visual, &imu, imuToDevice, o] {
                                     return estimateClock(*visual, gyroSignal(imu, imuToDevice), o);
                                 },
                                 {}});
            } else if (d.kind == StreamKind::Pose && b.pose.count(d.name)) {
                const auto& pose = b.pose.at(d.name);
                TimeNs period = 10'000'000;
                if (pose.size() > 1)
                    period =
                        (pose.back().tNs - pose.front().tNs) / static_cast<TimeNs>(pose.size() - 1);
                ClockEstimateOptions o = settings.gyro;
                o.estimateBias = false; // a pose has no rate bias
                o.robustPasses = settings.visualRobustPasses;
                const TimeNs maxGap =
                    static_cast<TimeNs>(settings.poseMaxGapPeriods * static_cast<double>(period));
                edges.push_back({d.name,
                                 video->name,
                                 d.clock,
                                 video->clock,
                                 "pose~visual-rotation",
                                 [visual, &pose, maxGap, o] {
                                     return estimateClock(*visual,
                                                          angularRateFromPose(pose, maxGap), o);
                                 },
                                 {}});
            }
        }
    }

    // The pairwise estimators are independent pure functions of the bundle: they run side by
    // side (one thread each; the results are the same as one after the other).
    {
        std::vector<std::future<ClockEstimate>> running;
        for (Edge& e : edges)
            running.push_back(std::async(std::launch::async, e.estimate));
        for (size_t i = 0; i < edges.size(); ++i)
            edges[i].est = running[i].get();
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

    for (const Edge& e : edges) {
        bool used = false;
        for (const auto& [clock, edge] : via)
            used = used || edge == &e;
        r.pairs.push_back({e.stream, e.other, e.method, e.est, used});
    }

    for (const StreamDecl& d : m.streams) {
        StreamSync s;
        s.stream = d.name;
        s.kind = std::string(streamKindName(d.kind));
        s.clock = d.clock;
        s.health = checkStreamHealth(d.name, streamTimes(b, d), d.nominalRateHz, settings.health);
        // The estimate behind the stream's model: the edge that linked its clock, else the
        // surest comparison of this stream (edges are sorted surest first).
        const Edge* shown = nullptr;
        if (auto v = via.find(d.clock);
            v != via.end() && (v->second->stream == d.name || v->second->other == d.name))
            shown = v->second;
        for (const Edge& e : edges)
            if (!shown && e.stream == d.name)
                shown = &e;
        if (shown) {
            s.estimate = shown->est;
            s.relativeTo = shown->stream == d.name ? shown->other : shown->stream;
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
                s.note = r.evidence.videoProblem.empty()
                             ? "nothing links the pose clock to the camera clock (no video "
                               "rotation to compare with)"
                             : "the video's rotation could not be used: " + r.evidence.videoProblem;
            else
                s.note = "no estimator for this stream kind yet";
        }
        r.streams.push_back(std::move(s));
    }
    return r;
}

} // namespace ts::core::sync
