// The transport icons of the workspace (start, step, play, pause, end), drawn in the theme's
// text colour so they read on light and dark themes alike and at any device pixel ratio.
#pragma once

#include <QColor>
#include <QIcon>

namespace ts::widgets {

enum class PlaybackIcon { ToStart, StepBack, Play, Pause, StepForward, ToEnd };

QIcon playbackIcon(PlaybackIcon kind, const QColor& colour);

} // namespace ts::widgets
