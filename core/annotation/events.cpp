#include "annotation/events.h"

#include "annotation/annotationsettings.h"
#include "annotation/editsession.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "util/error.h"

#include <algorithm>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

constexpr const char* kSelect =
    "SELECT v.id, e.ident, v.kind, v.custom_kind, v.start_ns, v.end_ns, v.hand, v.note, "
    "v.recovers_id, u.name, v.created_at, v.updated_at FROM event v "
    "JOIN episode e ON e.id = v.episode_id JOIN user_account u ON u.id = v.author_id";

EventRecord readEvent(const Statement& st) {
    EventRecord r;
    r.id = st.int64(0);
    r.episode = st.text(1);
    r.spec.kind = st.text(2) == "custom" ? st.text(3) : st.text(2);
    r.spec.startNs = st.int64(4);
    r.spec.endNs = st.optInt64(5);
    r.spec.hand = st.optText(6);
    r.spec.note = st.text(7);
    r.spec.recovers = st.optInt64(8);
    r.author = st.text(9);
    r.createdAt = st.text(10);
    r.updatedAt = st.text(11);
    return r;
}

bool columnKind(const std::string& k) {
    return k == "slip" || k == "regrasp" || k == "recovery" || k == "contact";
}

// The columns of a checked, snapped spec.
json checkedColumns(ProjectStore& store, EditSession& s, const EventSpec& in,
                    const EpisodeTiming& timing, Snap snap, std::optional<int64_t> self) {
    const std::string file = s.db().fileName();
    const std::string where = "episode " + s.episode().ident + ": ";
    const auto kinds = eventKinds(store);
    if (std::find(kinds.begin(), kinds.end(), in.kind) == kinds.end()) {
        std::string known;
        for (const auto& k : kinds)
            known += (known.empty() ? "" : ", ") + k;
        throw Error(file, where + "unknown event kind '" + in.kind + "' (known: " + known + ")");
    }
    if (in.hand && *in.hand != "left" && *in.hand != "right" && *in.hand != "both")
        throw Error(file, where + "event hand '" + *in.hand + "' is not left, right or both");
    if (in.endNs && *in.endNs < in.startNs)
        throw Error(file, where + in.kind + " event ends before it starts");
    const TimeNs start = snapTime(in.startNs, timing, snap);
    std::optional<TimeNs> end;
    if (in.endNs)
        end = std::max(start, snapTime(*in.endNs, timing, snap));
    const TimeNs t0 = s.episode().timelineStartNs, t1 = s.episode().timelineEndNs;
    if (start < t0 || end.value_or(start) > t1)
        throw Error(file, where + in.kind + " event at " +
                              secondsText(start < t0 ? start : end.value_or(start), t0) +
                              " lies outside the recording (0 to " + secondsText(t1, t0) + ")");
    if (in.recovers) {
        if (in.kind != "recovery")
            throw Error(file, where + "only a recovery links to a slip, not a " + in.kind);
        if (self && *in.recovers == *self)
            throw Error(file, where + "an event cannot recover from itself");
        const json slip = s.row("event", *in.recovers);
        if (slip.is_null() || slip["episode_id"].get<int64_t>() != s.episode().rowId)
            throw Error(file, where + "recovery links event " + std::to_string(*in.recovers) +
                                  ", which is not an event of this episode");
        if (slip["kind"] != "slip")
            throw Error(file, where + "recovery links event " + std::to_string(*in.recovers) +
                                  ", which is a " + slip["kind"].get<std::string>() +
                                  ", not a slip");
    }
    json c{{"kind", columnKind(in.kind) ? in.kind : "custom"},
           {"custom_kind", columnKind(in.kind) ? "" : in.kind},
           {"start_ns", start},
           {"end_ns", end ? json(*end) : json(nullptr)},
           {"hand", in.hand ? json(*in.hand) : json(nullptr)},
           {"note", in.note},
           {"recovers_id", in.recovers ? json(*in.recovers) : json(nullptr)}};
    return c;
}

} // namespace

std::vector<EventRecord> events(ProjectStore& store, const std::string& episode) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    Statement st =
        db.prepare(std::string(kSelect) + " WHERE v.episode_id = ? ORDER BY v.start_ns, v.id");
    st.bind(1, e.rowId);
    std::vector<EventRecord> out;
    while (st.step())
        out.push_back(readEvent(st));
    return out;
}

std::optional<EventRecord> findEvent(ProjectStore& store, int64_t id) {
    Statement st = store.database().prepare(std::string(kSelect) + " WHERE v.id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readEvent(st);
}

Edit addEvent(ProjectStore& store, const std::string& actor, const std::string& episode,
              const EventSpec& spec, const EpisodeTiming& timing, Snap snap) {
    EditSession s(store, actor, episode, "add events to");
    json row = checkedColumns(store, s, spec, timing, snap, std::nullopt);
    const std::string now = utcNowIso8601();
    row["episode_id"] = s.episode().rowId;
    row["author_id"] = s.actor().id;
    row["created_at"] = now;
    row["updated_at"] = now;
    const int64_t id = s.insert("event", row);
    return s.commit("event.create", "event", id, "add " + spec.kind + " event");
}

Edit updateEvent(ProjectStore& store, const std::string& actor, int64_t id, const EventSpec& spec,
                 const EpisodeTiming& timing, Snap snap) {
    const std::string episode = episodeOfRow(store.database(), "event", id);
    EditSession s(store, actor, episode, "change events of");
    json cols = checkedColumns(store, s, spec, timing, snap, id);
    const json old = s.row("event", id);
    if (old["kind"] == "slip" && cols["kind"] != "slip" &&
        s.db().queryInt("SELECT count(*) FROM event WHERE recovers_id = " + std::to_string(id)) > 0)
        throw Error(s.db().fileName(), "episode " + episode + ": event " + std::to_string(id) +
                                           " is a slip that a recovery links to; it stays a slip");
    cols["updated_at"] = utcNowIso8601();
    s.update("event", id, cols);
    return s.commit("event.update", "event", id, "change " + spec.kind + " event");
}

Edit deleteEvent(ProjectStore& store, const std::string& actor, int64_t id) {
    const std::string episode = episodeOfRow(store.database(), "event", id);
    EditSession s(store, actor, episode, "delete events of");
    {
        Statement st = s.db().prepare("SELECT id FROM event WHERE recovers_id = ? ORDER BY id");
        st.bind(1, id);
        if (st.step())
            throw Error(s.db().fileName(),
                        "episode " + episode + ": slip event " + std::to_string(id) +
                            " is linked by recovery event " + std::to_string(st.int64(0)) +
                            "; unlink or delete the recovery first");
    }
    // An accepted slip suggestion is forgotten with its event, so that it is proposed again.
    std::vector<int64_t> decisions;
    {
        Statement st = s.db().prepare("SELECT id FROM slip_decision WHERE event_id = ?");
        st.bind(1, id);
        while (st.step())
            decisions.push_back(st.int64(0));
    }
    for (int64_t d : decisions)
        s.remove("slip_decision", d);
    const json old = s.row("event", id);
    const std::string kind =
        old["kind"] == "custom" ? old["custom_kind"].get<std::string>() : old["kind"].get<std::string>();
    s.remove("event", id);
    return s.commit("event.delete", "event", id, "delete " + kind + " event");
}

} // namespace ts::core::annotation
