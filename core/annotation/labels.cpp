#include "annotation/labels.h"

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
    "SELECT l.id, e.ident, l.tier, l.start_ns, l.end_ns, l.text, u.name, l.created_at, "
    "l.updated_at FROM label l JOIN episode e ON e.id = l.episode_id "
    "JOIN user_account u ON u.id = l.author_id";

LabelRecord readLabel(const Statement& st) {
    LabelRecord r;
    r.id = st.int64(0);
    r.episode = st.text(1);
    r.tier = st.text(2);
    r.startNs = st.int64(3);
    r.endNs = st.int64(4);
    r.text = st.text(5);
    r.author = st.text(6);
    r.createdAt = st.text(7);
    r.updatedAt = st.text(8);
    return r;
}

std::string trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return "";
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// The span checked against the tiers and the episode's recorded range, snapped.
LabelSpan checkedSpan(ProjectStore& store, EditSession& s, const LabelSpan& in,
                      const EpisodeTiming& timing, Snap snap) {
    const std::string where = "episode " + s.episode().ident + ": ";
    const auto tiers = labelTiers(store);
    if (std::find(tiers.begin(), tiers.end(), in.tier) == tiers.end()) {
        std::string known;
        for (const auto& t : tiers)
            known += (known.empty() ? "" : ", ") + t;
        throw Error(s.db().fileName(),
                    where + "unknown label tier '" + in.tier + "' (known: " + known + ")");
    }
    LabelSpan span = snapSpan(in, timing, snap);
    span.text = trimmed(in.text);
    if (span.text.empty())
        throw Error(s.db().fileName(), where + "a label needs a text");
    const TimeNs t0 = s.episode().timelineStartNs, t1 = s.episode().timelineEndNs;
    if (in.endNs <= in.startNs)
        throw Error(s.db().fileName(), where + "label '" + span.text + "' ends (" +
                                           secondsText(in.endNs, t0) + ") before it starts (" +
                                           secondsText(in.startNs, t0) + ")");
    if (span.endNs <= span.startNs)
        throw Error(s.db().fileName(),
                    where + "label '" + span.text + "' from " + secondsText(in.startNs, t0) +
                        " to " + secondsText(in.endNs, t0) + " is shorter than one video frame");
    if (span.startNs < t0 || span.endNs > t1)
        throw Error(s.db().fileName(),
                    where + "label '" + span.text + "' from " + secondsText(span.startNs, t0) +
                        " to " + secondsText(span.endNs, t0) +
                        " lies outside the recording (0 to " + secondsText(t1, t0) + ")");
    return span;
}

} // namespace

std::string secondsText(TimeNs t, TimeNs start) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f s", nsToSeconds(t - start));
    return buf;
}

TimeNs snapTime(TimeNs t, const EpisodeTiming& timing, Snap snap) {
    if (snap == Snap::None)
        return t;
    if (snap == Snap::ContactOnset)
        if (auto o = timing.nearestOnset(t, kOnsetSnapNs))
            return *o;
    return timing.snapToFrame(t);
}

LabelSpan snapSpan(const LabelSpan& span, const EpisodeTiming& timing, Snap snap) {
    LabelSpan out = span;
    out.startNs = snapTime(span.startNs, timing, snap);
    out.endNs = snapTime(span.endNs, timing, snap);
    return out;
}

std::vector<LabelRecord> labels(ProjectStore& store, const std::string& episode) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    Statement st = db.prepare(std::string(kSelect) +
                              " WHERE l.episode_id = ? ORDER BY l.tier, l.start_ns, l.id");
    st.bind(1, e.rowId);
    std::vector<LabelRecord> out;
    while (st.step())
        out.push_back(readLabel(st));
    return out;
}

std::optional<LabelRecord> findLabel(ProjectStore& store, int64_t id) {
    Statement st = store.database().prepare(std::string(kSelect) + " WHERE l.id = ?");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return readLabel(st);
}

Edit addLabel(ProjectStore& store, const std::string& actor, const std::string& episode,
              const LabelSpan& in, const EpisodeTiming& timing, Snap snap) {
    EditSession s(store, actor, episode, "add labels to");
    const LabelSpan span = checkedSpan(store, s, in, timing, snap);
    const std::string now = utcNowIso8601();
    const int64_t id = s.insert("label", {{"episode_id", s.episode().rowId},
                                          {"tier", span.tier},
                                          {"start_ns", span.startNs},
                                          {"end_ns", span.endNs},
                                          {"text", span.text},
                                          {"author_id", s.actor().id},
                                          {"created_at", now},
                                          {"updated_at", now}});
    return s.commit("label.create", "label", id, "add " + span.tier + " label '" + span.text + "'");
}

Edit updateLabel(ProjectStore& store, const std::string& actor, int64_t id, const LabelSpan& in,
                 const EpisodeTiming& timing, Snap snap) {
    const std::string episode = episodeOfRow(store.database(), "label", id);
    EditSession s(store, actor, episode, "change labels of");
    const LabelSpan span = checkedSpan(store, s, in, timing, snap);
    s.update("label", id, {{"tier", span.tier},
                           {"start_ns", span.startNs},
                           {"end_ns", span.endNs},
                           {"text", span.text},
                           {"updated_at", utcNowIso8601()}});
    return s.commit("label.update", "label", id, "change label '" + span.text + "'");
}

Edit deleteLabel(ProjectStore& store, const std::string& actor, int64_t id) {
    const std::string episode = episodeOfRow(store.database(), "label", id);
    EditSession s(store, actor, episode, "delete labels of");
    const std::string text = s.row("label", id).value("text", "");
    s.remove("label", id);
    return s.commit("label.delete", "label", id, "delete label '" + text + "'");
}

std::vector<VocabularyEntry> vocabulary(ProjectStore& store, const std::string& tier,
                                        const std::string& prefix, int limit) {
    // A range on the (tier, text) index instead of LIKE, so that the prefix is literal and fast.
    Statement st = store.database().prepare(
        "SELECT text, count(*) AS n FROM label WHERE tier = ? AND text >= ? AND "
        "(? = '' OR text < ?) GROUP BY text ORDER BY n DESC, text LIMIT ?");
    std::string upper = prefix;
    if (!upper.empty())
        upper.push_back(static_cast<char>(0xff)); // above every UTF-8 byte (BINARY collation)
    st.bindAll(tier, prefix, prefix, upper, int64_t{limit});
    std::vector<VocabularyEntry> out;
    while (st.step()) {
        const std::string text = st.text(0);
        if (text.rfind(prefix, 0) == 0)
            out.push_back({text, st.int64(1)});
    }
    return out;
}

std::vector<LabelRecord> findLabels(ProjectStore& store, const std::string& tier,
                                    const std::string& contains, int64_t limit) {
    // Conditions only for what is asked, so that a tier filter uses the (tier, text) index.
    std::string where = " WHERE 1";
    if (!tier.empty())
        where += " AND l.tier = ?1";
    if (!contains.empty())
        where += " AND instr(l.text, ?2) > 0";
    Statement st = store.database().prepare(std::string(kSelect) + where +
                                            " ORDER BY l.episode_id, l.start_ns, l.id LIMIT ?3");
    if (!tier.empty())
        st.bind(1, tier);
    if (!contains.empty())
        st.bind(2, contains);
    st.bind(3, limit);
    std::vector<LabelRecord> out;
    while (st.step())
        out.push_back(readLabel(st));
    return out;
}

} // namespace ts::core::annotation
