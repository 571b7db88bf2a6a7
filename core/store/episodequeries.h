// Read-only episode queries for the CLI and the GUI: the episode list, one episode's detail
// with streams, clock models and media count, and its media files.
// Thread ownership: its Database's thread.
#pragma once

#include "store/storerecords.h"

#include <optional>
#include <string>
#include <vector>

namespace ts::core {

class Database;

class EpisodeQueries {
public:
    explicit EpisodeQueries(Database& db) : db_(db) {}

    std::vector<EpisodeSummary> list();
    std::optional<EpisodeDetail> detail(const std::string& id);
    // The episode's media files ordered by path; empty when there is no such episode.
    std::vector<MediaRecord> media(const std::string& id);

private:
    Database& db_;
};

} // namespace ts::core
