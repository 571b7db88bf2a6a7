#include "annotation/keypoints.h"

#include "annotation/editsession.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "util/error.h"

#include <cmath>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

int64_t handsStreamId(EditSession& s, const EpisodeStreams& streams) {
    if (streams.handsStream.empty())
        throw Error(s.db().fileName(),
                    "episode " + s.episode().ident + " has no hands stream to correct");
    Statement st = s.db().prepare("SELECT id FROM stream WHERE episode_id = ? AND name = ?");
    st.bindAll(s.episode().rowId, streams.handsStream);
    if (!st.step())
        throw Error(s.db().fileName(), "episode " + s.episode().ident + " has no stream '" +
                                           streams.handsStream + "'");
    return st.int64(0);
}

const HandSample* sampleAt(const EpisodeStreams& streams, Hand hand, TimeNs raw) {
    for (const HandSample& h : streams.hands)
        if (h.hand == hand && h.tNs == raw)
            return &h;
    return nullptr;
}

void checkJoint(EditSession& s, int joint) {
    if (joint < 0 || joint >= kHandJointCount)
        throw Error(s.db().fileName(), "episode " + s.episode().ident + ": joint " +
                                           std::to_string(joint) + " is not one of 0..20");
}

const HandSample& requireSample(EditSession& s, const EpisodeStreams& streams, Hand hand,
                                TimeNs raw) {
    const HandSample* h = sampleAt(streams, hand, raw);
    if (!h)
        throw Error(s.db().fileName(), "episode " + s.episode().ident + ": hands stream '" +
                                           streams.handsStream + "' has no " +
                                           std::string(handName(hand)) +
                                           " hand sample at raw time " + std::to_string(raw) +
                                           " ns");
    return *h;
}

// Inserts or replaces one correction inside the session.
void setCorrection(EditSession& s, int64_t streamId, Hand hand, int joint, TimeNs raw,
                   const Vec3& p) {
    Statement st = s.db().prepare("SELECT id FROM keypoint_correction WHERE stream_id = ? AND "
                                  "t_ns = ? AND hand = ? AND joint = ?");
    st.bindAll(streamId, raw, handName(hand), joint);
    const json pos{{"x", p[0]}, {"y", p[1]}, {"z", p[2]}};
    if (st.step()) {
        json cols = pos;
        cols["author_id"] = s.actor().id;
        s.update("keypoint_correction", st.int64(0), cols);
        return;
    }
    json row = pos;
    row.update(json{{"episode_id", s.episode().rowId},
                    {"stream_id", streamId},
                    {"t_ns", raw},
                    {"hand", std::string(handName(hand))},
                    {"joint", joint},
                    {"author_id", s.actor().id},
                    {"created_at", utcNowIso8601()}});
    s.insert("keypoint_correction", row);
}

} // namespace

std::vector<KeypointCorrection> keypointCorrections(ProjectStore& store,
                                                    const std::string& episode) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    Statement st = db.prepare(
        "SELECT k.id, s.name, k.t_ns, k.hand, k.joint, k.x, k.y, k.z, u.name, k.created_at "
        "FROM keypoint_correction k JOIN stream s ON s.id = k.stream_id "
        "JOIN user_account u ON u.id = k.author_id WHERE k.episode_id = ? "
        "ORDER BY k.hand, k.joint, k.t_ns");
    st.bind(1, e.rowId);
    std::vector<KeypointCorrection> out;
    while (st.step()) {
        KeypointCorrection k;
        k.id = st.int64(0);
        k.episode = episode;
        k.stream = st.text(1);
        k.rawNs = st.int64(2);
        k.hand = st.text(3) == "left" ? Hand::Left : Hand::Right;
        k.joint = static_cast<int>(st.int64(4));
        k.position = {st.real(5), st.real(6), st.real(7)};
        k.author = st.text(8);
        k.createdAt = st.text(9);
        out.push_back(std::move(k));
    }
    return out;
}

Edit correctKeypoint(ProjectStore& store, const std::string& actor, const std::string& episode,
                     const EpisodeStreams& streams, Hand hand, int joint, TimeNs rawNs,
                     const Vec3& position) {
    EditSession s(store, actor, episode, "correct keypoints of");
    checkJoint(s, joint);
    for (double v : position)
        if (!std::isfinite(v) || std::abs(v) > 10.0)
            throw Error(s.db().fileName(), "episode " + episode +
                                               ": a corrected joint must be finite and within "
                                               "10 m of the device");
    const int64_t streamId = handsStreamId(s, streams);
    requireSample(s, streams, hand, rawNs);
    setCorrection(s, streamId, hand, joint, rawNs, position);
    Statement st = s.db().prepare("SELECT id FROM keypoint_correction WHERE stream_id = ? AND "
                                  "t_ns = ? AND hand = ? AND joint = ?");
    st.bindAll(streamId, rawNs, handName(hand), joint);
    st.step();
    const int64_t id = st.int64(0);
    return s.commit("keypoint.correct", "keypoint_correction", id,
                    "correct " + std::string(handName(hand)) + " " +
                        std::string(handJointName(joint)));
}

Edit deleteKeypointCorrection(ProjectStore& store, const std::string& actor, int64_t id) {
    const std::string episode = episodeOfRow(store.database(), "keypoint_correction", id);
    EditSession s(store, actor, episode, "delete keypoint corrections of");
    s.remove("keypoint_correction", id);
    return s.commit("keypoint.delete", "keypoint_correction", id, "delete keypoint correction");
}

Edit interpolateCorrections(ProjectStore& store, const std::string& actor,
                            const std::string& episode, const EpisodeStreams& streams, Hand hand,
                            int joint, TimeNs fromRaw, TimeNs toRaw) {
    EditSession s(store, actor, episode, "correct keypoints of");
    checkJoint(s, joint);
    if (toRaw <= fromRaw)
        throw Error(s.db().fileName(),
                    "episode " + episode + ": interpolation needs from < to (raw times)");
    const int64_t streamId = handsStreamId(s, streams);
    auto corrected = [&](TimeNs raw) {
        Statement st = s.db().prepare("SELECT x, y, z FROM keypoint_correction WHERE stream_id "
                                      "= ? AND t_ns = ? AND hand = ? AND joint = ?");
        st.bindAll(streamId, raw, handName(hand), joint);
        if (!st.step())
            throw Error(s.db().fileName(),
                        "episode " + episode + ": the " + std::string(handName(hand)) + " " +
                            std::string(handJointName(joint)) + " has no correction at raw time " +
                            std::to_string(raw) + " ns to interpolate from");
        return Vec3{st.real(0), st.real(1), st.real(2)};
    };
    const Vec3 ca = corrected(fromRaw), cb = corrected(toRaw);
    const HandSample& a = requireSample(s, streams, hand, fromRaw);
    const HandSample& b = requireSample(s, streams, hand, toRaw);
    int filled = 0;
    for (const HandSample& h : streams.hands) {
        if (h.hand != hand || h.tNs <= fromRaw || h.tNs >= toRaw)
            continue;
        const double u = static_cast<double>(h.tNs - fromRaw) / static_cast<double>(toRaw - fromRaw);
        Vec3 p;
        for (int k = 0; k < 3; ++k) {
            const double offA = ca[k] - a.joints[joint][k];
            const double offB = cb[k] - b.joints[joint][k];
            p[k] = h.joints[joint][k] + (1 - u) * offA + u * offB;
        }
        setCorrection(s, streamId, hand, joint, h.tNs, p);
        ++filled;
    }
    if (filled == 0)
        throw Error(s.db().fileName(), "episode " + episode +
                                           ": there is no sample between the two corrections");
    return s.commit("keypoint.interpolate", "keypoint_correction", 0,
                    "interpolate " + std::string(handName(hand)) + " " +
                        std::string(handJointName(joint)) + " over " + std::to_string(filled) +
                        " samples");
}

std::vector<EffectiveHand> effectiveHandsAt(const EpisodeStreams& streams,
                                            const std::vector<KeypointCorrection>& corrections,
                                            TimeNs t, TimeNs maxDistanceNs) {
    std::vector<EffectiveHand> out;
    for (Hand hand : {Hand::Left, Hand::Right}) {
        const HandSample* best = nullptr;
        TimeNs bestD = 0;
        for (const HandSample& h : streams.hands) {
            if (h.hand != hand)
                continue;
            const TimeNs d = std::llabs(streams.handsClock.toTimeline(h.tNs) - t);
            if (d <= maxDistanceNs && (!best || d < bestD)) {
                best = &h;
                bestD = d;
            }
        }
        if (!best)
            continue;
        EffectiveHand e;
        e.hand = hand;
        e.rawNs = best->tNs;
        e.tNs = streams.handsClock.toTimeline(best->tNs);
        e.confidence = best->confidence;
        e.joints = best->joints;
        for (const KeypointCorrection& k : corrections)
            if (k.hand == hand && k.rawNs == best->tNs && k.stream == streams.handsStream) {
                e.joints[static_cast<size_t>(k.joint)] = k.position;
                e.corrected[static_cast<size_t>(k.joint)] = true;
            }
        out.push_back(e);
    }
    return out;
}

} // namespace ts::core::annotation
