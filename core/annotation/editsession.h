// The one way annotation edits reach the store (internal to core/annotation): a write
// transaction that has checked the acting user's role and the episode's status, records every
// row it changes as a RowChange, moves a new or rejected episode to annotating, remembers the
// actor as a contributor, and commits the rows with one audit entry. Thread ownership: the
// store's thread; one session at a time per store.
#pragma once

#include "annotation/edit.h"
#include "model/time.h"
#include "store/storerecords.h"
#include "store/transaction.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ts::core {
class Database;
class ProjectStore;
} // namespace ts::core

namespace ts::core::annotation {

// "alice (annotator)": how errors name a user.
std::string describeUser(const UserInfo& u);

// The episode's row id, status and timeline, or Error naming the project file.
struct EpisodeRow {
    int64_t rowId = 0;
    std::string ident;
    EpisodeStatus status = EpisodeStatus::New;
    TimeNs timelineStartNs = 0;
    TimeNs timelineEndNs = 0;
    int64_t participantId = 0;
};
EpisodeRow requireEpisode(Database& db, const std::string& episode);
// The episode an annotation row belongs to (its ident), or Error naming the row.
std::string episodeOfRow(Database& db, const std::string& table, int64_t id);

// A row's image: every column of the table (the episode table: its status only); null when
// the row does not exist. `table` must be one of the annotation tables.
nlohmann::json readRowImage(Database& db, const std::string& table, int64_t id);

class EditSession {
public:
    // Begins the transaction; Error (naming the project file, the user, role and episode) when
    // the actor may not annotate or the episode's status does not allow edits. `what` completes
    // "may not <what> episode X", e.g. "add labels to".
    // moveToAnnotating false: the caller applies recorded changes that carry the episode's
    // status themselves (undo/redo).
    EditSession(ProjectStore& store, const std::string& actor, const std::string& episode,
                const std::string& what, bool moveToAnnotating = true);

    Database& db() { return db_; }
    const UserInfo& actor() const { return actor_; }
    const EpisodeRow& episode() const { return episode_; }

    nlohmann::json row(const std::string& table, int64_t id) { return readRowImage(db_, table, id); }
    // Inserts (the id is chosen by SQLite unless `row` holds one) and returns the id.
    int64_t insert(const std::string& table, nlohmann::json row);
    // Sets the given columns.
    void update(const std::string& table, int64_t id, const nlohmann::json& columns);
    void remove(const std::string& table, int64_t id);
    // Checks the row is as c.before and makes it c.after (undo/redo).
    void apply(const RowChange& c);

    // Audits and commits; the returned Edit lists every change of the session. `extra` is
    // merged into the audit entry's after side (e.g. {"undoes": 17}).
    Edit commit(const std::string& action, const std::string& entity, int64_t entityId,
                const std::string& text, const nlohmann::json& extra = nlohmann::json::object());

private:
    void record(const std::string& table, int64_t id, nlohmann::json before, nlohmann::json after);

    Database& db_;
    Transaction tx_;
    UserInfo actor_;
    EpisodeRow episode_;
    std::vector<RowChange> changes_;
};

} // namespace ts::core::annotation
