#include "export/parquet/parquetwriter.h"

#include "export/parquet/rlehybrid.h"
#include "export/parquet/thriftcompact.h"
#include "util/error.h"

#include <snappy-c.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <optional>
#include <set>
#include <unordered_map>

namespace ts::core::parquet {

namespace {

using TType = ThriftCompactWriter::Type;

// parquet.thrift enums
constexpr int32_t kEncPlain = 0, kEncRle = 3, kEncRleDictionary = 8;
constexpr int32_t kPageData = 0, kPageDictionary = 2;
constexpr int32_t kRepRequired = 0, kRepOptional = 1, kRepRepeated = 2;
constexpr int32_t kConvertedUtf8 = 0, kConvertedList = 3, kConvertedJson = 19;

template <typename T> void putLe(std::string& out, T v) {
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T)); // x86-64 and every target Debian builds us for: little endian
    out.append(b, sizeof(T));
}

struct Stats {
    int64_t nullCount = 0;
    std::optional<std::string> min, max; // PLAIN bytes (no length prefix for byte arrays)
};

template <typename T> void plain(std::string& out, const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        putLe<uint32_t>(out, static_cast<uint32_t>(v.size()));
        out.append(v);
    } else {
        putLe<T>(out, v);
    }
}

template <typename T> std::string statBytes(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        return v;
    } else if constexpr (std::is_same_v<T, uint8_t>) {
        return std::string(1, static_cast<char>(v));
    } else {
        std::string s;
        putLe<T>(s, v);
        return s;
    }
}

template <typename T> void minMax(const std::vector<T>& values, Stats& st) {
    const T* lo = nullptr;
    const T* hi = nullptr;
    for (const T& v : values) {
        if constexpr (std::is_floating_point_v<T>)
            if (std::isnan(v))
                continue; // the spec: NaN takes no part in min/max
        if (!lo || v < *lo)
            lo = &v;
        if (!hi || *hi < v)
            hi = &v;
    }
    if (!lo)
        return;
    T l = *lo, h = *hi;
    if constexpr (std::is_floating_point_v<T>) {
        // The spec: a zero minimum is written as -0.0 and a zero maximum as +0.0.
        if (l == 0)
            l = -T(0);
        if (h == 0)
            h = T(0);
    }
    st.min = statBytes(l);
    st.max = statBytes(h);
}

// Packs booleans LSB first, the PLAIN encoding of BOOLEAN.
void packBools(std::span<const uint8_t> v, std::string& out) {
    for (size_t i = 0; i < v.size(); i += 8) {
        uint8_t byte = 0;
        for (size_t k = 0; k < 8 && i + k < v.size(); ++k)
            byte |= static_cast<uint8_t>((v[i + k] & 1) << k);
        out.push_back(static_cast<char>(byte));
    }
}

void writeStatistics(ThriftCompactWriter& w, int16_t id, const Stats& st) {
    w.fieldStruct(id);
    w.fieldI64(3, st.nullCount);
    if (st.max)
        w.fieldBinary(5, *st.max);
    if (st.min)
        w.fieldBinary(6, *st.min);
    w.endStruct();
}

std::string levelsBlock(const std::vector<uint32_t>& levels, size_t begin, size_t end, int maxLevel) {
    std::string runs;
    encodeRleHybrid(std::span<const uint32_t>(levels).subspan(begin, end - begin),
                    bitWidthFor(static_cast<uint64_t>(maxLevel)), runs);
    std::string out;
    putLe<uint32_t>(out, static_cast<uint32_t>(runs.size()));
    out += runs;
    return out;
}

} // namespace

struct ParquetWriter::ChunkMeta {
    int64_t numValues = 0;
    int64_t uncompressed = 0, compressed = 0;
    int64_t dataPageOffset = 0;
    std::optional<int64_t> dictionaryPageOffset;
    std::set<int32_t> encodings;
    Stats stats;
};

struct ParquetWriter::RowGroupMeta {
    int64_t rows = 0;
    int64_t fileOffset = 0;
    std::vector<ChunkMeta> chunks;
};

ParquetWriter::ParquetWriter(std::filesystem::path file, std::vector<ColumnSpec> schema,
                             WriterOptions options)
    : file_(std::move(file)), schema_(std::move(schema)), options_(std::move(options)) {
    if (schema_.empty())
        throw Error(file_.string(), "a Parquet file needs at least one column");
    if (options_.createdBy.empty())
        options_.createdBy = std::string("touchstone version ") + TS_VERSION;
    fp_ = std::fopen(file_.c_str(), "wb");
    if (!fp_)
        throw Error(file_.string(), std::string("cannot create: ") + std::strerror(errno));
    writeBytes("PAR1");
}

ParquetWriter::~ParquetWriter() {
    if (fp_)
        std::fclose(fp_);
}

Compression ParquetWriter::compressionFromName(const std::string& name) {
    if (name == "snappy")
        return Compression::Snappy;
    if (name == "zstd")
        return Compression::Zstd;
    if (name == "none" || name == "uncompressed")
        return Compression::Uncompressed;
    throw Error("compression '" + name + "' is not one of snappy, zstd, none");
}

void ParquetWriter::writeBytes(const std::string& bytes) {
    if (!fp_)
        throw Error(file_.string(), "the Parquet writer is already closed");
    if (std::fwrite(bytes.data(), 1, bytes.size(), fp_) != bytes.size())
        throw Error(file_.string(), std::string("write failed: ") + std::strerror(errno));
    offset_ += static_cast<int64_t>(bytes.size());
}

std::string ParquetWriter::compress(const std::string& raw) const {
    switch (options_.compression) {
    case Compression::Uncompressed: return raw;
    case Compression::Snappy: {
        size_t len = snappy_max_compressed_length(raw.size());
        std::string out(len, '\0');
        if (snappy_compress(raw.data(), raw.size(), out.data(), &len) != SNAPPY_OK)
            throw Error(file_.string(), "snappy compression failed");
        out.resize(len);
        return out;
    }
    case Compression::Zstd: {
        std::string out(ZSTD_compressBound(raw.size()), '\0');
        const size_t len =
            ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), options_.zstdLevel);
        if (ZSTD_isError(len))
            throw Error(file_.string(), std::string("zstd compression failed: ") +
                                            ZSTD_getErrorName(len));
        out.resize(len);
        return out;
    }
    }
    return raw;
}

void ParquetWriter::setKeyValue(const std::string& key, const std::string& value) {
    keyValues_[key] = value;
}

ParquetWriter::ChunkMeta ParquetWriter::writeChunk(const ColumnData& column) {
    ChunkMeta meta;
    const ColumnSpec& spec = column.spec();
    const int maxDef = spec.maxDefinitionLevel();
    const int maxRep = spec.maxRepetitionLevel();
    const auto& def = column.definitionLevels();
    const auto& rep = column.repetitionLevels();
    const size_t entries = column.entries();
    meta.numValues = static_cast<int64_t>(entries);
    for (size_t i = 0; i < def.size(); ++i)
        meta.stats.nullCount += def[i] < static_cast<uint32_t>(maxDef) ? 1 : 0;

    auto writePage = [&](int32_t pageType, const std::string& body, int32_t numValues,
                         int32_t encoding) {
        const std::string packed = compress(body);
        ThriftCompactWriter h;
        h.beginStruct();
        h.fieldI32(1, pageType);
        h.fieldI32(2, static_cast<int32_t>(body.size()));
        h.fieldI32(3, static_cast<int32_t>(packed.size()));
        if (pageType == kPageData) {
            h.fieldStruct(5);
            h.fieldI32(1, numValues);
            h.fieldI32(2, encoding);
            h.fieldI32(3, kEncRle);
            h.fieldI32(4, kEncRle);
            h.endStruct();
        } else {
            h.fieldStruct(7);
            h.fieldI32(1, numValues);
            h.fieldI32(2, kEncPlain);
            h.endStruct();
        }
        h.endStruct();
        meta.uncompressed += static_cast<int64_t>(h.bytes().size() + body.size());
        meta.compressed += static_cast<int64_t>(h.bytes().size() + packed.size());
        writeBytes(h.bytes());
        writeBytes(packed);
    };

    auto encodeTyped = [&]<typename T>(const std::vector<T>& values) {
        minMax(values, meta.stats);
        // Dictionary: indices into the distinct values in first-seen order.
        std::vector<uint32_t> indices;
        std::string dictBody;
        size_t dictCount = 0;
        bool useDict = false;
        if (spec.dictionary) {
            std::unordered_map<T, uint32_t> seen;
            indices.reserve(values.size());
            useDict = true;
            for (const T& v : values) {
                auto [it, fresh] = seen.try_emplace(v, static_cast<uint32_t>(seen.size()));
                if (fresh) {
                    plain(dictBody, v);
                    if (dictBody.size() > options_.maxDictionaryBytes) {
                        useDict = false;
                        break;
                    }
                }
                indices.push_back(it->second);
            }
            dictCount = seen.size();
        }
        if (useDict) {
            meta.dictionaryPageOffset = offset_;
            writePage(kPageDictionary, dictBody, static_cast<int32_t>(dictCount), kEncPlain);
            meta.encodings.insert(kEncPlain);
            meta.encodings.insert(kEncRleDictionary);
        } else {
            meta.encodings.insert(kEncPlain);
        }
        meta.encodings.insert(kEncRle);
        const int indexWidth = useDict ? std::max(1, bitWidthFor(dictCount ? dictCount - 1 : 0)) : 0;

        // Pages end at a row boundary once their values pass pageBytes.
        size_t entry = 0, value = 0;
        bool firstPage = true;
        while (entry < entries || firstPage) {
            const size_t entryBegin = entry, valueBegin = value;
            size_t bytes = 0;
            while (entry < entries) {
                const bool rowStart = maxRep == 0 || rep[entry] == 0;
                if (rowStart && entry > entryBegin && bytes >= options_.pageBytes)
                    break;
                const bool present = maxDef == 0 || def[entry] == static_cast<uint32_t>(maxDef);
                if (present) {
                    if constexpr (std::is_same_v<T, std::string>)
                        bytes += 4 + values[value].size();
                    else
                        bytes += sizeof(T);
                    ++value;
                }
                ++entry;
            }
            std::string body;
            if (maxRep > 0)
                body += levelsBlock(rep, entryBegin, entry, maxRep);
            if (maxDef > 0)
                body += levelsBlock(def, entryBegin, entry, maxDef);
            if (useDict) {
                body.push_back(static_cast<char>(indexWidth));
                encodeRleHybrid(std::span<const uint32_t>(indices).subspan(valueBegin, value - valueBegin),
                                indexWidth, body);
            } else if constexpr (std::is_same_v<T, uint8_t>) {
                packBools(std::span<const uint8_t>(values).subspan(valueBegin, value - valueBegin), body);
            } else {
                for (size_t i = valueBegin; i < value; ++i)
                    plain(body, values[i]);
            }
            if (firstPage)
                meta.dataPageOffset = offset_;
            firstPage = false;
            writePage(kPageData, body, static_cast<int32_t>(entry - entryBegin),
                      useDict ? kEncRleDictionary : kEncPlain);
        }
    };

    switch (spec.type) {
    case PhysicalType::Boolean: encodeTyped(column.bools()); break;
    case PhysicalType::Int32: encodeTyped(column.int32s()); break;
    case PhysicalType::Int64: encodeTyped(column.int64s()); break;
    case PhysicalType::Float: encodeTyped(column.floats()); break;
    case PhysicalType::Double: encodeTyped(column.doubles()); break;
    case PhysicalType::ByteArray: encodeTyped(column.strings()); break;
    }
    return meta;
}

void ParquetWriter::writeRowGroup(const std::vector<ColumnData>& columns) {
    if (columns.size() != schema_.size())
        throw Error(file_.string(), "row group has " + std::to_string(columns.size()) +
                                        " columns; the schema has " + std::to_string(schema_.size()));
    const size_t rows = columns.front().rows();
    for (size_t i = 0; i < columns.size(); ++i) {
        const ColumnSpec& s = columns[i].spec();
        const ColumnSpec& want = schema_[i];
        if (s.name != want.name || s.type != want.type || s.list != want.list ||
            s.optional != want.optional || s.optionalElement != want.optionalElement)
            throw Error(file_.string(), "column " + std::to_string(i) + " ('" + s.name +
                                            "') does not match the schema's '" + want.name + "'");
        if (columns[i].rows() != rows)
            throw Error(file_.string(), "column '" + s.name + "' has " +
                                            std::to_string(columns[i].rows()) + " rows; column '" +
                                            columns.front().spec().name + "' has " +
                                            std::to_string(rows));
    }
    RowGroupMeta rg;
    rg.rows = static_cast<int64_t>(rows);
    rg.fileOffset = offset_;
    for (const ColumnData& c : columns)
        rg.chunks.push_back(writeChunk(c));
    rows_ += rg.rows;
    rowGroups_.push_back(std::move(rg));
}

std::string ParquetWriter::footer() const {
    ThriftCompactWriter w;
    w.beginStruct();
    w.fieldI32(1, 1); // version
    // Schema: the root, then each column (a LIST is three elements).
    size_t elements = 1;
    for (const ColumnSpec& s : schema_)
        elements += s.list ? 3 : 1;
    w.fieldList(2, TType::Struct, elements);
    w.elemStruct();
    w.fieldBinary(4, "schema");
    w.fieldI32(5, static_cast<int32_t>(schema_.size()));
    w.endStruct();
    auto leaf = [&](const ColumnSpec& s, const std::string& name, int32_t repetition) {
        w.elemStruct();
        w.fieldI32(1, static_cast<int32_t>(s.type));
        w.fieldI32(3, repetition);
        w.fieldBinary(4, name);
        if (s.logical == LogicalType::String)
            w.fieldI32(6, kConvertedUtf8);
        else if (s.logical == LogicalType::Json)
            w.fieldI32(6, kConvertedJson);
        if (s.logical != LogicalType::None) {
            w.fieldStruct(10);
            w.fieldStruct(s.logical == LogicalType::String ? 1 : 12);
            w.endStruct();
            w.endStruct();
        }
        w.endStruct();
    };
    for (const ColumnSpec& s : schema_) {
        if (!s.list) {
            leaf(s, s.name, s.optional ? kRepOptional : kRepRequired);
            continue;
        }
        w.elemStruct();
        w.fieldI32(3, s.optional ? kRepOptional : kRepRequired);
        w.fieldBinary(4, s.name);
        w.fieldI32(5, 1);
        w.fieldI32(6, kConvertedList);
        w.fieldStruct(10);
        w.fieldStruct(3); // LIST
        w.endStruct();
        w.endStruct();
        w.endStruct();
        w.elemStruct();
        w.fieldI32(3, kRepRepeated);
        w.fieldBinary(4, "list");
        w.fieldI32(5, 1);
        w.endStruct();
        leaf(s, "element", s.optionalElement ? kRepOptional : kRepRequired);
    }
    w.fieldI64(3, rows_);
    w.fieldList(4, TType::Struct, rowGroups_.size());
    for (const RowGroupMeta& rg : rowGroups_) {
        w.elemStruct();
        w.fieldList(1, TType::Struct, rg.chunks.size());
        int64_t total = 0, totalCompressed = 0;
        for (size_t i = 0; i < rg.chunks.size(); ++i) {
            const ChunkMeta& c = rg.chunks[i];
            const ColumnSpec& s = schema_[i];
            total += c.uncompressed;
            totalCompressed += c.compressed;
            w.elemStruct();
            w.fieldI64(2, c.dictionaryPageOffset.value_or(c.dataPageOffset));
            w.fieldStruct(3);
            w.fieldI32(1, static_cast<int32_t>(s.type));
            w.fieldList(2, TType::I32, c.encodings.size());
            for (int32_t e : c.encodings)
                w.elemI32(e);
            w.fieldList(3, TType::Binary, s.list ? 3 : 1);
            w.elemBinary(s.name);
            if (s.list) {
                w.elemBinary("list");
                w.elemBinary("element");
            }
            w.fieldI32(4, static_cast<int32_t>(options_.compression));
            w.fieldI64(5, c.numValues);
            w.fieldI64(6, c.uncompressed);
            w.fieldI64(7, c.compressed);
            w.fieldI64(9, c.dataPageOffset);
            if (c.dictionaryPageOffset)
                w.fieldI64(11, *c.dictionaryPageOffset);
            writeStatistics(w, 12, c.stats);
            w.endStruct(); // ColumnMetaData
            w.endStruct(); // ColumnChunk
        }
        w.fieldI64(2, total);
        w.fieldI64(3, rg.rows);
        w.fieldI64(5, rg.fileOffset);
        w.fieldI64(6, totalCompressed);
        w.endStruct();
    }
    if (!keyValues_.empty()) {
        w.fieldList(5, TType::Struct, keyValues_.size());
        for (const auto& [k, v] : keyValues_) {
            w.elemStruct();
            w.fieldBinary(1, k);
            w.fieldBinary(2, v);
            w.endStruct();
        }
    }
    w.fieldBinary(6, options_.createdBy);
    // Column orders: every leaf sorts by its type's order, so readers may trust min/max.
    w.fieldList(7, TType::Struct, schema_.size());
    for (size_t i = 0; i < schema_.size(); ++i) {
        w.elemStruct();
        w.fieldStruct(1);
        w.endStruct();
        w.endStruct();
    }
    w.endStruct();
    return w.take();
}

void ParquetWriter::close() {
    if (!fp_)
        return;
    const std::string meta = footer();
    writeBytes(meta);
    std::string tail;
    putLe<uint32_t>(tail, static_cast<uint32_t>(meta.size()));
    tail += "PAR1";
    writeBytes(tail);
    const bool flushed = std::fflush(fp_) == 0;
    const bool closed = std::fclose(fp_) == 0;
    fp_ = nullptr;
    if (!flushed || !closed)
        throw Error(file_.string(), std::string("cannot finish writing: ") + std::strerror(errno));
}

} // namespace ts::core::parquet
