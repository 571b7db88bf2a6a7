#include "util/visiblename.h"

namespace ts::core {

std::string visibleNameProblem(const std::string& name) {
    if (name.empty())
        return "is empty";
    for (const unsigned char c : name)
        if (c < 0x20 || c == 0x7f)
            return "holds a tab, line break or other control character";
    if (name.front() == ' ' || name.back() == ' ')
        return "begins or ends with a space";
    return {};
}

} // namespace ts::core
