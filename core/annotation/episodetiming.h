// What annotation needs from an episode's media, loaded once per open episode: the video's
// frame times and the fingertip force onsets on the timeline (for snapping label and event
// edges), and the hands and force samples (for slip suggestions and keypoint corrections).
// Plain values; load on any thread with that thread's store, then share read-only.
#pragma once

#include "model/clockmodel.h"
#include "model/series.h"
#include "model/time.h"
#include "store/storerecords.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::annotation {

// Force above this (newtons) on one channel starts a contact; below kContactOffN ends it.
inline constexpr double kContactOnN = 0.5;
inline constexpr double kContactOffN = 0.2;

struct ContactOnset {
    TimeNs tNs = 0;       // on the timeline
    std::string channel;  // force channel, e.g. "right_index"
};

struct EpisodeStreams;

struct EpisodeTiming {
    TimeNs startNs = 0, endNs = 0;   // the recorded range on the timeline
    std::vector<TimeNs> frameTimes;  // video frames on the timeline, increasing; empty: no video
    std::vector<ContactOnset> onsets; // force contact onsets on the timeline, increasing

    // Reads the first video stream's frame timestamps and the force stream (if any) and maps
    // them through the stored clock models. Throws Error naming the file and line when a CSV
    // cannot be read, or the project file when there is no such episode. With `loaded` (the
    // same episode's EpisodeStreams), its force samples are used instead of reading them again
    // (a 10-minute episode's force CSV takes ~0.7 s).
    static EpisodeTiming load(ProjectStore& store, const std::string& episode,
                              const EpisodeStreams* loaded = nullptr);
    // Maps the same frames and onsets again through these models (the episode's streams as
    // stored now, after a clock edit): no file is read.
    void remap(const std::vector<StreamInfo>& streams);

    // The nearest frame time (t itself when the episode has no video, or when t lies more than
    // a frame and a half before the first frame or after the last).
    TimeNs snapToFrame(TimeNs t) const;
    // The nearest contact onset within maxDistanceNs, if any.
    std::optional<TimeNs> nearestOnset(TimeNs t, TimeNs maxDistanceNs) const;

private:
    std::string videoStream_, forceStream_; // whose clocks map them; empty: none
    std::vector<TimeNs> rawFrameTimes_;     // on the video stream's own clock
    std::vector<ContactOnset> rawOnsets_;   // on the force stream's own clock
};

// Contact onsets of every channel of a force series (times as in the series).
std::vector<ContactOnset> contactOnsets(const ForceSeries& force);

// The hands and force streams of an episode: samples on their raw clocks plus the models that
// put them on the timeline.
struct EpisodeStreams {
    std::string handsStream, forceStream; // empty when the episode has none
    std::vector<HandSample> hands;        // raw clock, increasing time
    ClockModel handsClock;
    ForceSeries force; // raw clock
    ClockModel forceClock;

    static EpisodeStreams load(ProjectStore& store, const std::string& episode);
    // The same from samples already read (a Bundle's, keyed by stream name), for `streams`
    // (the episode's, as stored): the first hands and the first force stream among them. No
    // file is read; a stream whose samples are not given is left out.
    static EpisodeStreams fromSamples(const std::vector<StreamInfo>& streams,
                                      const std::map<std::string, std::vector<HandSample>>& hands,
                                      const std::map<std::string, ForceSeries>& force);
    // The hands and force clocks as these streams (the episode's, as stored now) have them.
    void remap(const std::vector<StreamInfo>& streams);
};

} // namespace ts::core::annotation
