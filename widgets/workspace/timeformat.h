// Times as people read them in the workspace: "1:02.345" from the start of the episode.
#pragma once

#include <QString>

namespace ts::widgets {

// `ns` from the episode's start; with milliseconds when `fine`.
QString formatTimelineTime(qint64 ns, bool fine = true);

} // namespace ts::widgets
