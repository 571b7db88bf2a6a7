// The project's episodes as a Qt table (id, status, QC verdict, sync, task, participant,
// duration, streams, imported), holding plain copies from the store; the window reloads it when
// the store changes.
#pragma once

#include "annotation/qcchecks.h"
#include "annotation/workflow.h"
#include "store/storerecords.h"

#include <QAbstractTableModel>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ts::widgets {

class EpisodeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Status,
        Qc,
        Sync,
        Task,
        Participant,
        Duration,
        Streams,
        Imported,
        ColumnCount
    };
    // The raw value for sorting (durations sort by number, not by text).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit EpisodeTableModel(QObject* parent = nullptr);

    // The episodes, the newest review of those reviewed (the QC column), and the clocks not
    // aligned (the Sync column: every episode absent from it is aligned), by episode id. Without
    // `unaligned` the Sync column stays empty (not known).
    void setEpisodes(std::vector<core::EpisodeSummary> episodes,
                     std::map<std::string, core::annotation::ReviewRecord> reviews = {},
                     std::optional<std::map<std::string, std::vector<core::annotation::UnalignedClock>>>
                         unaligned = std::nullopt);
    const core::EpisodeSummary* episodeAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::EpisodeSummary> episodes_;
    std::map<std::string, core::annotation::ReviewRecord> reviews_;
    std::optional<std::map<std::string, std::vector<core::annotation::UnalignedClock>>> unaligned_;
};

} // namespace ts::widgets
