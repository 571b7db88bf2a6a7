// A writer of the Thrift compact protocol, the encoding of Parquet's footer and page headers
// (parquet.thrift). Only what Parquet needs: structs, fields, i32/i64/i16, bool, binary,
// lists. Field ids must rise within a struct (the short delta form relies on it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ts::core::parquet {

class ThriftCompactWriter {
public:
    enum class Type : uint8_t {
        BoolTrue = 1,
        BoolFalse = 2,
        Byte = 3,
        I16 = 4,
        I32 = 5,
        I64 = 6,
        Double = 7,
        Binary = 8,
        List = 9,
        Set = 10,
        Map = 11,
        Struct = 12,
    };

    void beginStruct(); // as a nested field value or as the top-level value
    void endStruct();   // writes the stop byte

    void fieldI32(int16_t id, int32_t v);
    void fieldI64(int16_t id, int64_t v);
    void fieldBool(int16_t id, bool v);
    void fieldBinary(int16_t id, std::string_view v);
    void fieldStruct(int16_t id); // followed by the struct's fields and endStruct()
    void fieldList(int16_t id, Type elem, size_t size);

    // List elements.
    void listHeader(Type elem, size_t size);
    void elemI32(int32_t v) { varint(zigzag(v)); }
    void elemBinary(std::string_view v);
    void elemStruct() { beginStruct(); }

    const std::string& bytes() const { return out_; }
    std::string take() { return std::move(out_); }

    static uint64_t zigzag(int64_t v) {
        return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
    }

private:
    void fieldHeader(int16_t id, Type t);
    void varint(uint64_t v);

    std::string out_;
    std::vector<int16_t> lastIds_{0};
};

} // namespace ts::core::parquet
