// touchstone-cli convert: any recognised capture → a native episode bundle, checked.
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/importsource.h"
#include "cli/jsonout.h"
#include "io/bundle.h"
#include "io/importers/bundleconverter.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace ts::core::cli {

using nlohmann::json;

int cmdConvert(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {"json"}, importOptionNames());
    if (a.positional().size() != 2)
        throw UsageError("convert needs a source PATH and an OUT_BUNDLE folder");
    const auto report = importers::convertToBundle(a.positional()[0], a.positional()[1],
                                                   formatFromArgs(a), importOptionsFromArgs(a));
    // The converted bundle gets the same complete check as any bundle before import.
    BundleReadOptions opt;
    opt.keepSamples = false;
    opt.hashMedia = false;
    const Bundle b = readBundle(report.bundle, opt);
    if (a.flag("json")) {
        json j = toJson(report);
        j["ok"] = b.ok();
        j["findings"] = toJson(b.diagnostics);
        json streams = json::array();
        for (const auto& s : b.stats)
            streams.push_back(toJson(s));
        j["streams"] = streams;
        out << j.dump(2) << "\n";
    } else {
        out << "converted " << a.positional()[0] << " ("
            << importers::sourceFormatName(report.format) << ") into " << report.bundle.string()
            << " as episode " << report.id << ":";
        for (const auto& [name, n] : report.counts)
            out << " " << name << " " << n;
        out << "\n";
        for (const auto& d : report.notes.all())
            out << diagnosticLine(a.positional()[0], d) << "\n";
        for (const auto& d : b.diagnostics.all())
            (d.severity == Severity::Error ? err : out)
                << diagnosticLine(report.bundle.string(), d) << "\n";
    }
    return b.ok() ? 0 : 1;
}

} // namespace ts::core::cli
