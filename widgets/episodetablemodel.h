// The project's episodes as a Qt table (id, status, task, participant, duration, streams,
// imported), holding plain copies from the store; the window reloads it when the store changes.
#pragma once

#include "store/storerecords.h"

#include <QAbstractTableModel>

#include <vector>

namespace ts::widgets {

class EpisodeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Status, Task, Participant, Duration, Streams, Imported, ColumnCount };
    // The raw value for sorting (durations sort by number, not by text).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit EpisodeTableModel(QObject* parent = nullptr);

    void setEpisodes(std::vector<core::EpisodeSummary> episodes);
    const core::EpisodeSummary* episodeAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

private:
    std::vector<core::EpisodeSummary> episodes_;
};

} // namespace ts::widgets
