#include "annotation/editsession.h"

#include "store/auditlog.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "store/usertable.h"
#include "util/error.h"

#include <map>
#include <set>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

bool isAnnotationTable(const std::string& t) {
    return t == "label" || t == "event" || t == "keypoint_correction" || t == "slip_decision" ||
           t == "episode";
}

// The columns of a table as SQLite knows them: the only names that ever reach SQL text.
const std::set<std::string>& columnsOf(Database& db, const std::string& table) {
    static thread_local std::map<std::string, std::set<std::string>> cache;
    auto& cols = cache[db.fileName() + "\n" + table];
    if (cols.empty()) {
        Statement st = db.prepare("SELECT name FROM pragma_table_info(?)");
        st.bind(1, table);
        while (st.step())
            cols.insert(st.text(0));
    }
    return cols;
}

void requireTable(Database& db, const std::string& table) {
    if (!isAnnotationTable(table))
        throw Error(db.fileName(), "'" + table + "' is not a table annotation edits may change");
}

void requireColumns(Database& db, const std::string& table, const json& row) {
    const auto& cols = columnsOf(db, table);
    for (const auto& [k, v] : row.items())
        if (!cols.count(k))
            throw Error(db.fileName(), "table " + table + " has no column '" + k + "'");
}

void bindJson(Statement& st, int i, const json& v) {
    if (v.is_null())
        st.bind(i, nullptr);
    else if (v.is_number_integer())
        st.bind(i, v.get<int64_t>());
    else if (v.is_number())
        st.bind(i, v.get<double>());
    else if (v.is_string())
        st.bind(i, v.get<std::string>());
    else if (v.is_boolean())
        st.bind(i, int64_t{v.get<bool>() ? 1 : 0});
    else
        st.bind(i, v.dump()); // structured values are stored as JSON text
}

std::string rowName(const std::string& table, int64_t id) {
    return table + " " + std::to_string(id);
}

} // namespace

std::string describeUser(const UserInfo& u) {
    return u.name + " (" + std::string(roleName(u.role)) + ")";
}

EpisodeRow requireEpisode(Database& db, const std::string& episode) {
    Statement st = db.prepare("SELECT id, ident, status, timeline_start_ns, timeline_end_ns, "
                              "participant_id FROM episode WHERE ident = ?");
    st.bind(1, episode);
    if (!st.step())
        throw Error(db.fileName(), "there is no episode '" + episode + "' in this project");
    EpisodeRow r;
    r.rowId = st.int64(0);
    r.ident = st.text(1);
    const auto status = episodeStatusFromName(st.text(2));
    if (!status)
        throw Error(db.fileName(), "episode '" + episode + "' has an unknown status '" +
                                       st.text(2) + "'");
    r.status = *status;
    r.timelineStartNs = st.int64(3);
    r.timelineEndNs = st.int64(4);
    r.participantId = st.int64(5);
    return r;
}

std::string episodeOfRow(Database& db, const std::string& table, int64_t id) {
    requireTable(db, table);
    if (table == "episode")
        throw Error(db.fileName(), "internal: an episode row has no episode");
    Statement st = db.prepare("SELECT e.ident FROM " + table +
                              " r JOIN episode e ON e.id = r.episode_id WHERE r.id = ?");
    st.bind(1, id);
    if (!st.step())
        throw Error(db.fileName(), "there is no " + (table == "keypoint_correction"
                                                         ? std::string("keypoint correction")
                                                         : table) +
                                       " with id " + std::to_string(id) + " in this project");
    return st.text(0);
}

json readRowImage(Database& db, const std::string& table, int64_t id) {
    requireTable(db, table);
    const std::string cols = table == "episode" ? "status" : "*";
    Statement st = db.prepare("SELECT " + cols + " FROM " + table + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        return nullptr;
    json row = json::object();
    for (int c = 0; c < st.columnCount(); ++c) {
        const std::string name = st.columnName(c);
        if (st.isNull(c))
            row[name] = nullptr;
        else if (st.isInteger(c))
            row[name] = st.int64(c);
        else if (st.isReal(c))
            row[name] = st.real(c);
        else
            row[name] = st.text(c);
    }
    return row;
}

EditSession::EditSession(ProjectStore& store, const std::string& actor,
                         const std::string& episode, const std::string& what,
                         bool moveToAnnotating)
    : db_(store.database()), tx_(db_) {
    UserTable users(db_);
    actor_ = users.requireActor(actor);
    episode_ = requireEpisode(db_, episode);
    const std::string refused = describeUser(actor_) + " may not " + what + " episode " + episode;
    if (!roleMayAnnotate(actor_.role))
        throw Error(db_.fileName(), refused + ": only annotators, leads and admins may");
    if (episode_.status == EpisodeStatus::Submitted)
        throw Error(db_.fileName(), refused + ": it is submitted and waits for review (a "
                                              "reviewer rejects it, or a lead reopens it, "
                                              "before it can be edited)");
    if (episode_.status == EpisodeStatus::Approved)
        throw Error(db_.fileName(),
                    refused + ": it is approved (a lead must reopen it before it is edited)");
    if (moveToAnnotating &&
        (episode_.status == EpisodeStatus::New || episode_.status == EpisodeStatus::Rejected))
        update("episode", episode_.rowId, json{{"status", "annotating"}});
}

void EditSession::record(const std::string& table, int64_t id, json before, json after) {
    changes_.push_back({table, id, std::move(before), std::move(after)});
}

int64_t EditSession::insert(const std::string& table, json row) {
    requireTable(db_, table);
    requireColumns(db_, table, row);
    std::string names, marks;
    for (const auto& [k, v] : row.items()) {
        names += (names.empty() ? "" : ", ") + k;
        marks += marks.empty() ? "?" : ", ?";
    }
    Statement st = db_.prepare("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")");
    int i = 0;
    for (const auto& [k, v] : row.items())
        bindJson(st, ++i, v);
    st.run();
    const int64_t id = row.contains("id") ? row["id"].get<int64_t>() : db_.lastInsertRowId();
    record(table, id, nullptr, readRowImage(db_, table, id));
    return id;
}

void EditSession::update(const std::string& table, int64_t id, const json& columns) {
    requireTable(db_, table);
    requireColumns(db_, table, columns);
    json before = readRowImage(db_, table, id);
    if (before.is_null())
        throw Error(db_.fileName(), rowName(table, id) + " does not exist");
    std::string sets;
    for (const auto& [k, v] : columns.items())
        sets += (sets.empty() ? "" : ", ") + k + " = ?";
    Statement st = db_.prepare("UPDATE " + table + " SET " + sets + " WHERE id = ?");
    int i = 0;
    for (const auto& [k, v] : columns.items())
        bindJson(st, ++i, v);
    st.bind(++i, id);
    st.run();
    json after = readRowImage(db_, table, id);
    if (after != before)
        record(table, id, std::move(before), std::move(after));
}

void EditSession::remove(const std::string& table, int64_t id) {
    requireTable(db_, table);
    json before = readRowImage(db_, table, id);
    if (before.is_null())
        throw Error(db_.fileName(), rowName(table, id) + " does not exist");
    db_.prepare("DELETE FROM " + table + " WHERE id = ?").bind(1, id).run();
    record(table, id, std::move(before), nullptr);
}

void EditSession::apply(const RowChange& c) {
    requireTable(db_, c.table);
    const json now = readRowImage(db_, c.table, c.id);
    if (now != c.before) {
        const std::string was = c.before.is_null() ? "absent" : c.before.dump();
        const std::string is = now.is_null() ? "absent" : now.dump();
        throw Error(db_.fileName(), rowName(c.table, c.id) +
                                        " was changed since this edit (expected " + was +
                                        ", found " + is + "); it cannot be taken back");
    }
    if (c.after.is_null()) {
        remove(c.table, c.id);
    } else if (c.before.is_null()) {
        json row = c.after;
        row["id"] = c.id;
        insert(c.table, std::move(row));
    } else {
        json cols = c.after;
        cols.erase("id");
        update(c.table, c.id, cols);
    }
}

Edit EditSession::commit(const std::string& action, const std::string& entity, int64_t entityId,
                         const std::string& text, const json& extra) {
    Edit e;
    e.action = action;
    e.episode = episode_.ident;
    e.entity = entity;
    e.entityId = entityId;
    e.text = text;
    e.changes = std::move(changes_);
    changes_.clear();
    db_.prepare("INSERT OR IGNORE INTO episode_contributor (episode_id, user_id, kind, first_at) "
                "VALUES (?, ?, 'annotated', ?)")
        .bindAll(episode_.rowId, actor_.id, utcNowIso8601())
        .run();
    json after = auditSide(e, true);
    for (const auto& [k, v] : extra.items())
        after[k] = v;
    const AuditEntry entry = AuditLog(db_).append(actor_.name, action, entity,
                                                  std::to_string(entityId), auditSide(e, false),
                                                  after);
    e.auditSeq = entry.seq;
    tx_.commit();
    return e;
}

} // namespace ts::core::annotation
