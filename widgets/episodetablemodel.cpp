#include "episodetablemodel.h"

#include "wording.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>

namespace ts::widgets {

EpisodeTableModel::EpisodeTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void EpisodeTableModel::setEpisodes(
    std::vector<core::EpisodeSummary> episodes,
    std::map<std::string, core::annotation::ReviewRecord> reviews,
    std::optional<std::map<std::string, std::vector<core::annotation::UnalignedClock>>> unaligned) {
    beginResetModel();
    episodes_ = std::move(episodes);
    reviews_ = std::move(reviews);
    unaligned_ = std::move(unaligned);
    endResetModel();
}

const core::EpisodeSummary* EpisodeTableModel::episodeAt(int row) const {
    if (row < 0 || row >= static_cast<int>(episodes_.size()))
        return nullptr;
    return &episodes_[static_cast<size_t>(row)];
}

int EpisodeTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(episodes_.size());
}

int EpisodeTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {
QString formatDuration(core::TimeNs ns) {
    const double s = static_cast<double>(ns) * 1e-9;
    const int minutes = static_cast<int>(s / 60);
    return QStringLiteral("%1:%2").arg(minutes).arg(s - minutes * 60, 6, 'f', 3, QChar('0'));
}

QColor statusColor(core::EpisodeStatus s) {
    switch (s) {
    case core::EpisodeStatus::Approved:
        return QColor(0x2e, 0x7d, 0x32);
    case core::EpisodeStatus::Rejected:
        return QColor(0xc6, 0x28, 0x28);
    case core::EpisodeStatus::Submitted:
        return QColor(0x15, 0x65, 0xc0);
    default:
        return {};
    }
}
} // namespace

QVariant EpisodeTableModel::data(const QModelIndex& index, int role) const {
    const auto* e = episodeAt(index.row());
    if (!e)
        return {};
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Id:
            return QString::fromStdString(e->id);
        case Status:
            // In the workflow's order when sorted; in the interface's language when shown.
            return role == SortRole ? QVariant(static_cast<int>(e->status))
                                    : QVariant(episodeStatusText(e->status));
        case Qc: {
            // The newest verdict and who gave it; rejections with their reasons.
            auto it = reviews_.find(e->id);
            if (it == reviews_.end())
                return QString();
            const auto& r = it->second;
            QStringList reasons;
            for (const auto& c : r.reasons)
                reasons << reasonText(QString::fromStdString(c));
            const QString reviewer = QString::fromStdString(r.reviewer);
            if (r.verdict == "approved")
                return tr("approved by %1").arg(reviewer);
            return reasons.isEmpty()
                       ? tr("rejected by %1").arg(reviewer)
                       : tr("rejected by %1: %2").arg(reviewer, reasons.join(QStringLiteral(", ")));
        }
        case Sync: {
            // Every clock aligned by the project's rule, or the streams that are not.
            if (!unaligned_)
                return QVariant();
            auto it = unaligned_->find(e->id);
            if (role == SortRole)
                return it == unaligned_->end() ? 0 : int(it->second.size());
            if (it == unaligned_->end())
                return tr("aligned");
            QStringList names;
            for (const auto& u : it->second)
                names << QString::fromStdString(u.stream);
            return tr("not aligned: %1").arg(names.join(QStringLiteral(", ")));
        }
        case Task:
            return QString::fromStdString(e->task);
        case Participant:
            return QString::fromStdString(e->participant);
        case Duration:
            return role == SortRole ? QVariant(qint64(e->durationNs))
                                    : QVariant(formatDuration(e->durationNs));
        case Streams:
            return qint64(e->streamCount);
        case Imported:
            if (role == SortRole)
                return QString::fromStdString(e->importedAt);
            return QDateTime::fromString(QString::fromStdString(e->importedAt), Qt::ISODateWithMs)
                .toLocalTime()
                .toString(QStringLiteral("yyyy-MM-dd")); // the time in the tooltip
        }
    }
    if (index.column() == Qc && (role == Qt::ForegroundRole || role == Qt::ToolTipRole)) {
        auto it = reviews_.find(e->id);
        if (it == reviews_.end())
            return {};
        if (role == Qt::ForegroundRole)
            return QBrush(it->second.verdict == "approved" ? QColor(0x2e, 0x7d, 0x32)
                                                           : QColor(0xc6, 0x28, 0x28));
        return tr("%1 on %2%3")
            .arg(data(index, Qt::DisplayRole).toString(),
                 QString::fromStdString(it->second.createdAt),
                 it->second.comment.empty()
                     ? QString()
                     : QStringLiteral("\n") + QString::fromStdString(it->second.comment));
    }
    if (index.column() == Sync && unaligned_ &&
        (role == Qt::ForegroundRole || role == Qt::ToolTipRole)) {
        auto it = unaligned_->find(e->id);
        if (role == Qt::ForegroundRole)
            return QBrush(it == unaligned_->end() ? QColor(0x2e, 0x7d, 0x32)
                                                  : QColor(0xc6, 0x28, 0x28));
        if (it == unaligned_->end())
            return tr("Every stream's clock is on the timeline within the project's sync "
                      "tolerance.");
        QStringList lines;
        for (const auto& u : it->second)
            lines << tr("%1: %2").arg(QString::fromStdString(u.stream), alignmentText(u.verdict));
        return lines.join(QLatin1Char('\n')) +
               tr("\nRun touchstone-cli sync, or set a clock by hand in the episode's Sync panel.");
    }
    if (role == Qt::ForegroundRole && index.column() == Status) {
        QColor c = statusColor(e->status);
        return c.isValid() ? QVariant(QBrush(c)) : QVariant();
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Duration || index.column() == Streams))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Imported)
        return tr("Imported %1 by %2")
            .arg(QString::fromStdString(e->importedAt), QString::fromStdString(e->importedBy));
    if (role == Qt::ToolTipRole && index.column() == Task)
        return QString::fromStdString(e->task);
    return {};
}

QVariant EpisodeTableModel::headerData(int section, Qt::Orientation o, int role) const {
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Episode");
    case Status:
        return tr("Status");
    case Qc:
        return tr("QC");
    case Sync:
        return tr("Sync");
    case Task:
        return tr("Task");
    case Participant:
        return tr("Participant");
    case Duration:
        return tr("Duration");
    case Streams:
        return tr("Streams");
    case Imported:
        return tr("Imported");
    }
    return {};
}

} // namespace ts::widgets
