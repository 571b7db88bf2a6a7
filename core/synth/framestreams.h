// Writer of the image streams of a synthetic episode: renders every RGB and depth frame at its
// true time, encodes RGB into rgb.mp4 and depth into depth/NNNNNN.png, with their timestamp
// CSVs, one frame at a time.
#pragma once

#include "io/bundlewriter.h"
#include "synth/episodeplan.h"
#include "synth/headtrajectory.h"
#include "synth/proceduraltexture.h"
#include "synth/taskscript.h"

#include <functional>

namespace ts::core::synth {

class FrameStreams {
public:
    FrameStreams(const EpisodePlan& plan, const HeadTrajectory& head, const TaskScript& task,
                 const BundleWriter& writer);

    struct Result {
        StreamReport rgb, depth;
    };
    // progress: fraction of frames done, called on this thread after each RGB frame.
    Result write(const std::function<void(double)>& progress) const;

    // The world as the cameras see it at a timeline time (seconds since the start); tests
    // render it themselves to check image geometry.
    SceneState sceneAt(double seconds) const;

private:
    const EpisodePlan& plan_;
    const HeadTrajectory& head_;
    const TaskScript& task_;
    const BundleWriter& writer_;
};

} // namespace ts::core::synth
