// Level of detail for plotting long signals: a min/max pyramid over the samples answers "the
// smallest and largest value among samples [a, b)" exactly in O(log n), so a plot draws one
// vertical min–max stroke per pixel column whether the column spans ten samples or a million.
// Plain C++, no Qt; immutable after construction, safe to share between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace ts::widgets {

class MinMaxPyramid {
public:
    static constexpr size_t kLeaf = 16; // samples per block of the finest level

    MinMaxPyramid() = default;
    explicit MinMaxPyramid(std::vector<float> values);

    size_t size() const { return v_.size(); }
    float value(size_t i) const { return v_[i]; }
    const std::vector<float>& values() const { return v_; }
    // Exact min and max of samples [a, b); requires a < b <= size().
    std::pair<float, float> range(size_t a, size_t b) const;
    // Of all samples (0, 0 when empty).
    std::pair<float, float> overall() const;
    size_t bytes() const;

private:
    std::vector<float> v_;
    std::vector<std::vector<float>> min_, max_; // level k: blocks of kLeaf << k samples
};

// One pixel column of a plotted curve: the samples whose times fall in the column.
struct ColumnEnvelope {
    bool empty = true;
    float min = 0, max = 0;    // over the column's samples
    float first = 0, last = 0; // the first and last of them (to connect columns)
    size_t firstIndex = 0, lastIndex = 0;
};

// Per-column envelope of a curve over [t0, t1) split into `columns` equal columns: column c
// covers [t0 + c·w, t0 + (c+1)·w) with w = (t1 − t0) / columns, times sorted ascending.
std::vector<ColumnEnvelope> columnEnvelope(const std::vector<int64_t>& times,
                                           const MinMaxPyramid& values, int64_t t0, int64_t t1,
                                           int columns);

} // namespace ts::widgets
