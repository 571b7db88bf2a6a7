#include "store/mediadigest.h"

#include "util/sha256.h"

#include <algorithm>

namespace ts::core {

std::string mediaDigest(std::vector<MediaDigestItem> items) {
    std::sort(items.begin(), items.end(),
              [](const MediaDigestItem& a, const MediaDigestItem& b) { return a.path < b.path; });
    Sha256 h;
    for (const auto& i : items) {
        h.update(i.path);
        h.update("\t");
        h.update(std::to_string(i.size));
        h.update("\t");
        h.update(i.sha256);
        h.update("\n");
    }
    return h.hexDigest();
}

} // namespace ts::core
