// Converts one EgoDex episode (<i>.hdf5 with <i>.mp4 beside it) into an episode bundle: the
// camera's world pose, both hands mapped from 25 ARKit joints onto the canonical 21 and moved
// into the camera (device) frame, per-hand confidence from the joints' confidences, the camera
// intrinsics, and the language description as the task. docs/importers.md.
#pragma once

#include "io/importers/importoptions.h"
#include "io/importers/sourcedetector.h"

#include <filesystem>

namespace ts::core::importers {

class EgoDexImporter {
public:
    explicit EgoDexImporter(EgoDexLayout layout);

    // Writes the bundle into `bundle`. Throws ts::core::Error naming the file, dataset and frame.
    ConversionReport convert(const std::filesystem::path& bundle, const ImportOptions& options);

private:
    EgoDexLayout layout_;
};

} // namespace ts::core::importers
