#include "io/importers/bundleconverter.h"

#include "io/importers/ariampsimporter.h"
#include "io/importers/egodeximporter.h"
#include "io/importers/sourcedetector.h"
#include "io/importers/strayimporter.h"
#include "util/error.h"

#include <unistd.h>

namespace ts::core::importers {

namespace fs = std::filesystem;

ConversionReport convertToBundle(const fs::path& source, const fs::path& out,
                                 std::optional<SourceFormat> format, const ImportOptions& options) {
    const SourceInspection s = inspectSource(source, format);
    if (!s.complete)
        throw Error(s.message);
    if (s.format == SourceFormat::Bundle)
        throw Error(source.string(),
                    "is already a Touchstone episode bundle; check or import it as it is");
    std::error_code ec;
    if (fs::exists(out, ec) && !(fs::is_directory(out, ec) && fs::is_empty(out, ec)))
        throw Error(out.string(), "exists and is not empty; the bundle needs a new folder");
    const fs::path target = fs::absolute(out).lexically_normal();
    const fs::path partial = target.parent_path() / ("." + target.filename().string() +
                                                     ".partial-" + std::to_string(::getpid()));
    fs::remove_all(partial, ec);
    fs::create_directories(partial, ec);
    if (ec)
        throw Error(partial.string(), "cannot create the folder: " + ec.message());
    try {
        ConversionReport r;
        switch (s.format) {
        case SourceFormat::AriaMps:
            r = AriaMpsImporter(source, s.aria).convert(partial, options);
            break;
        case SourceFormat::Stray:
            r = StrayImporter(source, s.stray).convert(partial, options);
            break;
        case SourceFormat::EgoDex:
            r = EgoDexImporter(s.egodex).convert(partial, options);
            break;
        case SourceFormat::Bundle:
        case SourceFormat::Unknown:
            throw Error(s.message);
        }
        if (fs::exists(target, ec))
            fs::remove(target, ec); // the empty folder the caller may have made
        fs::rename(partial, target, ec);
        if (ec)
            throw Error(target.string(),
                        "cannot move the finished bundle into place: " + ec.message());
        r.bundle = target;
        return r;
    } catch (...) {
        fs::remove_all(partial, ec);
        throw;
    }
}

} // namespace ts::core::importers
