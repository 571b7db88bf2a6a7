// Parquet's RLE / bit-packed hybrid encoding of small unsigned integers (definition and
// repetition levels, dictionary indices): runs of one repeated value become RLE runs, the
// rest groups of eight bit-packed values (LSB first).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace ts::core::parquet {

// Bits needed for values up to maxValue (0 for 0).
int bitWidthFor(uint64_t maxValue);

// Appends the encoded runs of `values` (each < 2^bitWidth) to out, without a length prefix.
void encodeRleHybrid(std::span<const uint32_t> values, int bitWidth, std::string& out);

} // namespace ts::core::parquet
