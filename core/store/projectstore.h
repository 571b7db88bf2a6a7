// A Touchstone project: one SQLite file (suggested extension .tsproj) holding users,
// participants, consent, episodes and their streams, clock models, media references and the
// hash-chained audit log. Every mutating call takes the acting user's name, checks that
// user's role in core, and commits the change and its audit entry in one transaction.
//
// Thread ownership: a ProjectStore owns exactly one SQLite connection and must be used by one
// thread only. A worker that imports or verifies opens its own ProjectStore on the same file
// (WAL lets readers and one writer work side by side). Values returned are plain copies.
#pragma once

#include "store/storerecords.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {

class Database;
struct Bundle;

class ProjectStore {
public:
    // Creates a new project file with its first admin user. Refuses an existing file.
    // On failure the half-made file is removed. Throws Error naming the file.
    static ProjectStore create(const std::filesystem::path& file, const std::string& projectName,
                               const std::string& adminName);
    // Opens an existing project: refuses a file that is not SQLite, an SQLite file that is
    // not a Touchstone project, one written by a newer Touchstone, or a damaged one (quick
    // integrity check); brings an older schema forward. Throws Error naming the file.
    static ProjectStore open(const std::filesystem::path& file);

    // A moved-from store may only be destroyed or assigned to.
    ProjectStore(ProjectStore&&) noexcept;
    ProjectStore& operator=(ProjectStore&&) noexcept;
    ~ProjectStore();

    const std::filesystem::path& file() const;
    std::filesystem::path projectDir() const; // media paths are relative to this folder

    // --- users ------------------------------------------------------------------------
    UserInfo addUser(const std::string& actor, const std::string& name, Role role);
    // Admins only; refuses to demote the last admin.
    void setUserRole(const std::string& actor, const std::string& name, Role role);
    std::vector<UserInfo> users() const;
    std::optional<UserInfo> user(const std::string& name) const;

    // --- episodes ---------------------------------------------------------------------
    // See BundleImporter for what is stored and refused; nothing is half-imported.
    ImportResult importBundle(const Bundle& bundle, const std::string& actor);
    std::vector<EpisodeSummary> episodes() const; // ordered by episode id
    std::optional<EpisodeDetail> episode(const std::string& id) const;
    // The episode's media files as recorded at import, ordered by path (empty when unknown).
    std::vector<MediaRecord> episodeMedia(const std::string& episodeId) const;

    // --- media caches -----------------------------------------------------------------
    // Derived data (e.g. kind "frame_index") keyed by a media file's SHA-256. Not user edits:
    // no actor, no role check, no audit entry; verify() ignores them. An entry written with
    // another `version` reads as missing, so producers bump the version to invalidate.
    std::optional<std::string> mediaCache(const std::string& sha256, const std::string& kind,
                                          int version) const;
    // INSERT OR REPLACE. Throws Error naming the file when sha256 is not 64 lowercase hex
    // digits, kind is empty, or the file cannot be written (e.g. read-only).
    void putMediaCache(const std::string& sha256, const std::string& kind, int version,
                       const std::string& data);

    // --- sync ---------------------------------------------------------------------------
    // Replaces the clock model of one stream (any role, roleMayEditClocks), with an audit
    // entry "clock_model.set" holding the model before and after. author is set to actor
    // unless the model names the engine ("touchstone"). No change, no audit entry.
    void setClockModel(const std::string& actor, const std::string& episodeId,
                       const std::string& streamName, const ClockModel& model);
    // Both refuse on an approved episode (its clocks stay as its reviewer saw them until a lead
    // reopens it); requireClocksOpen says so before any work toward a change.
    void requireClocksOpen(const std::string& episodeId);
    // Takes back the stream's newest clock model change not yet undone (an estimate stored by
    // sync or one set by hand), audited "clock_model.undo" with the model before and after;
    // undoing again goes further back. Returns the model restored; throws Error naming the
    // stream when no change is left to undo.
    ClockModel undoClockModel(const std::string& actor, const std::string& episodeId,
                              const std::string& streamName);
    // Replaces the episode's metrics of the same stream and name (one transaction, one audit
    // entry "qc.record" listing the names). Any role, like clock models.
    void recordQcMetrics(const std::string& actor, const std::string& episodeId,
                         const std::vector<QcMetric>& metrics);
    std::vector<QcMetric> qcMetrics(const std::string& episodeId) const;

    // --- settings (store/settingstable.h) -------------------------------------------------
    // scope "project" (leads and admins change it) or "user:<name>"; audited "setting.set".
    std::optional<nlohmann::json> setting(const std::string& scope, const std::string& key) const;
    std::map<std::string, nlohmann::json> settings(const std::string& scope) const;
    void setSetting(const std::string& actor, const std::string& scope, const std::string& key,
                    const nlohmann::json& value);

    // --- project ----------------------------------------------------------------------
    ProjectInfo info() const;
    std::vector<AuditEntry> auditEntries(int64_t afterSeq = 0, int64_t limit = -1) const;

    // Deep check (may take a while: hashes every media file). Findings empty = healthy.
    VerifyReport verify(const VerifyProgress& progress = {}) const;

    // The store's connection, for the engine's table modules outside store/ (annotation/):
    // same thread rule as the store itself.
    Database& database() const { return *db_; }

private:
    explicit ProjectStore(std::unique_ptr<Database> db);

    std::unique_ptr<Database> db_;
};

} // namespace ts::core
