// The project's annotation vocabulary of tiers and event kinds: the built-in ones plus those a
// lead defines in the project setting "annotation" ({"tiers": [...], "event_kinds": [...]}).
// Plain functions; the store's thread.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::annotation {

inline constexpr const char* kAnnotationSettingKey = "annotation";

// Built in: tiers "task" and "subtask"; event kinds slip, regrasp, recovery, contact,
// contact_on, contact_off.
const std::vector<std::string>& builtinTiers();
const std::vector<std::string>& builtinEventKinds();

// The setting checked and normalised: {"tiers": [names], "event_kinds": [names]}, names
// non-empty, of letters, digits, '_' or '-', not repeating a built-in one. Throws Error naming
// the setting and the offending value.
nlohmann::json annotationSettingsFromJson(const nlohmann::json& j);

// Built-in first, then the project's, in the order defined.
std::vector<std::string> labelTiers(ProjectStore& store);
std::vector<std::string> eventKinds(ProjectStore& store);

} // namespace ts::core::annotation
