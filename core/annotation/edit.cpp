#include "annotation/edit.h"

#include "annotation/editsession.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "util/error.h"

#include <set>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

bool isEditAction(const std::string& action) {
    for (const char* prefix : {"label.", "event.", "keypoint.", "slip_suggestion.", "edit."})
        if (action.rfind(prefix, 0) == 0)
            return true;
    return false;
}

Edit applyAs(ProjectStore& store, const std::string& actor, const Edit& edit, bool undoing) {
    const Edit toApply = undoing ? edit.inverse() : edit;
    bool carriesStatus = false;
    for (const RowChange& c : toApply.changes)
        carriesStatus = carriesStatus || c.table == "episode";
    EditSession s(store, actor, edit.episode, undoing ? "undo edits on" : "redo edits on",
                  !carriesStatus);
    for (const RowChange& c : toApply.changes)
        s.apply(c);
    const json extra = undoing ? json{{"undoes", edit.auditSeq}, {"action", edit.action}}
                               : json{{"redoes", edit.auditSeq}, {"action", edit.action}};
    return s.commit(undoing ? "edit.undo" : "edit.redo", edit.entity, edit.entityId,
                    (undoing ? "undo " : "redo ") + edit.text, extra);
}

} // namespace

Edit Edit::inverse() const {
    Edit e = *this;
    e.changes.assign(changes.rbegin(), changes.rend());
    for (RowChange& c : e.changes)
        std::swap(c.before, c.after);
    return e;
}

Edit undo(ProjectStore& store, const std::string& actor, const Edit& edit) {
    return applyAs(store, actor, edit, true);
}

Edit redo(ProjectStore& store, const std::string& actor, const Edit& edit) {
    return applyAs(store, actor, edit, false);
}

json auditSide(const Edit& e, bool after) {
    json rows = json::array();
    for (const RowChange& c : e.changes)
        rows.push_back({{"table", c.table}, {"id", c.id}, {"row", after ? c.after : c.before}});
    return {{"episode", e.episode}, {"text", e.text}, {"rows", std::move(rows)}};
}

Edit editFromAudit(ProjectStore& store, int64_t seq) {
    Database& db = store.database();
    Statement st = db.prepare("SELECT action, entity, entity_id, before_json, after_json FROM "
                              "audit_log WHERE seq = ?");
    st.bind(1, seq);
    if (!st.step())
        throw Error(db.fileName(), "there is no audit entry " + std::to_string(seq));
    Edit e;
    e.action = st.text(0);
    if (!isEditAction(e.action))
        throw Error(db.fileName(), "audit entry " + std::to_string(seq) + " (" + e.action +
                                       ") is not an annotation edit");
    e.entity = st.text(1);
    e.entityId = std::stoll(st.text(2));
    const json before = json::parse(st.text(3), nullptr, false);
    const json after = json::parse(st.text(4), nullptr, false);
    if (!before.is_object() || !after.is_object() || !before.contains("rows") ||
        !after.contains("rows") || before["rows"].size() != after["rows"].size())
        throw Error(db.fileName(),
                    "audit entry " + std::to_string(seq) + " does not hold an edit's rows");
    e.episode = after.value("episode", "");
    e.text = after.value("text", "");
    e.auditSeq = seq;
    for (size_t i = 0; i < before["rows"].size(); ++i) {
        const json& b = before["rows"][i];
        const json& a = after["rows"][i];
        e.changes.push_back({b.at("table").get<std::string>(), b.at("id").get<int64_t>(),
                             b.at("row"), a.at("row")});
    }
    return e;
}

Edit lastUndoableEdit(ProjectStore& store, const std::string& actor, const std::string& episode) {
    Database& db = store.database();
    Statement st = db.prepare(
        "SELECT seq, action, after_json FROM audit_log WHERE actor = ? AND "
        "json_extract(after_json, '$.episode') = ? AND entity IN ('label', 'event', "
        "'keypoint_correction', 'slip_decision') ORDER BY seq DESC");
    st.bindAll(actor, episode);
    std::set<int64_t> undone;
    while (st.step()) {
        const int64_t seq = st.int64(0);
        const std::string action = st.text(1);
        if (!isEditAction(action))
            continue;
        if (action == "edit.undo") {
            const json after = json::parse(st.text(2), nullptr, false);
            if (after.is_object() && after.contains("undoes"))
                undone.insert(after["undoes"].get<int64_t>());
            continue;
        }
        if (!undone.count(seq))
            return editFromAudit(store, seq);
    }
    return {};
}

} // namespace ts::core::annotation
