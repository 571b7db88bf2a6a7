#include "project/captureimport.h"

#include "io/importers/bundleconverter.h"
#include "io/importers/sourcedetector.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <unistd.h>

namespace ts::core {

namespace fs = std::filesystem;

CaptureImportOutcome importCapture(ProjectStore& store, const fs::path& path,
                                   std::optional<importers::SourceFormat> format,
                                   const importers::ImportOptions& options,
                                   const std::string& actor,
                                   const std::function<void(double)>& progress) {
    CaptureImportOutcome out;
    const importers::SourceInspection s = importers::inspectSource(path, format);
    out.format = s.format;
    if (!s.complete) {
        out.error = s.message;
        return out;
    }
    fs::path bundle = path;
    if (s.format == importers::SourceFormat::Bundle) {
        // A bundle's episode.json says who and what it is; an option that would say otherwise is
        // not quietly dropped (a participant given here and ignored would misattribute consent).
        std::string given;
        for (const auto& [name, set] :
             {std::pair{"--id", !options.id.empty()}, std::pair{"--task", !options.task.empty()},
              std::pair{"--participant", !options.participant.empty()},
              std::pair{"--consent", !options.consentId.empty()},
              std::pair{"--consent-form", !options.consentFormVersion.empty()},
              std::pair{"--consent-signed", !options.consentSignedAt.empty()},
              std::pair{"--consent-terms", !options.consentTerms.empty()},
              std::pair{"--consent-scope", !options.consentScope.empty()}})
            if (set)
                given += (given.empty() ? "" : ", ") + std::string(name);
        if (!given.empty()) {
            out.error = path.string() +
                        ": a bundle's episode.json names its episode, task, "
                        "participant and consent, so " +
                        given +
                        " cannot apply to it (they are for captures converted on import); import "
                        "it without them, or change its episode.json";
            return out;
        }
    } else {
        const fs::path imported = store.file().parent_path() / "imported";
        const fs::path incoming = imported / (".incoming-" + std::to_string(::getpid()));
        std::error_code ec;
        try {
            fs::create_directories(imported);
            auto r = importers::convertToBundle(path, incoming, s.format, options);
            const fs::path target = imported / r.id;
            if (fs::exists(target, ec)) {
                fs::remove_all(incoming, ec);
                out.error = target.string() + " exists already (an earlier import of episode '" +
                            r.id + "'); pass another id to import this one beside it";
                return out;
            }
            fs::rename(incoming, target);
            r.bundle = target;
            bundle = target;
            out.conversion = std::move(r);
        } catch (const Error& e) {
            out.error = e.what();
            return out;
        } catch (const fs::filesystem_error& e) {
            fs::remove_all(incoming, ec);
            out.error = e.what();
            return out;
        }
    }
    out.import = importEpisode(store, bundle, actor, progress);
    if (!out.import.ok()) {
        out.error = out.import.error;
        if (out.conversion) {
            std::error_code ec;
            fs::remove_all(bundle, ec);
        }
    }
    return out;
}

} // namespace ts::core
