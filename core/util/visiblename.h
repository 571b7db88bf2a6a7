// Names people type and read back (user names, participant pseudonyms): listed tab-separated,
// typed after --as, shown in the app. Empty, with a control character (a tab, a line break), or
// with a space at either end (where it cannot be seen) is refused.
#pragma once

#include <string>

namespace ts::core {

// What is wrong with `name` ("holds a tab, …"), or empty when it is fine.
std::string visibleNameProblem(const std::string& name);

} // namespace ts::core
