#include "export/parquet/columndata.h"

#include <stdexcept>

namespace ts::core::parquet {

ColumnData::ColumnData(ColumnSpec spec) : spec_(std::move(spec)) {
    if (spec_.optionalElement && !spec_.list)
        throw std::logic_error("parquet column " + spec_.name + ": optionalElement needs list");
    if (spec_.dictionary && spec_.type == PhysicalType::Boolean)
        throw std::logic_error("parquet column " + spec_.name + ": no dictionary for booleans");
}

void ColumnData::expect(PhysicalType t) const {
    if (t != spec_.type)
        throw std::logic_error("parquet column " + spec_.name + ": value of the wrong type");
}

void ColumnData::level(uint32_t def, uint32_t rep) {
    if (spec_.maxDefinitionLevel() > 0)
        def_.push_back(def);
    if (spec_.maxRepetitionLevel() > 0)
        rep_.push_back(rep);
    ++entries_;
}

void ColumnData::valuePushed() {
    if (spec_.list) {
        if (!inList_)
            throw std::logic_error("parquet column " + spec_.name + ": list value outside a list");
        level(static_cast<uint32_t>(spec_.maxDefinitionLevel()), listElements_ > 0 ? 1 : 0);
        ++listElements_;
    } else {
        level(static_cast<uint32_t>(spec_.maxDefinitionLevel()), 0);
        ++rows_;
    }
}

void ColumnData::push(bool v) {
    expect(PhysicalType::Boolean);
    b_.push_back(v ? 1 : 0);
    valuePushed();
}
void ColumnData::push(int32_t v) {
    expect(PhysicalType::Int32);
    i32_.push_back(v);
    valuePushed();
}
void ColumnData::push(int64_t v) {
    expect(PhysicalType::Int64);
    i64_.push_back(v);
    valuePushed();
}
void ColumnData::push(float v) {
    expect(PhysicalType::Float);
    f32_.push_back(v);
    valuePushed();
}
void ColumnData::push(double v) {
    expect(PhysicalType::Double);
    f64_.push_back(v);
    valuePushed();
}
void ColumnData::push(std::string_view v) {
    expect(PhysicalType::ByteArray);
    str_.emplace_back(v);
    valuePushed();
}

void ColumnData::pushNull() {
    if (!spec_.optional)
        throw std::logic_error("parquet column " + spec_.name + ": null in a required column");
    if (inList_)
        throw std::logic_error("parquet column " + spec_.name + ": pushNull inside a list");
    level(0, 0);
    ++rows_;
}

void ColumnData::pushNullElement() {
    if (!inList_ || !spec_.optionalElement)
        throw std::logic_error("parquet column " + spec_.name + ": null element not allowed");
    level(static_cast<uint32_t>(spec_.maxDefinitionLevel() - 1), listElements_ > 0 ? 1 : 0);
    ++listElements_;
}

void ColumnData::beginList() {
    if (!spec_.list || inList_)
        throw std::logic_error("parquet column " + spec_.name + ": beginList misplaced");
    inList_ = true;
    listElements_ = 0;
}

void ColumnData::endList() {
    if (!inList_)
        throw std::logic_error("parquet column " + spec_.name + ": endList without beginList");
    inList_ = false;
    if (listElements_ == 0) // an empty, non-null list: defined up to the repeated group
        level(spec_.optional ? 1 : 0, 0);
    ++rows_;
}

template <typename T, typename Push> static void pushAll(ColumnData& c, std::span<const T> v, Push p) {
    c.beginList();
    for (const T& x : v)
        p(x);
    c.endList();
}

void ColumnData::pushList(std::span<const float> v) {
    pushAll(*this, v, [this](float x) { push(x); });
}
void ColumnData::pushList(std::span<const double> v) {
    pushAll(*this, v, [this](double x) { push(x); });
}
void ColumnData::pushList(std::span<const int32_t> v) {
    pushAll(*this, v, [this](int32_t x) { push(x); });
}
void ColumnData::pushList(std::span<const int64_t> v) {
    pushAll(*this, v, [this](int64_t x) { push(x); });
}
void ColumnData::pushList(std::span<const std::string> v) {
    pushAll(*this, v, [this](const std::string& x) { push(std::string_view(x)); });
}

size_t ColumnData::valueCount() const {
    switch (spec_.type) {
    case PhysicalType::Boolean: return b_.size();
    case PhysicalType::Int32: return i32_.size();
    case PhysicalType::Int64: return i64_.size();
    case PhysicalType::Float: return f32_.size();
    case PhysicalType::Double: return f64_.size();
    case PhysicalType::ByteArray: return str_.size();
    }
    return 0;
}

} // namespace ts::core::parquet
