// touchstone-cli frame VIDEO (--index N | --time-ns T) --out FILE.png [--timestamps CSV]:
// writes that exact frame, in the video's displayed orientation.
#include "cli/args.h"
#include "cli/commands.h"
#include "io/csvfile.h"
#include "io/streamreaders.h"
#include "media/videoreader.h"
#include "util/error.h"
#include "util/pngwrite.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

namespace ts::core::cli {

int cmdFrame(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"index", "time-ns", "out", "timestamps"});
    if (a.positional().size() != 1)
        throw UsageError("frame needs exactly one VIDEO file");
    if (a.value("index").has_value() == a.value("time-ns").has_value())
        throw UsageError("frame needs either --index N or --time-ns T");
    // The exact frame is written losslessly, as PNG: a file named .jpg would hold PNG data.
    const auto file = a.outputFile("out", ".png", "the exact frame as PNG");
    if (!file)
        throw UsageError("frame needs --out FILE.png");
    const std::string video = a.positional()[0];
    auto reader = media::VideoReader::open(video);

    int64_t n = 0;
    if (auto idx = a.value("index")) {
        n = a.integer("index", 0);
    } else if (auto csvPath = a.value("timestamps")) {
        // Times on the timeline: the bundle's frame timestamps say which frame was captured
        // when; the frame shown at T is the last one captured at or before T.
        const TimeNs t = a.integer("time-ns", 0);
        CsvFile csv;
        Diagnostics diags;
        FrameTimes times;
        StreamStats stats;
        if (!csv.load(*csvPath, *csvPath, diags) || !readFrameTimesCsv(csv, times, stats, diags) ||
            diags.hasErrors())
            throw Error(*csvPath,
                        diags.all().empty() ? "cannot be read" : diags.all().front().toString());
        auto it = std::upper_bound(times.tNs.begin(), times.tNs.end(), t);
        if (it == times.tNs.begin())
            throw Error(*csvPath,
                        "no frame was captured at or before " + std::to_string(t) + " ns");
        n = it - times.tNs.begin() - 1;
    } else {
        const TimeNs t = a.integer("time-ns", 0);
        n = reader->index().indexAtTimeNs(t);
        if (n < 0)
            throw Error(video, "no frame is shown at " + std::to_string(t) +
                                   " ns: the first frame is at " +
                                   std::to_string(reader->info().firstNs) + " ns");
    }
    const media::VideoFrame f = reader->frame(n);
    writePng(*file, f.width, f.height, PngFormat::Rgb8, f.rgb.data(), 3);
    if (a.flag("json"))
        out << nlohmann::json{{"video", video},
                              {"index", f.index},
                              {"pts", f.pts},
                              {"time_ns", f.ptsNs},
                              {"width", f.width},
                              {"height", f.height},
                              {"rotation", reader->info().rotation},
                              {"keyframe", f.key},
                              {"damaged", f.damaged},
                              {"out", *file}}
                   .dump(2)
            << "\n";
    else
        out << "wrote frame " << f.index << " (" << f.width << "x" << f.height << ", t " << f.ptsNs
            << " ns" << (f.damaged ? ", DAMAGED" : "") << ") to " << *file << "\n";
    return 0;
}

} // namespace ts::core::cli
