// One Parquet column: what it is (ColumnSpec: physical and logical type, optional, a standard
// three-level LIST, dictionary-encoded or not) and the values of one row group, kept as the
// definition/repetition levels and the non-null leaf values Parquet stores.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ts::core::parquet {

enum class PhysicalType : int32_t {
    Boolean = 0,
    Int32 = 1,
    Int64 = 2,
    Float = 4,
    Double = 5,
    ByteArray = 6,
};

enum class LogicalType { None, String, Json };

struct ColumnSpec {
    std::string name;
    PhysicalType type = PhysicalType::Int64;
    LogicalType logical = LogicalType::None;
    bool optional = false;        // the value (or the whole list) may be null
    bool list = false;            // list<type> as the standard 3-level LIST
    bool optionalElement = false; // list elements may be null (pyarrow's default)
    bool dictionary = false;      // RLE_DICTIONARY when the distinct values are few enough

    int maxDefinitionLevel() const {
        return (optional ? 1 : 0) + (list ? 1 + (optionalElement ? 1 : 0) : 0);
    }
    int maxRepetitionLevel() const { return list ? 1 : 0; }
};

class ColumnData {
public:
    explicit ColumnData(ColumnSpec spec);

    const ColumnSpec& spec() const { return spec_; }
    size_t rows() const { return rows_; }

    // Scalars (throw std::logic_error when the type does not match the spec).
    void push(bool v);
    void push(int32_t v);
    void push(int64_t v);
    void push(float v);
    void push(double v);
    void push(std::string_view v);
    void push(const char* v) { push(std::string_view(v)); }
    void pushNull(); // a null value or a null list; the column must be optional

    // One list row (the column must be a list).
    void pushList(std::span<const float> v);
    void pushList(std::span<const double> v);
    void pushList(std::span<const int32_t> v);
    void pushList(std::span<const int64_t> v);
    void pushList(std::span<const std::string> v);
    void pushNullElement(); // inside beginList/endList only, with optionalElement
    void beginList();
    void endList();

    // Level entries (one per leaf slot: value, null, empty list) and the values present.
    size_t entries() const { return entries_; }
    const std::vector<uint32_t>& definitionLevels() const { return def_; }
    const std::vector<uint32_t>& repetitionLevels() const { return rep_; }

    const std::vector<uint8_t>& bools() const { return b_; }
    const std::vector<int32_t>& int32s() const { return i32_; }
    const std::vector<int64_t>& int64s() const { return i64_; }
    const std::vector<float>& floats() const { return f32_; }
    const std::vector<double>& doubles() const { return f64_; }
    const std::vector<std::string>& strings() const { return str_; }
    size_t valueCount() const;

private:
    void expect(PhysicalType t) const;
    void level(uint32_t def, uint32_t rep);
    void valuePushed(); // levels for a scalar or a list element
    void startRow();

    ColumnSpec spec_;
    size_t rows_ = 0;
    size_t entries_ = 0;
    bool inList_ = false;
    size_t listElements_ = 0;
    std::vector<uint32_t> def_, rep_;
    std::vector<uint8_t> b_;
    std::vector<int32_t> i32_;
    std::vector<int64_t> i64_;
    std::vector<float> f32_;
    std::vector<double> f64_;
    std::vector<std::string> str_;
};

} // namespace ts::core::parquet
