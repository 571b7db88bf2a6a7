// The depth reader of a folder of 16-bit single-channel PNGs named NNNNNN.png, decoded with
// libpng; used through DepthReader::openPngSequence / openFromBundle.
#pragma once

#include "media/depthreader.h"

#include <string>

namespace ts::core::media {

class PngDepthReader final : public DepthReader {
public:
    // expectedWidth/Height (0 = unknown) come from the calibration; otherwise frame 0 sets the
    // size every other frame must have. Throws Error when the folder or frame 0 is unusable.
    PngDepthReader(const std::filesystem::path& folder, std::vector<TimeNs> frameTimes,
                   double scaleM, int expectedWidth = 0, int expectedHeight = 0);

    std::filesystem::path framePath(int64_t index) const;

protected:
    void decode(int64_t index, std::vector<uint16_t>& raw) override;

private:
    // Reads the file of frame `index` into bytes_ and checks its header; returns its size.
    std::pair<int, int> load(int64_t index);

    std::string bytes_; // the last file read, kept to reuse its allocation
};

} // namespace ts::core::media
