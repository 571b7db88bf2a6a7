#include "export/provenance.h"

#include "util/error.h"
#include "util/sha256.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ts::core::exporting {

using nlohmann::json;

namespace {

json episodeJson(const ExportEpisode& e, int64_t index, int64_t frames) {
    json reviews = json::array();
    for (const auto& r : e.reviews)
        reviews.push_back({{"reviewer", r.reviewer}, {"verdict", r.verdict},
                           {"reason_codes", r.reasonCodes}, {"comment", r.comment}, {"at", r.at}});
    json media = json::array();
    for (const auto& m : e.media)
        media.push_back({{"path", m.path}, {"role", m.role}, {"size", m.size}, {"sha256", m.sha256}});
    json clocks = json::array();
    for (const auto& c : e.clocks)
        clocks.push_back({{"stream", c.stream}, {"kind", c.kind}, {"offset_ns", c.model.offsetNs},
                          {"drift_ppm", c.model.drift * 1e6}, {"t0_ns", c.model.t0Ns},
                          {"method", c.model.method}, {"confidence", c.model.confidence},
                          {"residual_ns", c.model.residualNs}, {"author", c.model.author},
                          {"updated_at", c.updatedAt}});
    return {{"episode_id", e.id},
            {"dataset_index", index},
            {"frames", frames},
            {"task", e.task},
            {"participant", e.participant},
            {"consent",
             {{"id", e.consent.id}, {"form_version", e.consent.formVersion},
              {"terms", e.consent.terms}, {"scope", e.consent.scope},
              {"compensation", e.consent.compensation}, {"signed_at", e.consent.signedAt}}},
            {"annotators", e.annotators},
            {"labels", e.labels.size()},
            {"events", e.events.size()},
            {"keypoint_corrections", e.corrections.size()},
            {"reviews", reviews},
            {"source_media", media},
            {"clock_models", clocks}};
}

std::string mdEscape(std::string s) {
    for (char& c : s)
        if (c == '|' || c == '\n')
            c = c == '|' ? '/' : ' ';
    return s;
}

} // namespace

std::string writeProvenance(const std::filesystem::path& root, const ProvenanceInput& in) {
    namespace fs = std::filesystem;
    json files = json::array();
    std::vector<fs::path> paths;
    for (const auto& entry : fs::recursive_directory_iterator(root))
        if (entry.is_regular_file())
            paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) {
        uint64_t size = 0;
        const std::string sha = Sha256::hexOfFile(p, &size);
        files.push_back({{"path", fs::relative(p, root).generic_string()}, {"size", size}, {"sha256", sha}});
    }
    json episodes = json::array();
    for (size_t i = 0; i < in.episodes.size(); ++i)
        episodes.push_back(episodeJson(*in.episodes[i], static_cast<int64_t>(i), in.frames[i]));
    json excluded = json::array();
    for (const auto& x : in.excluded)
        excluded.push_back({{"episode_id", x.episode}, {"reason", x.reason}});
    const json doc{{"format", "touchstone-provenance/1"},
                   {"tool", "touchstone"},
                   {"tool_version", TS_VERSION},
                   {"project", in.projectName},
                   {"dataset_format", in.format},
                   {"exported_by", in.exportedBy},
                   {"exported_at", in.exportedAt},
                   {"settings", in.settings},
                   {"episodes", episodes},
                   {"excluded", excluded},
                   {"files", files}};
    const std::string text = doc.dump(2) + "\n";
    {
        std::ofstream out(root / "provenance.json", std::ios::binary);
        out << text;
        if (!out)
            throw Error((root / "provenance.json").string(), "cannot write");
    }

    std::ostringstream md;
    md << "# Provenance of this dataset\n\n"
       << "Exported from project **" << in.projectName << "** by " << in.exportedBy << " on "
       << in.exportedAt << " with Touchstone " << TS_VERSION << " as " << in.format << " ("
       << in.episodes.size() << " episodes). Settings: `" << in.settings.dump() << "`.\n\n"
       << "Only episodes approved in review whose participant's consent is recorded and not "
          "withdrawn are included. `provenance.json` holds everything below and the SHA-256 of "
          "every file of the dataset.\n\n"
       << "| # | episode | frames | task | participant | consent (form, signed, terms) | "
          "annotators | reviews | source media |\n|---|---|---|---|---|---|---|---|---|\n";
    for (size_t i = 0; i < in.episodes.size(); ++i) {
        const ExportEpisode& e = *in.episodes[i];
        std::string annot, rev;
        for (const auto& a : e.annotators)
            annot += (annot.empty() ? "" : ", ") + a;
        for (const auto& r : e.reviews)
            rev += (rev.empty() ? "" : "; ") + r.reviewer + ": " + r.verdict;
        md << "| " << i << " | " << mdEscape(e.id) << " | " << in.frames[i] << " | "
           << mdEscape(e.task) << " | " << mdEscape(e.participant) << " | "
           << mdEscape(e.consent.id + " (form " + e.consent.formVersion + ", signed " +
                       e.consent.signedAt + (e.consent.terms.empty() ? "" : ", " + e.consent.terms) + ")")
           << " | " << mdEscape(annot.empty() ? "none" : annot) << " | "
           << mdEscape(rev.empty() ? "none" : rev) << " | " << e.media.size() << " files |\n";
    }
    if (!in.excluded.empty()) {
        md << "\nLeft out:\n\n";
        for (const auto& x : in.excluded)
            md << "- " << x.episode << ": " << x.reason << "\n";
    }
    md << "\nClock models used (raw → timeline):\n\n";
    for (const ExportEpisode* e : in.episodes)
        for (const auto& c : e->clocks)
            md << "- " << e->id << " / " << c.stream << ": offset " << c.model.offsetNs
               << " ns, drift " << c.model.drift * 1e6 << " ppm, " << c.model.method << "\n";
    {
        std::ofstream out(root / "PROVENANCE.md");
        out << md.str();
        if (!out)
            throw Error((root / "PROVENANCE.md").string(), "cannot write");
    }
    return Sha256::hex(text);
}

} // namespace ts::core::exporting
