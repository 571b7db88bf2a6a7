#include "sync/episodesync.h"

#include "io/bundle.h"
#include "media/depthreader.h"
#include "recon/rigid.h"
#include "recon/trajectory.h"
#include "sync/handsposeestimator.h"
#include "sync/signals.h"
#include "util/error.h"

#include <Eigen/Geometry>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
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

struct Edge {
    std::string stream, other, clock, otherClock, method;
    std::function<ClockEstimate()> estimate; // run below, side by side with the others
    ClockEstimate est;                       // stream raw → other raw
    // Links through the video: the comparison with a given visual rate (device frame); coarse:
    // without the joint fit and the robust passes (good to a millisecond, half the cost).
    std::function<ClockEstimate(const VectorSignal&, bool coarse)> withVisual;
};

// A cheaper comparison, good to about a millisecond: no joint fit, no robust passes.
ClockEstimateOptions coarsely(ClockEstimateOptions o) {
    o.jointFit = false;
    o.robustPasses = 0;
    return o;
}

// The video camera in the device frame: device_from_<video>, else device_from_rgb; null when
// the calibration has neither (the identity).
const RigidTransform* videoExtrinsic(const Bundle& b, const std::string& video) {
    for (const std::string& key : {"device_from_" + video, std::string("device_from_rgb")})
        if (auto it = b.calibration.extrinsics.find(key); it != b.calibration.extrinsics.end())
            return &it->second;
    return nullptr;
}

// The links through the video measure the camera's rotation, which a pair solved for rotation
// and translation at once confuses with a sideways move (a narrow view sees both alike). With
// the pose clock linked to the video's (poseToVideo: pose raw → video raw, good to a
// millisecond), the pose's positions give each pair's translation: the pairs with depth are
// solved again for their rotation alone (SyncSettings::poseTranslation). Returns that rate in
// the device frame and records it in `evidence`; nullopt when no pair could be solved so.
std::optional<VectorSignal> rateWithPoseTranslation(const Bundle& b, const SyncSettings& settings,
                                                    const std::string& poseStream,
                                                    const ClockEstimate& poseToVideoEstimate,
                                                    EpisodeSignals& evidence) {
    const auto& pose = b.pose.at(poseStream);
    if (pose.size() < 2 || !evidence.visual)
        return std::nullopt;
    const TimeNs period =
        (pose.back().tNs - pose.front().tNs) / static_cast<TimeNs>(pose.size() - 1);
    const TimeNs maxGap =
        static_cast<TimeNs>(settings.poseMaxGapPeriods * static_cast<double>(period));
    const RigidTransform* extrinsic = videoExtrinsic(b, evidence.videoStream);
    const Eigen::Isometry3d deviceFromCamera =
        extrinsic ? recon::toIsometry(*extrinsic) : Eigen::Isometry3d::Identity();
    const ClockModel poseToVideo = clockModelOf(poseToVideoEstimate);
    const recon::Trajectory devicePath = recon::Trajectory::fromPoses(pose, poseToVideo);
    const CameraPoseAt cameraAt = [&](TimeNs videoT, Eigen::Quaterniond& q, Eigen::Vector3d& p) {
        const auto d = devicePath.at(videoT, maxGap);
        if (!d)
            return false;
        const Eigen::Isometry3d worldFromCamera = *d * deviceFromCamera;
        q = Eigen::Quaterniond(worldFromCamera.linear());
        p = worldFromCamera.translation();
        return true;
    };
    // Positions of another scale (a monocular SLAM's) or on a badly linked clock would spoil
    // the rotation: their translation must agree with the one the pairs measured.
    const double scale = translationScale(*evidence.visual, cameraAt);
    if (!std::isfinite(scale)) {
        evidence.translationNote = "the head hardly moved, so the pose's translation could not "
                                   "be checked against the video's; the video's rate is used "
                                   "as measured";
        return std::nullopt;
    }
    if (scale < 1 / settings.poseTranslationMaxScale || scale > settings.poseTranslationMaxScale) {
        char why[200];
        std::snprintf(why, sizeof why,
                      "the pose's translation is %.2f times the video's (positions of another "
                      "scale?); the video's rate is used as measured",
                      1 / scale);
        evidence.translationNote = why;
        return std::nullopt;
    }
    int64_t resolved = 0;
    VectorSignal cameraRate =
        rateWithKnownTranslation(*evidence.visual, cameraAt, settings.visual.huberPixels,
                                 settings.visual.minTracks, &resolved);
    if (resolved == 0)
        return std::nullopt;
    VectorSignal device = rotateSignal(cameraRate, evidence.deviceFromCamera);
    evidence.visual->rate = std::move(cameraRate);
    evidence.translationStream = poseStream;
    evidence.translationPairs = resolved;
    return device;
}

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
    if (const RigidTransform* x = videoExtrinsic(b, video->name))
        sig.deviceFromCamera = x->q;
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
        // world is the one at their time (pairs a third of a second apart, robust to hands that
        // move in the world: ~0.1 ms on synthetic episodes).
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
    std::shared_ptr<const VectorSignal> visual; // device frame
    if (r.evidence.visual && r.evidence.visual->pairs > 0) {
        const StreamDecl* video = nullptr;
        for (const StreamDecl& d : m.streams)
            if (d.name == r.evidence.videoStream)
                video = &d;
        visual = std::make_shared<const VectorSignal>(
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
                o.outlierFloorNs = settings.visualOutlierFloorNs;
                const auto& imu = b.imu.at(d.name);
                auto compare = [&imu, imuToDevice, o](const VectorSignal& v, bool coarse) {
                    return estimateClock(v, gyroSignal(imu, imuToDevice), coarse ? coarsely(o) : o);
                };
                edges.push_back({d.name,
                                 video->name,
                                 d.clock,
                                 video->clock,
                                 "gyro~visual-rotation",
                                 [visual, compare] { return compare(*visual, false); },
                                 {},
                                 compare});
            } else if (d.kind == StreamKind::Pose && b.pose.count(d.name)) {
                const auto& pose = b.pose.at(d.name);
                TimeNs period = 10'000'000;
                if (pose.size() > 1)
                    period =
                        (pose.back().tNs - pose.front().tNs) / static_cast<TimeNs>(pose.size() - 1);
                ClockEstimateOptions o = settings.gyro;
                o.estimateBias = false; // a pose has no rate bias
                o.robustPasses = settings.visualRobustPasses;
                o.outlierFloorNs = settings.visualOutlierFloorNs;
                const TimeNs maxGap =
                    static_cast<TimeNs>(settings.poseMaxGapPeriods * static_cast<double>(period));
                auto compare = [&pose, maxGap, o](const VectorSignal& v, bool coarse) {
                    return estimateClock(v, angularRateFromPose(pose, maxGap),
                                         coarse ? coarsely(o) : o);
                };
                edges.push_back({d.name,
                                 video->name,
                                 d.clock,
                                 video->clock,
                                 "pose~visual-rotation",
                                 [visual, compare] { return compare(*visual, false); },
                                 {},
                                 compare});
            }
        }
    }

    // The pairwise estimators are independent pure functions of the bundle: they run side by
    // side (one thread each; the results are the same as one after the other).
    // With pose translation (SyncSettings::poseTranslation) the links through the video wait
    // for a coarse pose ↔ video link, which places the pose's positions on the video's clock;
    // the pairs with depth are solved again with them and the links compared on that rate.
    {
        const Edge* poseLink = nullptr;
        for (const Edge& e : edges)
            if (e.method == "pose~visual-rotation" && !poseLink)
                poseLink = &e;
        const bool refine = settings.poseTranslation && poseLink && visual &&
                            r.evidence.visual->depthPairPoints &&
                            !r.evidence.visual->depthPairPoints->empty();
        std::vector<std::future<ClockEstimate>> running(edges.size());
        for (size_t i = 0; i < edges.size(); ++i)
            if (!refine || !edges[i].withVisual)
                running[i] = std::async(std::launch::async, edges[i].estimate);
        std::optional<VectorSignal> refined;
        if (refine) {
            const ClockEstimate coarse = poseLink->withVisual(*visual, true);
            if (coarse.estimated && coarse.confidence >= settings.minConfidence)
                refined =
                    rateWithPoseTranslation(b, settings, poseLink->stream, coarse, r.evidence);
            else
                r.evidence.translationNote = "the pose could not be placed on the video's clock "
                                             "surely enough to use its translation; the video's "
                                             "rate is used as measured";
            const VectorSignal& rate = refined ? *refined : *visual;
            for (size_t i = 0; i < edges.size(); ++i)
                if (edges[i].withVisual)
                    running[i] = std::async(std::launch::async, [&e = edges[i], &rate] {
                        return e.withVisual(rate, false);
                    });
        }
        for (size_t i = 0; i < edges.size(); ++i)
            edges[i].est = running[i].get();
    }

    // Each unknown clock is reached by the path whose composed residual is smallest (the
    // residuals of a chain add in quadrature, as composeClocks does): a known clock grows one
    // usable edge at a time, always the one giving the smallest total (Dijkstra; the graph is
    // tiny). A chain of precise links (IMU ↔ pose ↔ video) so beats a direct coarser one
    // (IMU ↔ video), and a coarse link never decides a clock a precise one could. Edges are
    // sorted surest first, which breaks ties.
    std::stable_sort(edges.begin(), edges.end(), [](const Edge& x, const Edge& y) {
        return x.est.confidence > y.est.confidence;
    });
    std::map<std::string, const Edge*> via; // clock → edge that made it known
    std::map<std::string, double> cost;     // clock → squared residual of its path (ns²)
    for (const auto& [clock, k] : known)
        cost[clock] = k.model.residualNs * k.model.residualNs;
    for (;;) {
        const Edge* best = nullptr;
        bool forward = true; // best links e.clock from e.otherClock
        double bestCost = 0;
        for (const Edge& e : edges) {
            if (!e.est.estimated || e.clock == e.otherClock ||
                e.est.confidence < settings.minConfidence)
                continue;
            const double own = e.est.residualNs * e.est.residualNs;
            for (const bool fwd : {true, false}) {
                const std::string& from = fwd ? e.otherClock : e.clock;
                const std::string& to = fwd ? e.clock : e.otherClock;
                if (!known.count(from) || known.count(to))
                    continue;
                const double c = cost[from] + own;
                if (!best || c < bestCost) {
                    best = &e;
                    forward = fwd;
                    bestCost = c;
                }
            }
        }
        if (!best)
            break;
        const ClockModel rel = clockModelOf(best->est);
        const std::string& to = forward ? best->clock : best->otherClock;
        known[to] = {forward ? composeClocks(rel, known[best->otherClock].model)
                             : composeClocks(invertClock(rel), known[best->clock].model),
                     best->method};
        via[to] = best;
        cost[to] = bestCost;
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

AlignmentVerdict alignmentVerdict(const ClockModel& model, const SyncSettings& settings) {
    using Why = AlignmentVerdict::Why;
    if (model.method == "manual")
        return {true, Why::SetByHand, 0, 0, "clock model set by hand"};
    if (model.method == "file")
        return {true, Why::Declared, 0, 0, "declared in episode.json"};
    if (model.method != "estimated")
        return model.confidence > 0
                   ? AlignmentVerdict{true, Why::OnTimeline, 0, 0, "on the timeline clock"}
                   : AlignmentVerdict{false, Why::NotAligned, 0, 0,
                                      "not aligned to the camera clock"};
    char buf[200];
    if (model.confidence < settings.minConfidence) {
        std::snprintf(buf, sizeof buf, "confidence %.2f below %.2f", model.confidence,
                      settings.minConfidence);
        return {false, Why::LowConfidence, model.confidence, settings.minConfidence, buf};
    }
    const double residualMs = model.residualNs * 1e-6;
    if (residualMs > settings.toleranceMs) {
        std::snprintf(buf, sizeof buf, "residual %.3f ms above the tolerance of %.3f ms",
                      residualMs, settings.toleranceMs);
        return {false, Why::ResidualAbove, residualMs, settings.toleranceMs, buf};
    }
    std::snprintf(buf, sizeof buf, "residual %.3f ms within %.3f ms", residualMs,
                  settings.toleranceMs);
    return {true, Why::ResidualWithin, residualMs, settings.toleranceMs, buf};
}

} // namespace ts::core::sync
