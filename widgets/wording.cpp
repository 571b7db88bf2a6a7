#include "wording.h"

#include <QObject>

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

} // namespace ts::widgets
