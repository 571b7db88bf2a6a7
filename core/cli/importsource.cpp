#include "cli/importsource.h"

#include "cli/jsonout.h"

#include <nlohmann/json.hpp>

namespace ts::core::cli {

const std::set<std::string>& importOptionNames() {
    static const std::set<std::string> names{
        "format",       "id",           "task",           "participant",
        "consent",      "consent-form", "consent-signed", "consent-terms",
        "consent-scope"};
    return names;
}

std::optional<importers::SourceFormat> formatFromArgs(const Args& a) {
    const auto v = a.value("format");
    if (!v)
        return std::nullopt;
    const auto f = importers::sourceFormatFromName(*v);
    if (!f)
        throw UsageError("--format '" + *v + "' is not one of aria-mps, stray, egodex, bundle");
    return f;
}

importers::ImportOptions importOptionsFromArgs(const Args& a) {
    importers::ImportOptions o;
    o.id = a.value("id").value_or("");
    o.task = a.value("task").value_or("");
    o.participant = a.value("participant").value_or("");
    o.consentId = a.value("consent").value_or("");
    o.consentFormVersion = a.value("consent-form").value_or("");
    o.consentSignedAt = a.value("consent-signed").value_or("");
    o.consentTerms = a.value("consent-terms").value_or("");
    o.consentScope = a.values("consent-scope");
    const bool any = !o.consentFormVersion.empty() || !o.consentSignedAt.empty() ||
                     !o.consentTerms.empty() || !o.consentScope.empty();
    if (!o.consentId.empty() && (o.consentFormVersion.empty() || o.consentSignedAt.empty()))
        throw UsageError("--consent needs --consent-form VERSION and --consent-signed DATE too");
    if (o.consentId.empty() && any)
        throw UsageError("--consent-form, --consent-signed, --consent-terms and --consent-scope "
                         "describe a consent record: give its --consent ID as well");
    return o;
}

nlohmann::json toJson(const importers::ConversionReport& r) {
    return {{"source", r.source.string()},
            {"format", std::string(importers::sourceFormatName(r.format))},
            {"bundle", r.bundle.string()},
            {"id", r.id},
            {"counts", r.counts},
            {"notes", toJson(r.notes)}};
}

} // namespace ts::core::cli
