// touchstone-cli export PROJECT --format lerobot|hdf5 --out DIR [--episodes ID,ID,…] [--fps N]
// [--as USER] [--json]: exports the approved, consented episodes as a dataset with its
// provenance (docs/export.md). Leads and admins only.
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "export/exportjob.h"
#include "project/projectpath.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <csignal>
#include <ostream>

namespace ts::core::cli {

using nlohmann::json;

namespace {

volatile std::sig_atomic_t gInterrupted = 0;
extern "C" void onInterrupt(int) {
    gInterrupted = 1;
}

std::vector<std::string> splitList(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        const size_t comma = s.find(',', start);
        std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!part.empty())
            out.push_back(part);
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return out;
}

} // namespace

int cmdExport(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {"json"},
           {"format", "out", "episodes", "fps", "as", "user", "compression", "crf", "gop"});
    if (a.positional().size() != 1)
        throw UsageError("export takes one PROJECT");
    exporting::ExportOptions o;
    o.format = a.value("format").value_or("");
    if (o.format != "lerobot" && o.format != "hdf5")
        throw UsageError("export needs --format lerobot or --format hdf5");
    const auto dest = a.value("out");
    if (!dest || dest->empty())
        throw UsageError("export needs --out DIR (a new or empty folder)");
    o.out = *dest;
    if (auto e = a.value("episodes")) {
        o.episodes = splitList(*e);
        if (o.episodes.empty())
            throw UsageError("--episodes needs a comma-separated list of episode ids");
    }
    o.dataset.fps = a.number("fps", 30);
    if (!(o.dataset.fps > 0 && o.dataset.fps <= 1000))
        throw UsageError("--fps must be in (0, 1000]");
    o.actor = a.value("as").value_or(a.value("user").value_or(defaultUserName()));
    if (auto c = a.value("compression"))
        o.dataset.compression = parquet::ParquetWriter::compressionFromName(*c);
    o.dataset.video.crf = static_cast<int>(a.integer("crf", o.dataset.video.crf));
    o.dataset.video.gop = static_cast<int>(a.integer("gop", o.dataset.video.gop));

    // Ctrl-C cancels cleanly: the partial folder is removed and the record says 'failed'.
    gInterrupted = 0;
    auto previous = std::signal(SIGINT, onInterrupt);
    Progress bar(err, "exporting");
    exporting::ExportCallbacks cb;
    cb.progress = [&](double f, const std::string&) { bar.update(f); };
    cb.cancelled = [] { return gInterrupted != 0; };
    exporting::ExportReport r;
    try {
        r = exporting::runExport(resolveProjectFile(a.positional()[0]), o, cb);
    } catch (...) {
        std::signal(SIGINT, previous);
        throw;
    }
    std::signal(SIGINT, previous);
    bar.finish();

    if (a.flag("json")) {
        json eps = json::array();
        for (const auto& e : r.episodes)
            eps.push_back({{"id", e.id}, {"index", e.index}, {"frames", e.frames}, {"tasks", e.tasks}});
        json excl = json::array();
        for (const auto& x : r.excluded)
            excl.push_back({{"id", x.episode}, {"reason", x.reason}});
        out << json{{"export_id", r.exportId}, {"format", r.format}, {"out", r.out.string()},
                    {"fps", o.dataset.fps}, {"episodes", eps}, {"excluded", excl},
                    {"total_frames", r.totalFrames}, {"manifest_sha256", r.manifestSha256},
                    {"files", r.files}, {"seconds", r.seconds}}
                   .dump(2)
            << "\n";
    } else {
        out << "exported " << r.episodes.size() << " episodes (" << r.totalFrames << " frames at "
            << o.dataset.fps << " fps) as " << r.format << " to " << r.out.string() << "\n";
        for (const auto& e : r.episodes)
            out << "  " << e.index << "  " << e.id << "  " << e.frames << " frames\n";
        for (const auto& x : r.excluded)
            out << "  left out " << x.episode << ": " << x.reason << "\n";
        out << "provenance.json sha256 " << r.manifestSha256 << " (export " << r.exportId << ")\n";
    }
    return 0;
}

} // namespace ts::core::cli
