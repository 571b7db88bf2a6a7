// The GUI's own benchmarks (`touchstone --bench NAME`), each printing one JSON line per figure
// in the schema of docs/performance.md with its reference measured in the same run.
#pragma once

#include <QString>
#include <QStringList>

namespace ts::app {

// NAME: plot | view3d | playback | startup. Returns the process exit code (2 for an unknown name).
int runGuiBench(const QString& name, const QStringList& args);

} // namespace ts::app
