#include "media/filmstripcache.h"

#include "util/error.h"
#include "util/sha256.h"

#include <atomic>
#include <fstream>
#include <functional>
#include <iterator>
#include <string_view>
#include <system_error>
#include <thread>
#include <type_traits>

namespace ts::core::media {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "TSFS";
// Bounds that no real strip reaches; they keep a damaged header from asking for gigabytes.
constexpr int kMaxSlots = 10000;
constexpr int kMaxSide = 8192;
constexpr uint32_t kMaxKey = 4096;

uint64_t fnv1a(std::string_view bytes) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

// Fixed little-endian encoding, so a cache folder on a shared drive reads on any machine.
template <typename T> void put(std::string& out, T v) {
    auto u = static_cast<std::make_unsigned_t<T>>(v);
    for (size_t i = 0; i < sizeof(T); ++i)
        out.push_back(static_cast<char>((u >> (8 * i)) & 0xff));
}

class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    template <typename T> bool get(T& v) {
        if (in_.size() < sizeof(T))
            return false;
        std::make_unsigned_t<T> u = 0;
        for (size_t i = 0; i < sizeof(T); ++i)
            u |= static_cast<std::make_unsigned_t<T>>(static_cast<unsigned char>(in_[i]))
                 << (8 * i);
        v = static_cast<T>(u);
        in_.remove_prefix(sizeof(T));
        return true;
    }
    bool bytes(size_t n, std::string_view& out) {
        if (in_.size() < n)
            return false;
        out = in_.substr(0, n);
        in_.remove_prefix(n);
        return true;
    }
    bool empty() const { return in_.empty(); }

private:
    std::string_view in_;
};

} // namespace

std::string FilmstripCache::videoKey(const fs::path& video, const std::string& sha256) {
    if (!sha256.empty())
        return "sha256:" + sha256;
    std::error_code ec;
    const fs::path abs = fs::weakly_canonical(fs::absolute(video), ec);
    const auto size = fs::file_size(video, ec);
    if (ec)
        throw Error(video.string(), "cannot be inspected: " + ec.message());
    const auto mtime = fs::last_write_time(video, ec);
    if (ec)
        throw Error(video.string(), "cannot be inspected: " + ec.message());
    const std::string id = abs.generic_string() + '\n' + std::to_string(size) + '\n' +
                           std::to_string(mtime.time_since_epoch().count());
    return "stat:" + Sha256::hex(id);
}

fs::path FilmstripCache::fileFor(const fs::path& cacheDir, const std::string& key, int count,
                                 int height) {
    return cacheDir / (Sha256::hex(key).substr(0, 32) + "-n" + std::to_string(count) + "-h" +
                       std::to_string(height) + ".tsfs");
}

std::optional<std::vector<std::optional<Thumbnail>>>
FilmstripCache::load(const fs::path& file, const std::string& key, int count, int height) {
    std::string data;
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return std::nullopt;
        data.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad())
            return std::nullopt;
    }
    if (data.size() < kMagic.size() + sizeof(uint64_t))
        return std::nullopt;
    const std::string_view body(data.data(), data.size() - sizeof(uint64_t));
    uint64_t stored = 0;
    Reader tail(std::string_view(data).substr(body.size()));
    if (!tail.get(stored) || stored != fnv1a(body))
        return std::nullopt;

    Reader r(body);
    std::string_view magic, keyBytes;
    uint32_t version = 0, keyLength = 0;
    int32_t n = 0, h = 0;
    if (!r.bytes(kMagic.size(), magic) || magic != kMagic || !r.get(version) ||
        version != kVersion || !r.get(keyLength) || keyLength > kMaxKey ||
        !r.bytes(keyLength, keyBytes) || keyBytes != key || !r.get(n) || n != count ||
        n > kMaxSlots || !r.get(h) || h != height)
        return std::nullopt;
    std::vector<std::optional<Thumbnail>> slots(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        uint8_t present = 0;
        if (!r.get(present) || present > 1)
            return std::nullopt;
        if (!present)
            continue;
        Thumbnail t;
        t.slot = i;
        int64_t requested = 0, frameNs = 0;
        int32_t w = 0, th = 0;
        std::string_view pixels;
        if (!r.get(requested) || !r.get(t.frameIndex) || !r.get(frameNs) || !r.get(w) ||
            !r.get(th) || w < 1 || w > kMaxSide || th != height ||
            !r.bytes(static_cast<size_t>(w) * static_cast<size_t>(th) * 3, pixels))
            return std::nullopt;
        t.requestedNs = requested;
        t.frameNs = frameNs;
        t.width = w;
        t.height = th;
        t.rgb.assign(pixels.begin(), pixels.end());
        slots[static_cast<size_t>(i)] = std::move(t);
    }
    if (!r.empty())
        return std::nullopt;
    return slots;
}

bool FilmstripCache::save(const fs::path& file, const std::string& key, int height,
                          const std::vector<std::optional<Thumbnail>>& strip) {
    std::string out(kMagic);
    put<uint32_t>(out, kVersion);
    put<uint32_t>(out, static_cast<uint32_t>(key.size()));
    out += key;
    put<int32_t>(out, static_cast<int32_t>(strip.size()));
    put<int32_t>(out, height);
    for (const auto& s : strip) {
        put<uint8_t>(out, s ? 1 : 0);
        if (!s)
            continue;
        put<int64_t>(out, s->requestedNs);
        put<int64_t>(out, s->frameIndex);
        put<int64_t>(out, s->frameNs);
        put<int32_t>(out, s->width);
        put<int32_t>(out, s->height);
        out.append(reinterpret_cast<const char*>(s->rgb.data()), s->rgb.size());
    }
    put<uint64_t>(out, fnv1a(out));

    // A name of its own per writer, so that two strips of one video never share a temp file.
    static std::atomic<uint64_t> serial{0};
    const fs::path tmp = file.string() + ".tmp-" +
                         std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id())) +
                         "-" + std::to_string(serial.fetch_add(1));
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(out.data(), static_cast<std::streamsize>(out.size()));
        f.close();
        if (!f) {
            fs::remove(tmp, ec);
            return false;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return false;
    }
    return true;
}

} // namespace ts::core::media
