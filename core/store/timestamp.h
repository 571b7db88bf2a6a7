// Wall-clock time stamps as the store writes them: ISO 8601 UTC with microseconds
// ("2026-01-15T10:20:30.123456Z"), which sort as text. Any thread.
#pragma once

#include <string>

namespace ts::core {

std::string utcNowIso8601();

} // namespace ts::core
