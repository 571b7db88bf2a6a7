// Asks how to set a stream's clock by hand: milliseconds to move it by on the timeline and its
// drift in ppm (kept as it is unless changed), previewing the model that would be stored.
// GUI thread.
#pragma once

#include "model/clockmodel.h"

#include <QDialog>

class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;

namespace ts::widgets {

class ClockAdjustDialog : public QDialog {
    Q_OBJECT
public:
    ClockAdjustDialog(const QString& stream, const core::ClockModel& current,
                      QWidget* parent = nullptr);

    QDoubleSpinBox* shiftBox() const { return shift_; }
    QDoubleSpinBox* driftBox() const { return drift_; }
    // The model that would be stored: the current one moved by the shift, with the drift
    // entered (exactly the current drift while its box is untouched), set by hand.
    core::ClockModel model() const;
    // Whether the model differs from the current one (OK is enabled only then).
    bool changed() const;

private:
    void update();

    core::ClockModel current_;
    double shownDriftPpm_; // what the drift box showed on opening
    QDoubleSpinBox* shift_;
    QDoubleSpinBox* drift_;
    QLabel* preview_;
    QDialogButtonBox* buttons_;
};

} // namespace ts::widgets
