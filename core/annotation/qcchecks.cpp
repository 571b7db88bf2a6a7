#include "annotation/qcchecks.h"

#include "annotation/annotationsettings.h"
#include "annotation/consent.h"
#include "annotation/events.h"
#include "annotation/labels.h"
#include "project/syncstore.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "sync/episodesync.h"
#include "util/error.h"

#include <algorithm>
#include <cstdio>

namespace ts::core::annotation {

std::map<std::string, std::vector<UnalignedClock>> unalignedClocks(ProjectStore& store) {
    const sync::SyncSettings settings = projectSyncSettings(store);
    Statement st = store.database().prepare(
        "SELECT e.ident, s.name, c.method, c.confidence, c.residual_ns FROM stream s "
        "JOIN clock_model c ON c.stream_id = s.id JOIN episode e ON e.id = s.episode_id "
        "ORDER BY e.id, s.id");
    std::map<std::string, std::vector<UnalignedClock>> out;
    while (st.step()) {
        ClockModel m;
        m.method = st.text(2);
        m.confidence = st.real(3);
        m.residualNs = st.real(4);
        if (const sync::AlignmentVerdict v = sync::alignmentVerdict(m, settings); !v.passed)
            out[st.text(0)].push_back({st.text(1), v.reason, v});
    }
    return out;
}

QcReport qcChecks(ProjectStore& store, const std::string& episode) {
    const auto detail = store.episode(episode);
    if (!detail)
        throw Error(store.file().string(), "there is no episode '" + episode + "' in this project");
    QcReport r;
    auto add = [&r](std::string code, std::string entity, std::optional<TimeNs> start,
                    std::optional<TimeNs> end, std::string message, std::vector<std::string> args) {
        r.problems.push_back(
            {std::move(code), std::move(entity), start, end, std::move(message), std::move(args)});
    };
    r.episode = episode;
    r.startNs = detail->timelineStartNs;
    r.endNs = detail->timelineEndNs;
    const TimeNs t0 = r.startNs;

    // Sync and health. Alignment is judged on each clock model as stored now (a clock set by
    // hand after sync passes), the recorded metrics on what they found.
    const std::vector<QcMetric> metrics = store.qcMetrics(episode);
    const sync::SyncSettings syncSettings = projectSyncSettings(store);
    r.syncConfidence = 1.0;
    for (const StreamInfo& s : detail->streams) {
        StreamQc q;
        q.stream = s.stats.name;
        q.method = s.clockModel.method;
        q.confidence = s.clockModel.confidence;
        q.residualMs = s.clockModel.residualNs / 1e6;
        for (const QcMetric& m : metrics)
            if (m.stream == q.stream) {
                q.metrics.push_back(m);
                if (m.name == "sync.alignment" || !m.passed || *m.passed)
                    continue;
                q.healthy = false;
                char value[64] = "";
                if (m.value)
                    std::snprintf(value, sizeof value, "%g%s%s", *m.value,
                                  m.unit.empty() ? "" : " ", m.unit.c_str());
                add("stream.qc_failed", "stream " + q.stream, std::nullopt, std::nullopt,
                    "stream " + q.stream + " failed QC check " + m.name +
                        (m.value ? std::string(" (") + value + ")" : std::string()),
                    {q.stream, m.name, value});
            }
        const sync::AlignmentVerdict v = sync::alignmentVerdict(s.clockModel, syncSettings);
        q.aligned = v.passed;
        q.alignment = v.reason;
        q.verdict = v;
        if (!v.passed && s.clockModel.method == "estimated")
            add("stream.qc_failed", "stream " + q.stream, std::nullopt, std::nullopt,
                "stream " + q.stream + " failed QC check sync.alignment: " + v.reason,
                {q.stream, "sync.alignment", v.reason});
        else if (!v.passed)
            add("sync.unaligned", "stream " + q.stream, std::nullopt, std::nullopt,
                "stream " + q.stream +
                    "'s clock is not aligned to the timeline; run sync, or "
                    "set it by hand (clock, or Adjust clock… in the Sync "
                    "panel)",
                {q.stream});
        r.syncConfidence = std::min(r.syncConfidence, q.confidence);
        r.maxResidualMs = std::max(r.maxResidualMs, q.residualMs);
        r.streams.push_back(std::move(q));
    }
    for (const QcMetric& m : metrics)
        if (m.stream.empty() && m.passed && !*m.passed)
            add("episode.qc_failed", "episode", std::nullopt, std::nullopt,
                "the episode failed QC check " + m.name, {m.name});

    if (const ConsentIssue c = consentIssue(store, episode); !c.code.empty())
        add("consent.invalid", "episode", std::nullopt, std::nullopt,
            consentIssueText(episode, c) + ": the episode is excluded from exports",
            {c.code, c.participant, c.consent, c.date});

    // Labels: coverage per tier, overlaps, range.
    const auto all = labels(store, episode);
    const double length = std::max<double>(1.0, static_cast<double>(r.endNs - r.startNs));
    for (const std::string& tier : labelTiers(store))
        r.coverage[tier] = 0.0;
    std::map<std::string, std::vector<const LabelRecord*>> byTier;
    for (const LabelRecord& l : all)
        byTier[l.tier].push_back(&l); // already ordered by start
    for (auto& [tier, list] : byTier) {
        TimeNs coveredUntil = r.startNs;
        double covered = 0;
        const LabelRecord* reach = nullptr; // the label reaching furthest so far
        for (const LabelRecord* l : list) {
            const TimeNs s = std::max(l->startNs, r.startNs), e = std::min(l->endNs, r.endNs);
            if (e > std::max(s, coveredUntil))
                covered += static_cast<double>(e - std::max(s, coveredUntil));
            coveredUntil = std::max(coveredUntil, e);
            if (reach && l->startNs < reach->endNs)
                add("label.overlap", "label " + std::to_string(l->id), l->startNs,
                    std::min(l->endNs, reach->endNs),
                    "labels " + std::to_string(reach->id) + " ('" + reach->text + "') and " +
                        std::to_string(l->id) + " ('" + l->text + "') of tier " + tier +
                        " overlap from " + secondsText(l->startNs, t0) + " to " +
                        secondsText(std::min(l->endNs, reach->endNs), t0),
                    {std::to_string(reach->id), reach->text, std::to_string(l->id), l->text, tier,
                     secondsText(l->startNs, t0),
                     secondsText(std::min(l->endNs, reach->endNs), t0)});
            if (!reach || l->endNs > reach->endNs)
                reach = l;
            if (l->startNs < r.startNs || l->endNs > r.endNs)
                add("label.outside_range", "label " + std::to_string(l->id), l->startNs, l->endNs,
                    "label " + std::to_string(l->id) + " ('" + l->text + "') from " +
                        secondsText(l->startNs, t0) + " to " + secondsText(l->endNs, t0) +
                        " lies outside the recording (0 to " + secondsText(r.endNs, t0) + ")",
                    {std::to_string(l->id), l->text, secondsText(l->startNs, t0),
                     secondsText(l->endNs, t0), secondsText(r.endNs, t0)});
        }
        r.coverage[tier] = std::min(1.0, covered / length);
    }

    // Events: recoveries need their slip, and everything lies in the recording.
    for (const EventRecord& e : events(store, episode)) {
        const TimeNs end = e.spec.endNs.value_or(e.spec.startNs);
        if (e.spec.kind == "recovery" && !e.spec.recovers)
            add("event.recovery_without_slip", "event " + std::to_string(e.id), e.spec.startNs,
                e.spec.endNs,
                "recovery event " + std::to_string(e.id) + " at " +
                    secondsText(e.spec.startNs, t0) + " names no slip it recovers from",
                {std::to_string(e.id), secondsText(e.spec.startNs, t0)});
        if (e.spec.startNs < r.startNs || end > r.endNs)
            add("event.outside_range", "event " + std::to_string(e.id), e.spec.startNs,
                e.spec.endNs,
                e.spec.kind + " event " + std::to_string(e.id) + " at " +
                    secondsText(e.spec.startNs, t0) + " lies outside the recording",
                {e.spec.kind, std::to_string(e.id), secondsText(e.spec.startNs, t0)});
    }

    std::stable_sort(r.problems.begin(), r.problems.end(),
                     [](const QcProblem& a, const QcProblem& b) {
                         return a.startNs.value_or(INT64_MIN) < b.startNs.value_or(INT64_MIN);
                     });
    return r;
}

} // namespace ts::core::annotation
