#include "wording.h"

#include <QObject>

#include <vector>

namespace ts::widgets {

QString episodeStatusText(core::EpisodeStatus status) {
    switch (status) {
    case core::EpisodeStatus::New:
        return QObject::tr("new");
    case core::EpisodeStatus::Annotating:
        return QObject::tr("annotating");
    case core::EpisodeStatus::Submitted:
        return QObject::tr("submitted for review");
    case core::EpisodeStatus::Approved:
        return QObject::tr("approved");
    case core::EpisodeStatus::Rejected:
        return QObject::tr("rejected");
    }
    return {};
}

QString reasonText(const QString& code) {
    if (code == QLatin1String("misaligned_streams"))
        return QObject::tr("Streams misaligned");
    if (code == QLatin1String("missing_stream"))
        return QObject::tr("A stream is missing");
    if (code == QLatin1String("wrong_or_missing_labels"))
        return QObject::tr("Labels wrong or missing");
    if (code == QLatin1String("slip_not_marked"))
        return QObject::tr("A slip is not marked");
    if (code == QLatin1String("consent_problem"))
        return QObject::tr("Consent problem");
    if (code == QLatin1String("other"))
        return QObject::tr("Other (say what in the comment)");
    return code;
}

QString clockMethodText(const std::string& method, double confidence) {
    if (method == "identity")
        return confidence >= 1.0 ? QObject::tr("timeline clock") : QObject::tr("not aligned");
    if (method == "file")
        return QObject::tr("declared");
    if (method == "estimated")
        return QObject::tr("estimated");
    if (method == "manual")
        return QObject::tr("set by hand");
    return QString::fromStdString(method);
}

QString syncMethodText(const std::string& method) {
    if (method == "timeline")
        return QObject::tr("timeline clock");
    if (method == "file")
        return QObject::tr("declared");
    if (method == "none")
        return QObject::tr("no estimate");
    if (method == "gyro~pose-rotation-rate")
        return QObject::tr("gyro vs. pose rotation rate");
    if (method == "gyro~visual-rotation")
        return QObject::tr("gyro vs. rotation seen in the video");
    if (method == "pose~visual-rotation")
        return QObject::tr("pose vs. rotation seen in the video");
    if (method == "hands~pose-world-stillness")
        return QObject::tr("hands vs. pose (palms at rest in the world)");
    if (method == "force~fingertip-contact")
        return QObject::tr("force vs. fingertip contact");
    return QString::fromStdString(method);
}

QString alignmentText(const core::sync::AlignmentVerdict& v) {
    using Why = core::sync::AlignmentVerdict::Why;
    switch (v.why) {
    case Why::SetByHand:
        return QObject::tr("clock set by hand");
    case Why::Declared:
        return QObject::tr("declared in episode.json");
    case Why::OnTimeline:
        return QObject::tr("on the timeline clock");
    case Why::NotAligned:
        return QObject::tr("not aligned to the camera clock");
    case Why::LowConfidence:
        return QObject::tr("confidence %1 below %2")
            .arg(v.value, 0, 'f', 2)
            .arg(v.limit, 0, 'f', 2);
    case Why::ResidualAbove:
        return QObject::tr("residual %1 ms above the tolerance of %2 ms")
            .arg(v.value, 0, 'f', 3)
            .arg(v.limit, 0, 'f', 3);
    case Why::ResidualWithin:
        return QObject::tr("residual %1 ms within %2 ms")
            .arg(v.value, 0, 'f', 3)
            .arg(v.limit, 0, 'f', 3);
    }
    return QString::fromStdString(v.reason);
}

QString qcProblemKindText(const std::string& code) {
    if (code == "label.overlap")
        return QObject::tr("labels overlap");
    if (code == "label.outside_range")
        return QObject::tr("label outside the recording");
    if (code == "event.outside_range")
        return QObject::tr("event outside the recording");
    if (code == "event.recovery_without_slip")
        return QObject::tr("recovery without a slip");
    if (code == "sync.unaligned")
        return QObject::tr("clock not aligned");
    if (code == "stream.qc_failed")
        return QObject::tr("stream check failed");
    if (code == "episode.qc_failed")
        return QObject::tr("episode check failed");
    if (code == "consent.invalid")
        return QObject::tr("consent invalid");
    return QString::fromStdString(code);
}

namespace {
QString eventKindText(const std::string& kind) {
    if (kind == "slip")
        return QObject::tr("slip");
    if (kind == "regrasp")
        return QObject::tr("regrasp");
    if (kind == "recovery")
        return QObject::tr("recovery");
    return QString::fromStdString(kind);
}
} // namespace

QString qcProblemText(const core::annotation::QcProblem& p, const core::annotation::QcReport& qc) {
    std::vector<QString> a;
    for (const std::string& s : p.args)
        a.push_back(QString::fromStdString(s));
    const QString english = QString::fromStdString(p.message);
    auto has = [&a](size_t n) { return a.size() == n; };
    if (p.code == "stream.qc_failed" && has(3)) {
        if (p.args[1] == "sync.alignment") {
            for (const auto& s : qc.streams)
                if (s.stream == p.args[0])
                    return QObject::tr("%1's clock failed the alignment check: %2")
                        .arg(a[0], alignmentText(s.verdict));
            return english;
        }
        if (p.args[1] == "sync.health")
            return QObject::tr("%1 failed its health check (the Sync panel lists its findings)")
                .arg(a[0]);
        return a[2].isEmpty() ? QObject::tr("%1 failed QC check %2").arg(a[0], a[1])
                              : QObject::tr("%1 failed QC check %2 (%3)").arg(a[0], a[1], a[2]);
    }
    if (p.code == "sync.unaligned" && has(1))
        return QObject::tr("%1's clock is not aligned to the timeline: run sync, or set it by hand "
                           "(Adjust clock… in the Sync panel)")
            .arg(a[0]);
    if (p.code == "episode.qc_failed" && has(1))
        return QObject::tr("The episode failed QC check %1").arg(a[0]);
    if (p.code == "consent.invalid" && has(4)) {
        if (p.args[0] == "no_record")
            return QObject::tr("The episode has no consent record: it is excluded from exports");
        if (p.args[0] == "participant_withdrew")
            return QObject::tr("Participant %1 withdrew on %2: the episode is excluded from "
                               "exports")
                .arg(a[1], a[3]);
        if (p.args[0] == "consent_withdrawn")
            return QObject::tr("Consent %1 of participant %2 was withdrawn on %3: the episode is "
                               "excluded from exports")
                .arg(a[2], a[1], a[3]);
        if (p.args[0] == "never_signed")
            return QObject::tr("Consent %1 of participant %2 was never signed: the episode is "
                               "excluded from exports")
                .arg(a[2], a[1]);
        return english;
    }
    if (p.code == "label.overlap" && has(7))
        return QObject::tr("Labels %1 (“%2”) and %3 (“%4”) of tier %5 overlap from %6 to %7")
            .arg(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
    if (p.code == "label.outside_range" && has(5))
        return QObject::tr("Label %1 (“%2”) from %3 to %4 lies outside the recording (0 to %5)")
            .arg(a[0], a[1], a[2], a[3], a[4]);
    if (p.code == "event.recovery_without_slip" && has(2))
        return QObject::tr("Recovery event %1 at %2 names no slip it recovers from")
            .arg(a[0], a[1]);
    if (p.code == "event.outside_range" && has(3))
        return QObject::tr("Event %1 (%2) at %3 lies outside the recording")
            .arg(a[1], eventKindText(p.args[0]), a[2]);
    return english;
}

} // namespace ts::widgets
