#include "workspace/shortcuts.h"

#include <QCoreApplication>

namespace ts::widgets {

namespace {
QString tr(const char* s) {
    return QCoreApplication::translate("Shortcuts", s);
}
} // namespace

const std::vector<ShortcutEntry>& workspaceShortcuts() {
    using C = WorkspaceCommand;
    static const std::vector<ShortcutEntry> table{
        {C::PlayPause, {QKeySequence(Qt::Key_Space)}, tr("Space"), tr("Play / pause")},
        {C::ShuttleBack, {QKeySequence(Qt::Key_J)}, tr("J"), tr("Play backward (again: faster)")},
        {C::ShuttleStop, {QKeySequence(Qt::Key_K)}, tr("K"), tr("Stop")},
        {C::ShuttleForward,
         {QKeySequence(Qt::Key_L)},
         tr("L"),
         tr("Play forward (again: 2×, 4×, 8×)")},
        {C::FrameBack, {QKeySequence(Qt::Key_Left)}, tr("←"), tr("One frame back")},
        {C::FrameForward, {QKeySequence(Qt::Key_Right)}, tr("→"), tr("One frame forward")},
        {C::SecondBack,
         {QKeySequence(Qt::SHIFT | Qt::Key_Left)},
         tr("Shift+←"),
         tr("One second back")},
        {C::SecondForward,
         {QKeySequence(Qt::SHIFT | Qt::Key_Right)},
         tr("Shift+→"),
         tr("One second forward")},
        {C::ToStart, {QKeySequence(Qt::Key_Home)}, tr("Home"), tr("Start of the episode")},
        {C::ToEnd, {QKeySequence(Qt::Key_End)}, tr("End"), tr("End of the episode")},
        {C::ZoomIn,
         {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::SHIFT | Qt::Key_Plus),
          QKeySequence(Qt::Key_Equal)},
         tr("+"),
         tr("Zoom the timeline in (down to single frames)")},
        {C::ZoomOut, {QKeySequence(Qt::Key_Minus)}, tr("−"), tr("Zoom the timeline out")},
        {C::ZoomFit, {QKeySequence(Qt::Key_0)}, tr("0"), tr("Show the whole episode")},
        {C::FollowCamera,
         {QKeySequence(Qt::Key_F)},
         tr("F"),
         tr("3D view: follow the camera on / off")},
        {C::Help,
         {QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question),
          QKeySequence(Qt::SHIFT | Qt::Key_Question)},
         tr("F1 or ?"),
         tr("Show / hide this help")},
    };
    return table;
}

} // namespace ts::widgets
