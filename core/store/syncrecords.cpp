#include "store/syncrecords.h"

#include "store/auditlog.h"
#include "store/database.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "store/transaction.h"
#include "store/usertable.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <set>
#include <vector>

namespace ts::core {

using nlohmann::json;

namespace {
json clockJson(const ClockModel& c) {
    return {{"offset_ns", c.offsetNs}, {"drift", c.drift},           {"t0_ns", c.t0Ns},
            {"method", c.method},      {"confidence", c.confidence}, {"residual_ns", c.residualNs},
            {"author", c.author}};
}
} // namespace

int64_t SyncRecords::episodeRowId(const std::string& episodeId) {
    Statement st = db_.prepare("SELECT id FROM episode WHERE ident = ?");
    st.bind(1, episodeId);
    if (!st.step())
        throw Error(db_.fileName(), "there is no episode '" + episodeId + "' in this project");
    return st.int64(0);
}

void SyncRecords::requireClocksOpen(const std::string& episodeId) {
    Statement st = db_.prepare("SELECT status FROM episode WHERE ident = ?");
    st.bind(1, episodeId);
    if (st.step() && st.text(0) == "approved")
        throw Error(db_.fileName(), "episode '" + episodeId +
                                        "' is approved: its clocks stay as its reviewer saw them "
                                        "until a lead reopens it");
}

void SyncRecords::setClockModel(const std::string& actor, const std::string& episodeId,
                                const std::string& streamName, const ClockModel& model, bool undo) {
    static const std::set<std::string> methods{"identity", "file", "estimated", "manual"};
    if (!methods.count(model.method))
        throw Error(db_.fileName(), "clock model method '" + model.method +
                                        "' is not one of identity, file, estimated, manual");
    if (!std::isfinite(model.drift) || !std::isfinite(model.confidence) || model.confidence < 0 ||
        model.confidence > 1 || !std::isfinite(model.residualNs) || model.residualNs < 0)
        throw Error(db_.fileName(), "clock model for '" + episodeId + "/" + streamName +
                                        "' has a non-finite drift, a confidence outside [0, 1] "
                                        "or a negative residual");
    Transaction tx(db_);
    UserTable users(db_);
    const UserInfo who = users.requireActor(actor);
    users.requirePermission(who, roleMayEditClocks(who.role), "change clock models",
                            "annotators, reviewers, leads and admins");
    const int64_t ep = episodeRowId(episodeId);
    requireClocksOpen(episodeId);
    Statement st = db_.prepare(
        "SELECT c.id, c.offset_ns, c.drift, c.t0_ns, c.method, c.confidence, c.residual_ns, "
        "c.author FROM stream s JOIN clock_model c ON c.stream_id = s.id "
        "WHERE s.episode_id = ? AND s.name = ?");
    st.bindAll(ep, streamName);
    if (!st.step())
        throw Error(db_.fileName(),
                    "episode '" + episodeId + "' has no stream '" + streamName + "'");
    const int64_t rowId = st.int64(0);
    ClockModel before;
    before.offsetNs = st.int64(1);
    before.drift = st.real(2);
    before.t0Ns = st.int64(3);
    before.method = st.text(4);
    before.confidence = st.real(5);
    before.residualNs = st.real(6);
    before.author = st.text(7);
    ClockModel after = model;
    if (after.author != "touchstone")
        after.author = who.name;
    if (clockJson(before) == clockJson(after))
        return; // nothing changes, so nothing to audit
    db_.prepare("UPDATE clock_model SET offset_ns = ?, drift = ?, t0_ns = ?, method = ?, "
                "confidence = ?, residual_ns = ?, author = ?, updated_at = ? WHERE id = ?")
        .bindAll(after.offsetNs, after.drift, after.t0Ns, after.method, after.confidence,
                 after.residualNs, after.author, utcNowIso8601(), rowId)
        .run();
    // Slip suggestions are found in the episode's (first) force stream, and the decisions
    // taken on them are kept as the timeline spans the suggestions had then: they follow that
    // clock, so a dismissed suggestion stays dismissed wherever the clock moves it.
    if (!before.sameMapping(after)) {
        Statement force = db_.prepare(
            "SELECT name FROM stream WHERE episode_id = ? AND kind = 'force' ORDER BY id LIMIT 1");
        force.bind(1, ep);
        if (force.step() && force.text(0) == streamName)
            moveSlipDecisions(ep, before, after);
    }
    AuditLog(db_).append(who.name, undo ? "clock_model.undo" : "clock_model.set", "stream",
                         episodeId + "/" + streamName, clockJson(before), clockJson(after));
    tx.commit();
}

void SyncRecords::moveSlipDecisions(int64_t episodeRowId, const ClockModel& before,
                                    const ClockModel& after) {
    struct Span {
        int64_t id;
        TimeNs start, end;
    };
    std::vector<Span> spans;
    {
        Statement st = db_.prepare("SELECT id, start_ns, end_ns FROM slip_decision WHERE "
                                   "episode_id = ?");
        st.bind(1, episodeRowId);
        while (st.step())
            spans.push_back({st.int64(0), st.int64(1), st.int64(2)});
    }
    // Out of the way first: (episode, hand, start) is unique, and one decision may move onto
    // where another was.
    for (const Span& s : spans)
        db_.prepare("UPDATE slip_decision SET start_ns = ?, end_ns = ? WHERE id = ?")
            .bindAll(-1 - s.id, -1 - s.id, s.id)
            .run();
    for (const Span& s : spans)
        db_.prepare("UPDATE slip_decision SET start_ns = ?, end_ns = ? WHERE id = ?")
            .bindAll(after.toTimeline(before.toRaw(s.start)),
                     after.toTimeline(before.toRaw(s.end)), s.id)
            .run();
}

ClockModel SyncRecords::undoClockModel(const std::string& actor, const std::string& episodeId,
                                       const std::string& streamName) {
    // Back through the stream's audited changes, newest first: each undo cancels the newest
    // change not yet undone, so the first change left over is the one to take back.
    const std::string entity = episodeId + "/" + streamName;
    std::optional<ClockModel> previous;
    {
        Statement st = db_.prepare(
            "SELECT action, before_json FROM audit_log WHERE entity = 'stream' AND entity_id = ? "
            "AND action IN ('clock_model.set', 'clock_model.undo') ORDER BY seq DESC");
        st.bind(1, entity);
        int undone = 0;
        while (!previous && st.step()) {
            if (st.text(0) == "clock_model.undo") {
                ++undone;
            } else if (undone > 0) {
                --undone;
            } else {
                const json b = json::parse(st.text(1));
                ClockModel m;
                m.offsetNs = b.at("offset_ns").get<TimeNs>();
                m.drift = b.at("drift").get<double>();
                m.t0Ns = b.at("t0_ns").get<TimeNs>();
                m.method = b.at("method").get<std::string>();
                m.confidence = b.at("confidence").get<double>();
                m.residualNs = b.at("residual_ns").get<double>();
                m.author = b.at("author").get<std::string>();
                previous = m;
            }
        }
    }
    if (!previous)
        throw Error(db_.fileName(), "the clock model of " + entity + " has no change left to undo");
    setClockModel(actor, episodeId, streamName, *previous, true);
    return *previous;
}

void SyncRecords::recordQcMetrics(const std::string& actor, const std::string& episodeId,
                                  const std::vector<QcMetric>& metrics) {
    Transaction tx(db_);
    UserTable users(db_);
    const UserInfo who = users.requireActor(actor);
    users.requirePermission(who, roleMayEditClocks(who.role), "record QC metrics",
                            "annotators, reviewers, leads and admins");
    const int64_t ep = episodeRowId(episodeId);
    const std::string now = utcNowIso8601();
    json names = json::array();
    for (const QcMetric& m : metrics) {
        std::optional<int64_t> streamId;
        if (!m.stream.empty()) {
            Statement s = db_.prepare("SELECT id FROM stream WHERE episode_id = ? AND name = ?");
            s.bindAll(ep, m.stream);
            if (!s.step())
                throw Error(db_.fileName(),
                            "episode '" + episodeId + "' has no stream '" + m.stream + "'");
            streamId = s.int64(0);
        }
        db_.prepare("DELETE FROM qc_metric WHERE episode_id = ? AND stream_id IS ? AND name = ?")
            .bindAll(ep, streamId, m.name)
            .run();
        std::optional<int64_t> passed;
        if (m.passed)
            passed = *m.passed ? 1 : 0;
        db_.prepare("INSERT INTO qc_metric (episode_id, stream_id, name, value, unit, passed, "
                    "details, computed_at, computed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bindAll(ep, streamId, m.name, m.value, m.unit, passed, m.detailsJson, now,
                     m.computedBy.empty() ? who.name : m.computedBy)
            .run();
        names.push_back(m.stream.empty() ? m.name : m.stream + ":" + m.name);
    }
    AuditLog(db_).append(who.name, "qc.record", "episode", episodeId, nullptr,
                         {{"metrics", names}});
    tx.commit();
}

std::vector<QcMetric> SyncRecords::qcMetrics(const std::string& episodeId) {
    const int64_t ep = episodeRowId(episodeId);
    Statement st = db_.prepare(
        "SELECT coalesce(s.name, ''), q.name, q.value, q.unit, q.passed, q.details, "
        "q.computed_at, q.computed_by FROM qc_metric q LEFT JOIN stream s ON s.id = q.stream_id "
        "WHERE q.episode_id = ? ORDER BY q.id");
    st.bind(1, ep);
    std::vector<QcMetric> out;
    while (st.step()) {
        QcMetric m;
        m.stream = st.text(0);
        m.name = st.text(1);
        m.value = st.optReal(2);
        m.unit = st.text(3);
        if (const auto p = st.optInt64(4))
            m.passed = *p != 0;
        m.detailsJson = st.text(5);
        m.computedAt = st.text(6);
        m.computedBy = st.text(7);
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace ts::core
