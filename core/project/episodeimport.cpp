#include "project/episodeimport.h"

#include "media/indexcache.h"
#include "store/projectstore.h"
#include "util/error.h"

namespace ts::core {

EpisodeImportOutcome importEpisode(ProjectStore& store, const std::filesystem::path& bundle,
                                   const std::string& actor,
                                   const std::function<void(double)>& progress) {
    EpisodeImportOutcome out;
    out.bundle = bundle;
    BundleReadOptions opt;
    opt.keepSamples = false; // the store keeps statistics and references, not samples
    opt.progress = progress;
    Bundle b = readBundle(std::filesystem::absolute(bundle), opt);
    out.findings = b.diagnostics;
    if (!b.ok()) {
        out.error = std::to_string(b.diagnostics.errorCount()) +
                    " error(s) in the bundle; nothing was imported";
        return out;
    }
    try {
        out.result = store.importBundle(b, actor);
    } catch (const Error& e) {
        out.error = e.what();
        return out;
    }
    // Index every video now, while its bytes are still in the page cache, so that no viewer
    // has to scan the file again. The index is derived data: failing here costs only speed.
    for (const auto& d : b.manifest.streams) {
        if (d.kind != StreamKind::Video)
            continue;
        for (const auto& m : b.media) {
            if (m.path != d.path)
                continue;
            try {
                media::openVideoWithProjectCache(store, b.root / d.path, m.sha256);
            } catch (const Error&) {
            }
        }
    }
    return out;
}

} // namespace ts::core
