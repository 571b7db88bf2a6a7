#include "workspace/shortcuts.h"

#include <QCoreApplication>

namespace ts::widgets {

namespace {
// The translation context "Shortcuts" (lupdate reads it from here).
struct Shortcuts {
    Q_DECLARE_TR_FUNCTIONS(Shortcuts)
};
} // namespace

std::vector<ShortcutEntry> workspaceShortcuts() {
    using C = WorkspaceCommand;
    std::vector<ShortcutEntry> table{
        {C::PlayPause,
         {QKeySequence(Qt::Key_Space)},
         Shortcuts::tr("Space"),
         Shortcuts::tr("Play / pause")},
        {C::ShuttleBack,
         {QKeySequence(Qt::Key_J)},
         Shortcuts::tr("J"),
         Shortcuts::tr("Play backward (again: faster)")},
        {C::ShuttleStop, {QKeySequence(Qt::Key_K)}, Shortcuts::tr("K"), Shortcuts::tr("Stop")},
        {C::ShuttleForward,
         {QKeySequence(Qt::Key_L)},
         Shortcuts::tr("L"),
         Shortcuts::tr("Play forward (again: 2×, 4×, 8×)")},
        {C::FrameBack,
         {QKeySequence(Qt::Key_Left)},
         Shortcuts::tr("←"),
         Shortcuts::tr("One frame back")},
        {C::FrameForward,
         {QKeySequence(Qt::Key_Right)},
         Shortcuts::tr("→"),
         Shortcuts::tr("One frame forward")},
        {C::SecondBack,
         {QKeySequence(Qt::SHIFT | Qt::Key_Left)},
         Shortcuts::tr("Shift+←"),
         Shortcuts::tr("One second back")},
        {C::SecondForward,
         {QKeySequence(Qt::SHIFT | Qt::Key_Right)},
         Shortcuts::tr("Shift+→"),
         Shortcuts::tr("One second forward")},
        {C::ToStart,
         {QKeySequence(Qt::Key_Home)},
         Shortcuts::tr("Home"),
         Shortcuts::tr("Start of the episode")},
        {C::ToEnd,
         {QKeySequence(Qt::Key_End)},
         Shortcuts::tr("End"),
         Shortcuts::tr("End of the episode")},
        {C::ZoomIn,
         {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::SHIFT | Qt::Key_Plus),
          QKeySequence(Qt::Key_Equal)},
         Shortcuts::tr("+"),
         Shortcuts::tr("Zoom the timeline in (down to single frames)")},
        {C::ZoomOut,
         {QKeySequence(Qt::Key_Minus)},
         Shortcuts::tr("−"),
         Shortcuts::tr("Zoom the timeline out")},
        {C::ZoomFit,
         {QKeySequence(Qt::Key_0)},
         Shortcuts::tr("0"),
         Shortcuts::tr("Show the whole episode")},
        {C::FollowCamera,
         {QKeySequence(Qt::Key_F)},
         Shortcuts::tr("F"),
         Shortcuts::tr("3D view: follow the camera on / off")},
        {C::Help,
         {QKeySequence(Qt::Key_F1), QKeySequence(Qt::Key_Question),
          QKeySequence(Qt::SHIFT | Qt::Key_Question)},
         Shortcuts::tr("F1 or ?"),
         Shortcuts::tr("Show / hide this help")},
    };
    return table;
}

} // namespace ts::widgets
