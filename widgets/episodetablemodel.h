// The project's episodes as a Qt table (id, status, task, participant, duration, streams,
// imported), holding plain copies from the store; the window reloads it when the store changes.
#pragma once

#include "annotation/workflow.h"
#include "store/storerecords.h"

#include <QAbstractTableModel>

#include <map>
#include <string>
#include <vector>

namespace ts::widgets {

class EpisodeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Status, Qc, Task, Participant, Duration, Streams, Imported, ColumnCount };
    // The raw value for sorting (durations sort by number, not by text).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit EpisodeTableModel(QObject* parent = nullptr);

    // The episodes, and the newest review of those reviewed (the QC column), by episode id.
    void setEpisodes(std::vector<core::EpisodeSummary> episodes,
                     std::map<std::string, core::annotation::ReviewRecord> reviews = {});
    const core::EpisodeSummary* episodeAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::EpisodeSummary> episodes_;
    std::map<std::string, core::annotation::ReviewRecord> reviews_;
};

} // namespace ts::widgets
