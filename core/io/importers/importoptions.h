// What a converter needs to know that the source recording does not say (who performed, under
// which consent, which id), and what it reports back. Shared by every importer.
#pragma once

#include "model/calibration.h"
#include "model/manifest.h"
#include "util/diagnostic.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ts::core::importers {

enum class SourceFormat { Unknown, Bundle, AriaMps, Stray, EgoDex };

std::string_view sourceFormatName(SourceFormat f); // "aria-mps", "stray", "egodex", "bundle"
std::optional<SourceFormat> sourceFormatFromName(std::string_view name);

// Anything left empty gets the documented default (docs/importers.md "Identity and consent"):
// the id from the source's name, participant "unassigned", and a consent record that says
// plainly that none was recorded (no scope, no signature date), so that no export takes the
// episode until a lead records the real consent.
struct ImportOptions {
    std::string id;
    std::string task;
    std::string participant;
    std::string consentId;
    std::string consentFormVersion;
    std::string consentSignedAt;
    std::string consentTerms;
    std::vector<std::string> consentScope;
};

inline constexpr const char* kUnrecordedConsent = "unrecorded";

// The outcome of one conversion.
struct ConversionReport {
    SourceFormat format = SourceFormat::Unknown;
    std::filesystem::path source;
    std::filesystem::path bundle;
    std::string id;
    std::map<std::string, int64_t> counts; // rows or frames written per stream / attachment
    Diagnostics notes;                     // warnings about what the converter had to decide
};

// A manifest with identity, consent and format filled in from the options; `defaultId` is used
// when options.id is empty (made safe for the id pattern).
Manifest baseManifest(const ImportOptions& options, const std::string& defaultId);

// ARKit's camera frame is x right, y up, z backwards; the bundle's cameras follow OpenCV (x right,
// y down, z forwards). Importers of ARKit data (Stray Scanner, EgoDex) take ARKit's camera frame
// as the device frame, so each camera is half a turn about x from it.
inline RigidTransform arkitDeviceFromOpenCvCamera() {
    RigidTransform t;
    t.q = {1.0, 0.0, 0.0, 0.0};
    return t;
}

// The name of a source folder or file as people see it ("/data/scan/" → "scan").
std::string sourceName(const std::filesystem::path& path);

// Makes a string usable as an episode id ([A-Za-z0-9._-], at most 128 characters).
std::string sanitizeId(std::string_view s);

} // namespace ts::core::importers
