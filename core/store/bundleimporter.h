// Brings one parsed episode bundle into a project in a single transaction: participant,
// consent, episode, streams with their statistics, a clock model per stream, media files
// (path relative to the project folder, size, SHA-256) and the reader's warnings, with
// audit entries. On any failure nothing of the bundle remains in the project.
//
// Episode time range: the union of the raw ranges of the streams on the timeline clock
// (the RGB camera clock), which need no mapping. When no stream is on the timeline clock,
// the streams whose clock has a model from the file are mapped through it; failing that,
// the raw ranges of all streams are used (an approximation until the sync engine runs).
//
// Thread ownership: works on its Database's thread.
#pragma once

#include "store/storerecords.h"

#include <filesystem>
#include <string>

namespace ts::core {

class Database;
struct Bundle;

class BundleImporter {
public:
    // projectDir: the folder holding the project file; media paths are stored relative to it.
    BundleImporter(Database& db, std::filesystem::path projectDir);

    // Throws Error with a sentence naming the bundle or the project file when the bundle has
    // errors, lacks hashes or statistics, repeats an episode id of the project, conflicts
    // with a consent record already stored, or when the actor is unknown or may not import.
    ImportResult import(const Bundle& bundle, const std::string& actor);

    // The '/' separated path of `file` relative to the project folder (absolute when the two
    // share no root).
    std::string projectRelative(const std::filesystem::path& file) const;

private:
    Database& db_;
    std::filesystem::path projectDir_;
};

} // namespace ts::core
