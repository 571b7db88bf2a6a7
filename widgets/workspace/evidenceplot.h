// The alignment evidence of one clock estimate: the two signals the estimator compared (e.g.
// gyro rate magnitude and the rotation rate derived from the pose) over a few seconds around
// the cursor, before and after applying the estimated offset and drift, so a reviewer sees
// the curves fall on top of each other (or not). GUI thread.
#pragma once

#include "model/clockmodel.h"
#include "sync/signals.h"

#include <QWidget>

namespace ts::widgets {

class EvidencePlot : public QWidget {
    Q_OBJECT
public:
    explicit EvidencePlot(QWidget* parent = nullptr);

    // ref and other on their own raw clocks; `otherToRef` maps other's raw times onto ref's:
    // the estimate's, or (byHand) the one the stored models make when other's was set by hand.
    void setEvidence(core::sync::VectorSignal ref, core::sync::VectorSignal other,
                     const core::ClockModel& otherToRef, const QString& refName,
                     const QString& otherName, bool byHand = false);
    void setMessage(const QString& text);
    // The reference clock's time to centre on.
    void setCentre(qint64 refRawNs);
    qint64 centre() const { return centre_; }
    bool hasEvidence() const { return !ref_.empty(); }
    const QString& referenceName() const { return refName_; }
    const QString& otherName() const { return otherName_; }
    const core::ClockModel& model() const { return model_; }
    bool byHand() const { return byHand_; }

    QSize sizeHint() const override { return {400, 160}; }

protected:
    void paintEvent(QPaintEvent*) override;

private:
    void drawPanel(QPainter& p, const QRect& r, bool aligned);

    core::sync::VectorSignal ref_, other_;
    core::ClockModel model_;
    QString refName_, otherName_, message_;
    bool byHand_ = false;
    qint64 centre_ = 0;
    qint64 drawnCentre_ = 0; // the centre of the last repaint asked for
};

} // namespace ts::widgets
