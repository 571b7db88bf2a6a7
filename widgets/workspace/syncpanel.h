// The Sync panel: for every stream, its clock, the model that maps it onto the timeline
// (how it was obtained, offset, drift, confidence, residual), its health verdict with the
// findings, and what the sync engine estimates now; below, the evidence of the selected
// stream's estimate plotted around the cursor. "Adjust clock…" moves the selected stream on the
// timeline and sets its drift by hand (clockEdited: the workspace stores it, undoably). GUI
// thread.
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
    QPushButton* adjustButton() const { return adjust_; }
    // How the new model is asked for, given the stored one (ClockAdjustDialog by default;
    // tests answer it themselves): the model to store, nullopt to cancel.
    using AdjustPrompt = std::function<std::optional<core::ClockModel>(
        const QString& stream, const core::ClockModel& current)>;
    void setAdjustPrompt(AdjustPrompt f) { adjustPrompt_ = std::move(f); }

signals:
    // The model asked for, set by hand (a manual model without an author: the store names the
    // user).
    void clockEdited(const QString& stream, const ts::core::ClockModel& model);

private:
    void showEvidence();
    void followCursor();
    void adjustSelected();

    TimeCursor* cursor_;
    std::shared_ptr<const EpisodeData> data_;
    QTreeWidget* table_;
    EvidencePlot* evidence_;
    QPushButton* adjust_;
    AdjustPrompt adjustPrompt_;
    std::string refStream_; // the stream whose clock the evidence is plotted on
};

} // namespace ts::widgets
