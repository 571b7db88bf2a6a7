#include "io/pngcheck.h"

#include <cstdint>
#include <cstring>

namespace ts::core {

namespace {
uint32_t be32(const unsigned char* p) {
    return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | uint32_t(p[3]);
}
} // namespace

std::string checkPng(std::string_view bytes, PngInfo& info) {
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    if (bytes.size() < 8 || std::memcmp(b, sig, 8) != 0)
        return "it is not a PNG file";
    if (bytes.size() < 33 || std::memcmp(b + 12, "IHDR", 4) != 0)
        return "the PNG header (IHDR) is missing or cut off";
    info.width = static_cast<int>(be32(b + 16));
    info.height = static_cast<int>(be32(b + 20));
    info.bitDepth = b[24];
    info.colorType = b[25];
    if (bytes.size() < 45 || std::memcmp(b + bytes.size() - 8, "IEND", 4) != 0)
        return "the PNG does not end with its IEND chunk: the file is truncated";
    if (info.bitDepth != 16 || info.colorType != 0)
        return "the PNG is " + std::to_string(info.bitDepth) + "-bit " +
               (info.colorType == 0   ? std::string("grey")
                : info.colorType == 2 ? std::string("RGB")
                : info.colorType == 6 ? std::string("RGBA")
                                      : "colour type " + std::to_string(info.colorType)) +
               "; depth must be 16-bit single-channel (grey)";
    return {};
}

} // namespace ts::core
