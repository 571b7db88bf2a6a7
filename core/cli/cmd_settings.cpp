// touchstone-cli settings PROJECT [KEY VALUE] [--user NAME] [--json]: shows the project's
// settings (with the defaults of those not set), or sets one value. KEY is a dotted path whose
// first part names the setting (e.g. sync.tolerance_ms, sync.health.drop_ratio_warn); VALUE is
// JSON (a bare word is taken as a string). Project settings are for leads and admins; every
// change is audited (docs/cli.md).
#include "annotation/annotationsettings.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "project/projectpath.h"
#include "recon/reconprojectsettings.h"
#include "store/projectstore.h"
#include "sync/syncsettingsjson.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <ostream>

namespace ts::core::cli {

using nlohmann::json;

namespace {

// The settings Touchstone knows, with their defaults: what `settings` shows when none is set.
json knownDefaults() {
    return {{"sync", sync::syncSettingsToJson({})},
            {"annotation", annotation::annotationSettingsFromJson(nullptr)},
            {"recon", recon::reconProjectSettingsToJson({})}};
}

// Checks a whole setting before it is stored, so that a typo is refused, not kept.
json validated(const std::string& key, const json& value) {
    if (key == "sync")
        return sync::syncSettingsToJson(sync::syncSettingsFromJson(value));
    if (key == annotation::kAnnotationSettingKey)
        return annotation::annotationSettingsFromJson(value);
    if (key == "recon")
        return recon::reconProjectSettingsToJson(recon::reconProjectSettingsFromJson(value));
    throw Error("project settings",
                "unknown setting '" + key + "' (known: sync, annotation, recon)");
}

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const size_t dot = path.find('.', start);
        parts.push_back(path.substr(start, dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return parts;
}

} // namespace

int cmdSettings(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"user"});
    const auto& pos = a.positional();
    if (pos.size() != 1 && pos.size() != 3)
        throw UsageError("settings takes a PROJECT, or a PROJECT, a KEY and a VALUE");
    ProjectStore store = ProjectStore::open(resolveProjectFile(pos[0]));
    if (pos.size() == 3) {
        const std::vector<std::string> path = split(pos[1]);
        for (const std::string& p : path)
            if (p.empty())
                throw UsageError("setting key '" + pos[1] + "' has an empty part");
        json value;
        try {
            value = json::parse(pos[2]);
        } catch (const json::parse_error&) {
            value = pos[2]; // a bare word
        }
        json whole = store.setting("project", path[0]).value_or(json::object());
        if (path.size() == 1) {
            whole = value;
        } else {
            json* at = &whole;
            for (size_t i = 1; i + 1 < path.size(); ++i) {
                if (!at->contains(path[i]) || !(*at)[path[i]].is_object())
                    (*at)[path[i]] = json::object();
                at = &(*at)[path[i]];
            }
            (*at)[path.back()] = value;
        }
        validated(path[0], whole); // refuse what would not load
        store.setSetting(a.value("user").value_or(defaultUserName()), "project", path[0], whole);
    }
    json shown = knownDefaults();
    for (const auto& [key, value] : store.settings("project"))
        shown[key] = key == "sync" || key == "recon" || key == annotation::kAnnotationSettingKey
                         ? validated(key, value)
                         : value;
    if (a.flag("json")) {
        out << json{{"project", store.file().string()}, {"settings", shown}}.dump(2) << "\n";
        return 0;
    }
    std::function<void(const std::string&, const json&)> print = [&](const std::string& prefix,
                                                                     const json& j) {
        if (j.is_object()) {
            for (const auto& [k, v] : j.items())
                print(prefix.empty() ? k : prefix + "." + k, v);
        } else {
            out << prefix << " = " << j.dump() << "\n";
        }
    };
    print("", shown);
    return 0;
}

} // namespace ts::core::cli
