// Reading and writing the media_cache table: derived data (frame indexes and the like) keyed
// by a media file's SHA-256, a kind and the producer's format version.
// Thread ownership: its Database's thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ts::core {

class Database;

class MediaCacheTable {
public:
    explicit MediaCacheTable(Database& db) : db_(db) {}

    // The stored bytes, or nothing when there is no entry or it has another version.
    std::optional<std::string> find(const std::string& sha256, const std::string& kind,
                                    int version);
    // Inserts or replaces the entry. Throws Error naming the project file when the key is not
    // a SHA-256 (64 hex digits) or the kind is empty.
    void put(const std::string& sha256, const std::string& kind, int version,
             std::string_view data);

private:
    Database& db_;
};

} // namespace ts::core
