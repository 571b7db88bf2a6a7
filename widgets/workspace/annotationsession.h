// The annotation side of an open episode: its labels, events, slip suggestions, QC report and
// review state, read from the project store, and every edit a person makes in the workspace
// committed at once through core/annotation (role and status rules enforced there) and pushed
// on an undo stack (one QUndoCommand per core Edit; a drag is one edit). Refusals come back as
// failed(message) with core's words; nothing is changed then. GUI thread (the store is the
// session's own connection).
#pragma once

#include "annotation/edit.h"
#include "annotation/episodetiming.h"
#include "annotation/events.h"
#include "annotation/keypoints.h"
#include "annotation/labels.h"
#include "annotation/qcchecks.h"
#include "annotation/slipdetector.h"
#include "annotation/workflow.h"
#include "store/episodestatus.h"
#include "store/role.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QUndoStack;

namespace ts::core {
class ProjectStore;
struct Bundle;
}

namespace ts::widgets {

class AnnotationSession : public QObject {
    Q_OBJECT
public:
    // Opens its own connection to the project and reads the episode's timing and annotations.
    // The hands and force samples (slip suggestions, keypoints, contact onsets) are taken from
    // `samples` when given (the episode's bundle as the workspace read it on its worker: copied,
    // no file read on this thread), else read. Throws core::Error (naming the file) when the
    // project or the episode cannot be read.
    AnnotationSession(const QString& projectFile, const QString& episode, const QString& user,
                      const core::Bundle* samples = nullptr, QObject* parent = nullptr);
    ~AnnotationSession() override;

    QString user() const { return user_; }
    std::optional<core::Role> role() const { return role_; }
    QString episode() const { return episode_; }
    QUndoStack* undoStack() const { return undo_; }
    const core::annotation::EpisodeTiming& timing() const { return timing_; }

    const std::vector<core::annotation::LabelRecord>& labels() const { return labels_; }
    const std::vector<core::annotation::EventRecord>& events() const { return events_; }
    const std::vector<core::annotation::SlipCandidate>& suggestions() const { return suggestions_; }
    const core::annotation::QcReport& qc() const { return qc_; }
    core::EpisodeStatus status() const { return status_; }
    const std::optional<core::annotation::ReviewRecord>& openRejection() const {
        return rejection_;
    }
    QStringList tiers() const { return tiers_; }
    QStringList eventKinds() const { return kinds_; }
    QStringList vocabulary(const QString& tier) const;
    // Named like core's: a bare event() would hide QObject::event.
    std::optional<core::annotation::LabelRecord> findLabel(qint64 id) const;
    std::optional<core::annotation::EventRecord> findEvent(qint64 id) const;

    // Edits: true when committed (and on the undo stack); false after failed().
    bool addLabel(const QString& tier, qint64 start, qint64 end, const QString& text,
                  core::annotation::Snap snap = core::annotation::Snap::Frame);
    bool updateLabel(qint64 id, const QString& tier, qint64 start, qint64 end, const QString& text,
                     core::annotation::Snap snap = core::annotation::Snap::Frame);
    bool deleteLabel(qint64 id);
    bool addEvent(const core::annotation::EventSpec& spec,
                  core::annotation::Snap snap = core::annotation::Snap::Frame);
    bool updateEvent(qint64 id, const core::annotation::EventSpec& spec,
                     core::annotation::Snap snap = core::annotation::Snap::Frame);
    bool deleteEvent(qint64 id);
    // Keypoint corrections, beside the raw hands stream (keyed by the sample's raw time).
    const std::vector<core::annotation::KeypointCorrection>& corrections() const {
        return corrections_;
    }
    bool correctKeypoint(core::Hand hand, int joint, qint64 rawNs, const core::Vec3& position);
    bool restoreKeypoint(core::Hand hand, int joint, qint64 rawNs); // removes its correction
    // Fills every joint's samples between consecutive corrections of that joint inside
    // [from, to] (timeline), one undo step; returns the number of gaps filled, -1 on refusal.
    int interpolateCorrections(qint64 from, qint64 to);
    bool acceptSuggestion(int index);
    bool dismissSuggestion(int index);

    // A stream's clock model set by hand (method "manual"), one undo step: undo takes it back
    // through the store (ProjectStore::undoClockModel), refused when the model has changed
    // since. clocksChanged() follows every change (the workspace reads the episode again).
    bool setClockModel(const QString& stream, const core::ClockModel& model);

    // Workflow steps (not undoable: a verdict is taken back by reopening).
    bool submit();
    bool review(bool approve, const QStringList& reasons, const QString& comment);
    bool reopen();

public slots:
    void reload(); // re-reads everything, then changed()

signals:
    void changed();
    void failed(const QString& message);
    void clocksChanged();

private:
    friend class CommittedCommand;
    friend class EditCommand;
    friend class ClockCommand;
    core::ClockModel storedClock(const std::string& stream) const;
    // timing_ and streams_ remapped, the slip candidates detected again, reload(), then
    // clocksChanged()
    void clocksMoved();
    void detectSlips(); // candidates_ from streams_ (empty when the detector cannot use them)
    bool push(const std::function<core::annotation::Edit()>& edit);
    bool guarded(const std::function<void()>& step);

    std::unique_ptr<core::ProjectStore> store_;
    QString episode_, user_;
    std::optional<core::Role> role_;
    QUndoStack* undo_;
    core::annotation::EpisodeTiming timing_;
    core::annotation::EpisodeStreams streams_; // once per open episode (slips, keypoints)
    bool haveStreams_ = false;
    std::vector<core::annotation::LabelRecord> labels_;
    std::vector<core::annotation::EventRecord> events_;
    std::vector<core::annotation::SlipCandidate> candidates_;  // detected; change with clocks
    std::vector<core::annotation::SlipCandidate> suggestions_; // candidates_ not yet decided
    std::vector<core::annotation::KeypointCorrection> corrections_;
    core::annotation::QcReport qc_;
    core::EpisodeStatus status_ = core::EpisodeStatus::New;
    std::optional<core::annotation::ReviewRecord> rejection_;
    QStringList tiers_, kinds_;
};

} // namespace ts::widgets
