// touchstone-cli sync PROJECT [EPISODE] [--json] [--user NAME]: runs stream health and clock
// estimation on each episode's bundle, stores the clock models it could estimate (audited) and
// the health results (qc_metric), and prints per stream offset, drift, confidence, residual
// and health verdict (docs/cli.md, docs/sync.md).
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/jsonout.h"
#include "project/projectpath.h"
#include "project/syncstore.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace ts::core::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

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
    std::vector<std::string> ids, skipped;
    if (a.positional().size() == 2) {
        ids.push_back(a.positional()[1]);
    } else {
        // Every episode but the approved ones, whose clocks stay as their reviewer saw them
        // until a lead reopens them: left alone and named (one given by name is an error).
        for (const auto& e : store.episodes())
            (e.status == EpisodeStatus::Approved ? skipped : ids).push_back(e.id);
    }
    // The same for every episode: a stored one that does not read is one error, not one each.
    projectSyncSettings(store);
    int rc = 0;
    json episodes = json::array();
    for (const std::string& id : ids) {
        if (!store.episode(id))
            throw Error(store.file().string(), "the project has no episode '" + id + "'");
        StoredEpisodeSync stored;
        try {
            stored = syncAndStoreEpisode(store, user, id);
        } catch (const Error& e) { // this episode's bundle: report it, go on with the others
            err << "touchstone-cli sync: " << e.what() << "\n";
            rc = 1;
            continue;
        }
        const sync::EpisodeSyncResult& r = stored.result;
        const sync::SyncSettings& settings = stored.settings;
        const std::vector<std::string>& flagged = stored.flagged;
        json streams = json::array();
        for (size_t i = 0; i < r.streams.size(); ++i) {
            const sync::StreamSync& s = r.streams[i];
            const StoredStreamSync& st = stored.streams[i];
            json j{{"kept_manual", st.keptManual},
                   {"name", s.stream},
                   {"kind", s.kind},
                   {"clock", s.clock},
                   {"aligned", s.aligned},
                   {"method", s.method},
                   {"health", streamHealthJson(s.health)},
                   {"note", s.note},
                   {"qc", {{"passed", st.qc.passed}, {"reason", st.qc.reason}}}};
            j["clock_model"] = s.aligned ? toJson(s.model) : json(nullptr);
            j["relative_to"] = s.relativeTo.empty() ? json(nullptr) : json(s.relativeTo);
            j["estimate"] = s.estimate ? estimateJson(*s.estimate) : json(nullptr);
            streams.push_back(std::move(j));
        }
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
            if (stored.streams[static_cast<size_t>(&s - r.streams.data())].keptManual)
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
    if (a.flag("json")) {
        out << json{{"project", store.file().string()},
                    {"episodes", episodes},
                    {"skipped_approved", skipped}}
                   .dump(2)
            << "\n";
    } else if (!skipped.empty()) {
        out << "left as reviewed (approved; a lead reopens one to synchronise it again):";
        for (size_t i = 0; i < skipped.size(); ++i)
            out << (i == 0 ? " " : ", ") << skipped[i];
        out << "\n";
    }
    return rc;
}

} // namespace ts::core::cli
