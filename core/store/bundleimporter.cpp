#include "store/bundleimporter.h"

#include "io/bundle.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/mediadigest.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "store/transaction.h"
#include "store/usertable.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <set>

namespace ts::core {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json calibrationJson(const Calibration& c) {
    json cams = json::object();
    for (const auto& [name, cam] : c.cameras)
        cams[name] = {{"width", cam.width},
                      {"height", cam.height},
                      {"fx", cam.fx},
                      {"fy", cam.fy},
                      {"cx", cam.cx},
                      {"cy", cam.cy},
                      {"distortion", {{"model", cam.distortionModel}, {"coeffs", cam.distortion}}}};
    json ext = json::object();
    for (const auto& [name, t] : c.extrinsics)
        ext[name] = {{"t", t.t}, {"q", t.q}};
    json out = {{"cameras", cams}, {"extrinsics", ext}};
    out["depth_scale_m"] = c.depthScaleM ? json(*c.depthScaleM) : json(nullptr);
    return out;
}

json warningsJson(const Diagnostics& d) {
    json out = json::array();
    for (const Diagnostic& w : d.all())
        if (w.severity == Severity::Warning)
            out.push_back({{"code", w.code},
                           {"file", w.file},
                           {"line", w.line},
                           {"frame", w.frame},
                           {"message", w.message}});
    return out;
}

json consentJson(const ConsentRecord& c) {
    return {{"id", c.id},
            {"form_version", c.formVersion},
            {"terms", c.terms},
            {"scope", c.scope},
            {"compensation", c.compensation},
            {"signed_at", c.signedAt},
            {"withdrawn_at", c.withdrawnAt ? json(*c.withdrawnAt) : json(nullptr)}};
}

// The clock model a stream starts with (see bundleimporter.h and the brief in DESIGN.md).
ClockModel initialClockModel(const Manifest& m, const std::string& clock,
                             const std::string& actor) {
    ClockModel cm;
    cm.author = actor;
    const ClockDecl* decl = m.clock(clock);
    if (decl && decl->timeline) {
        cm.method = "identity";
        cm.confidence = 1.0; // the timeline is this clock by definition
    } else if (decl && decl->model) {
        cm = *decl->model;
        cm.method = "file";
        cm.author = actor;
        cm.confidence = std::clamp(cm.confidence, 0.0, 1.0);
    } else {
        cm.method = "identity";
        cm.confidence = 0.0; // not yet estimated: the sync engine has to find it
    }
    return cm;
}

std::string firstError(const Diagnostics& d) {
    for (const Diagnostic& x : d.all())
        if (x.severity == Severity::Error)
            return x.toString();
    return {};
}

} // namespace

BundleImporter::BundleImporter(Database& db, fs::path projectDir)
    : db_(db), projectDir_(std::move(projectDir)) {}

std::string BundleImporter::projectRelative(const fs::path& file) const {
    const fs::path abs = fs::weakly_canonical(fs::absolute(file));
    const fs::path rel = abs.lexically_relative(projectDir_);
    return rel.empty() ? abs.generic_string() : rel.generic_string();
}

ImportResult BundleImporter::import(const Bundle& b, const std::string& actorName) {
    const std::string where = b.root.string();
    const Manifest& m = b.manifest;
    if (!b.ok())
        throw Error(where, "cannot be imported: the bundle has " +
                               std::to_string(b.diagnostics.errorCount()) +
                               " error(s); the first is: " + firstError(b.diagnostics));
    if (m.id.empty())
        throw Error(where, "cannot be imported: the manifest has no episode id");
    if (m.streams.empty())
        throw Error(where, "cannot be imported: the manifest declares no stream");

    // Every declared stream needs its statistics: a bundle read with errors suppressed or a
    // stream the reader skipped would otherwise enter the project half-described.
    std::vector<const StreamStats*> stats;
    std::set<std::string> names;
    for (const StreamDecl& s : m.streams) {
        if (!names.insert(s.name).second)
            throw Error(where, "cannot be imported: the manifest declares two streams named '" +
                                   s.name + "'");
        auto it = std::find_if(b.stats.begin(), b.stats.end(),
                               [&](const StreamStats& x) { return x.name == s.name; });
        if (it == b.stats.end())
            throw Error(where, "cannot be imported: stream '" + s.name +
                                   "' has no statistics (was it read?)");
        stats.push_back(&*it);
    }
    for (const MediaFile& f : b.media) {
        if (f.sha256.size() != 64)
            throw Error(where, "cannot be imported: file '" + f.path +
                                   "' has no SHA-256; read the bundle with hashing on");
        if (fs::path(f.path).is_absolute())
            throw Error(where, "cannot be imported: file '" + f.path +
                                   "' is not relative to the bundle folder");
    }

    Transaction tx(db_);
    UserTable users(db_);
    const UserInfo actor = users.requireActor(actorName);
    users.requirePermission(actor, roleMayImport(actor.role), "import episodes",
                            "leads and admins");

    {
        Statement st =
            db_.prepare("SELECT e.imported_at, u.name FROM episode e JOIN user_account u "
                        "ON u.id = e.imported_by WHERE e.ident = ?");
        st.bind(1, m.id);
        if (st.step())
            throw Error(where, "cannot be imported: episode '" + m.id + "' is already in project " +
                                   db_.fileName() + " (imported at " + st.text(0) + " by " +
                                   st.text(1) + ")");
    }

    ImportResult result;
    result.episodeId = m.id;
    AuditLog audit(db_);
    const std::string now = utcNowIso8601();

    // Participant: one row per pseudonym, shared by all their episodes.
    int64_t participantId = 0;
    {
        Statement st = db_.prepare("SELECT id FROM participant WHERE pseudonym = ?");
        st.bind(1, m.participant);
        if (st.step()) {
            participantId = st.int64(0);
        } else {
            if (m.participant.empty())
                throw Error(where, "cannot be imported: the manifest names no participant");
            db_.prepare("INSERT INTO participant (pseudonym, created_at) VALUES (?, ?)")
                .bindAll(m.participant, now)
                .run();
            participantId = db_.lastInsertRowId();
            result.newParticipant = true;
            audit.append(actor.name, "participant.create", "participant", m.participant, nullptr,
                         {{"pseudonym", m.participant}});
        }
    }

    // Consent: reused when the same record was imported before; a record that now says
    // something else is refused, because changing consent terms (or withdrawing) is a
    // deliberate act with its own audit entry, not a side effect of an import.
    const json consent = consentJson(m.consent);
    int64_t consentId = 0;
    {
        Statement st = db_.prepare(
            "SELECT id, form_version, terms, scope, compensation, signed_at, withdrawn_at "
            "FROM consent WHERE participant_id = ? AND consent_ref = ?");
        st.bindAll(participantId, m.consent.id);
        if (st.step()) {
            consentId = st.int64(0);
            const json stored = {{"id", m.consent.id},
                                 {"form_version", st.text(1)},
                                 {"terms", st.text(2)},
                                 {"scope", json::parse(st.text(3))},
                                 {"compensation", st.text(4)},
                                 {"signed_at", st.text(5)},
                                 {"withdrawn_at", st.isNull(6) ? json(nullptr) : json(st.text(6))}};
            for (const auto& [key, value] : consent.items())
                if (stored.at(key) != value)
                    throw Error(where, "cannot be imported: consent '" + m.consent.id +
                                           "' of participant '" + m.participant +
                                           "' is already recorded with " + key + " " +
                                           stored.at(key).dump() + ", but the bundle says " +
                                           value.dump() + "; update the consent record first");
        } else {
            db_.prepare("INSERT INTO consent (participant_id, consent_ref, form_version, terms, "
                        "scope, compensation, signed_at, withdrawn_at, created_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .bindAll(participantId, m.consent.id, m.consent.formVersion, m.consent.terms,
                         json(m.consent.scope).dump(), m.consent.compensation, m.consent.signedAt,
                         m.consent.withdrawnAt, now)
                .run();
            consentId = db_.lastInsertRowId();
            result.newConsent = true;
            audit.append(actor.name, "consent.create", "consent",
                         m.participant + "/" + m.consent.id, nullptr, consent);
        }
    }

    // Clock models and the episode's time range on the timeline.
    std::vector<ClockModel> clocks;
    for (const StreamDecl& s : m.streams)
        clocks.push_back(initialClockModel(m, s.clock, actor.name));
    TimeNs start = std::numeric_limits<TimeNs>::max();
    TimeNs end = std::numeric_limits<TimeNs>::min();
    auto cover = [&](auto&& pick) {
        for (size_t i = 0; i < stats.size(); ++i) {
            if (!pick(i) || stats[i]->count == 0)
                continue;
            start = std::min(start, clocks[i].toTimeline(stats[i]->firstNs));
            end = std::max(end, clocks[i].toTimeline(stats[i]->lastNs));
        }
    };
    auto onTimeline = [&](size_t i) {
        const ClockDecl* c = m.clock(m.streams[i].clock);
        return c && c->timeline;
    };
    cover(onTimeline);
    if (start > end)
        cover([&](size_t i) { return clocks[i].method == "file"; });
    if (start > end)
        cover([](size_t) { return true; });
    if (start > end)
        start = end = 0; // no samples at all: an empty range, not garbage

    const fs::path bundleRoot = fs::weakly_canonical(fs::absolute(b.root));
    const std::string bundlePath = projectRelative(bundleRoot);
    const json device = {{"model", m.device.model}, {"serial", m.device.serial}};
    const json warnings = warningsJson(b.diagnostics);

    db_.prepare("INSERT INTO episode (ident, status, task, participant_id, consent_id, "
                "bundle_path, duration_ns, timeline_start_ns, timeline_end_ns, device, "
                "calibration, warnings, notes, imported_at, imported_by) "
                "VALUES (?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bindAll(m.id, m.task, participantId, consentId, bundlePath, end - start, start, end,
                 device.dump(), calibrationJson(b.calibration).dump(), warnings.dump(), m.notes,
                 now, actor.id)
        .run();
    const int64_t episodeId = db_.lastInsertRowId();

    json streamsAudit = json::array();
    for (size_t i = 0; i < m.streams.size(); ++i) {
        const StreamDecl& d = m.streams[i];
        const StreamStats& s = *stats[i];
        json units = json::object();
        for (const auto& [k, v] : d.units)
            units[k] = v;
        db_.prepare("INSERT INTO stream (episode_id, name, kind, clock, path, timestamps_path, "
                    "sample_count, first_ns, last_ns, rate_hz, nominal_rate_hz, "
                    "median_interval_ns, max_gap_ns, gaps, dropped_estimate, jitter_ns, channels, "
                    "units, width, height, codec) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(episodeId, d.name, streamKindName(d.kind), d.clock, d.path, d.timestamps,
                     s.count, s.firstNs, s.lastNs, s.rateHz, d.nominalRateHz, s.medianIntervalNs,
                     s.maxGapNs, s.gaps, s.droppedEstimate, s.jitterNs, json(s.channels).dump(),
                     units.dump(), s.width, s.height, s.codec)
            .run();
        const int64_t streamId = db_.lastInsertRowId();
        const ClockModel& c = clocks[i];
        db_.prepare("INSERT INTO clock_model (stream_id, offset_ns, drift, t0_ns, method, "
                    "confidence, residual_ns, author, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(streamId, c.offsetNs, c.drift, c.t0Ns, c.method, c.confidence, c.residualNs,
                     c.author, now)
            .run();
        streamsAudit.push_back({{"name", d.name},
                                {"kind", streamKindName(d.kind)},
                                {"clock", d.clock},
                                {"count", s.count},
                                {"clock_model",
                                 {{"offset_ns", c.offsetNs},
                                  {"drift", c.drift},
                                  {"t0_ns", c.t0Ns},
                                  {"method", c.method},
                                  {"confidence", c.confidence}}}});
    }

    // A reader may list a file under two roles (a CSV that is both stream and timestamps):
    // the project keeps one row per file.
    std::vector<MediaDigestItem> digestItems;
    std::set<std::string> seen;
    for (const MediaFile& f : b.media) {
        const std::string rel = projectRelative(bundleRoot / fs::path(f.path));
        if (!seen.insert(rel).second)
            continue;
        db_.prepare("INSERT INTO media_file (episode_id, path, role, size, sha256) "
                    "VALUES (?, ?, ?, ?, ?)")
            .bindAll(episodeId, rel, f.role, static_cast<int64_t>(f.size), f.sha256)
            .run();
        digestItems.push_back({rel, static_cast<int64_t>(f.size), f.sha256});
    }
    result.mediaFiles = static_cast<int64_t>(digestItems.size());
    result.streams = static_cast<int64_t>(m.streams.size());
    result.warnings = static_cast<int64_t>(warnings.size());

    audit.append(actor.name, "episode.import", "episode", m.id, nullptr,
                 {{"id", m.id},
                  {"task", m.task},
                  {"participant", m.participant},
                  {"consent", m.consent.id},
                  {"bundle_path", bundlePath},
                  {"duration_ns", end - start},
                  {"timeline_start_ns", start},
                  {"timeline_end_ns", end},
                  {"status", "new"},
                  {"streams", streamsAudit},
                  {"warnings", result.warnings},
                  {"media_count", result.mediaFiles},
                  {"media_digest", mediaDigest(digestItems)}});
    tx.commit();
    return result;
}

} // namespace ts::core
