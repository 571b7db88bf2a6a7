// One undoable annotation edit as a value: the rows it changed, each with its image before and
// after. Every edit function (labels.h, events.h, keypoints.h, slipsuggestions.h) commits at
// once — the rows, the episode's status change if any, and one audit entry — and returns the
// Edit; undo() and redo() apply its inverse or itself again, also audited. A QUndoCommand holds
// the Edit: its first redo() does nothing (the edit is already committed), later ones call
// redo(), and undo() calls undo().
//
// Ownership: an Edit is a plain copy (no connection, any thread); it names rows by id, so views
// look them up again after an undo. Before applying, each row must still be as the edit left it
// (otherwise someone changed it since, and the undo is refused with what differs), so an undo
// never overwrites another person's later work.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::annotation {

// One row of one table: its column → value image before and after (null: the row is absent).
// The "episode" table's images hold only the status (edits move new/rejected → annotating).
struct RowChange {
    std::string table; // label | event | keypoint_correction | slip_decision | episode
    int64_t id = 0;    // the row's id
    nlohmann::json before;
    nlohmann::json after;
};

struct Edit {
    std::string action;   // "label.create", "event.delete", ... (also the audit action)
    std::string episode;  // the episode's id (ident)
    std::string entity;   // "label", "event", "keypoint_correction", "slip_decision"
    int64_t entityId = 0; // the main row it created, changed or removed
    std::string text;     // for people and undo menus: "add label 'pick up cup'"
    std::vector<RowChange> changes; // in the order they were applied
    int64_t auditSeq = 0;           // the audit entry that recorded it

    // The edit that takes it back: the changes in reverse order with before and after swapped.
    Edit inverse() const;
    bool empty() const { return changes.empty(); }
};

// Take back / apply again one edit, as `actor` (who must be allowed to edit the episode now).
// Audited as "edit.undo" / "edit.redo" with the rows before and after and the seq of the
// original entry. Returns the applied edit (with its own auditSeq). Throws Error naming the
// project file and the row when a row is no longer as the edit expects.
Edit undo(ProjectStore& store, const std::string& actor, const Edit& edit);
Edit redo(ProjectStore& store, const std::string& actor, const Edit& edit);

// The edit recorded by an audit entry (any annotation edit, undo or redo), e.g. for a CLI undo.
// Throws Error when the entry is not an annotation edit.
Edit editFromAudit(ProjectStore& store, int64_t seq);
// The newest edit by `actor` on `episode` that has not been undone yet (undo entries name the
// seq they take back); auditSeq 0 when there is none.
Edit lastUndoableEdit(ProjectStore& store, const std::string& actor, const std::string& episode);

// The audit JSON of one side of an edit: {"episode": id, "text": ..., "rows": [{"table", "id",
// "row"}]}; `after` picks the side.
nlohmann::json auditSide(const Edit& e, bool after);

} // namespace ts::core::annotation
