#include "recon/episodesources.h"

#include "util/error.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace ts::core::recon {

namespace fs = std::filesystem;

StreamClocks manifestClocks(const Bundle& b) {
    StreamClocks out;
    for (const StreamDecl& s : b.manifest.streams) {
        ClockModel m;
        m.confidence = 0; // unknown until the sync engine or a person finds it
        for (const ClockDecl& c : b.manifest.clocks) {
            if (c.name != s.clock)
                continue;
            if (c.timeline) {
                m.confidence = 1;
            } else if (c.model) {
                m = *c.model;
                m.method = "file";
                m.confidence = 1;
            }
        }
        out[s.name] = m;
    }
    return out;
}

EpisodeSources::EpisodeSources(const Bundle& b, StreamClocks clocks, BackProjectionSettings depth,
                               bool withRgb)
    : bundle_(b), clocks_(std::move(clocks)) {
    const std::string episodeJson = (b.root / "episode.json").string();
    for (const StreamDecl& s : b.manifest.streams) {
        if (s.kind == StreamKind::Depth && depthStream_.empty())
            depthStream_ = s.name;
        if (s.kind == StreamKind::Video && rgbStream_.empty())
            rgbStream_ = s.name;
    }
    if (depthStream_.empty())
        throw Error(episodeJson,
                    "the episode has no depth stream: there is nothing to reconstruct");
    if (b.manifest.calibration.empty())
        throw Error(episodeJson, "the episode names no calibration file; depth needs intrinsics "
                                 "and a depth scale");
    if (!fs::exists(b.root / b.manifest.calibration))
        throw Error(calibrationFile(), "the calibration file is missing");
    projector_ = std::make_unique<BackProjector>(b.calibration, calibrationFile(), depth);
    depth_ = media::DepthReader::openFromBundle(b, depthStream_);
    if (depth_->frameTimes().empty())
        throw Error(depth_->path().string(), "the depth stream has no frame times");
    if (withRgb && !rgbStream_.empty() && projector_->hasRgb()) {
        const StreamDecl* spec = b.manifest.stream(rgbStream_);
        video_ = media::VideoReader::open(b.root / spec->path);
        const auto it = b.frames.find(rgbStream_);
        if (it != b.frames.end()) {
            for (TimeNs t : it->second.tNs)
                rgbTimes_.push_back(clock(rgbStream_).toTimeline(t));
        }
        if (rgbTimes_.size() != static_cast<size_t>(video_->frameCount()))
            throw Error(rgbFile(), "the video has " + std::to_string(video_->frameCount()) +
                                       " frames but its timestamps list " +
                                       std::to_string(rgbTimes_.size()));
        if (rgbTimes_.size() >= 2)
            rgbHalfPeriod_ = (rgbTimes_.back() - rgbTimes_.front()) /
                             static_cast<TimeNs>(rgbTimes_.size() - 1) / 2;
    } else {
        rgbStream_.clear();
    }
}

const ClockModel& EpisodeSources::clock(const std::string& stream) const {
    static const ClockModel identity;
    const auto it = clocks_.find(stream);
    return it == clocks_.end() ? identity : it->second;
}

std::string EpisodeSources::calibrationFile() const {
    return (bundle_.root / bundle_.manifest.calibration).string();
}

TimeNs EpisodeSources::depthTime(int64_t frame) const {
    return clock(depthStream_).toTimeline(depth_->frameTimes()[static_cast<size_t>(frame)]);
}

std::string EpisodeSources::depthFile(int64_t frame) const {
    if (fs::is_directory(depth_->path())) {
        char name[32];
        std::snprintf(name, sizeof name, "%06lld.png", static_cast<long long>(frame));
        return (depth_->path() / name).string();
    }
    return depth_->path().string();
}

std::string EpisodeSources::rgbFile() const {
    return video_ ? video_->file().string() : std::string();
}

const media::VideoFrame* EpisodeSources::rgbAt(TimeNs t) {
    if (!video_ || rgbTimes_.empty())
        return nullptr;
    auto it = std::lower_bound(rgbTimes_.begin(), rgbTimes_.end(), t);
    int64_t n = it - rgbTimes_.begin();
    if (it == rgbTimes_.end() || (n > 0 && t - rgbTimes_[static_cast<size_t>(n - 1)] < *it - t))
        --n;
    if (n < 0 || std::llabs(rgbTimes_[static_cast<size_t>(n)] - t) > rgbHalfPeriod_ + 1)
        return nullptr;
    if (rgb_.index == n)
        return &rgb_;
    const auto t0 = std::chrono::steady_clock::now();
    if (rgb_.index >= 0 && n > rgb_.index && n - rgb_.index < 60) {
        while (rgb_.index < n)
            rgb_ = video_->next();
    } else {
        rgb_ = video_->frame(n);
    }
    decodeSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (rgb_.index != n)
        throw Error(rgbFile(), "frame " + std::to_string(n) + ": the decoder returned frame " +
                                   std::to_string(rgb_.index));
    projector_->checkRgb(rgb_, rgbFile());
    return &rgb_;
}

} // namespace ts::core::recon
