#include "annotation/annotationsettings.h"

#include "store/projectstore.h"
#include "util/error.h"

#include <algorithm>
#include <cctype>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

bool validName(const std::string& s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
               return std::isalnum(c) || c == '_' || c == '-';
           });
}

std::vector<std::string> names(const json& j, const char* key,
                               const std::vector<std::string>& builtin) {
    std::vector<std::string> out;
    if (!j.contains(key))
        return out;
    const json& a = j[key];
    if (!a.is_array())
        throw Error("setting annotation", std::string("'") + key + "' must be a list of names");
    for (const json& v : a) {
        if (!v.is_string() || !validName(v.get<std::string>()))
            throw Error("setting annotation",
                        std::string("'") + key + "' holds " + v.dump() +
                            ", not a name of letters, digits, '_' or '-' (1 to 64 characters)");
        const std::string n = v.get<std::string>();
        if (std::find(builtin.begin(), builtin.end(), n) != builtin.end() ||
            std::find(out.begin(), out.end(), n) != out.end())
            throw Error("setting annotation",
                        std::string("'") + key + "' names '" + n + "' twice (or a built-in one)");
        out.push_back(n);
    }
    return out;
}

json stored(ProjectStore& store) {
    return annotationSettingsFromJson(
        store.setting("project", kAnnotationSettingKey).value_or(json::object()));
}

} // namespace

const std::vector<std::string>& builtinTiers() {
    static const std::vector<std::string> t{"task", "subtask"};
    return t;
}

const std::vector<std::string>& builtinEventKinds() {
    static const std::vector<std::string> k{"slip",    "regrasp",    "recovery",
                                            "contact", "contact_on", "contact_off"};
    return k;
}

json annotationSettingsFromJson(const json& j) {
    if (j.is_null())
        return {{"tiers", json::array()}, {"event_kinds", json::array()}};
    if (!j.is_object())
        throw Error("setting annotation", "must be an object with 'tiers' and 'event_kinds'");
    for (const auto& [k, v] : j.items())
        if (k != "tiers" && k != "event_kinds")
            throw Error("setting annotation",
                        "unknown key '" + k + "' (known: tiers, event_kinds)");
    return {{"tiers", names(j, "tiers", builtinTiers())},
            {"event_kinds", names(j, "event_kinds", builtinEventKinds())}};
}

std::vector<std::string> labelTiers(ProjectStore& store) {
    std::vector<std::string> out = builtinTiers();
    const json settings = stored(store); // keep it alive across the loop
    for (const json& t : settings["tiers"])
        out.push_back(t.get<std::string>());
    return out;
}

std::vector<std::string> eventKinds(ProjectStore& store) {
    std::vector<std::string> out = builtinEventKinds();
    const json settings = stored(store);
    for (const json& t : settings["event_kinds"])
        out.push_back(t.get<std::string>());
    return out;
}

} // namespace ts::core::annotation
