#include "media/frameindex.h"

#include <algorithm>
#include <cstring>

namespace ts::core::media {

int64_t FrameIndex::indexOfPts(int64_t pts) const {
    auto it = std::lower_bound(frames.begin(), frames.end(), pts,
                               [](const FrameIndexEntry& e, int64_t p) { return e.pts < p; });
    if (it == frames.end() || it->pts != pts)
        return -1;
    return it - frames.begin();
}

namespace {
__extension__ typedef __int128 Int128; // exact products of pts and time bases
} // namespace

TimeNs FrameIndex::ptsToNs(int64_t pts) const {
    // pts * num / den seconds, in ns, without overflow for any realistic pts.
    const Int128 v = static_cast<Int128>(pts) * timeBaseNum * kNsPerSecond;
    const Int128 d = timeBaseDen;
    Int128 q = v / d;
    if ((v % d != 0) && ((v < 0) != (d < 0)))
        --q; // floor, so a time exactly between two ticks does not round up past a frame
    return static_cast<TimeNs>(q);
}

int64_t FrameIndex::indexAtTimeNs(TimeNs t) const {
    auto it =
        std::upper_bound(frames.begin(), frames.end(), t,
                         [this](TimeNs x, const FrameIndexEntry& e) { return x < ptsToNs(e.pts); });
    return (it - frames.begin()) - 1;
}

int64_t FrameIndex::keyframeAtOrBefore(int64_t n) const {
    n = std::clamp<int64_t>(n, 0, size() - 1);
    for (int64_t i = n; i >= 0; --i)
        if (frames[static_cast<size_t>(i)].key)
            return i;
    return 0;
}

namespace {
template <typename T> void put(std::string& out, T v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T> bool get(std::string_view& in, T& v) {
    if (in.size() < sizeof v)
        return false;
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return true;
}
} // namespace

std::string FrameIndex::serialize() const {
    std::string out = "TSFI";
    put<int32_t>(out, kVersion);
    put<int32_t>(out, timeBaseNum);
    put<int32_t>(out, timeBaseDen);
    put<uint8_t>(out, truncated ? 1 : 0);
    put<int64_t>(out, truncatedAfter);
    put<int64_t>(out, size());
    for (const auto& f : frames) {
        put(out, f.pts);
        put(out, f.dts);
        put(out, f.pos);
        put(out, f.size);
        put<uint8_t>(out, static_cast<uint8_t>((f.key ? 1 : 0) | (f.corrupt ? 2 : 0)));
    }
    return out;
}

std::optional<FrameIndex> FrameIndex::deserialize(std::string_view in) {
    if (in.size() < 4 || in.substr(0, 4) != "TSFI")
        return std::nullopt;
    in.remove_prefix(4);
    FrameIndex idx;
    int32_t version = 0;
    uint8_t trunc = 0;
    int64_t n = 0;
    if (!get(in, version) || version != kVersion || !get(in, idx.timeBaseNum) ||
        !get(in, idx.timeBaseDen) || !get(in, trunc) || !get(in, idx.truncatedAfter) ||
        !get(in, n) || n < 0 || idx.timeBaseDen == 0)
        return std::nullopt;
    // A damaged count must not make us allocate gigabytes before the size check below fails.
    constexpr size_t kEntryBytes = 3 * sizeof(int64_t) + sizeof(int32_t) + sizeof(uint8_t);
    if (static_cast<uint64_t>(n) != in.size() / kEntryBytes || in.size() % kEntryBytes != 0)
        return std::nullopt;
    idx.truncated = trunc != 0;
    idx.frames.resize(static_cast<size_t>(n));
    for (auto& f : idx.frames) {
        uint8_t flags = 0;
        if (!get(in, f.pts) || !get(in, f.dts) || !get(in, f.pos) || !get(in, f.size) ||
            !get(in, flags))
            return std::nullopt;
        f.key = flags & 1;
        f.corrupt = flags & 2;
    }
    if (!in.empty())
        return std::nullopt;
    return idx;
}

} // namespace ts::core::media
