// Converts a Stray Scanner export (rgb.mp4, odometry.csv, camera_matrix.csv, depth/*.png in
// uint16 millimetres, confidence/*.png, imu.csv) into an episode bundle. Every stream is on the
// phone's clock (ARKit and Core Motion both count seconds since boot), which becomes the
// timeline. docs/importers.md.
#pragma once

#include "io/importers/importoptions.h"
#include "io/importers/sourcedetector.h"

#include <filesystem>

namespace ts::core::importers {

class StrayImporter {
public:
    StrayImporter(std::filesystem::path source, StrayLayout layout);

    // Writes the bundle into `bundle`. Throws ts::core::Error naming the source file and line.
    ConversionReport convert(const std::filesystem::path& bundle, const ImportOptions& options);

private:
    std::filesystem::path source_;
    StrayLayout layout_;
};

} // namespace ts::core::importers
