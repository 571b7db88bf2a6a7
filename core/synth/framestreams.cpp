#include "synth/framestreams.h"

#include "synth/scenerenderer.h"
#include "synth/streamclock.h"
#include "synth/videoencoder.h"
#include "util/error.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <deque>
#include <future>

namespace ts::core::synth {

namespace {
const Rgb kRightSkin{0.88f, 0.67f, 0.54f};
const Rgb kLeftSkin{0.80f, 0.60f, 0.49f};

std::vector<uint16_t> toMillimetres(const std::vector<float>& z) {
    std::vector<uint16_t> mm(z.size());
    for (size_t i = 0; i < z.size(); ++i) {
        const double v = std::round(static_cast<double>(z[i]) * 1000.0);
        mm[i] = (v <= 0 || v > 65535) ? 0 : static_cast<uint16_t>(v); // 0 = no valid depth
    }
    return mm;
}
} // namespace

FrameStreams::FrameStreams(const EpisodePlan& plan, const HeadTrajectory& head,
                           const TaskScript& task, const BundleWriter& writer)
    : plan_(plan), head_(head), task_(task), writer_(writer) {}

SceneState FrameStreams::sceneAt(double seconds) const {
    SceneState s;
    s.R = head_.rotation(seconds);
    s.p = head_.position(seconds);
    s.objectCentre = task_.objectCentre(seconds);
    SceneRenderer::addHandSpheres(task_.joints(Hand::Left, seconds), kLeftSkin, s.spheres);
    SceneRenderer::addHandSpheres(task_.joints(Hand::Right, seconds), kRightSkin, s.spheres);
    return s;
}

FrameStreams::Result FrameStreams::write(const std::function<void(double)>& progress) const {
    const SynthOptions& o = plan_.opts;
    const int threads = o.threads;
    const ProceduralTexture texture(o.seed, 1024, threads);
    const SceneRenderer renderer(texture, TaskScript::objectSize());

    const StreamPlan& rgbPlan = plan_.streams.at("rgb");
    const StreamPlan& depthPlan = plan_.streams.at("depth");
    const double jitterNs = o.jitterUs * 1e3;
    StreamClock rgbClock(rgbPlan.model, rgbPlan.rateHz, plan_.start, plan_.end, o.dropRate,
                         jitterNs, rgbPlan.rng(o.seed));
    StreamClock depthClock(depthPlan.model, depthPlan.rateHz, plan_.start, plan_.end, o.dropRate,
                           jitterNs, depthPlan.rng(o.seed));
    const double expected = static_cast<double>(std::max<int64_t>(1, rgbClock.expectedCount()));

    VideoEncoder::Settings vs;
    vs.width = plan_.rgb.width;
    vs.height = plan_.rgb.height;
    vs.fps = o.fps;
    vs.crf = o.crf;
    vs.threads = threads;
    vs.preset = "superfast"; // rendering is the bottleneck; veryfast costs ~40% more CPU
    VideoEncoder video(writer_.absolute("rgb.mp4"), vs);
    auto rgbCsv = writer_.openCsv("rgb_frames.csv", {"frame_index", "t_ns"});
    auto depthCsv = writer_.openCsv("depth_frames.csv", {"frame_index", "t_ns"});

    const size_t rgbPixels = static_cast<size_t>(plan_.rgb.width) * plan_.rgb.height;
    const size_t depthPixels = static_cast<size_t>(plan_.depth.width) * plan_.depth.height;
    // Two RGB buffers: the encoder converts and compresses one frame while the next renders.
    std::array<std::vector<uint8_t>, 2> rgb{std::vector<uint8_t>(3 * rgbPixels),
                                            std::vector<uint8_t>(3 * rgbPixels)};
    std::future<void> encoding;
    int current = 0;
    std::vector<float> zRgb(rgbPixels), zDepth(depthPixels);
    std::error_code ec;
    std::filesystem::create_directories(writer_.absolute("depth"), ec); // before the PNG threads
    if (ec)
        throw Error(writer_.absolute("depth").string(), "cannot create the folder: " + ec.message());
    // PNG compression runs beside the rendering; at most a few frames wait in memory.
    std::deque<std::future<void>> pngJobs;

    StreamClock::Tick depthTick;
    bool depthPending = depthClock.next(depthTick);
    auto writeDepth = [&] {
        renderer.render(plan_.depth, sceneAt(depthTick.seconds), nullptr, zDepth.data(), threads);
        const int64_t index = depthCsv.rows();
        depthCsv.integer(index).integer(depthTick.recorded).endRow();
        char name[32];
        std::snprintf(name, sizeof name, "depth/%06lld.png", static_cast<long long>(index));
        pngJobs.push_back(std::async(std::launch::async,
                                     [this, mm = toMillimetres(zDepth), rel = std::string(name)] {
                                         writer_.writePng16(rel, plan_.depth.width,
                                                            plan_.depth.height, mm.data(), 1);
                                     }));
        while (pngJobs.size() > static_cast<size_t>(threads)) {
            pngJobs.front().get(); // rethrows a write error
            pngJobs.pop_front();
        }
        depthPending = depthClock.next(depthTick);
    };

    StreamClock::Tick tick;
    int64_t done = 0;
    while (rgbClock.next(tick)) {
        while (depthPending && depthTick.timeline <= tick.timeline)
            writeDepth();
        renderer.render(plan_.rgb, sceneAt(tick.seconds), rgb[size_t(current)].data(),
                        zRgb.data(), threads);
        if (encoding.valid())
            encoding.get(); // rethrows an encoder error
        encoding = std::async(std::launch::async,
                              [&video, frame = rgb[size_t(current)].data(), slot = tick.slot] {
                                  video.addFrame(frame, slot);
                              });
        current ^= 1;
        rgbCsv.integer(rgbCsv.rows()).integer(tick.recorded).endRow();
        if (progress)
            progress(std::min(1.0, static_cast<double>(++done) / expected));
    }
    while (depthPending)
        writeDepth();
    for (auto& job : pngJobs)
        job.get();
    if (encoding.valid())
        encoding.get();
    video.finish();
    rgbCsv.close();
    depthCsv.close();
    return Result{{rgbCsv.rows(), rgbClock.dropped(), rgbClock.firstRecorded(),
                   rgbClock.lastRecorded()},
                  {depthCsv.rows(), depthClock.dropped(), depthClock.firstRecorded(),
                   depthClock.lastRecorded()}};
}

} // namespace ts::core::synth
