// A fast structural check of a depth PNG held in memory: signature, 16-bit single-channel
// header, size, and an IEND chunk at the end (so a cut-off file is caught without decoding).
#pragma once

#include <string>
#include <string_view>

namespace ts::core {

struct PngInfo {
    int width = 0, height = 0, bitDepth = 0, colorType = -1;
};

// Returns an empty string when fine, else a plain sentence of what is wrong.
std::string checkPng(std::string_view bytes, PngInfo& info);

} // namespace ts::core
