// Recognising what a folder (or file) holds: a Touchstone bundle, a Project Aria MPS output, a
// Stray Scanner export or an EgoDex episode, with where each part is. A folder that matches
// nothing, or only part of a format, gets a sentence saying what was found and what is missing.
#pragma once

#include "io/importers/importoptions.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ts::core::importers {

// Where the parts of a Project Aria MPS output are (MPS writes trajectory/ or slam/ and
// hand_tracking/; each is optional, at least a trajectory or hand tracking results is needed).
struct AriaMpsLayout {
    std::optional<std::filesystem::path> closedLoop, openLoop, points, handResults, wristPalm,
        video;
};

struct StrayLayout {
    std::filesystem::path video, odometry, cameraMatrix;         // required
    std::optional<std::filesystem::path> depth, confidence, imu; // optional
};

struct EgoDexLayout {
    std::filesystem::path hdf5, video;
};

struct SourceInspection {
    SourceFormat format = SourceFormat::Unknown; // best match (Unknown when nothing matched)
    bool complete = false;                       // everything the importer needs is there
    std::vector<std::string> found;              // the recognised parts, relative to the path
    std::vector<std::string> missing;            // what the best match still needs
    std::string message;                         // one sentence for people

    AriaMpsLayout aria;
    StrayLayout stray;
    EgoDexLayout egodex;
};

// Looks at `path` as the given format, or finds the format when `as` is empty.
SourceInspection inspectSource(const std::filesystem::path& path,
                               std::optional<SourceFormat> as = std::nullopt);

} // namespace ts::core::importers
