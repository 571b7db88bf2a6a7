// touchstone-cli init / import / info / verify: the project store from the command line.
#include "annotation/qcchecks.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "cli/importsource.h"
#include "cli/jsonout.h"
#include "cli/progress.h"
#include "project/captureimport.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <ostream>

namespace ts::core::cli {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string seconds(TimeNs ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f s", static_cast<double>(ns) * 1e-9);
    return buf;
}

json toJson(const EpisodeSummary& e) {
    return {{"id", e.id},
            {"status", std::string(episodeStatusName(e.status))},
            {"task", e.task},
            {"participant", e.participant},
            {"duration_ns", e.durationNs},
            {"streams", e.streamCount},
            {"imported_at", e.importedAt},
            {"imported_by", e.importedBy}};
}

// The state of a clock mapping in a reviewer's words.
std::string clockState(const ClockModel& c) {
    if (c.method == "identity")
        return c.confidence >= 1.0 ? "timeline" : "not yet aligned";
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s, offset %.3f ms, drift %.1f ppm", c.method.c_str(),
                  static_cast<double>(c.offsetNs) * 1e-6, c.drift * 1e6);
    return buf;
}

const std::string& onlyProject(const Args& a, const char* cmd) {
    if (a.positional().empty())
        throw UsageError(std::string(cmd) + " needs a PROJECT");
    return a.positional()[0];
}

} // namespace

int cmdInit(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"name", "user"});
    if (a.positional().size() != 1)
        throw UsageError("init needs exactly one PROJECT");
    const fs::path file = resolveProjectFile(a.positional()[0]);
    if (file.has_parent_path())
        fs::create_directories(file.parent_path());
    const std::string name = a.value("name").value_or(file.parent_path().filename().string());
    const std::string user = a.value("user").value_or(defaultUserName());
    ProjectStore store =
        ProjectStore::create(file, name.empty() ? "Touchstone project" : name, user);
    if (a.flag("json"))
        out << json{{"project", file.string()}, {"name", name}, {"admin", user}}.dump(2) << "\n";
    else
        out << "created project '" << name << "' in " << file.string() << " (admin: " << user
            << ")\n";
    return 0;
}

int cmdImport(const Argv& argv, std::ostream& out, std::ostream& err) {
    std::set<std::string> options = importOptionNames();
    options.insert("user");
    Args a(argv, 2, {"json"}, options);
    if (a.positional().size() < 2)
        throw UsageError("import needs a PROJECT and at least one PATH (bundle or capture)");
    if (a.value("id") && a.positional().size() > 2)
        throw UsageError("--id names one episode: import one PATH at a time with it");
    const auto format = formatFromArgs(a);
    const auto importOptions = importOptionsFromArgs(a);
    ProjectStore store = ProjectStore::open(resolveProjectFile(a.positional()[0]));
    const std::string user = a.value("user").value_or(defaultUserName());
    json imported = json::array(), failed = json::array();
    for (size_t i = 1; i < a.positional().size(); ++i) {
        const std::string& path = a.positional()[i];
        Progress progress(err, "importing " + fs::path(path).filename().string());
        CaptureImportOutcome r = importCapture(store, path, format, importOptions, user,
                                               [&](double f) { progress.update(f); });
        progress.finish();
        const std::string bundle =
            r.conversion ? r.conversion->bundle.string() : fs::path(path).string();
        if (r.ok()) {
            const ImportResult& res = *r.import.result;
            json entry{{"bundle", path},
                       {"id", res.episodeId},
                       {"streams", res.streams},
                       {"media_files", res.mediaFiles},
                       {"warnings", toJson(r.import.findings)},
                       {"format", std::string(importers::sourceFormatName(r.format))}};
            if (r.conversion) {
                entry["converted_to"] = bundle;
                entry["conversion_notes"] = toJson(r.conversion->notes);
            }
            imported.push_back(entry);
            if (!a.flag("json")) {
                if (r.conversion)
                    for (const auto& d : r.conversion->notes.all())
                        out << diagnosticLine(path, d) << "\n";
                for (const auto& d : r.import.findings.all())
                    out << diagnosticLine(bundle, d) << "\n";
                out << "imported " << res.episodeId << " from " << path;
                if (r.conversion)
                    out << " (" << importers::sourceFormatName(r.format) << ", converted into "
                        << bundle << ")";
                out << ": " << res.streams << " streams, " << res.mediaFiles << " files, "
                    << r.import.findings.warningCount() << " warning(s)\n";
            }
        } else {
            failed.push_back(
                {{"bundle", path}, {"error", r.error}, {"findings", toJson(r.import.findings)}});
            if (!a.flag("json")) {
                for (const auto& d : r.import.findings.all())
                    err << diagnosticLine(bundle, d) << "\n";
                // Detection messages already start with the path.
                const bool named = r.error.rfind(path + ":", 0) == 0;
                err << "NOT imported " << (named ? "" : path + ": ") << r.error << "\n";
            }
        }
    }
    if (a.flag("json"))
        out << json{{"imported", imported}, {"failed", failed}}.dump(2) << "\n";
    return failed.empty() ? 0 : 1;
}

int cmdInfo(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {});
    const std::string& project = onlyProject(a, "info");
    if (a.positional().size() > 2)
        throw UsageError("info takes a PROJECT and at most one EPISODE");
    ProjectStore store = ProjectStore::open(resolveProjectFile(project));

    if (a.positional().size() == 2) {
        const std::string& id = a.positional()[1];
        auto e = store.episode(id);
        if (!e)
            throw Error(store.file().string(), "the project has no episode '" + id + "'");
        if (a.flag("json")) {
            json streams = json::array();
            for (const auto& s : e->streams) {
                json j = cli::toJson(s.stats);
                j["path"] = s.path;
                if (!s.timestamps.empty())
                    j["timestamps"] = s.timestamps;
                j["clock_model"] = toJson(s.clockModel);
                streams.push_back(j);
            }
            json warnings = json::array();
            for (const auto& w : e->warnings)
                warnings.push_back(cli::toJson(w));
            json j = toJson(e->summary);
            j["bundle"] = e->bundlePath;
            j["timeline_start_ns"] = e->timelineStartNs;
            j["timeline_end_ns"] = e->timelineEndNs;
            j["device"] = {{"model", e->device.model}, {"serial", e->device.serial}};
            j["consent"] = {{"id", e->consent.id},
                            {"form_version", e->consent.formVersion},
                            {"terms", e->consent.terms},
                            {"scope", e->consent.scope},
                            {"signed_at", e->consent.signedAt},
                            {"withdrawn_at", e->consent.withdrawnAt ? json(*e->consent.withdrawnAt)
                                                                    : json(nullptr)}};
            j["media_files"] = e->mediaCount;
            j["streams"] = streams;
            j["warnings"] = warnings;
            out << j.dump(2) << "\n";
            return 0;
        }
        const auto& s = e->summary;
        out << "episode " << s.id << " [" << episodeStatusName(s.status) << "]\n"
            << "  task:        " << s.task << "\n"
            << "  participant: " << s.participant << " (consent " << e->consent.id << ", form "
            << e->consent.formVersion << (e->consent.withdrawnAt ? ", WITHDRAWN" : "") << ")\n"
            << "  duration:    " << seconds(s.durationNs) << "\n"
            << "  bundle:      " << e->bundlePath << " (" << e->mediaCount << " files)\n"
            << "  imported:    " << s.importedAt << " by " << s.importedBy << "\n"
            << "  streams:\n";
        for (const auto& st : e->streams) {
            char line[300];
            std::snprintf(line, sizeof line,
                          "    %-8s %-6s %8lld samples  %9.3f Hz  %s … %s  gaps %lld  clock %s "
                          "(%s)\n",
                          st.stats.name.c_str(), std::string(streamKindName(st.stats.kind)).c_str(),
                          static_cast<long long>(st.stats.count), st.stats.rateHz,
                          std::to_string(st.stats.firstNs).c_str(),
                          std::to_string(st.stats.lastNs).c_str(),
                          static_cast<long long>(st.stats.gaps), st.stats.clock.c_str(),
                          clockState(st.clockModel).c_str());
            out << line;
        }
        if (!e->warnings.empty()) {
            out << "  warnings:\n";
            for (const auto& w : e->warnings)
                out << "    " << w.toString() << "\n";
        }
        return 0;
    }

    const ProjectInfo info = store.info();
    const auto episodes = store.episodes();
    // Each episode's clocks as stored now by the project's sync rule (as review and the app's
    // Sync column judge them).
    const auto unaligned = annotation::unalignedClocks(store);
    auto unalignedOf = [&](const std::string& id) {
        auto it = unaligned.find(id);
        return it == unaligned.end() ? std::vector<annotation::UnalignedClock>{} : it->second;
    };
    if (a.flag("json")) {
        json eps = json::array();
        for (const auto& e : episodes) {
            json j = toJson(e);
            j["unaligned_clocks"] = json::array();
            for (const auto& u : unalignedOf(e.id))
                j["unaligned_clocks"].push_back({{"stream", u.stream}, {"reason", u.reason}});
            eps.push_back(std::move(j));
        }
        out << json{{"project", info.file},
                    {"name", info.name},
                    {"created_at", info.createdAt},
                    {"schema_version", info.schemaVersion},
                    {"users", info.users},
                    {"participants", info.participants},
                    {"episodes", eps},
                    {"episode_count", info.episodes},
                    {"streams", info.streams},
                    {"media_files", info.mediaFiles},
                    {"audit_entries", info.auditEntries}}
                   .dump(2)
            << "\n";
        return 0;
    }
    out << "project " << info.name << " (" << info.file << ", schema " << info.schemaVersion
        << ")\n"
        << "  " << info.episodes << " episode(s), " << info.participants << " participant(s), "
        << info.users << " user(s), " << info.mediaFiles << " media file(s), " << info.auditEntries
        << " audit entries\n";
    for (const auto& e : episodes) {
        std::string sync = "aligned";
        for (const auto& u : unalignedOf(e.id))
            sync = (sync == "aligned" ? "not aligned: " : sync + ",") + u.stream;
        char line[400];
        std::snprintf(line, sizeof line, "  %-24s %-10s %-10s %10s  %lld streams  %-12s  %s\n",
                      e.id.c_str(), std::string(episodeStatusName(e.status)).c_str(),
                      e.participant.c_str(), seconds(e.durationNs).c_str(),
                      static_cast<long long>(e.streamCount), sync.c_str(), e.task.c_str());
        out << line;
    }
    return 0;
}

int cmdVerify(const Argv& argv, std::ostream& out, std::ostream& err) {
    Args a(argv, 2, {"json"}, {});
    const std::string& project = onlyProject(a, "verify");
    ProjectStore store = ProjectStore::open(resolveProjectFile(project));
    Progress progress(err, "verifying");
    VerifyReport r = store.verify([&](double f, const std::string&) { progress.update(f); });
    progress.finish();
    if (a.flag("json")) {
        json findings = json::array();
        for (const auto& f : r.findings)
            findings.push_back({{"code", f.code}, {"entity", f.entity}, {"message", f.message}});
        out << json{{"project", store.file().string()},
                    {"ok", r.ok()},
                    {"media_checked", r.mediaChecked},
                    {"audit_entries_checked", r.auditEntriesChecked},
                    {"findings", findings}}
                   .dump(2)
            << "\n";
    } else {
        for (const auto& f : r.findings)
            out << f.entity << ": " << f.message << " [" << f.code << "]\n";
        out << store.file().string() << ": " << (r.ok() ? "OK" : "FAILED") << " — "
            << r.mediaChecked << " media file(s) and " << r.auditEntriesChecked
            << " audit entries checked, " << r.findings.size() << " problem(s)\n";
    }
    return r.ok() ? 0 : 1;
}

} // namespace ts::core::cli
