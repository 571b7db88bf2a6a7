#include "store/episodequeries.h"

#include "store/database.h"
#include "store/statement.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

namespace ts::core {

using nlohmann::json;

namespace {

constexpr const char* kSummarySelect =
    "SELECT e.id, e.ident, e.status, e.task, p.pseudonym, e.duration_ns, "
    "(SELECT count(*) FROM stream s WHERE s.episode_id = e.id), e.imported_at, u.name "
    "FROM episode e JOIN participant p ON p.id = e.participant_id "
    "JOIN user_account u ON u.id = e.imported_by";

EpisodeSummary readSummary(const Database& db, const Statement& st) {
    EpisodeSummary s;
    s.id = st.text(1);
    const auto status = episodeStatusFromName(st.text(2));
    if (!status)
        throw Error(db.fileName(),
                    "episode '" + s.id + "' has an unknown status '" + st.text(2) + "'");
    s.status = *status;
    s.task = st.text(3);
    s.participant = st.text(4);
    s.durationNs = st.int64(5);
    s.streamCount = st.int64(6);
    s.importedAt = st.text(7);
    s.importedBy = st.text(8);
    return s;
}

json parseStored(const Database& db, const std::string& text, const std::string& what) {
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded())
        throw Error(db.fileName(), what + " holds invalid JSON");
    return j;
}

} // namespace

std::vector<EpisodeSummary> EpisodeQueries::list() {
    Statement st = db_.prepare(std::string(kSummarySelect) + " ORDER BY e.ident");
    std::vector<EpisodeSummary> out;
    while (st.step())
        out.push_back(readSummary(db_, st));
    return out;
}

std::optional<EpisodeDetail> EpisodeQueries::detail(const std::string& id) {
    EpisodeDetail d;
    int64_t rowId = 0;
    {
        Statement st = db_.prepare(std::string(kSummarySelect) + " WHERE e.ident = ?");
        st.bind(1, id);
        if (!st.step())
            return std::nullopt;
        rowId = st.int64(0);
        d.summary = readSummary(db_, st);
    }
    {
        Statement st = db_.prepare(
            "SELECT e.bundle_path, e.timeline_start_ns, e.timeline_end_ns, e.device, e.warnings, "
            "c.consent_ref, c.form_version, c.terms, c.scope, c.compensation, c.signed_at, "
            "c.withdrawn_at, (SELECT count(*) FROM media_file m WHERE m.episode_id = e.id) "
            "FROM episode e JOIN consent c ON c.id = e.consent_id WHERE e.id = ?");
        st.bind(1, rowId);
        if (!st.step())
            throw Error(db_.fileName(), "episode '" + id + "' has no consent record");
        d.bundlePath = st.text(0);
        d.timelineStartNs = st.int64(1);
        d.timelineEndNs = st.int64(2);
        const json device = parseStored(db_, st.text(3), "episode '" + id + "' device");
        d.device.model = device.value("model", "");
        d.device.serial = device.value("serial", "");
        for (const json& w : parseStored(db_, st.text(4), "episode '" + id + "' warnings")) {
            Diagnostic diag;
            diag.severity = Severity::Warning;
            diag.code = w.value("code", "");
            diag.file = w.value("file", "");
            diag.line = w.value("line", int64_t{-1});
            diag.frame = w.value("frame", int64_t{-1});
            diag.message = w.value("message", "");
            d.warnings.push_back(std::move(diag));
        }
        d.consent.id = st.text(5);
        d.consent.formVersion = st.text(6);
        d.consent.terms = st.text(7);
        d.consent.scope =
            parseStored(db_, st.text(8), "consent scope").get<std::vector<std::string>>();
        d.consent.compensation = st.text(9);
        d.consent.signedAt = st.text(10);
        d.consent.withdrawnAt = st.optText(11);
        d.mediaCount = st.int64(12);
    }
    Statement st = db_.prepare(
        "SELECT s.name, s.kind, s.clock, s.path, s.timestamps_path, s.sample_count, s.first_ns, "
        "s.last_ns, s.rate_hz, s.median_interval_ns, s.max_gap_ns, s.gaps, s.dropped_estimate, "
        "s.jitter_ns, s.channels, s.width, s.height, s.codec, "
        "c.offset_ns, c.drift, c.t0_ns, c.method, c.confidence, c.residual_ns, c.author, "
        "c.updated_at "
        "FROM stream s JOIN clock_model c ON c.stream_id = s.id WHERE s.episode_id = ? "
        "ORDER BY s.id");
    st.bind(1, rowId);
    while (st.step()) {
        StreamInfo s;
        s.stats.name = st.text(0);
        const auto kind = streamKindFromName(st.text(1));
        if (!kind)
            throw Error(db_.fileName(), "stream '" + s.stats.name + "' of episode '" + id +
                                            "' has an unknown kind '" + st.text(1) + "'");
        s.stats.kind = *kind;
        s.stats.clock = st.text(2);
        s.path = st.text(3);
        s.timestamps = st.text(4);
        s.stats.count = st.int64(5);
        s.stats.firstNs = st.int64(6);
        s.stats.lastNs = st.int64(7);
        s.stats.rateHz = st.real(8);
        s.stats.medianIntervalNs = st.int64(9);
        s.stats.maxGapNs = st.int64(10);
        s.stats.gaps = st.int64(11);
        s.stats.droppedEstimate = st.int64(12);
        s.stats.jitterNs = st.real(13);
        s.stats.channels =
            parseStored(db_, st.text(14), "stream channels").get<std::vector<std::string>>();
        s.stats.width = static_cast<int>(st.int64(15));
        s.stats.height = static_cast<int>(st.int64(16));
        s.stats.codec = st.text(17);
        s.clockModel.offsetNs = st.int64(18);
        s.clockModel.drift = st.real(19);
        s.clockModel.t0Ns = st.int64(20);
        s.clockModel.method = st.text(21);
        s.clockModel.confidence = st.real(22);
        s.clockModel.residualNs = st.real(23);
        s.clockModel.author = st.text(24);
        s.clockUpdatedAt = st.text(25);
        d.streams.push_back(std::move(s));
    }
    return d;
}

std::vector<MediaRecord> EpisodeQueries::media(const std::string& id) {
    Statement st = db_.prepare("SELECT m.path, m.role, m.size, m.sha256 FROM media_file m "
                               "JOIN episode e ON e.id = m.episode_id WHERE e.ident = ? "
                               "ORDER BY m.path");
    st.bind(1, id);
    std::vector<MediaRecord> out;
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.int64(2), st.text(3)});
    return out;
}

} // namespace ts::core
