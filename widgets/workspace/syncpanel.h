// The Sync panel: for every stream, its clock, the model that maps it onto the timeline
// (how it was obtained, offset, drift, confidence, residual), its health verdict with the
// findings, and what the sync engine estimates now; below, the evidence of the selected
// stream's estimate plotted around the cursor. "Shift clock…" moves the selected stream on the
// timeline by hand (clockEdited: the workspace stores it, undoably). GUI thread.
#pragma once

#include "model/clockmodel.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QPushButton;
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
    QString selectedStream() const; // empty without a selection
    QPushButton* shiftButton() const { return shift_; }
    // How the shift is asked for (a number dialog by default; tests answer it themselves):
    // milliseconds to move the stream by (later on the timeline when positive), nullopt to
    // cancel.
    void setShiftPrompt(std::function<std::optional<double>(const QString& stream)> f) {
        shiftPrompt_ = std::move(f);
    }

signals:
    // The stream's stored model moved by the shift, as a manual model.
    void clockEdited(const QString& stream, const ts::core::ClockModel& model);

private:
    void showEvidence();
    void followCursor();
    void shiftSelected();

    TimeCursor* cursor_;
    std::shared_ptr<const EpisodeData> data_;
    QTreeWidget* table_;
    EvidencePlot* evidence_;
    QPushButton* shift_;
    std::function<std::optional<double>(const QString& stream)> shiftPrompt_;
    std::string refStream_; // the stream whose clock the evidence is plotted on
};

} // namespace ts::widgets
