// Names the calling thread (at most 15 characters show), so that `top -H`, `perf` and the
// GUI benches can tell the app's workers apart.
#pragma once

namespace ts::core {

void nameThisThread(const char* name);

} // namespace ts::core
