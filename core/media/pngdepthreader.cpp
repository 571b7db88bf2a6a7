#include "media/pngdepthreader.h"

#include "io/csvfile.h"
#include "io/pngcheck.h"
#include "util/error.h"

#include <png.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>

namespace ts::core::media {

namespace fs = std::filesystem;

namespace {

struct MemorySource {
    const unsigned char* data = nullptr;
    size_t size = 0;
    size_t pos = 0;
    char message[200] = {0};
};

void readFromMemory(png_structp png, png_bytep out, size_t n) {
    auto* src = static_cast<MemorySource*>(png_get_io_ptr(png));
    if (n > src->size - src->pos)
        png_error(png, "the PNG data ends early: the file is truncated");
    std::memcpy(out, src->data + src->pos, n);
    src->pos += n;
}

void onPngError(png_structp png, png_const_charp message) {
    auto* src = static_cast<MemorySource*>(png_get_error_ptr(png));
    std::snprintf(src->message, sizeof src->message, "%s", message);
    png_longjmp(png, 1);
}

void onPngWarning(png_structp, png_const_charp) {
    // Warnings (unknown ancillary chunks, ...) do not change the pixels; stay quiet.
}

// libpng reports errors by longjmp; this C-style function keeps no object with a destructor
// alive across setjmp. It decodes a 16-bit grey PNG of exactly width × height into native
// uint16 and returns false with src.message filled in otherwise.
bool decodeGrey16(MemorySource& src, int width, int height, uint16_t* out) {
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &src, onPngError, onPngWarning);
    if (!png) {
        std::snprintf(src.message, sizeof src.message, "libpng could not start");
        return false;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, nullptr);
        if (!src.message[0])
            std::snprintf(src.message, sizeof src.message, "libpng failed to decode the image");
        return false;
    }
    png_set_read_fn(png, &src, readFromMemory);
    png_read_info(png, info);
    png_uint_32 w = 0, h = 0;
    int bitDepth = 0, colorType = 0, interlace = 0;
    png_get_IHDR(png, info, &w, &h, &bitDepth, &colorType, &interlace, nullptr, nullptr);
    if (bitDepth != 16 || colorType != PNG_COLOR_TYPE_GRAY || static_cast<int>(w) != width ||
        static_cast<int>(h) != height)
        png_error(png, "the PNG header changed between checks"); // checkPng saw otherwise
    if constexpr (std::endian::native == std::endian::little)
        png_set_swap(png); // PNG stores 16-bit samples big-endian
    const int passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    if (png_get_rowbytes(png, info) != static_cast<size_t>(width) * 2)
        png_error(png, "unexpected row size after decoding");
    // Rows are decoded in place: for interlaced files each pass fills in more pixels of the
    // same rows, so the buffer doubles as libpng's row storage.
    for (int pass = 0; pass < passes; ++pass)
        for (int y = 0; y < height; ++y)
            png_read_row(png,
                         reinterpret_cast<png_bytep>(out + static_cast<size_t>(y) *
                                                               static_cast<size_t>(width)),
                         nullptr);
    png_read_end(png, nullptr); // checks the trailing chunks' CRCs: a damaged tail is an error
    png_destroy_read_struct(&png, &info, nullptr);
    return true;
}

// Frame numbers in file names: exactly six digits then ".png" (bundle format).
int64_t frameNumberOf(const std::string& name) {
    if (name.size() != 10 || name.compare(6, 4, ".png") != 0)
        return -1;
    int64_t n = 0;
    for (int i = 0; i < 6; ++i) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        n = n * 10 + (name[i] - '0');
    }
    return n;
}

std::string sizeText(int w, int h) {
    return std::to_string(w) + "×" + std::to_string(h);
}

} // namespace

PngDepthReader::PngDepthReader(const fs::path& folder, std::vector<TimeNs> frameTimes,
                               double scaleM, int expectedWidth, int expectedHeight)
    : DepthReader(folder, std::move(frameTimes), scaleM) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw Error(folder.string(), "the depth folder does not exist or is not a folder");
    int64_t count = static_cast<int64_t>(DepthReader::frameTimes().size());
    if (count == 0) {
        // Without a timestamp list the files themselves say how many frames there are.
        int64_t highest = -1;
        for (const auto& e : fs::directory_iterator(folder, ec))
            highest = std::max(highest, frameNumberOf(e.path().filename().string()));
        if (ec)
            throw Error(folder.string(), "the depth folder cannot be listed: " + ec.message());
        if (highest < 0)
            throw Error(folder.string(), "the folder holds no depth frames (NNNNNN.png)");
        count = highest + 1;
    }
    // Frame 0 fixes the size unless the calibration already did; either way it must be sound.
    setGeometry(count, expectedWidth, expectedHeight);
    const auto [w, h] = load(0);
    if (expectedWidth <= 0 || expectedHeight <= 0)
        setGeometry(count, w, h);
}

fs::path PngDepthReader::framePath(int64_t index) const {
    char name[32];
    std::snprintf(name, sizeof name, "%06lld.png", static_cast<long long>(index));
    return path() / name;
}

std::pair<int, int> PngDepthReader::load(int64_t index) {
    const fs::path file = framePath(index);
    const std::string frame = "depth frame " + std::to_string(index);
    std::string why;
    if (!readWholeFile(file, bytes_, &why)) {
        std::error_code ec;
        throw Error(file.string(),
                    frame + (fs::exists(file, ec) ? " cannot be read: " + why
                                                  : " is missing: the file does not exist"));
    }
    PngInfo info;
    if (std::string bad = checkPng(bytes_, info); !bad.empty())
        throw Error(file.string(), frame + ": " + bad);
    if (info.width <= 0 || info.height <= 0)
        throw Error(file.string(),
                    frame + ": the PNG has no pixels (" + sizeText(info.width, info.height) + ")");
    if (width() > 0 && (info.width != width() || info.height != height()))
        throw Error(file.string(), frame + " is " + sizeText(info.width, info.height) +
                                       " but the depth stream is " + sizeText(width(), height()));
    return {info.width, info.height};
}

void PngDepthReader::decode(int64_t index, std::vector<uint16_t>& raw) {
    load(index);
    MemorySource src;
    src.data = reinterpret_cast<const unsigned char*>(bytes_.data());
    src.size = bytes_.size();
    if (!decodeGrey16(src, width(), height(), raw.data()))
        throw Error(framePath(index).string(),
                    "depth frame " + std::to_string(index) + " cannot be decoded: " + src.message);
}

} // namespace ts::core::media
