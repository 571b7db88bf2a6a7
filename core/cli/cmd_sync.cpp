// touchstone-cli sync PROJECT [EPISODE] [--json] [--user NAME]: runs stream health and clock
// estimation on each episode's bundle, stores the clock models it could estimate (audited) and
// the health results (qc_metric), and prints per stream offset, drift, confidence, residual
// and health verdict (docs/cli.md, docs/sync.md).
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/jsonout.h"
#include "io/bundle.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "sync/episodeinput.h"
#include "sync/syncsettingsjson.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>
#include <set>

namespace ts::core::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json healthJson(const sync::StreamHealth& h) {
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

json estimateJson(const sync::ClockEstimate& e) {
    return {{"estimated", e.estimated},
            {"offset_ns", e.offsetNs},
            {"drift_ppm", e.drift * 1e6},
            {"t0_ns", e.t0Ns},
            {"drift_estimated", e.driftEstimated},
            {"confidence", e.confidence},
            {"residual_ns", e.residualNs},
            {"windows", e.windows},
            {"used_windows", e.usedWindows},
            {"inliers", e.inliers},
            {"peak_score", e.peakScore},
            {"uniqueness", e.uniqueness},
            {"signal_rms", e.signalRms},
            {"note", e.note}};
}

} // namespace

int cmdSync(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {"json"}, {"user"});
    if (a.positional().empty() || a.positional().size() > 2)
        throw UsageError("sync takes a PROJECT and at most one EPISODE");
    const std::string user = a.value("user").value_or(defaultUserName());
    ProjectStore store = ProjectStore::open(resolveProjectFile(a.positional()[0]));
    std::vector<std::string> ids;
    if (a.positional().size() == 2) {
        ids.push_back(a.positional()[1]);
    } else {
        for (const auto& e : store.episodes())
            ids.push_back(e.id);
    }
    const sync::SyncSettings settings =
        sync::syncSettingsFromJson(store.setting("project", "sync").value_or(json(nullptr)));
    int rc = 0;
    json episodes = json::array();
    for (const std::string& id : ids) {
        const auto detail = store.episode(id);
        if (!detail)
            throw Error(store.file().string(), "the project has no episode '" + id + "'");
        const fs::path dir = store.projectDir() / fs::path(detail->bundlePath);
        BundleReadOptions ro;
        ro.hashMedia = false;        // verify checks media; sync needs the samples only
        ro.checkVideoFrames = false; // frame times come from the timestamp CSV
        ro.checkDepthFrames = false; // the video pass reads the depth frames it uses
        // The video pass runs while the sample streams are read.
        const sync::EpisodeInput in = sync::readEpisodeForSync(dir, ro, settings);
        const Bundle& b = in.bundle;
        if (!b.ok()) {
            err << "touchstone-cli sync: episode '" << id << "': bundle " << dir.string()
                << " cannot be read:\n";
            for (const auto& d : b.diagnostics.all())
                err << "  " << d.toString() << "\n";
            rc = 1;
            continue;
        }
        const sync::EpisodeSyncResult r =
            sync::syncEpisode(b, settings, in.extracted ? &*in.extracted : nullptr);
        std::vector<QcMetric> metrics;
        std::set<std::string> manualKept;
        std::vector<std::string> flagged;
        json streams = json::array();
        for (const sync::StreamSync& s : r.streams) {
            // A model someone set by hand is theirs: sync reports its estimate but keeps it.
            bool keptManual = false;
            for (const auto& stored : detail->streams)
                if (stored.stats.name == s.stream && stored.clockModel.method == "manual")
                    keptManual = true;
            if (s.aligned && s.model.method == "estimated" && !keptManual)
                store.setClockModel(user, id, s.stream, s.model);
            if (keptManual)
                manualKept.insert(s.stream);
            QcMetric m;
            m.stream = s.stream;
            m.name = "sync.health";
            m.value = static_cast<double>(s.health.verdict);
            m.passed = s.health.verdict != sync::Verdict::Fail;
            m.detailsJson = healthJson(s.health).dump();
            m.computedBy = "touchstone";
            metrics.push_back(std::move(m));
            // The QC flag: a stream the engine could not put on the timeline, or whose model
            // is less certain than the project tolerates.
            // A model set by hand passes (the person vouches for it); otherwise this run's.
            const auto [qcPassed, qcReason] =
                keptManual   ? sync::alignmentVerdict(ClockModel{}.setByHand(), settings)
                : !s.aligned ? sync::AlignmentVerdict{false, "not aligned to the camera clock"}
                             : sync::alignmentVerdict(s.model, settings);
            QcMetric q;
            q.stream = s.stream;
            q.name = "sync.alignment";
            q.value = s.aligned ? s.model.residualNs * 1e-6 : -1;
            q.unit = "ms";
            q.passed = qcPassed;
            q.detailsJson = json{
                {"aligned", s.aligned},
                {"method", s.method},
                {"confidence", s.aligned ? s.model.confidence : 0.0},
                {"residual_ms", s.aligned ? s.model.residualNs * 1e-6 : -1},
                {"tolerance_ms", settings.toleranceMs},
                {"min_confidence", settings.minConfidence},
                {"reason",
                 qcReason}}.dump();
            q.computedBy = "touchstone";
            metrics.push_back(std::move(q));
            if (!qcPassed)
                flagged.push_back(s.stream + ": " + qcReason);
            json j{{"kept_manual", keptManual},
                   {"name", s.stream},
                   {"kind", s.kind},
                   {"clock", s.clock},
                   {"aligned", s.aligned},
                   {"method", s.method},
                   {"health", healthJson(s.health)},
                   {"note", s.note},
                   {"qc", {{"passed", qcPassed}, {"reason", qcReason}}}};
            j["clock_model"] = s.aligned ? toJson(s.model) : json(nullptr);
            j["relative_to"] = s.relativeTo.empty() ? json(nullptr) : json(s.relativeTo);
            j["estimate"] = s.estimate ? estimateJson(*s.estimate) : json(nullptr);
            streams.push_back(std::move(j));
        }
        store.recordQcMetrics(user, id, metrics);
        if (a.flag("json")) {
            json pairs = json::array();
            for (const sync::PairwiseEstimate& p : r.pairs)
                pairs.push_back({{"stream", p.stream},
                                 {"other", p.other},
                                 {"method", p.method},
                                 {"used", p.used},
                                 {"estimate", estimateJson(p.estimate)}});
            json video = nullptr;
            if (!r.evidence.videoStream.empty()) {
                video = {{"stream", r.evidence.videoStream},
                         {"depth_stream", r.evidence.depthStream.empty()
                                              ? json(nullptr)
                                              : json(r.evidence.depthStream)},
                         {"problem", r.evidence.videoProblem}};
                if (r.evidence.visual) {
                    const auto& v = *r.evidence.visual;
                    video["frames"] = v.frames;
                    video["pairs"] = v.pairs;
                    video["depth_pairs"] = v.depthPairs;
                    video["failed_pairs"] = v.failedPairs;
                    video["median_tracks"] = v.medianTracks;
                    video["median_residual_px"] = v.medianResidualPx;
                    video["translation_stream"] = r.evidence.translationStream.empty()
                                                      ? json(nullptr)
                                                      : json(r.evidence.translationStream);
                    video["translation_pairs"] = r.evidence.translationPairs;
                    video["translation_note"] = r.evidence.translationNote;
                }
            }
            episodes.push_back({{"id", id},
                                {"streams", streams},
                                {"pairs", pairs},
                                {"video_rotation", video},
                                {"qc_flagged", !flagged.empty()},
                                {"qc_reasons", flagged}});
            continue;
        }
        out << "episode " << id << "\n";
        char line[400];
        std::snprintf(line, sizeof line, "  %-8s %-8s %13s %11s %6s %12s  %-6s %s\n", "stream",
                      "clock", "offset ms", "drift ppm", "conf", "residual ms", "health", "how");
        out << line;
        for (const sync::StreamSync& s : r.streams) {
            if (s.aligned) {
                std::snprintf(line, sizeof line, "  %-8s %-8s %13.4f %11.2f %6.2f %12.4f  %-6s %s",
                              s.stream.c_str(), s.clock.c_str(),
                              static_cast<double>(s.model.offsetNs) * 1e-6, s.model.drift * 1e6,
                              s.model.confidence, s.model.residualNs * 1e-6,
                              sync::verdictName(s.health.verdict), s.method.c_str());
            } else {
                std::snprintf(line, sizeof line, "  %-8s %-8s %13s %11s %6s %12s  %-6s %s",
                              s.stream.c_str(), s.clock.c_str(), "?", "?", "0", "?",
                              sync::verdictName(s.health.verdict), "not aligned");
            }
            out << line;
            if (manualKept.count(s.stream))
                out << " (kept the manual model; this is the estimate)";
            if (!s.note.empty())
                out << " (" << s.note << ")";
            out << "\n";
            for (const std::string& f : s.health.findings)
                out << "           health: " << f << "\n";
        }
        if (!r.evidence.videoProblem.empty())
            out << "  video rotation: " << r.evidence.videoProblem << "\n";
        if (flagged.empty()) {
            out << "  QC: every stream aligned within " << settings.toleranceMs << " ms\n";
        } else {
            out << "  QC: flagged (tolerance " << settings.toleranceMs
                << " ms, confidence >= " << settings.minConfidence << ")\n";
            for (const std::string& f : flagged)
                out << "    " << f << "\n";
        }
    }
    if (a.flag("json"))
        out << json{{"project", store.file().string()}, {"episodes", episodes}}.dump(2) << "\n";
    return rc;
}

} // namespace ts::core::cli
