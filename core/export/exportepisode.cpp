#include "export/exportepisode.h"

#include "store/database.h"
#include "store/statement.h"
#include "util/error.h"

#include <algorithm>
#include <set>

namespace ts::core::exporting {

namespace {

// The importer's marker for a capture imported without consent details (importoptions.h).
constexpr const char* kUnrecorded = "unrecorded";

std::optional<std::string> exclusionReason(const std::string& status, const std::string& consentRef,
                                           const std::string& formVersion,
                                           const std::optional<std::string>& withdrawnAt) {
    if (status != "approved")
        return "status is '" + status + "', not 'approved'";
    if (withdrawnAt)
        return "the participant's consent " + consentRef + " was withdrawn on " + *withdrawnAt;
    if (consentRef == kUnrecorded || formVersion == kUnrecorded || formVersion.empty())
        return "no consent is recorded (consent '" + consentRef + "')";
    return std::nullopt;
}

void loadDetails(Database& db, ExportEpisode& e) {
    {
        Statement q(db, "SELECT s.name, s.kind, c.offset_ns, c.drift, c.t0_ns, c.method, "
                        "c.confidence, c.residual_ns, c.author, c.updated_at FROM stream s "
                        "LEFT JOIN clock_model c ON c.stream_id = s.id WHERE s.episode_id = ? "
                        "ORDER BY s.id");
        q.bind(1, e.rowId);
        while (q.step()) {
            StreamClock c;
            c.stream = q.text(0);
            c.kind = q.text(1);
            if (!q.isNull(2)) {
                c.model.offsetNs = q.int64(2);
                c.model.drift = q.real(3);
                c.model.t0Ns = q.int64(4);
                c.model.method = q.text(5);
                c.model.confidence = q.real(6);
                c.model.residualNs = q.real(7);
                c.model.author = q.text(8);
                c.updatedAt = q.text(9);
            }
            e.clocks.push_back(std::move(c));
        }
    }
    std::set<std::string> annotators;
    {
        Statement q(db, "SELECT l.tier, l.text, l.start_ns, l.end_ns, u.name FROM label l "
                        "JOIN user_account u ON u.id = l.author_id WHERE l.episode_id = ? "
                        "ORDER BY l.start_ns, l.id");
        q.bind(1, e.rowId);
        while (q.step()) {
            e.labels.push_back({q.text(0), q.text(1), q.int64(2), q.int64(3), q.text(4)});
            annotators.insert(q.text(4));
        }
    }
    {
        Statement q(db,
                    "SELECT e.kind, e.custom_kind, e.start_ns, e.end_ns, e.hand, e.note, u.name "
                    "FROM event e JOIN user_account u ON u.id = e.author_id "
                    "WHERE e.episode_id = ? ORDER BY e.start_ns, e.id");
        q.bind(1, e.rowId);
        while (q.step()) {
            EventSpan ev;
            ev.kind = q.text(0) == "custom" ? "custom:" + q.text(1) : q.text(0);
            ev.startNs = q.int64(2);
            ev.endNs = q.optInt64(3);
            ev.hand = q.optText(4).value_or("");
            ev.note = q.text(5);
            ev.author = q.text(6);
            annotators.insert(ev.author);
            e.events.push_back(std::move(ev));
        }
    }
    {
        Statement q(db, "SELECT s.name, k.t_ns, k.hand, k.joint, k.x, k.y, k.z, u.name "
                        "FROM keypoint_correction k JOIN stream s ON s.id = k.stream_id "
                        "JOIN user_account u ON u.id = k.author_id WHERE k.episode_id = ? "
                        "ORDER BY k.t_ns, k.hand, k.joint");
        q.bind(1, e.rowId);
        while (q.step()) {
            e.corrections.push_back({q.text(0), q.int64(1), q.text(2) == "left" ? 0 : 1,
                                     static_cast<int>(q.int64(3)), q.real(4), q.real(5),
                                     q.real(6)});
            annotators.insert(q.text(7));
        }
    }
    {
        Statement q(db, "SELECT u.name, r.verdict, r.reason_codes, r.comment, r.created_at "
                        "FROM review r JOIN user_account u ON u.id = r.reviewer_id "
                        "WHERE r.episode_id = ? ORDER BY r.created_at, r.id");
        q.bind(1, e.rowId);
        while (q.step()) {
            ReviewRecord r;
            r.reviewer = q.text(0);
            r.verdict = q.text(1);
            r.reasonCodes = nlohmann::json::parse(q.text(2), nullptr, false);
            r.comment = q.text(3);
            r.at = q.text(4);
            e.reviews.push_back(std::move(r));
        }
    }
    {
        Statement q(db, "SELECT path, role, size, sha256 FROM media_file WHERE episode_id = ? "
                        "ORDER BY path");
        q.bind(1, e.rowId);
        while (q.step())
            e.media.push_back({q.text(0), q.text(1), q.int64(2), q.text(3)});
    }
    e.annotators.assign(annotators.begin(), annotators.end());
}

} // namespace

const ClockModel* ExportEpisode::clockOf(const std::string& stream) const {
    for (const StreamClock& c : clocks)
        if (c.stream == stream)
            return &c.model;
    return nullptr;
}

Selection selectEpisodes(Database& db, const std::filesystem::path& projectDir,
                         const std::vector<std::string>& requested) {
    Selection sel;
    Statement q(
        db, "SELECT e.id, e.ident, e.status, e.task, p.pseudonym, c.consent_ref, c.form_version, "
            "c.terms, c.scope, c.compensation, c.signed_at, c.withdrawn_at, e.bundle_path, "
            "e.timeline_start_ns, e.timeline_end_ns FROM episode e "
            "JOIN participant p ON p.id = e.participant_id "
            "JOIN consent c ON c.id = e.consent_id ORDER BY e.id");
    std::set<std::string> found;
    while (q.step()) {
        ExportEpisode e;
        e.rowId = q.int64(0);
        e.id = q.text(1);
        const std::string status = q.text(2);
        const bool wanted =
            requested.empty() ||
            std::find(requested.begin(), requested.end(), e.id) != requested.end() ||
            std::find(requested.begin(), requested.end(), std::to_string(e.rowId)) !=
                requested.end();
        if (!wanted)
            continue;
        found.insert(e.id);
        found.insert(std::to_string(e.rowId));
        e.task = q.text(3);
        e.participant = q.text(4);
        e.consent.id = q.text(5);
        e.consent.formVersion = q.text(6);
        e.consent.terms = q.text(7);
        const nlohmann::json scope = nlohmann::json::parse(q.text(8), nullptr, false);
        if (scope.is_array())
            for (const auto& s : scope)
                if (s.is_string())
                    e.consent.scope.push_back(s.get<std::string>());
        e.consent.compensation = q.text(9);
        e.consent.signedAt = q.text(10);
        e.consent.withdrawnAt = q.optText(11);
        e.bundleDir = projectDir / q.text(12);
        e.timelineStartNs = q.int64(13);
        e.timelineEndNs = q.int64(14);
        if (auto why = exclusionReason(status, e.consent.id, e.consent.formVersion,
                                       e.consent.withdrawnAt)) {
            if (!requested.empty())
                throw Error(db.fileName(), "episode " + e.id + " cannot be exported: " + *why);
            sel.excluded.push_back({e.id, *why});
            continue;
        }
        sel.episodes.push_back(std::move(e));
    }
    for (const std::string& r : requested)
        if (!found.count(r))
            throw Error(db.fileName(), "no episode '" + r + "' in the project");
    for (ExportEpisode& e : sel.episodes)
        loadDetails(db, e);
    return sel;
}

} // namespace ts::core::exporting
