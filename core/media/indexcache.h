// Opening a project's videos with their frame index cached in the project file, so the whole
// file is scanned once per media file (per SHA-256) and never again; and finding the video
// file of an episode's stream.
//
// Thread ownership: call these on the thread that owns the ProjectStore (it is single-threaded).
// The returned VideoReader then belongs to the caller and is used by one thread at a time; a
// worker that wants the cached index without touching the store copies reader->index().
#pragma once

#include "media/videoreader.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::media {

// The media_cache kind under which frame indexes are stored (version FrameIndex::kVersion).
inline constexpr const char* kFrameIndexCacheKind = "frame_index";

enum class IndexSource {
    ProjectCache, // taken from the project file: the video was not scanned
    Built,        // scanned now (no entry, another version, unreadable or not fitting the file)
};

// Opens `file` with the frame index cached under `sha256` (the file's hash as the project
// recorded it), or scans it and stores the new index. A cache that cannot be written (a
// read-only project) costs only the speed-up: the reader is returned anyway. `source`, when
// given, says where the index came from. Throws Error naming the file when it is not a video
// VideoReader can open.
std::unique_ptr<VideoReader> openVideoWithProjectCache(ProjectStore& store,
                                                       const std::filesystem::path& file,
                                                       const std::string& sha256,
                                                       IndexSource* source = nullptr);

// The video file of one stream of an episode, as the project recorded it at import.
struct EpisodeVideo {
    std::filesystem::path file; // absolute
    std::string sha256;         // at import; verify() tells whether the file still matches
    int64_t size = 0;           // bytes at import
};

// Resolves bundle path + stream path against the project folder and finds the file's media
// record. Throws Error naming the episode when there is no such episode or stream, the stream
// is not a video, or the project has no media record for its file.
EpisodeVideo findEpisodeVideo(const ProjectStore& store, const std::string& episodeId,
                              const std::string& streamName = "rgb");

} // namespace ts::core::media
