// Converts a Project Aria MPS output folder into an episode bundle: the closed-loop (and
// open-loop) trajectory as pose streams with velocities, gravity and quality kept in a table
// attachment, the semi-dense / global points as a world point cloud attachment, hand tracking
// (results CSV, column sets with and without normals) as the canonical 21-joint hands stream,
// wrist and palm poses as a table, and an RGB video exported next to them. docs/importers.md.
#pragma once

#include "io/importers/importoptions.h"
#include "io/importers/sourcedetector.h"

#include <filesystem>

namespace ts::core::importers {

class AriaMpsImporter {
public:
    AriaMpsImporter(std::filesystem::path source, AriaMpsLayout layout);

    // Writes the bundle into `bundle` (an empty or new folder). Throws ts::core::Error naming
    // the source file and line for anything it cannot convert faithfully.
    ConversionReport convert(const std::filesystem::path& bundle, const ImportOptions& options);

private:
    std::string rel(const std::filesystem::path& p) const; // for messages

    std::filesystem::path source_;
    AriaMpsLayout layout_;
};

} // namespace ts::core::importers
