// The values the project store hands to the CLI and the GUI: plain copies of rows, safe to
// pass between threads (they hold no connection). Views keep the ids and look up again.
#pragma once

#include "model/clockmodel.h"
#include "model/manifest.h"
#include "model/streamstats.h"
#include "model/time.h"
#include "store/episodestatus.h"
#include "store/role.h"
#include "util/diagnostic.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {

struct ProjectInfo {
    std::string file; // the project file as opened
    std::string name;
    std::string createdAt; // ISO 8601 UTC
    int schemaVersion = 0;
    int64_t users = 0;
    int64_t participants = 0;
    int64_t consents = 0;
    int64_t episodes = 0;
    int64_t streams = 0;
    int64_t mediaFiles = 0;
    int64_t auditEntries = 0;
    std::string auditHead; // hash of the newest audit entry (64 zeros when empty)
};

struct UserInfo {
    int64_t id = 0;
    std::string name;
    Role role = Role::Annotator;
    std::string createdAt;
};

struct EpisodeSummary {
    std::string id; // the bundle's episode id, unique in the project
    EpisodeStatus status = EpisodeStatus::New;
    std::string task;
    std::string participant; // pseudonymous id
    TimeNs durationNs = 0;
    int64_t streamCount = 0;
    std::string importedAt;
    std::string importedBy;
};

struct StreamInfo {
    StreamStats stats;      // as measured at import, on the stream's raw clock
    std::string path;       // relative to the bundle folder
    std::string timestamps; // frame timestamp CSV (video/depth), relative to the bundle
    ClockModel clockModel;  // raw → timeline
    std::string clockUpdatedAt;
};

struct EpisodeDetail {
    EpisodeSummary summary;
    ConsentRecord consent;
    DeviceInfo device;
    std::string bundlePath; // relative to the project folder, '/' separated
    TimeNs timelineStartNs = 0;
    TimeNs timelineEndNs = 0;
    std::vector<Diagnostic> warnings; // the reader's warnings, kept with the episode
    std::vector<StreamInfo> streams;
    int64_t mediaCount = 0;
};

// One media file of an episode as recorded at import. `path` is relative to the project folder
// ('/' separated), or absolute when the file lies outside it; sha256 is the hash at import
// (verify() tells whether the file still matches).
struct MediaRecord {
    std::string path;
    std::string role; // manifest | calibration | stream:<name> | ground_truth
    int64_t size = 0;
    std::string sha256;
};

struct ImportResult {
    std::string episodeId;
    int64_t streams = 0;
    int64_t mediaFiles = 0;
    int64_t warnings = 0;
    bool newParticipant = false;
    bool newConsent = false;
};

struct AuditEntry {
    int64_t seq = 0;        // 1, 2, 3, ... without gaps
    std::string at;         // ISO 8601 UTC
    std::string actor;      // user name
    std::string action;     // "project.create", "user.create", "episode.import", ...
    std::string entity;     // table-like noun: "project", "user", "episode", ...
    std::string entityId;   // the entity's natural id (user name, episode id, ...)
    std::string beforeJson; // JSON text, "null" when the entity did not exist
    std::string afterJson;  // JSON text, "null" when the entity was removed
    std::string prevHash;
    std::string hash;
};

// One QC figure of an episode or of one of its streams (qc_metric), e.g. a health check.
struct QcMetric {
    std::string stream; // empty: the episode as a whole
    std::string name;   // e.g. "health.drop_ratio"
    std::optional<double> value;
    std::string unit;
    std::optional<bool> passed;
    std::string detailsJson = "{}";
    std::string computedAt; // filled in by the store
    std::string computedBy;
};

// One thing verify() found wrong: a stable code for scripts, what it concerns (a file, an
// audit entry, a table) and a sentence for people.
struct VerifyFinding {
    std::string code;   // e.g. "media.sha256", "audit.hash", "sqlite.integrity"
    std::string entity; // e.g. "media ep-1/imu.csv (episode ep-1)", "audit entry 7"
    std::string message;
};

struct VerifyReport {
    std::vector<VerifyFinding> findings;
    int64_t mediaChecked = 0;
    int64_t auditEntriesChecked = 0;
    bool ok() const { return findings.empty(); }
};

// fraction in [0, 1] and what is being checked; called on the verifying thread.
using VerifyProgress = std::function<void(double fraction, const std::string& what)>;

} // namespace ts::core
