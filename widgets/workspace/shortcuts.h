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
};

struct ShortcutEntry {
    WorkspaceCommand command;
    QList<QKeySequence> keys;
    QString keysText; // as the help overlay shows them
    QString description;
};

std::vector<ShortcutEntry> workspaceShortcuts(); // in the current language

} // namespace ts::widgets
