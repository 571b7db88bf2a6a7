// touchstone-cli label|event PROJECT EPISODE ACTION ...: labels and events of one episode, slip
// suggestions, and undo of the acting user's last edit (docs/cli.md, docs/annotation.md).
// Times on the command line are seconds from the episode's start; --as USER acts as that user.
#include "annotation/edit.h"
#include "annotation/events.h"
#include "annotation/labels.h"
#include "annotation/slipsuggestions.h"
#include "cli/annotationcli.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <ostream>

namespace ts::core::cli {

using nlohmann::json;
using namespace ts::core::annotation;

namespace {

json labelJson(const LabelRecord& l, TimeNs t0) {
    return {{"id", l.id},         {"episode", l.episode},
            {"tier", l.tier},     {"from", secondsFrom(l.startNs, t0)},
            {"to", secondsFrom(l.endNs, t0)}, {"start_ns", l.startNs},
            {"end_ns", l.endNs},  {"text", l.text},
            {"author", l.author}, {"created_at", l.createdAt},
            {"updated_at", l.updatedAt}};
}

json eventJson(const EventRecord& e, TimeNs t0) {
    const EventSpec& s = e.spec;
    return {{"id", e.id},
            {"episode", e.episode},
            {"kind", s.kind},
            {"at", secondsFrom(s.startNs, t0)},
            {"to", s.endNs ? json(secondsFrom(*s.endNs, t0)) : json(nullptr)},
            {"start_ns", s.startNs},
            {"end_ns", s.endNs ? json(*s.endNs) : json(nullptr)},
            {"hand", s.hand ? json(*s.hand) : json(nullptr)},
            {"note", s.note},
            {"recovers", s.recovers ? json(*s.recovers) : json(nullptr)},
            {"author", e.author},
            {"created_at", e.createdAt},
            {"updated_at", e.updatedAt}};
}

json suggestionJson(const SlipCandidate& c, size_t index, TimeNs t0) {
    return {{"index", index},
            {"hand", std::string(handName(c.hand))},
            {"from", secondsFrom(c.startNs, t0)},
            {"to", secondsFrom(c.endNs, t0)},
            {"start_ns", c.startNs},
            {"end_ns", c.endNs},
            {"peak_n", c.peakN},
            {"min_n", c.minN},
            {"drop_fraction", c.dropFraction},
            {"tip_motion_m", c.tipMotionM < 0 ? json(nullptr) : json(c.tipMotionM)},
            {"score", c.score}};
}

Snap snapOf(const Args& a) {
    const std::string s = a.value("snap").value_or("frame");
    if (s == "frame")
        return Snap::Frame;
    if (s == "contact")
        return Snap::ContactOnset;
    if (s == "none")
        return Snap::None;
    throw UsageError("--snap takes frame, contact or none, not '" + s + "'");
}

int64_t idArg(const std::vector<std::string>& pos, const std::string& what) {
    if (pos.size() != 4)
        throw UsageError(what + " needs the " + what.substr(0, what.find(' ')) + "'s ID");
    try {
        size_t used = 0;
        const long long id = std::stoll(pos[3], &used);
        if (used == pos[3].size() && id > 0)
            return id;
    } catch (const std::exception&) {
    }
    throw UsageError("'" + pos[3] + "' is not an id");
}

// Undo of the acting user's newest edit on the episode (any kind: label, event, correction).
int undoLast(ProjectStore& store, const std::string& actor, const std::string& episode,
             bool asJson, std::ostream& out) {
    const Edit last = lastUndoableEdit(store, actor, episode);
    if (last.auditSeq == 0)
        throw Error(store.file().string(),
                    actor + " has no edit on episode " + episode + " left to undo");
    const Edit done = undo(store, actor, last);
    if (asJson)
        out << json{{"undone", editJson(last)}, {"edit", editJson(done)}}.dump(2) << "\n";
    else
        out << "undone: " << last.text << " (audit entry " << last.auditSeq << ")\n";
    return 0;
}

} // namespace

int cmdLabel(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"as", "user", "tier", "from", "to", "text", "snap", "prefix", "limit"});
    const auto& pos = a.positional();
    if (pos.size() < 3)
        throw UsageError("label takes PROJECT EPISODE add|list|update ID|delete ID|undo|vocabulary");
    ProjectStore store = ProjectStore::open(resolveProjectFile(pos[0]));
    const std::string& episode = pos[1];
    const std::string& action = pos[2];
    const std::string actor = actingUser(a);
    const bool asJson = a.flag("json");
    const auto t0 = episodeStart(store, episode);

    if (action == "list") {
        json list = json::array();
        for (const LabelRecord& l : labels(store, episode))
            if (!a.value("tier") || l.tier == *a.value("tier"))
                list.push_back(labelJson(l, t0));
        if (asJson) {
            out << json{{"episode", episode}, {"labels", list}}.dump(2) << "\n";
        } else {
            for (const json& l : list) {
                char buf[64];
                std::snprintf(buf, sizeof buf, "%8.3f %8.3f", l["from"].get<double>(),
                              l["to"].get<double>());
                out << l["id"].get<int64_t>() << "\t" << l["tier"].get<std::string>() << "\t"
                    << buf << "\t" << l["text"].get<std::string>() << "\t("
                    << l["author"].get<std::string>() << ")\n";
            }
        }
        return 0;
    }
    if (action == "vocabulary") {
        json list = json::array();
        for (const VocabularyEntry& v :
             vocabulary(store, a.value("tier").value_or("task"), a.value("prefix").value_or(""),
                        static_cast<int>(a.integer("limit", 20))))
            list.push_back({{"text", v.text}, {"uses", v.uses}});
        if (asJson)
            out << json{{"tier", a.value("tier").value_or("task")}, {"vocabulary", list}}.dump(2)
                << "\n";
        else
            for (const json& v : list)
                out << v["uses"].get<int64_t>() << "\t" << v["text"].get<std::string>() << "\n";
        return 0;
    }
    if (action == "undo")
        return undoLast(store, actor, episode, asJson, out);

    const EpisodeTiming timing = EpisodeTiming::load(store, episode);
    Edit edit;
    if (action == "add") {
        if (!a.value("from") || !a.value("to") || !a.value("text"))
            throw UsageError("label add needs --from S --to S --text TEXT");
        LabelSpan span;
        span.tier = a.value("tier").value_or("task");
        span.startNs = t0 + secondsToNs(a.number("from", 0));
        span.endNs = t0 + secondsToNs(a.number("to", 0));
        span.text = *a.value("text");
        edit = addLabel(store, actor, episode, span, timing, snapOf(a));
    } else if (action == "update") {
        const int64_t id = idArg(pos, "label update");
        const auto old = findLabel(store, id);
        if (!old || old->episode != episode)
            throw Error(store.file().string(),
                        "episode " + episode + " has no label " + std::to_string(id));
        LabelSpan span{old->tier, old->startNs, old->endNs, old->text};
        if (a.value("tier"))
            span.tier = *a.value("tier");
        if (a.value("from"))
            span.startNs = t0 + secondsToNs(a.number("from", 0));
        if (a.value("to"))
            span.endNs = t0 + secondsToNs(a.number("to", 0));
        if (a.value("text"))
            span.text = *a.value("text");
        edit = updateLabel(store, actor, id, span, timing, snapOf(a));
    } else if (action == "delete") {
        const int64_t id = idArg(pos, "label delete");
        const auto old = findLabel(store, id);
        if (!old || old->episode != episode)
            throw Error(store.file().string(),
                        "episode " + episode + " has no label " + std::to_string(id));
        edit = deleteLabel(store, actor, id);
    } else {
        throw UsageError("unknown label action '" + action +
                         "' (add, list, update, delete, undo, vocabulary)");
    }
    const auto now = findLabel(store, edit.entityId);
    if (asJson)
        out << json{{"edit", editJson(edit)}, {"label", now ? labelJson(*now, t0) : json(nullptr)}}
                   .dump(2)
            << "\n";
    else
        out << edit.text << " (label " << edit.entityId << ", audit entry " << edit.auditSeq
            << ")\n";
    return 0;
}

int cmdEvent(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"},
           {"as", "user", "kind", "at", "to", "hand", "note", "recovers", "snap", "accept",
            "dismiss"});
    const auto& pos = a.positional();
    if (pos.size() < 3)
        throw UsageError("event takes PROJECT EPISODE add|list|update ID|delete ID|suggest|undo");
    ProjectStore store = ProjectStore::open(resolveProjectFile(pos[0]));
    const std::string& episode = pos[1];
    const std::string& action = pos[2];
    const std::string actor = actingUser(a);
    const bool asJson = a.flag("json");
    const auto t0 = episodeStart(store, episode);

    if (action == "list") {
        json list = json::array();
        for (const EventRecord& e : events(store, episode))
            if (!a.value("kind") || e.spec.kind == *a.value("kind"))
                list.push_back(eventJson(e, t0));
        if (asJson) {
            out << json{{"episode", episode}, {"events", list}}.dump(2) << "\n";
        } else {
            for (const json& e : list) {
                char span[64];
                if (e["to"].is_null())
                    std::snprintf(span, sizeof span, "%.3f", e["at"].get<double>());
                else
                    std::snprintf(span, sizeof span, "%.3f-%.3f", e["at"].get<double>(),
                                  e["to"].get<double>());
                out << e["id"].get<int64_t>() << "\t" << e["kind"].get<std::string>() << "\t"
                    << span << "\t" << (e["hand"].is_null() ? "-" : e["hand"].get<std::string>())
                    << "\t" << e["note"].get<std::string>() << "\n";
            }
        }
        return 0;
    }
    if (action == "undo")
        return undoLast(store, actor, episode, asJson, out);
    if (action == "suggest") {
        const auto list = slipSuggestions(store, episode);
        const auto pick = [&](const char* opt) -> const SlipCandidate& {
            // By its start as printed ("14.844"), which stays the same while others are
            // decided, or by its index, which counts only the suggestions still open.
            if (const std::string v = *a.value(opt); v.find('.') != std::string::npos) {
                const double from = a.number(opt, 0);
                std::string known;
                for (const SlipCandidate& c : list) {
                    if (std::abs(secondsFrom(c.startNs, t0) - from) < 0.0005)
                        return c;
                    char buf[32];
                    std::snprintf(buf, sizeof buf, "%.3f", secondsFrom(c.startNs, t0));
                    known += (known.empty() ? "" : ", ") + std::string(buf);
                }
                throw UsageError(std::string("--") + opt + " " + v +
                                 ": no open suggestion starts there (open: " +
                                 (known.empty() ? std::string("none") : known) + ")");
            }
            const long long k = a.integer(opt, 0);
            if (k < 1 || static_cast<size_t>(k) > list.size())
                throw UsageError(std::string("--") + opt + " takes a suggestion's index (1 to " +
                                 std::to_string(list.size()) + ")");
            return list[static_cast<size_t>(k - 1)];
        };
        if (a.value("accept") || a.value("dismiss")) {
            const bool accept = a.value("accept").has_value();
            const SlipCandidate& c = pick(accept ? "accept" : "dismiss");
            const Edit e = accept ? acceptSlipSuggestion(store, actor, episode, c,
                                                         a.value("note").value_or(""))
                                  : dismissSlipSuggestion(store, actor, episode, c);
            if (asJson)
                out << json{{"edit", editJson(e)}}.dump(2) << "\n";
            else
                out << e.text << " (audit entry " << e.auditSeq << ")\n";
            return 0;
        }
        json arr = json::array();
        for (size_t i = 0; i < list.size(); ++i)
            arr.push_back(suggestionJson(list[i], i + 1, t0));
        if (asJson) {
            out << json{{"episode", episode}, {"suggestions", arr}}.dump(2) << "\n";
        } else {
            for (const json& s : arr) {
                char buf[160];
                std::snprintf(buf, sizeof buf, "%zu\tslip?\t%.3f-%.3f\t%s\tscore %.2f\n",
                              s["index"].get<size_t>(), s["from"].get<double>(),
                              s["to"].get<double>(), s["hand"].get<std::string>().c_str(),
                              s["score"].get<double>());
                out << buf;
            }
        }
        return 0;
    }

    const EpisodeTiming timing = EpisodeTiming::load(store, episode);
    auto specFrom = [&](EventSpec s) {
        if (a.value("kind"))
            s.kind = *a.value("kind");
        if (a.value("at"))
            s.startNs = t0 + secondsToNs(a.number("at", 0));
        if (a.value("to"))
            s.endNs = t0 + secondsToNs(a.number("to", 0));
        if (a.value("hand"))
            s.hand = *a.value("hand");
        if (a.value("note"))
            s.note = *a.value("note");
        if (a.value("recovers"))
            s.recovers = a.integer("recovers", 0);
        return s;
    };
    Edit edit;
    if (action == "add") {
        if (!a.value("kind") || !a.value("at"))
            throw UsageError("event add needs --kind KIND --at S");
        edit = addEvent(store, actor, episode, specFrom({}), timing, snapOf(a));
    } else if (action == "update" || action == "delete") {
        const int64_t id = idArg(pos, "event " + action);
        const auto old = findEvent(store, id);
        if (!old || old->episode != episode)
            throw Error(store.file().string(),
                        "episode " + episode + " has no event " + std::to_string(id));
        edit = action == "update"
                   ? updateEvent(store, actor, id, specFrom(old->spec), timing, snapOf(a))
                   : deleteEvent(store, actor, id);
    } else {
        throw UsageError("unknown event action '" + action +
                         "' (add, list, update, delete, suggest, undo)");
    }
    const auto now = findEvent(store, edit.entityId);
    if (asJson)
        out << json{{"edit", editJson(edit)}, {"event", now ? eventJson(*now, t0) : json(nullptr)}}
                   .dump(2)
            << "\n";
    else
        out << edit.text << " (event " << edit.entityId << ", audit entry " << edit.auditSeq
            << ")\n";
    return 0;
}

} // namespace ts::core::cli
