#include "workspace/minmaxpyramid.h"

#include <algorithm>
#include <tuple>

namespace ts::widgets {

MinMaxPyramid::MinMaxPyramid(std::vector<float> values) : v_(std::move(values)) {
    const size_t blocks = v_.size() / kLeaf;
    if (blocks == 0)
        return;
    std::vector<Extent> first(blocks);
    for (size_t b = 0; b < blocks; ++b) {
        const auto [lo, hi] =
            std::minmax_element(v_.begin() + b * kLeaf, v_.begin() + (b + 1) * kLeaf);
        first[b] = {*lo, *hi};
    }
    levels_.push_back(std::move(first));
    while (levels_.back().size() > 1) {
        const auto& prev = levels_.back();
        std::vector<Extent> next(prev.size() / 2);
        for (size_t i = 0; i < next.size(); ++i)
            next[i] = {std::min(prev[2 * i].lo, prev[2 * i + 1].lo),
                       std::max(prev[2 * i].hi, prev[2 * i + 1].hi)};
        levels_.push_back(std::move(next));
    }
}

std::pair<float, float> MinMaxPyramid::range(size_t a, size_t b) const {
    float lo = v_[a], hi = v_[a];
    auto scan = [&](size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) {
            lo = std::min(lo, v_[i]);
            hi = std::max(hi, v_[i]);
        }
    };
    size_t A = (a + kLeaf - 1) / kLeaf, B = b / kLeaf; // whole blocks [A, B)
    if (A >= B) {
        scan(a, b);
        return {lo, hi};
    }
    scan(a, A * kLeaf);
    scan(B * kLeaf, b);
    // Bottom-up range query over the block levels; each level's odd ends are taken whole.
    for (size_t level = 0; A < B && level < levels_.size(); ++level) {
        if (A & 1) {
            lo = std::min(lo, levels_[level][A].lo);
            hi = std::max(hi, levels_[level][A].hi);
            ++A;
        }
        if (B & 1) {
            --B;
            lo = std::min(lo, levels_[level][B].lo);
            hi = std::max(hi, levels_[level][B].hi);
        }
        A >>= 1;
        B >>= 1;
    }
    return {lo, hi};
}

std::pair<float, float> MinMaxPyramid::overall() const {
    if (v_.empty())
        return {0.f, 0.f};
    return range(0, v_.size());
}

size_t MinMaxPyramid::bytes() const {
    size_t n = v_.size();
    for (const auto& l : levels_)
        n += 2 * l.size();
    return n * sizeof(float);
}

std::vector<size_t> columnBoundaries(const std::vector<int64_t>& times, int64_t t0, int64_t t1,
                                     int columns) {
    if (columns <= 0 || t1 <= t0)
        return {};
    std::vector<size_t> out(static_cast<size_t>(columns) + 1);
    const auto first = std::lower_bound(times.begin(), times.end(), t0);
    const size_t end =
        static_cast<size_t>(std::lower_bound(first, times.end(), t1) - times.begin());
    size_t a = static_cast<size_t>(first - times.begin());
    out[0] = a;
    const double w = double(t1 - t0) / columns;
    for (int c = 1; c <= columns; ++c) {
        // The column edge, computed alike for the end of c-1 and the start of c.
        const int64_t edge = c >= columns ? t1 : t0 + static_cast<int64_t>(double(c) * w);
        // Gallop forward by the expected samples per column, then search that stretch.
        size_t step = std::max<size_t>(1, (end - a) / size_t(columns - c + 1));
        size_t lo = a, hi = a;
        while (hi < end && times[hi] < edge) {
            lo = hi;
            hi = std::min(end, hi + step);
            step *= 2;
        }
        a = static_cast<size_t>(std::lower_bound(times.begin() + std::ptrdiff_t(lo),
                                                 times.begin() + std::ptrdiff_t(hi), edge) -
                                times.begin());
        out[static_cast<size_t>(c)] = a;
    }
    return out;
}

std::vector<ColumnEnvelope> columnEnvelope(const std::vector<size_t>& b,
                                           const MinMaxPyramid& values) {
    std::vector<ColumnEnvelope> out(b.empty() ? 0 : b.size() - 1);
    for (size_t c = 0; c < out.size(); ++c) {
        if (b[c + 1] <= b[c])
            continue;
        auto& e = out[c];
        e.empty = false;
        std::tie(e.min, e.max) = values.range(b[c], b[c + 1]);
        e.first = values.value(b[c]);
        e.last = values.value(b[c + 1] - 1);
        e.firstIndex = b[c];
        e.lastIndex = b[c + 1] - 1;
    }
    return out;
}

std::vector<ColumnEnvelope> columnEnvelope(const std::vector<int64_t>& times,
                                           const MinMaxPyramid& values, int64_t t0, int64_t t1,
                                           int columns) {
    if (columns <= 0)
        return {};
    if (t1 <= t0 || times.empty())
        return std::vector<ColumnEnvelope>(static_cast<size_t>(columns));
    return columnEnvelope(columnBoundaries(times, t0, t1, columns), values);
}

} // namespace ts::widgets
