#include "io/importers/importoptions.h"

#include "io/bundle.h"

namespace ts::core::importers {

std::string_view sourceFormatName(SourceFormat f) {
    switch (f) {
    case SourceFormat::Bundle:
        return "bundle";
    case SourceFormat::AriaMps:
        return "aria-mps";
    case SourceFormat::Stray:
        return "stray";
    case SourceFormat::EgoDex:
        return "egodex";
    case SourceFormat::Unknown:
        break;
    }
    return "unknown";
}

std::optional<SourceFormat> sourceFormatFromName(std::string_view name) {
    for (SourceFormat f :
         {SourceFormat::Bundle, SourceFormat::AriaMps, SourceFormat::Stray, SourceFormat::EgoDex})
        if (sourceFormatName(f) == name)
            return f;
    return std::nullopt;
}

std::string sanitizeId(std::string_view s) {
    std::string out;
    for (char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        out.push_back(ok ? c : '-');
        if (out.size() == 128)
            break;
    }
    return out.empty() ? std::string("episode") : out;
}

std::string sourceName(const std::filesystem::path& path) {
    std::filesystem::path p = std::filesystem::absolute(path).lexically_normal();
    if (p.filename().empty())
        p = p.parent_path();
    return p.filename().string();
}

Manifest baseManifest(const ImportOptions& o, const std::string& defaultId) {
    Manifest m;
    m.format = kBundleFormat;
    m.formatVersion = kBundleFormatVersion;
    m.id = sanitizeId(o.id.empty() ? defaultId : o.id);
    m.task = o.task;
    m.participant = o.participant.empty() ? "unassigned" : o.participant;
    const bool recorded = !o.consentId.empty();
    m.consent.id = recorded ? o.consentId : kUnrecordedConsent;
    m.consent.formVersion =
        !o.consentFormVersion.empty() ? o.consentFormVersion : (recorded ? "" : kUnrecordedConsent);
    m.consent.signedAt = o.consentSignedAt;
    m.consent.terms = !o.consentTerms.empty()
                          ? o.consentTerms
                          : (recorded ? ""
                                      : "no consent was recorded when this episode was imported; "
                                        "record it before any export");
    m.consent.scope = o.consentScope;
    return m;
}

} // namespace ts::core::importers
