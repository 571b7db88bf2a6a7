#include "media/indexcache.h"

#include "model/streamkind.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <algorithm>
#include <optional>
#include <system_error>

namespace ts::core::media {

namespace fs = std::filesystem;

namespace {

// A cached index is trusted by the file's import hash, which does not notice a file altered
// since (verify() does, but it is slow). One cheap check catches the common case of a
// replaced or cut file: every packet the index lists must lie inside the file as it is now.
bool fitsFile(const FrameIndex& index, const fs::path& file) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec)
        return false;
    int64_t end = 0;
    for (const FrameIndexEntry& e : index.frames)
        if (e.pos >= 0)
            end = std::max(end, e.pos + e.size);
    return static_cast<uint64_t>(end) <= size;
}

} // namespace

std::unique_ptr<VideoReader> openVideoWithProjectCache(ProjectStore& store, const fs::path& file,
                                                       const std::string& sha256,
                                                       IndexSource* source) {
    std::optional<FrameIndex> cached;
    if (auto blob = store.mediaCache(sha256, kFrameIndexCacheKind, FrameIndex::kVersion))
        cached = FrameIndex::deserialize(*blob);
    if (cached && (cached->frames.empty() || !fitsFile(*cached, file)))
        cached.reset();

    VideoReaderOptions options;
    options.cachedIndex = cached ? &*cached : nullptr;
    auto reader = VideoReader::open(file, options);
    // VideoReader scans anyway when the cached time base is not the stream's.
    const bool used = cached && reader->index().timeBaseNum == cached->timeBaseNum &&
                      reader->index().timeBaseDen == cached->timeBaseDen;
    if (!used) {
        try {
            store.putMediaCache(sha256, kFrameIndexCacheKind, FrameIndex::kVersion,
                                reader->index().serialize());
        } catch (const Error&) {
            // The cache only saves time; a project we cannot write to still plays its videos.
        }
    }
    if (source)
        *source = used ? IndexSource::ProjectCache : IndexSource::Built;
    return reader;
}

EpisodeVideo findEpisodeVideo(const ProjectStore& store, const std::string& episodeId,
                              const std::string& streamName) {
    const std::string what = "episode " + episodeId;
    const auto detail = store.episode(episodeId);
    if (!detail)
        throw Error(store.file().string(), "there is no " + what + " in this project");
    const auto stream =
        std::find_if(detail->streams.begin(), detail->streams.end(),
                     [&](const StreamInfo& s) { return s.stats.name == streamName; });
    if (stream == detail->streams.end())
        throw Error(store.file().string(), what + " has no stream '" + streamName + "'");
    if (stream->stats.kind != StreamKind::Video)
        throw Error(store.file().string(), "stream '" + streamName + "' of " + what + " is " +
                                               std::string(streamKindName(stream->stats.kind)) +
                                               ", not video");

    // Media paths are project-relative (or absolute outside the project); compare them as
    // normalised absolute paths, as the importer wrote them.
    const fs::path dir = store.projectDir();
    auto absolute = [&](const fs::path& p) {
        return (p.is_absolute() ? p : dir / p).lexically_normal();
    };
    const fs::path want = absolute(fs::path(detail->bundlePath) / fs::path(stream->path));
    for (const MediaRecord& m : store.episodeMedia(episodeId)) {
        if (absolute(fs::path(m.path)) == want)
            return {want, m.sha256, m.size};
    }
    throw Error(store.file().string(), what + " has no media record for the file " + stream->path +
                                           " of stream '" + streamName + "'");
}

} // namespace ts::core::media
