#include "export/parquet/rlehybrid.h"

#include <vector>

namespace ts::core::parquet {

namespace {

void putVarint(uint64_t v, std::string& out) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

void putRle(uint32_t value, size_t count, int bitWidth, std::string& out) {
    putVarint(static_cast<uint64_t>(count) << 1, out);
    const int bytes = (bitWidth + 7) / 8;
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

// Bit-packs `values` (a multiple of 8, padded by the caller) as one run.
void putPacked(std::span<const uint32_t> values, int bitWidth, std::string& out) {
    putVarint(((values.size() / 8) << 1) | 1, out);
    uint64_t acc = 0;
    int bits = 0;
    for (uint32_t v : values) {
        acc |= static_cast<uint64_t>(v) << bits;
        bits += bitWidth;
        while (bits >= 8) {
            out.push_back(static_cast<char>(acc & 0xFF));
            acc >>= 8;
            bits -= 8;
        }
    }
    if (bits > 0) // cannot happen for 8 values, kept for safety
        out.push_back(static_cast<char>(acc & 0xFF));
}

} // namespace

int bitWidthFor(uint64_t maxValue) {
    int w = 0;
    while (maxValue) {
        ++w;
        maxValue >>= 1;
    }
    return w;
}

void encodeRleHybrid(std::span<const uint32_t> values, int bitWidth, std::string& out) {
    if (bitWidth == 0 || values.empty()) {
        // Width 0: every value is 0; one RLE run with no value bytes says so.
        if (!values.empty())
            putRle(0, values.size(), 0, out);
        return;
    }
    // Greedy: a run of >= 8 equal values starting on a group boundary becomes an RLE run;
    // everything else is collected into bit-packed groups of 8 (the last one padded).
    std::vector<uint32_t> pending;
    auto flushPacked = [&](bool final) {
        if (pending.empty())
            return;
        if (final)
            while (pending.size() % 8)
                pending.push_back(0);
        putPacked(pending, bitWidth, out);
        pending.clear();
    };
    size_t i = 0;
    const size_t n = values.size();
    while (i < n) {
        size_t j = i + 1;
        while (j < n && values[j] == values[i])
            ++j;
        const size_t run = j - i;
        if (run >= 8 && pending.size() % 8 == 0) {
            flushPacked(false);
            putRle(values[i], run, bitWidth, out);
            i = j;
            continue;
        }
        // Fill the packed group up to the boundary, then reconsider the rest of the run.
        size_t take = run;
        if (run >= 8) {
            take = 8 - pending.size() % 8;
        }
        for (size_t k = 0; k < take; ++k)
            pending.push_back(values[i + k]);
        i += take;
        // Keep bit-packed runs bounded so the header varint stays small.
        if (pending.size() >= 504 && pending.size() % 8 == 0)
            flushPacked(false);
    }
    // A trailing partial group is padded; readers stop at the page's value count.
    flushPacked(true);
}

} // namespace ts::core::parquet
