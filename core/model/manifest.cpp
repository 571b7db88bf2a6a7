#include "model/manifest.h"

namespace ts::core {

const ClockDecl* Manifest::clock(const std::string& name) const {
    for (const auto& c : clocks)
        if (c.name == name)
            return &c;
    return nullptr;
}

const StreamDecl* Manifest::stream(const std::string& name) const {
    for (const auto& s : streams)
        if (s.name == name)
            return &s;
    return nullptr;
}

} // namespace ts::core
