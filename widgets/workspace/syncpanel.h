// The Sync panel: for every stream, its clock, the model that maps it onto the timeline
// (how it was obtained, offset, drift, confidence, residual), its health verdict with the
// findings, and what the sync engine estimates now; below, the evidence of the selected
// stream's estimate plotted around the cursor. GUI thread.
#pragma once

#include <QWidget>

#include <memory>

class QTreeWidget;

namespace ts::widgets {

struct EpisodeData;
class EvidencePlot;
class TimeCursor;

class SyncPanel : public QWidget {
    Q_OBJECT
public:
    explicit SyncPanel(TimeCursor* cursor, QWidget* parent = nullptr);
    void setEpisode(std::shared_ptr<const EpisodeData> data);
    QTreeWidget* table() const { return table_; }
    // Selects a stream's row (its evidence below); false when the episode has no such stream.
    bool selectStream(const QString& name);
    EvidencePlot* evidence() const { return evidence_; }

private:
    void showEvidence();
    void followCursor();

    TimeCursor* cursor_;
    std::shared_ptr<const EpisodeData> data_;
    QTreeWidget* table_;
    EvidencePlot* evidence_;
    std::string refStream_; // the stream whose clock the evidence is plotted on
};

} // namespace ts::widgets
