#include "export/parquet/thriftcompact.h"

#include <stdexcept>

namespace ts::core::parquet {

void ThriftCompactWriter::varint(uint64_t v) {
    while (v >= 0x80) {
        out_.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
}

void ThriftCompactWriter::fieldHeader(int16_t id, Type t) {
    const int delta = id - lastIds_.back();
    if (delta > 0 && delta <= 15) {
        out_.push_back(static_cast<char>((delta << 4) | static_cast<int>(t)));
    } else {
        out_.push_back(static_cast<char>(t));
        varint(zigzag(id));
    }
    lastIds_.back() = id;
}

void ThriftCompactWriter::beginStruct() {
    lastIds_.push_back(0);
}

void ThriftCompactWriter::endStruct() {
    if (lastIds_.size() < 2)
        throw std::logic_error("ThriftCompactWriter: endStruct without beginStruct");
    out_.push_back(0); // stop
    lastIds_.pop_back();
}

void ThriftCompactWriter::fieldI32(int16_t id, int32_t v) {
    fieldHeader(id, Type::I32);
    varint(zigzag(v));
}

void ThriftCompactWriter::fieldI64(int16_t id, int64_t v) {
    fieldHeader(id, Type::I64);
    varint(zigzag(v));
}

void ThriftCompactWriter::fieldBool(int16_t id, bool v) {
    fieldHeader(id, v ? Type::BoolTrue : Type::BoolFalse);
}

void ThriftCompactWriter::fieldBinary(int16_t id, std::string_view v) {
    fieldHeader(id, Type::Binary);
    elemBinary(v);
}

void ThriftCompactWriter::elemBinary(std::string_view v) {
    varint(v.size());
    out_.append(v);
}

void ThriftCompactWriter::fieldStruct(int16_t id) {
    fieldHeader(id, Type::Struct);
    beginStruct();
}

void ThriftCompactWriter::fieldList(int16_t id, Type elem, size_t size) {
    fieldHeader(id, Type::List);
    listHeader(elem, size);
}

void ThriftCompactWriter::listHeader(Type elem, size_t size) {
    if (size < 15) {
        out_.push_back(static_cast<char>((size << 4) | static_cast<int>(elem)));
    } else {
        out_.push_back(static_cast<char>(0xF0 | static_cast<int>(elem)));
        varint(size);
    }
}

} // namespace ts::core::parquet
