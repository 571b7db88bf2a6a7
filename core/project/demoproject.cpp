#include "project/demoproject.h"

#include "project/episodeimport.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "sync/groundtruthclocks.h"
#include "synth/synth.h"
#include "util/error.h"

#include <cstdio>

namespace ts::core {

namespace fs = std::filesystem;

fs::path ensureDemoProject(const fs::path& dir, const DemoOptions& o) {
    const fs::path file = dir / kProjectFileName;
    std::error_code ec;
    if (fs::exists(file, ec))
        return file;
    if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
        throw Error(dir.string(), "the demo folder exists but holds no " +
                                      std::string(kProjectFileName) + "; move it away first");
    const fs::path partial = dir.string() + ".partial";
    fs::remove_all(partial, ec);
    fs::create_directories(partial / "bundles");

    const std::string user = o.user.empty() ? defaultUserName() : o.user;
    static const char* tasks[] = {"pick up the box and put it back", "lift the box, recover a slip",
                                  "regrasp the box after it slips"};
    // Synthesis dominates; import is a small share of the time.
    const double synthShare = 0.85;
    for (int i = 0; i < o.episodes; ++i) {
        synth::SynthOptions so;
        so.seconds = o.seconds;
        so.width = o.width;
        so.height = o.height;
        so.seed = static_cast<uint64_t>(i + 1);
        char id[32];
        std::snprintf(id, sizeof id, "demo-%03d", i + 1);
        so.episodeId = id;
        char participant[32];
        std::snprintf(participant, sizeof participant, "P-%04d", 101 + i % 2);
        so.participant = participant;
        so.task = tasks[i % 3];
        so.dropRate = i == 2 ? 0.01 : 0.0; // one episode with dropped samples, as in the field
        so.progress = [&](double f) {
            if (o.progress)
                o.progress(synthShare * (i + f) / o.episodes);
        };
        synth::generateEpisode(partial / "bundles" / id, so);
    }
    {
        ProjectStore store =
            ProjectStore::create(partial / kProjectFileName, "Touchstone demo", user);
        for (int i = 0; i < o.episodes; ++i) {
            char id[32];
            std::snprintf(id, sizeof id, "demo-%03d", i + 1);
            EpisodeImportOutcome r = importEpisode(store, partial / "bundles" / id, user);
            if (!r.ok())
                throw Error((partial / "bundles" / id).string(), "demo import failed: " + r.error);
            // A synthetic episode knows its true clocks: the demo stores them (method "file",
            // as a calibrated rig that writes its clock offsets would), so its streams line up
            // in the workspace; `touchstone-cli sync` can re-estimate them.
            for (const auto& [stream, model] :
                 sync::readGroundTruthClocks(partial / "bundles" / id / "ground_truth.json"))
                store.setClockModel(user, id, stream, model);
            if (o.progress)
                o.progress(synthShare + (1.0 - synthShare) * (i + 1) / o.episodes);
        }
    }                    // the store is closed before the rename
    fs::remove(dir, ec); // an empty folder may stand in the way
    fs::rename(partial, dir);
    return file;
}

} // namespace ts::core
