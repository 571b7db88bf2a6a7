#include "util/pngwrite.h"

#include "util/error.h"

#include <png.h>

#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace ts::core {

namespace {

// libpng reports errors by longjmp; this C-style function keeps no object with a destructor
// alive across setjmp, and returns false with the message filled in.
bool writePngRows(std::FILE* f, int width, int height, PngFormat format, png_bytep* rows, int level,
                  char* message, size_t messageSize) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) {
        std::snprintf(message, messageSize, "libpng could not start");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        std::snprintf(message, messageSize, "libpng failed to encode the image");
        return false;
    }
    png_init_io(png, f);
    png_set_compression_level(png, level);
    const bool gray = format == PngFormat::Gray16;
    // Depth is smooth along columns: the "up" filter alone is cheap and compresses well.
    if (gray)
        png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height),
                 gray ? 16 : 8, gray ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    if (gray && std::endian::native == std::endian::little)
        png_set_swap(png); // PNG stores 16-bit samples big-endian
    png_write_image(png, rows);
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return true;
}

} // namespace

void writePng(const std::filesystem::path& file, int width, int height, PngFormat format,
              const void* pixels, int compressionLevel) {
    const size_t rowBytes = static_cast<size_t>(width) * (format == PngFormat::Gray16 ? 2 : 3);
    std::vector<png_bytep> rows(static_cast<size_t>(height));
    for (int y = 0; y < height; ++y)
        rows[static_cast<size_t>(y)] = const_cast<png_bytep>(static_cast<const png_byte*>(pixels) +
                                                             static_cast<size_t>(y) * rowBytes);
    std::FILE* f = std::fopen(file.c_str(), "wb");
    if (!f)
        throw Error(file.string(), std::string("cannot open for writing: ") + std::strerror(errno));
    char message[128] = {0};
    const bool ok = writePngRows(f, width, height, format, rows.data(), compressionLevel, message,
                                 sizeof message);
    const bool closed = std::fclose(f) == 0;
    if (!ok)
        throw Error(file.string(), message);
    if (!closed)
        throw Error(file.string(), "write failed (disk full?)");
}

} // namespace ts::core
