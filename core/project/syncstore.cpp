#include "project/syncstore.h"

#include "store/projectstore.h"
#include "sync/episodeinput.h"
#include "sync/syncsettingsjson.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

namespace ts::core {

using nlohmann::json;

json streamHealthJson(const sync::StreamHealth& h) {
    return {{"verdict", sync::verdictName(h.verdict)},
            {"samples", h.samples},
            {"duration_s", h.durationS},
            {"expected_rate_hz", h.expectedRateHz},
            {"observed_rate_hz", h.observedRateHz},
            {"expected_samples", h.expectedSamples},
            {"dropped", h.dropped},
            {"drop_ratio", h.dropRatio},
            {"gaps", h.gaps},
            {"max_gap_s", h.maxGapS},
            {"duplicates", h.duplicates},
            {"non_monotonic", h.nonMonotonic},
            {"jitter_ns", h.jitterNs},
            {"findings", h.findings}};
}

namespace {

// Stores what `result` found for the episode: its estimated models (not over one set by hand),
// each stream's health and alignment rows.
StoredEpisodeSync storeEpisodeSync(ProjectStore& store, const std::string& user,
                                   const EpisodeDetail& detail, sync::EpisodeSyncResult result,
                                   const sync::SyncSettings& settings) {
    const std::string& episode = detail.summary.id;
    StoredEpisodeSync out;
    std::vector<QcMetric> metrics;
    for (const sync::StreamSync& s : result.streams) {
        StoredStreamSync st;
        // A model someone set by hand is theirs: sync reports its estimate but keeps it.
        for (const auto& stored : detail.streams)
            if (stored.stats.name == s.stream && stored.clockModel.method == "manual")
                st.keptManual = true;
        if (s.aligned && s.model.method == "estimated" && !st.keptManual)
            store.setClockModel(user, episode, s.stream, s.model);
        QcMetric m;
        m.stream = s.stream;
        m.name = "sync.health";
        m.value = static_cast<double>(s.health.verdict);
        m.passed = s.health.verdict != sync::Verdict::Fail;
        m.detailsJson = streamHealthJson(s.health).dump();
        m.computedBy = "touchstone";
        metrics.push_back(std::move(m));
        // The QC flag: a stream the engine could not put on the timeline, or whose model is
        // less certain than the project tolerates. A model set by hand passes (the person
        // vouches for it); otherwise this run's.
        st.qc = st.keptManual ? sync::alignmentVerdict(ClockModel{}.setByHand(), settings)
                : !s.aligned
                    ? sync::AlignmentVerdict{false, sync::AlignmentVerdict::Why::NotAligned, 0, 0,
                                             "not aligned to the camera clock"}
                    : sync::alignmentVerdict(s.model, settings);
        QcMetric q;
        q.stream = s.stream;
        q.name = "sync.alignment";
        q.value = s.aligned ? s.model.residualNs * 1e-6 : -1;
        q.unit = "ms";
        q.passed = st.qc.passed;
        q.detailsJson = json{{"aligned", s.aligned},
                             {"method", s.method},
                             {"confidence", s.aligned ? s.model.confidence : 0.0},
                             {"residual_ms", s.aligned ? s.model.residualNs * 1e-6 : -1},
                             {"tolerance_ms", settings.toleranceMs},
                             {"min_confidence", settings.minConfidence},
                             {"reason", st.qc.reason}}
                            .dump();
        q.computedBy = "touchstone";
        metrics.push_back(std::move(q));
        if (!st.qc.passed)
            out.flagged.push_back(s.stream + ": " + st.qc.reason);
        out.streams.push_back(std::move(st));
    }
    store.recordQcMetrics(user, episode, metrics);
    out.settings = settings;
    out.result = std::move(result);
    return out;
}

} // namespace

sync::SyncSettings projectSyncSettings(const ProjectStore& store) {
    try {
        return sync::syncSettingsFromJson(store.setting("project", "sync").value_or(json(nullptr)));
    } catch (const Error& e) {
        throw Error(store.file().string(),
                    std::string(e.what()) +
                        "; a lead sets it again with `touchstone-cli settings PROJECT sync.KEY "
                        "VALUE`");
    }
}

StoredEpisodeSync syncAndStoreEpisode(ProjectStore& store, const std::string& user,
                                      const std::string& episode) {
    const auto detail = store.episode(episode);
    if (!detail)
        throw Error(store.file().string(), "the project has no episode '" + episode + "'");
    store.requireClocksOpen(episode); // before the work, not after it
    const sync::SyncSettings settings = projectSyncSettings(store);
    const std::filesystem::path dir = store.projectDir() / std::filesystem::path(detail->bundlePath);
    BundleReadOptions ro;
    ro.hashMedia = false;        // verify checks media; sync needs the samples only
    ro.checkVideoFrames = false; // frame times come from the timestamp CSV
    ro.checkDepthFrames = false; // the video pass reads the depth frames it uses
    // The video pass runs while the sample streams are read.
    const sync::EpisodeInput in = sync::readEpisodeForSync(dir, ro, settings);
    if (!in.bundle.ok()) {
        std::string why = "episode '" + episode + "' cannot be read for sync:";
        for (const auto& d : in.bundle.diagnostics.all())
            why += "\n  " + d.toString();
        throw Error(dir.string(), why);
    }
    return storeEpisodeSync(store, user, *detail,
                            sync::syncEpisode(in.bundle, settings,
                                              in.extracted ? &*in.extracted : nullptr),
                            settings);
}

} // namespace ts::core
