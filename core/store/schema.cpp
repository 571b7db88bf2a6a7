#include "store/schema.h"

#include "store/database.h"
#include "util/error.h"

#include <array>
#include <string>

namespace ts::core {

namespace {

// Migration 1: every entity of DESIGN.md "Store", so that later work adds columns or
// tables through new steps but never has to reshape these. Names avoid SQL keywords that
// PostgreSQL reserves (user, before, after), for the later move of the same schema there.
// Times of day are ISO 8601 UTC text; times on recordings are int64 nanoseconds; structured
// values are JSON text checked with json_valid().
constexpr const char* kMigration1 = R"sql(
PRAGMA application_id = 1416843370;

CREATE TABLE project (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    settings      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    audit_head    TEXT NOT NULL,
    audit_count   INTEGER NOT NULL DEFAULT 0 CHECK (audit_count >= 0)
);

CREATE TABLE user_account (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    role          TEXT NOT NULL CHECK (role IN ('annotator', 'reviewer', 'lead', 'admin')),
    created_at    TEXT NOT NULL
);

CREATE TABLE participant (
    id            INTEGER PRIMARY KEY,
    pseudonym     TEXT NOT NULL UNIQUE CHECK (length(pseudonym) > 0),
    created_at    TEXT NOT NULL
);

CREATE TABLE consent (
    id             INTEGER PRIMARY KEY,
    participant_id INTEGER NOT NULL REFERENCES participant(id),
    consent_ref    TEXT NOT NULL,
    form_version   TEXT NOT NULL,
    terms          TEXT NOT NULL DEFAULT '',
    scope          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scope)),
    compensation   TEXT NOT NULL DEFAULT '',
    signed_at      TEXT NOT NULL,
    withdrawn_at   TEXT,
    created_at     TEXT NOT NULL,
    UNIQUE (participant_id, consent_ref)
);

CREATE TABLE episode (
    id                INTEGER PRIMARY KEY,
    ident             TEXT NOT NULL UNIQUE CHECK (length(ident) > 0),
    status            TEXT NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'annotating', 'submitted', 'approved', 'rejected')),
    task              TEXT NOT NULL DEFAULT '',
    participant_id    INTEGER NOT NULL REFERENCES participant(id),
    consent_id        INTEGER NOT NULL REFERENCES consent(id),
    bundle_path       TEXT NOT NULL,
    duration_ns       INTEGER NOT NULL CHECK (duration_ns >= 0),
    timeline_start_ns INTEGER NOT NULL,
    timeline_end_ns   INTEGER NOT NULL,
    device            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(device)),
    calibration       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(calibration)),
    warnings          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
    notes             TEXT NOT NULL DEFAULT '',
    imported_at       TEXT NOT NULL,
    imported_by       INTEGER NOT NULL REFERENCES user_account(id)
);
CREATE INDEX episode_participant ON episode(participant_id);
CREATE INDEX episode_consent ON episode(consent_id);

CREATE TABLE stream (
    id                 INTEGER PRIMARY KEY,
    episode_id         INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    name               TEXT NOT NULL,
    kind               TEXT NOT NULL
                       CHECK (kind IN ('video', 'depth', 'pose', 'imu', 'hands', 'force')),
    clock              TEXT NOT NULL,
    path               TEXT NOT NULL,
    timestamps_path    TEXT NOT NULL DEFAULT '',
    sample_count       INTEGER NOT NULL CHECK (sample_count >= 0),
    first_ns           INTEGER NOT NULL,
    last_ns            INTEGER NOT NULL,
    rate_hz            REAL NOT NULL,
    nominal_rate_hz    REAL,
    median_interval_ns INTEGER NOT NULL,
    max_gap_ns         INTEGER NOT NULL DEFAULT 0,
    gaps               INTEGER NOT NULL DEFAULT 0,
    dropped_estimate   INTEGER NOT NULL DEFAULT 0,
    jitter_ns          REAL NOT NULL DEFAULT 0,
    channels           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(channels)),
    units              TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(units)),
    width              INTEGER NOT NULL DEFAULT 0,
    height             INTEGER NOT NULL DEFAULT 0,
    codec              TEXT NOT NULL DEFAULT '',
    UNIQUE (episode_id, name)
);

CREATE TABLE clock_model (
    id           INTEGER PRIMARY KEY,
    stream_id    INTEGER NOT NULL UNIQUE REFERENCES stream(id) ON DELETE CASCADE,
    offset_ns    INTEGER NOT NULL,
    drift        REAL NOT NULL,
    t0_ns        INTEGER NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('identity', 'file', 'estimated', 'manual')),
    confidence   REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
    residual_ns  REAL NOT NULL DEFAULT 0,
    author       TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE media_file (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    path        TEXT NOT NULL,
    role        TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    UNIQUE (episode_id, path)
);

CREATE TABLE label (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    tier        TEXT NOT NULL DEFAULT 'task',
    start_ns    INTEGER NOT NULL,
    end_ns      INTEGER NOT NULL CHECK (end_ns >= start_ns),
    text        TEXT NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES user_account(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX label_episode ON label(episode_id, start_ns);

CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('slip', 'regrasp', 'recovery', 'contact', 'custom')),
    custom_kind TEXT NOT NULL DEFAULT '',
    start_ns    INTEGER NOT NULL,
    end_ns      INTEGER CHECK (end_ns IS NULL OR end_ns >= start_ns), -- NULL: an instant
    hand        TEXT CHECK (hand IS NULL OR hand IN ('left', 'right', 'both')),
    note        TEXT NOT NULL DEFAULT '',
    author_id   INTEGER NOT NULL REFERENCES user_account(id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX event_episode ON event(episode_id, start_ns);

CREATE TABLE keypoint_correction (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    stream_id   INTEGER NOT NULL REFERENCES stream(id) ON DELETE CASCADE,
    t_ns        INTEGER NOT NULL,             -- raw time of the corrected sample
    hand        TEXT NOT NULL CHECK (hand IN ('left', 'right')),
    joint       INTEGER NOT NULL CHECK (joint >= 0 AND joint <= 20),
    x           REAL NOT NULL,
    y           REAL NOT NULL,
    z           REAL NOT NULL,
    author_id   INTEGER NOT NULL REFERENCES user_account(id),
    created_at  TEXT NOT NULL,
    UNIQUE (stream_id, t_ns, hand, joint)
);

CREATE TABLE review (
    id           INTEGER PRIMARY KEY,
    episode_id   INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    reviewer_id  INTEGER NOT NULL REFERENCES user_account(id),
    verdict      TEXT NOT NULL CHECK (verdict IN ('approved', 'rejected', 'changes_requested')),
    reason_codes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reason_codes)),
    comment      TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX review_episode ON review(episode_id);

CREATE TABLE qc_metric (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    stream_id   INTEGER REFERENCES stream(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    value       REAL,
    unit        TEXT NOT NULL DEFAULT '',
    passed      INTEGER CHECK (passed IS NULL OR passed IN (0, 1)),
    details     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    computed_at TEXT NOT NULL,
    computed_by TEXT NOT NULL
);
CREATE INDEX qc_metric_episode ON qc_metric(episode_id, name);

CREATE TABLE export_record (
    id               INTEGER PRIMARY KEY,
    format           TEXT NOT NULL,
    destination      TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('started', 'completed', 'failed')),
    options          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
    manifest_sha256  TEXT,
    tool_version     TEXT NOT NULL,
    exported_by      INTEGER NOT NULL REFERENCES user_account(id),
    started_at       TEXT NOT NULL,
    finished_at      TEXT
);

CREATE TABLE export_episode (
    export_id   INTEGER NOT NULL REFERENCES export_record(id) ON DELETE CASCADE,
    episode_id  INTEGER NOT NULL REFERENCES episode(id),
    PRIMARY KEY (export_id, episode_id)
);

-- seq is the chain position: 1, 2, 3, ... The hash covers prev_hash and every column, and
-- project.audit_head/audit_count pin the newest entry (see auditlog.h).
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT NOT NULL CHECK (json_valid(before_json)),
    after_json  TEXT NOT NULL CHECK (json_valid(after_json)),
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
-- The log is append-only for every honest writer; a tamperer must drop these first, and
-- verify() reports their absence as well as the broken chain.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Named settings by scope: 'project' for project-wide values (e.g. the sync tolerance),
-- 'user:<name>' for one user's preferences.
CREATE TABLE settings (
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    value       TEXT NOT NULL CHECK (json_valid(value)),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);
)sql";

// Migration 2: caches of what is derived from a media file (its frame index, later perhaps
// waveforms or thumbnails), keyed by the file's SHA-256 so that every episode holding the same
// bytes shares them. They are derived data, not user edits: writing them appends no audit
// entry, the import's media digest does not cover them, and verify() does not check them
// (any of them can be dropped and rebuilt from the media). `version` is the producer's format
// version; a reader that finds another version rebuilds the entry.
constexpr const char* kMigration2 = R"sql(
CREATE TABLE media_cache (
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    kind        TEXT NOT NULL CHECK (length(kind) > 0),
    version     INTEGER NOT NULL,
    data        BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (sha256, kind)
);
)sql";

// Migration 3: annotation and review (docs/annotation.md). A recovery event links the slip it
// recovers from; participants can withdraw (which keeps their episodes out of every export);
// consent forms are registered by version; slip suggestions that someone accepted or dismissed
// are remembered so that they are not proposed again; and who annotated, submitted or reviewed
// an episode is kept (a reviewer may not judge an episode they worked on, even when their
// edits were undone). Indexes serve the label vocabulary and per-episode audit queries.
constexpr const char* kMigration3 = R"sql(
ALTER TABLE event ADD COLUMN recovers_id INTEGER REFERENCES event(id);
CREATE INDEX event_recovers ON event(recovers_id);
ALTER TABLE participant ADD COLUMN withdrawn_at TEXT;
ALTER TABLE participant ADD COLUMN notes TEXT NOT NULL DEFAULT '';

CREATE TABLE consent_form (
    id          INTEGER PRIMARY KEY,
    version     TEXT NOT NULL UNIQUE CHECK (length(version) > 0),
    title       TEXT NOT NULL DEFAULT '',
    terms       TEXT NOT NULL DEFAULT '',
    scope       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(scope)),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

CREATE TABLE slip_decision (
    id          INTEGER PRIMARY KEY,
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    hand        TEXT NOT NULL CHECK (hand IN ('left', 'right')),
    start_ns    INTEGER NOT NULL,
    end_ns      INTEGER NOT NULL CHECK (end_ns >= start_ns),
    decision    TEXT NOT NULL CHECK (decision IN ('accepted', 'dismissed')),
    event_id    INTEGER REFERENCES event(id),
    decided_by  INTEGER NOT NULL REFERENCES user_account(id),
    decided_at  TEXT NOT NULL,
    UNIQUE (episode_id, hand, start_ns)
);

CREATE TABLE episode_contributor (
    episode_id  INTEGER NOT NULL REFERENCES episode(id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES user_account(id),
    kind        TEXT NOT NULL CHECK (kind IN ('annotated', 'submitted', 'reviewed')),
    first_at    TEXT NOT NULL,
    PRIMARY KEY (episode_id, user_id, kind)
);

CREATE INDEX label_vocabulary ON label(tier, text);
CREATE INDEX keypoint_correction_episode ON keypoint_correction(episode_id, hand, joint, t_ns);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
)sql";

constexpr std::array<Migration, 3> kMigrations{{
    {1,
     "initial schema: project, users, participants, consent, episodes, streams, clock "
     "models, media, annotations, reviews, QC, exports, audit log, settings",
     kMigration1},
    {2, "media caches: derived data such as frame indexes, keyed by media SHA-256", kMigration2},
    {3,
     "annotation and review: recovery links, participant withdrawal, consent forms, slip "
     "suggestion decisions, episode contributors",
     kMigration3},
}};

static_assert(kProjectApplicationId == 1416843370, "keep migration 1's literal in step");

} // namespace

std::span<const Migration> schemaMigrations() {
    return kMigrations;
}

int currentSchemaVersion() {
    return kMigrations.back().version;
}

void applyMigrations(Database& db) {
    const int64_t have = db.queryInt("PRAGMA user_version");
    if (have > currentSchemaVersion())
        throw Error(db.fileName(), "was written by a newer Touchstone (schema version " +
                                       std::to_string(have) + "; this build knows up to " +
                                       std::to_string(currentSchemaVersion()) +
                                       "); update Touchstone to open it");
    for (const Migration& m : kMigrations) {
        if (m.version <= have)
            continue;
        try {
            db.exec(m.sql);
        } catch (const Error& e) {
            // e already names the file; say which step failed without repeating the name.
            std::string why = e.what();
            const std::string prefix = db.fileName() + ": ";
            if (why.rfind(prefix, 0) == 0)
                why.erase(0, prefix.size());
            throw Error(db.fileName(), "schema migration to version " + std::to_string(m.version) +
                                           " failed: " + why);
        }
        // user_version lives in the file header and changes with the transaction.
        db.exec("PRAGMA user_version = " + std::to_string(m.version));
    }
}

} // namespace ts::core
