// touchstone-cli check BUNDLE... [--json] [--quick]: validates bundles without importing them.
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/jsonout.h"
#include "cli/progress.h"
#include "io/bundle.h"

#include <cstdio>
#include <ostream>

namespace ts::core::cli {

int cmdCheck(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {"json", "quick"}, {});
    if (a.positional().empty())
        throw UsageError("check needs at least one BUNDLE folder");
    bool anyErrors = false;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& path : a.positional()) {
        BundleReadOptions o;
        o.keepSamples = false;
        o.hashMedia = false;
        o.checkVideoFrames = !a.flag("quick");
        Progress progress(err, "checking " + path);
        o.progress = [&](double f) { progress.update(f); };
        Bundle b = readBundle(path, o);
        progress.finish();
        anyErrors = anyErrors || !b.ok();
        if (a.flag("json")) {
            nlohmann::json streams = nlohmann::json::array();
            for (const auto& s : b.stats)
                streams.push_back(toJson(s));
            all.push_back({{"bundle", path},
                           {"id", b.manifest.id},
                           {"ok", b.ok()},
                           {"errors", b.diagnostics.errorCount()},
                           {"warnings", b.diagnostics.warningCount()},
                           {"findings", toJson(b.diagnostics)},
                           {"streams", streams}});
            continue;
        }
        for (const auto& d : b.diagnostics.all())
            out << diagnosticLine(path, d) << "\n";
        char line[200];
        std::snprintf(line, sizeof line, "%s: %s — %zu error(s), %zu warning(s), %zu stream(s)\n",
                      path.c_str(), b.ok() ? "valid" : "INVALID", b.diagnostics.errorCount(),
                      b.diagnostics.warningCount(), b.stats.size());
        out << line;
    }
    if (a.flag("json"))
        out << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
    return anyErrors ? 1 : 0;
}

} // namespace ts::core::cli
