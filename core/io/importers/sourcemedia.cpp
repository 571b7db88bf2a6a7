#include "io/importers/sourcemedia.h"

#include "media/videoreader.h"
#include "util/error.h"

namespace ts::core::importers {

namespace fs = std::filesystem;

void placeFile(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to.parent_path(), ec);
    ec.clear();
    fs::create_hard_link(from, to, ec);
    if (!ec)
        return;
    ec.clear();
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    if (ec)
        throw Error(from.string(), "cannot be copied into the bundle: " + ec.message());
}

VideoFrameTimes readVideoFrameTimes(const fs::path& video, const std::string& displayName) {
    std::unique_ptr<media::VideoReader> r;
    try {
        r = media::VideoReader::open(video);
    } catch (const Error& e) {
        throw Error(displayName, std::string("the video cannot be read: ") + e.what());
    }
    const media::FrameIndex& index = r->index();
    if (index.truncated)
        throw Error(displayName, "the video is truncated after " +
                                     std::to_string(index.truncatedAfter) + " packets");
    if (index.frames.empty())
        throw Error(displayName, "the video has no frames");
    VideoFrameTimes out;
    out.width = r->info().width;
    out.height = r->info().height;
    out.codec = r->info().codec;
    out.tNs.reserve(index.frames.size());
    for (const auto& f : index.frames)
        out.tNs.push_back(index.ptsToNs(f.pts));
    return out;
}

} // namespace ts::core::importers
