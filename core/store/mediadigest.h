// One SHA-256 over an episode's media list (path, size, hash), written into the episode's
// import audit entry so that verify() notices media rows rewritten to match altered files.
// Any thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ts::core {

struct MediaDigestItem {
    std::string path; // relative to the project folder, as stored
    int64_t size = 0;
    std::string sha256;
};

// Order-independent: items are sorted by path first. Hashes "path\tsize\tsha256\n" lines.
std::string mediaDigest(std::vector<MediaDigestItem> items);

} // namespace ts::core
