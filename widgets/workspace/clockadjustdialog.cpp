#include "workspace/clockadjustdialog.h"

#include "wording.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace ts::widgets {

namespace {
// The same limits as `touchstone-cli clock` (a day; 10 %).
constexpr double kMaxShiftMs = 86'400'000;
constexpr double kMaxDriftPpm = 100'000;
} // namespace

ClockAdjustDialog::ClockAdjustDialog(const QString& stream, const core::ClockModel& current,
                                     QWidget* parent)
    : QDialog(parent), current_(current), shift_(new QDoubleSpinBox), drift_(new QDoubleSpinBox),
      preview_(new QLabel),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setWindowTitle(tr("Adjust the clock of %1").arg(stream));
    setObjectName(QStringLiteral("clockAdjustDialog"));
    shift_->setObjectName(QStringLiteral("shiftMs"));
    shift_->setRange(-kMaxShiftMs, kMaxShiftMs);
    shift_->setDecimals(3);
    shift_->setSuffix(tr(" ms"));
    shift_->setToolTip(tr("Negative moves the stream earlier; −33.4 is one frame at 30 fps"));
    drift_->setObjectName(QStringLiteral("driftPpm"));
    drift_->setRange(-kMaxDriftPpm, kMaxDriftPpm);
    drift_->setDecimals(3);
    drift_->setSuffix(tr(" ppm"));
    drift_->setToolTip(tr("How much faster the stream's clock runs than the timeline's, about "
                          "the model's reference time t0"));
    drift_->setValue(current.drift * 1e6);
    shownDriftPpm_ = drift_->value();

    auto* intro = new QLabel(
        tr("Now: offset %1 ms, drift %2 ppm (%3). The change is stored in your name as a "
           "manual model; Ctrl+Z takes it back.")
            .arg(double(current.offsetNs) * 1e-6, 0, 'f', 3)
            .arg(current.drift * 1e6, 0, 'f', 3)
            .arg(clockMethodText(current.method, current.confidence)));
    intro->setWordWrap(true);
    setMinimumWidth(440);
    preview_->setObjectName(QStringLiteral("clockPreview"));
    preview_->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Move on the timeline by"), shift_);
    form->addRow(tr("Drift"), drift_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(preview_);
    layout->addWidget(buttons_);
    connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(shift_, &QDoubleSpinBox::valueChanged, this, &ClockAdjustDialog::update);
    connect(drift_, &QDoubleSpinBox::valueChanged, this, &ClockAdjustDialog::update);
    shift_->selectAll();
    update();
}

core::ClockModel ClockAdjustDialog::model() const {
    core::ClockModel m = current_;
    m.offsetNs += static_cast<core::TimeNs>(std::llround(shift_->value() * 1e6));
    // The box rounds to its decimals: an untouched box keeps the stored drift to the last bit.
    if (drift_->value() != shownDriftPpm_)
        m.drift = drift_->value() * 1e-6;
    return m.setByHand();
}

bool ClockAdjustDialog::changed() const {
    return !model().sameMapping(current_);
}

void ClockAdjustDialog::update() {
    const core::ClockModel m = model();
    const bool changed = !m.sameMapping(current_);
    buttons_->button(QDialogButtonBox::Ok)->setEnabled(changed);
    preview_->setText(changed ? tr("To be stored: offset %1 ms, drift %2 ppm.")
                                      .arg(double(m.offsetNs) * 1e-6, 0, 'f', 3)
                                      .arg(m.drift * 1e6, 0, 'f', 3)
                                : tr("Nothing changed yet."));
}

} // namespace ts::widgets
