// The inputs of an episode's reconstruction, opened from a read bundle: the back-projector
// (calibration), the depth reader, the RGB video reader, each stream's raw → timeline clock,
// and the RGB frame that goes with a depth frame. One thread at a time (it owns decoders);
// open another EpisodeSources for another thread.
#pragma once

#include "io/bundle.h"
#include "media/depthreader.h"
#include "media/videoreader.h"
#include "model/clockmodel.h"
#include "recon/backprojector.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace ts::core::recon {

// Raw → timeline model of every stream, and whether it is known (confidence > 0).
using StreamClocks = std::map<std::string, ClockModel>;
// The models a bundle's manifest knows: the timeline clock's streams (identity, certain), the
// clocks with a model in the manifest ("file"), and the rest unknown (identity, confidence 0).
StreamClocks manifestClocks(const Bundle& bundle);
inline bool clockKnown(const ClockModel& c) {
    return c.confidence > 0;
}

class EpisodeSources {
public:
    // Throws ts::core::Error naming the file when the calibration or depth stream is missing or
    // cannot be opened. RGB is optional (withRgb false, or no video stream).
    EpisodeSources(const Bundle& bundle, StreamClocks clocks, BackProjectionSettings depth = {},
                   bool withRgb = true);

    const Bundle& bundle() const { return bundle_; }
    const BackProjector& projector() const { return *projector_; }
    media::DepthReader& depth() { return *depth_; }
    const std::string& depthStream() const { return depthStream_; }
    const std::string& rgbStream() const { return rgbStream_; }
    bool hasRgb() const { return video_ != nullptr; }
    const StreamClocks& clocks() const { return clocks_; }
    const ClockModel& clock(const std::string& stream) const;
    std::string calibrationFile() const;

    int64_t depthFrames() const { return depth_->frameCount(); }
    TimeNs depthTime(int64_t frame) const; // on the timeline
    // The depth frame's file (PNG) or the depth video, for error messages.
    std::string depthFile(int64_t frame) const;

    // The RGB frame nearest to timeline time t, if one lies within half a frame period;
    // decodes forward sequentially when t increases (cheap), seeks otherwise. Null without RGB.
    const media::VideoFrame* rgbAt(TimeNs t);
    std::string rgbFile() const;
    double decodeSeconds() const { return decodeSeconds_; }

private:
    const Bundle& bundle_;
    StreamClocks clocks_;
    std::unique_ptr<BackProjector> projector_;
    std::unique_ptr<media::DepthReader> depth_;
    std::unique_ptr<media::VideoReader> video_;
    std::string depthStream_, rgbStream_;
    std::vector<TimeNs> rgbTimes_; // timeline
    TimeNs rgbHalfPeriod_ = 0;
    media::VideoFrame rgb_;
    double decodeSeconds_ = 0;
};

} // namespace ts::core::recon
