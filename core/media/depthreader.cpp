#include "media/depthreader.h"

#include "io/bundle.h"
#include "io/csvfile.h"
#include "io/pathguard.h"
#include "io/streamreaders.h"
#include "media/pngdepthreader.h"
#include "media/videodepthreader.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>

namespace ts::core::media {

namespace fs = std::filesystem;

DepthReader::DepthReader(fs::path path, std::vector<TimeNs> frameTimes, double scaleM)
    : path_(std::move(path)), times_(std::move(frameTimes)), scaleM_(scaleM) {
    // A zero or negative scale would turn every depth into nonsense without any other symptom.
    if (!std::isfinite(scaleM_) || scaleM_ <= 0)
        throw Error(path_.string(), "the depth scale " + std::to_string(scaleM_) +
                                        " m per unit is not a positive number");
    for (size_t i = 1; i < times_.size(); ++i)
        if (times_[i] < times_[i - 1])
            throw Error(path_.string(),
                        "frame " + std::to_string(i) + " time " + std::to_string(times_[i]) +
                            " ns goes back from frame " + std::to_string(i - 1) + " (" +
                            std::to_string(times_[i - 1]) + " ns): frame times must not decrease");
}

DepthReader::~DepthReader() = default;

void DepthReader::setGeometry(int64_t frameCount, int width, int height) {
    frameCount_ = frameCount;
    width_ = width;
    height_ = height;
}

std::string DepthReader::problem() const {
    return {};
}

DepthFrame DepthReader::frame(int64_t index) {
    DepthFrame f;
    frame(index, f);
    return f;
}

void DepthReader::frame(int64_t index, DepthFrame& into) {
    if (index < 0 || index >= frameCount_) {
        const std::string note = problem();
        throw Error(path_.string(), "frame " + std::to_string(index) +
                                        " does not exist: the stream has " +
                                        std::to_string(frameCount_) + " frames" +
                                        (note.empty() ? "" : " (" + note + ")"));
    }
    into.index = -1; // stays invalid if decode throws half way
    into.width = width_;
    into.height = height_;
    into.scaleM = scaleM_;
    into.raw.resize(static_cast<size_t>(width_) * static_cast<size_t>(height_));
    decode(index, into.raw);
    into.index = index;
    into.tNs = static_cast<size_t>(index) < times_.size() ? times_[static_cast<size_t>(index)] : 0;
}

int64_t DepthReader::indexAtTime(TimeNs t) const {
    if (times_.empty() || frameCount_ <= 0)
        return -1;
    const size_t usable = std::min(times_.size(), static_cast<size_t>(frameCount_));
    auto end = times_.begin() + static_cast<std::ptrdiff_t>(usable);
    auto it = std::upper_bound(times_.begin(), end, t); // first frame strictly after t
    if (it == times_.begin())
        return 0; // t precedes the stream: the first frame is the nearest one that exists
    return static_cast<int64_t>(it - times_.begin()) - 1;
}

DepthFrame DepthReader::frameAtTime(TimeNs t) {
    const int64_t i = indexAtTime(t);
    if (i < 0)
        throw Error(path_.string(), "the depth stream has no frame times, so no frame can be "
                                    "found for t = " +
                                        std::to_string(t) + " ns");
    return frame(i);
}

std::unique_ptr<DepthReader> DepthReader::openPngSequence(const fs::path& folder,
                                                          std::vector<TimeNs> frameTimes,
                                                          double scaleM) {
    return std::make_unique<PngDepthReader>(folder, std::move(frameTimes), scaleM);
}

std::unique_ptr<DepthReader> DepthReader::openVideo(const fs::path& file,
                                                    std::vector<TimeNs> frameTimes, double scaleM) {
    return std::make_unique<VideoDepthReader>(file, std::move(frameTimes), scaleM);
}

namespace {

// The frame times of a stream whose bundle was read without keeping samples.
std::vector<TimeNs> readTimes(const Bundle& bundle, const StreamDecl& s) {
    std::string why;
    auto csvPath = resolveInside(bundle.root, s.timestamps, &why);
    if (!csvPath)
        throw Error((bundle.root / s.timestamps).string(), why);
    CsvFile csv;
    Diagnostics diags;
    FrameTimes ft;
    StreamStats stats;
    if (csv.load(*csvPath, s.timestamps, diags))
        readFrameTimesCsv(csv, ft, stats, diags);
    for (const Diagnostic& d : diags.all())
        if (d.severity == Severity::Error)
            throw Error(csvPath->string(), d.line,
                        d.message + " [" + d.code + "]; the depth frames cannot be timed");
    return std::move(ft.tNs);
}

} // namespace

std::unique_ptr<DepthReader> DepthReader::openFromBundle(const Bundle& bundle,
                                                         const std::string& streamName) {
    const std::string manifestFile = (bundle.root / "episode.json").string();
    const StreamDecl* s = bundle.manifest.stream(streamName);
    if (!s)
        throw Error(manifestFile, "the bundle has no stream named '" + streamName + "'");
    if (s->kind != StreamKind::Depth)
        throw Error(manifestFile, "stream '" + streamName + "' is a " +
                                      std::string(streamKindName(s->kind)) + " stream, not depth");
    std::string why;
    auto media = resolveInside(bundle.root, s->path, &why);
    if (!media)
        throw Error((bundle.root / s->path).string(), why);

    double scale = 0;
    if (bundle.calibration.depthScaleM) {
        scale = *bundle.calibration.depthScaleM;
    } else if (auto u = s->units.find("depth"); u != s->units.end() && u->second == "mm") {
        scale = 0.001; // the stream says millimetres; the calibration that should say so is absent
    } else {
        throw Error(manifestFile, "depth stream '" + streamName +
                                      "' has no calibration depth_scale_m (and its units are "
                                      "not \"mm\"), so raw values cannot be turned into metres");
    }

    std::vector<TimeNs> times;
    if (auto f = bundle.frames.find(streamName); f != bundle.frames.end() && !f->second.tNs.empty())
        times = f->second.tNs;
    else if (!s->timestamps.empty())
        times = readTimes(bundle, *s);

    int w = 0, h = 0;
    if (auto cam = bundle.calibration.cameras.find("depth");
        cam != bundle.calibration.cameras.end()) {
        w = cam->second.width;
        h = cam->second.height;
    }
    if (fs::is_directory(*media))
        return std::make_unique<PngDepthReader>(*media, std::move(times), scale, w, h);
    return std::make_unique<VideoDepthReader>(*media, std::move(times), scale, w, h);
}

} // namespace ts::core::media
