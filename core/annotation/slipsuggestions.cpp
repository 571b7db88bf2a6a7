#include "annotation/slipsuggestions.h"

#include "annotation/editsession.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "util/error.h"

#include <cstdio>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

bool overlaps(TimeNs a0, TimeNs a1, TimeNs b0, TimeNs b1) {
    return a0 <= b1 && b0 <= a1;
}

std::string describe(const SlipCandidate& s) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "suggested: grip %.1f N fell to %.1f N (%.0f%%)", s.peakN,
                  s.minN, 100.0 * s.dropFraction);
    std::string out = buf;
    if (s.tipMotionM >= 0) {
        std::snprintf(buf, sizeof buf, ", fingertips moved %.1f mm", 1000.0 * s.tipMotionM);
        out += buf;
    }
    return out;
}

Edit decide(ProjectStore& store, const std::string& actor, const std::string& episode,
            const SlipCandidate& s, const std::string& note, bool accept) {
    EditSession session(store, actor, episode,
                        accept ? "accept slip suggestions of" : "dismiss slip suggestions of");
    const std::string hand(handName(s.hand));
    {
        Statement st = session.db().prepare(
            "SELECT decision FROM slip_decision WHERE episode_id = ? AND hand = ? AND "
            "start_ns <= ? AND end_ns >= ?");
        st.bindAll(session.episode().rowId, hand, s.endNs, s.startNs);
        if (st.step())
            throw Error(session.db().fileName(),
                        "episode " + episode + ": a slip suggestion of the " + hand +
                            " hand at this time was already " + st.text(0));
    }
    if (s.endNs < s.startNs || s.startNs < session.episode().timelineStartNs ||
        s.endNs > session.episode().timelineEndNs)
        throw Error(session.db().fileName(),
                    "episode " + episode + ": the slip suggestion lies outside the recording");
    const std::string now = utcNowIso8601();
    json eventId = nullptr;
    if (accept) {
        const std::string text = describe(s) + (note.empty() ? "" : "; " + note);
        eventId = session.insert("event", {{"episode_id", session.episode().rowId},
                                           {"kind", "slip"},
                                           {"custom_kind", ""},
                                           {"start_ns", s.startNs},
                                           {"end_ns", s.endNs},
                                           {"hand", hand},
                                           {"note", text},
                                           {"author_id", session.actor().id},
                                           {"created_at", now},
                                           {"updated_at", now}});
    }
    const int64_t id = session.insert("slip_decision", {{"episode_id", session.episode().rowId},
                                                        {"hand", hand},
                                                        {"start_ns", s.startNs},
                                                        {"end_ns", s.endNs},
                                                        {"decision", accept ? "accepted" : "dismissed"},
                                                        {"event_id", eventId},
                                                        {"decided_by", session.actor().id},
                                                        {"decided_at", now}});
    return session.commit(accept ? "slip_suggestion.accept" : "slip_suggestion.dismiss",
                          "slip_decision", id,
                          (accept ? "accept" : "dismiss") + std::string(" slip suggestion"));
}

} // namespace

std::vector<SlipCandidate> slipSuggestions(ProjectStore& store, const std::string& episode) {
    return slipSuggestions(store, episode, EpisodeStreams::load(store, episode));
}

std::vector<SlipCandidate> slipSuggestions(ProjectStore& store, const std::string& episode,
                                           const EpisodeStreams& streams,
                                           const SlipDetectorOptions& options) {
    return untakenSlips(store, episode, episodeSlipCandidates(streams, options));
}

std::vector<SlipCandidate> episodeSlipCandidates(const EpisodeStreams& streams,
                                                 const SlipDetectorOptions& options) {
    std::vector<HandSample> hands = streams.hands;
    for (HandSample& h : hands)
        h.tNs = streams.handsClock.toTimeline(h.tNs);
    ForceSeries force = streams.force;
    for (TimeNs& t : force.tNs)
        t = streams.forceClock.toTimeline(t);
    return detectSlips(hands, force, options);
}

std::vector<SlipCandidate> untakenSlips(ProjectStore& store, const std::string& episode,
                                        const std::vector<SlipCandidate>& candidates) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    struct Taken {
        std::string hand;
        TimeNs start, end;
    };
    std::vector<Taken> taken;
    {
        Statement st = db.prepare("SELECT hand, start_ns, end_ns FROM slip_decision WHERE "
                                  "episode_id = ?");
        st.bind(1, e.rowId);
        while (st.step())
            taken.push_back({st.text(0), st.int64(1), st.int64(2)});
    }
    {
        Statement st = db.prepare("SELECT hand, start_ns, coalesce(end_ns, start_ns) FROM event "
                                  "WHERE episode_id = ? AND kind = 'slip'");
        st.bind(1, e.rowId);
        while (st.step())
            taken.push_back({st.isNull(0) ? "both" : st.text(0), st.int64(1), st.int64(2)});
    }
    std::vector<SlipCandidate> out;
    for (const SlipCandidate& c : candidates) {
        const std::string hand(handName(c.hand));
        bool decided = false;
        for (const Taken& t : taken)
            if ((t.hand == hand || t.hand == "both") && overlaps(c.startNs, c.endNs, t.start, t.end))
                decided = true;
        if (!decided)
            out.push_back(c);
    }
    return out;
}

Edit acceptSlipSuggestion(ProjectStore& store, const std::string& actor,
                          const std::string& episode, const SlipCandidate& s,
                          const std::string& note) {
    return decide(store, actor, episode, s, note, true);
}

Edit dismissSlipSuggestion(ProjectStore& store, const std::string& actor,
                           const std::string& episode, const SlipCandidate& s) {
    return decide(store, actor, episode, s, "", false);
}

} // namespace ts::core::annotation
