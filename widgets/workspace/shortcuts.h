// Every keyboard shortcut of the workspace in one table: the workspace binds them and the
// help overlay lists them from the same entries, so the two cannot disagree.
#pragma once

#include <QKeySequence>
#include <QList>
#include <QString>

#include <vector>

namespace ts::widgets {

enum class WorkspaceCommand {
    PlayPause,
    ShuttleBack,
    ShuttleStop,
    ShuttleForward,
    FrameBack,
    FrameForward,
    SecondBack,
    SecondForward,
    ToStart,
    ToEnd,
    ZoomIn,
    ZoomOut,
    ZoomFit,
    FollowCamera,
    Help,
    // Annotation (need an episode of a project):
    MarkIn,
    MarkOut,
    LabelFromMarks,
    AddSlip,
    AddRegrasp,
    AddRecovery,
    DeleteSelected,
    InterpolateKeypoints,
    Undo,
    Redo,
};

// True for the commands of the Annotate and Edit menus (the rest are Playback's).
inline bool isAnnotationCommand(WorkspaceCommand c) {
    return static_cast<int>(c) >= static_cast<int>(WorkspaceCommand::MarkIn);
}

struct ShortcutEntry {
    WorkspaceCommand command;
    QList<QKeySequence> keys;
    QString keysText; // as the help overlay shows them
    QString description;
};

std::vector<ShortcutEntry> workspaceShortcuts(); // in the current language

} // namespace ts::widgets
