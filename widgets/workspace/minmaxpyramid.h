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
    // Level k: the extent of each block of kLeaf << k samples, minimum beside maximum (one
    // cache line for both: at hours of 1 kHz data the levels are far bigger than the caches).
    struct Extent {
        float lo, hi;
    };
    std::vector<std::vector<Extent>> levels_;
};

// One pixel column of a plotted curve: the samples whose times fall in the column.
struct ColumnEnvelope {
    bool empty = true;
    float min = 0, max = 0;    // over the column's samples
    float first = 0, last = 0; // the first and last of them (to connect columns)
    size_t firstIndex = 0, lastIndex = 0;
};

// Where [t0, t1) split into `columns` equal columns starts and ends in `times` (sorted):
// column c holds samples [b[c], b[c+1]) with times in [t0 + c·w, t0 + (c+1)·w), w = (t1 − t0) /
// columns. Gallops from one boundary to the next, so it reads memory near the visible samples
// only; channels that share their times share these boundaries.
std::vector<size_t> columnBoundaries(const std::vector<int64_t>& times, int64_t t0, int64_t t1,
                                     int columns);
std::vector<ColumnEnvelope> columnEnvelope(const std::vector<size_t>& boundaries,
                                           const MinMaxPyramid& values);
// Both steps at once.
std::vector<ColumnEnvelope> columnEnvelope(const std::vector<int64_t>& times,
                                           const MinMaxPyramid& values, int64_t t0, int64_t t1,
                                           int columns);

} // namespace ts::widgets
