// Writes one Parquet file (format 2.x, data page v1) from a fixed schema of flat or LIST
// columns, one row group per writeRowGroup() call: PLAIN or dictionary (RLE_DICTIONARY)
// values, RLE/bit-packed levels, snappy or zstd pages, column statistics, and key-value
// metadata (e.g. the "pandas" schema). Written from the format's spec (parquet.thrift).
//
// Not thread-safe; one writer per file. Errors throw ts::core::Error naming the file.
#pragma once

#include "export/parquet/columndata.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ts::core::parquet {

enum class Compression : int32_t { Uncompressed = 0, Snappy = 1, Zstd = 6 };

struct WriterOptions {
    Compression compression = Compression::Snappy;
    size_t pageBytes = 1 << 20;        // a data page ends at the first row past this many bytes
    size_t maxDictionaryBytes = 1 << 20; // larger dictionaries fall back to PLAIN
    int zstdLevel = 3;
    std::string createdBy;             // default: "touchstone <version>"
};

class ParquetWriter {
public:
    ParquetWriter(std::filesystem::path file, std::vector<ColumnSpec> schema,
                  WriterOptions options = {});
    ~ParquetWriter(); // closes the file handle; a writer not close()d leaves no valid footer
    ParquetWriter(const ParquetWriter&) = delete;
    ParquetWriter& operator=(const ParquetWriter&) = delete;

    const std::vector<ColumnSpec>& schema() const { return schema_; }

    // Columns in schema order, each with the same number of rows.
    void writeRowGroup(const std::vector<ColumnData>& columns);
    void setKeyValue(const std::string& key, const std::string& value);
    void close(); // writes the footer and closes the file
    int64_t bytesWritten() const { return offset_; }

    // A writer's compression by name ("snappy", "zstd", "none"); throws Error when unknown.
    static Compression compressionFromName(const std::string& name);

private:
    struct ChunkMeta;
    ChunkMeta writeChunk(const ColumnData& column);
    void writeBytes(const std::string& bytes);
    std::string compress(const std::string& raw) const;
    std::string footer() const;

    std::filesystem::path file_;
    std::vector<ColumnSpec> schema_;
    WriterOptions options_;
    std::FILE* fp_ = nullptr;
    int64_t offset_ = 0;
    int64_t rows_ = 0;
    std::map<std::string, std::string> keyValues_;
    struct RowGroupMeta;
    std::vector<RowGroupMeta> rowGroups_;
};

} // namespace ts::core::parquet
