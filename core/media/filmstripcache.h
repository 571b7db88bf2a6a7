// The on-disk cache of a finished filmstrip: one small binary file per video and strip shape
// (thumbnail count and height) in a cache folder, so that reopening an episode shows its
// strip without decoding. A file that is short, damaged, of another format version or of
// another video reads as missing; writing is atomic (temporary file, then rename).
//
// File layout (little-endian): "TSFS", u32 format version, u32 key length, key bytes,
// i32 count, i32 height, then per slot u8 present and, when present, i64 requestedNs,
// i64 frameIndex, i64 frameNs, i32 width, i32 height, width*height*3 RGB bytes; finally the
// u64 FNV-1a hash of everything before it.
//
// Thread ownership: stateless functions, safe from any thread; two writers of one file race
// harmlessly (the last rename wins, each file is whole).
#pragma once

#include "media/thumbnail.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ts::core::media {

class FilmstripCache {
public:
    static constexpr uint32_t kVersion = 1;

    // What identifies the video: "sha256:<hex>" when its hash is known, otherwise a hash of
    // its absolute path, size and modification time (so an edited file misses the cache).
    // Throws Error naming the file when it cannot be inspected.
    static std::string videoKey(const std::filesystem::path& video, const std::string& sha256);

    // Where the strip of that video and shape lives inside `cacheDir`.
    static std::filesystem::path fileFor(const std::filesystem::path& cacheDir,
                                         const std::string& key, int count, int height);

    // The thumbnails by slot (nullopt for a slot that could not be decoded), or nothing when
    // the file is missing or unusable for this key and shape.
    static std::optional<std::vector<std::optional<Thumbnail>>>
    load(const std::filesystem::path& file, const std::string& key, int count, int height);

    // Writes the strip. Returns false (and leaves no partial file) when it cannot: a cache
    // that cannot be written costs only time.
    static bool save(const std::filesystem::path& file, const std::string& key, int height,
                     const std::vector<std::optional<Thumbnail>>& strip);
};

} // namespace ts::core::media
