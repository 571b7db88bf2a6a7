// Writing PNG files with libpng: 16-bit grey (depth) and 8-bit RGB (video frames).
#pragma once

#include <cstdint>
#include <filesystem>

namespace ts::core {

enum class PngFormat { Gray16, Rgb8 };

// Pixels are packed rows top to bottom (Gray16 in native byte order). Throws ts::core::Error
// naming the file when it cannot be written. Safe to call from several threads on distinct files.
void writePng(const std::filesystem::path& file, int width, int height, PngFormat format,
              const void* pixels, int compressionLevel = 6);

} // namespace ts::core
