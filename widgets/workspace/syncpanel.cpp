#include "workspace/syncpanel.h"

#include "wording.h"
#include "workspace/clockadjustdialog.h"
#include "workspace/episodedata.h"
#include "workspace/evidenceplot.h"
#include "workspace/timecursor.h"

#include "sync/episodesync.h"
#include "sync/forcecontactestimator.h"
#include "sync/handsposeestimator.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <optional>

namespace ts::widgets {

namespace {
QColor verdictColour(core::sync::Verdict v) {
    switch (v) {
    case core::sync::Verdict::Ok:
        return QColor(0x43, 0xa0, 0x47);
    case core::sync::Verdict::Warn:
        return QColor(0xf5, 0x7c, 0x00);
    case core::sync::Verdict::Fail:
        return QColor(0xe5, 0x39, 0x35);
    }
    return Qt::gray;
}

// How closely a (1-axis, its own clock) follows b (1-axis, the clock m maps a's onto): the
// correlation of a's samples with b at their mapped times; −1 when either does not vary.
double agreement(const core::sync::VectorSignal& a, const core::sync::VectorSignal& b,
                 const core::ClockModel& m) {
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    size_t hint = 0;
    const double n = static_cast<double>(a.t.size());
    for (size_t i = 0; i < a.t.size(); ++i) {
        const double x = a.v[i][0];
        const double y =
            core::sync::interpolate(b, static_cast<double>(m.toTimeline(a.t[i])), &hint)[0];
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
    }
    const double va = saa - sa * sa / n, vb = sbb - sb * sb / n;
    return va > 0 && vb > 0 ? (sab - sa * sb / n) / std::sqrt(va * vb) : -1;
}

// Hands against pose: the palm of the hand that rests more. As the device sees it, a resting
// hand turns as fast as the head (the other way); of the two, the one whose palm rate follows
// the head's rate (1-axis, pose clock) more closely under `handsToPose`. nullopt without hands.
std::optional<core::sync::VectorSignal> restingPalmRate(const std::vector<core::HandSample>& hands,
                                                        const core::sync::VectorSignal& headRate,
                                                        const core::ClockModel& handsToPose,
                                                        QString* label) {
    std::optional<core::sync::VectorSignal> out;
    if (headRate.t.empty())
        return out;
    double best = -2;
    for (const core::Hand hand : {core::Hand::Right, core::Hand::Left}) {
        auto palm = core::sync::palmRotationRateSignal(hands, hand);
        if (palm.t.size() < 3)
            continue;
        if (const double r = agreement(core::sync::magnitude(palm), headRate, handsToPose);
            r > best) {
            best = r;
            out = std::move(palm);
            *label = hand == core::Hand::Right ? SyncPanel::tr("right palm rotation rate")
                                               : SyncPanel::tr("left palm rotation rate");
        }
    }
    return out;
}

// Force against the fingers of the hand that presses harder: it rises where they come to rest.
// Each scaled to its own 99th percentile, as they share one axis.
struct FingersAndForce {
    core::sync::VectorSignal speed, force; // hands clock, force clock
    core::Hand hand;
};
FingersAndForce fingersAndForce(const core::ForceSeries& fs,
                                const std::vector<core::HandSample>& hands) {
    auto total = [](const core::sync::VectorSignal& v) {
        double sum = 0;
        for (const auto& x : v.v)
            sum += x[0];
        return sum;
    };
    auto scaled = [](core::sync::VectorSignal v) {
        std::vector<double> m;
        for (const auto& x : v.v)
            m.push_back(x[0]);
        if (m.empty())
            return v;
        const auto at = m.begin() + static_cast<std::ptrdiff_t>(0.99 * (m.size() - 1));
        std::nth_element(m.begin(), at, m.end());
        if (*at > 0)
            for (auto& x : v.v)
                x[0] /= *at;
        return v;
    };
    auto right = core::sync::handForceSignal(fs, core::Hand::Right);
    auto left = core::sync::handForceSignal(fs, core::Hand::Left);
    const bool useRight = total(right) >= total(left);
    const core::Hand hand = useRight ? core::Hand::Right : core::Hand::Left;
    return {scaled(core::sync::fingertipSpeedSignal(hands, hand)),
            scaled(useRight ? std::move(right) : std::move(left)), hand};
}

} // namespace

SyncPanel::SyncPanel(TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), cursor_(cursor), table_(new QTreeWidget), evidence_(new EvidencePlot),
      adjust_(new QPushButton(tr("Adjust clock…"))) {
    table_->setObjectName(QStringLiteral("syncTable"));
    table_->setRootIsDecorated(false);
    table_->setAlternatingRowColors(true);
    table_->setHeaderLabels({tr("Stream"), tr("Health"), tr("Model"), tr("Offset (ms)"),
                             tr("Drift (ppm)"), tr("Confidence"), tr("Residual (ms)"), tr("Clock"),
                             tr("Engine now"), tr("Findings")});
    table_->header()->setStretchLastSection(true);
    table_->setMinimumHeight(60);
    connect(table_, &QTreeWidget::currentItemChanged, this, &SyncPanel::showEvidence);
    connect(cursor_, &TimeCursor::timeChanged, this, &SyncPanel::followCursor);
    adjust_->setObjectName(QStringLiteral("adjustClock"));
    adjust_->setToolTip(tr("Move the selected stream on the timeline or set its drift by hand "
                           "(Ctrl+Z takes it back)"));
    adjust_->setEnabled(false);
    connect(adjust_, &QPushButton::clicked, this, &SyncPanel::adjustSelected);
    adjustPrompt_ = [this](const QString& stream,
                           const core::ClockModel& current) -> std::optional<core::ClockModel> {
        ClockAdjustDialog dialog(stream, current, this);
        if (dialog.exec() != QDialog::Accepted || !dialog.changed())
            return std::nullopt;
        return dialog.model();
    };
    auto* left = new QWidget;
    auto* ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(table_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(adjust_);
    buttons->addStretch(1);
    ll->addLayout(buttons);
    // Side by side: the dock is wide and short in the default layout.
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(evidence_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
}

void SyncPanel::setEpisode(std::shared_ptr<const EpisodeData> data) {
    data_ = std::move(data);
    table_->clear();
    if (!data_)
        return;
    QTreeWidgetItem* firstEstimate = nullptr;
    for (const auto& s : data_->sync.streams) {
        auto* item = new QTreeWidgetItem(table_);
        item->setData(0, Qt::UserRole, QString::fromStdString(s.stream));
        item->setText(0, QString::fromStdString(s.stream));
        item->setText(7, QString::fromStdString(s.clock));
        const core::StreamInfo* stored = data_->stream(s.stream);
        const core::ClockModel m = stored ? stored->clockModel : core::ClockModel{};
        item->setText(2, clockMethodText(m.method, m.confidence));
        item->setText(3, QString::number(double(m.offsetNs) * 1e-6, 'f', 3));
        item->setText(4, QString::number(m.drift * 1e6, 'f', 2));
        item->setText(5, QString::number(m.confidence, 'f', 2));
        item->setText(6, QString::number(m.residualNs * 1e-6, 'f', 3));
        item->setText(1, s.health.verdict == core::sync::Verdict::Ok     ? tr("ok")
                         : s.health.verdict == core::sync::Verdict::Warn ? tr("warn")
                                                                         : tr("fail"));
        item->setForeground(1, verdictColour(s.health.verdict));
        QColor tint = verdictColour(s.health.verdict);
        tint.setAlpha(60);
        item->setBackground(1, tint);
        QString engine;
        if (s.estimate && s.estimate->estimated)
            // A pairwise estimate: against another stream's clock, which may itself not
            // reach the timeline yet.
            engine = tr("vs %1: %2 ms, conf %3%4")
                         .arg(QString::fromStdString(s.relativeTo))
                         .arg(s.estimate->offsetNs * 1e-6, 0, 'f', 3)
                         .arg(s.estimate->confidence, 0, 'f', 2)
                         .arg(s.aligned ? QString() : tr(" (no path to the timeline)"));
        else
            engine = s.aligned ? syncMethodText(s.method) : tr("no estimate");
        item->setText(8, engine);
        QStringList findings;
        for (const auto& f : s.health.findings)
            findings << QString::fromStdString(f);
        if (!s.note.empty())
            findings << QString::fromStdString(s.note);
        item->setText(9, findings.join(QStringLiteral("; ")));
        item->setToolTip(9, findings.join(QLatin1Char('\n')));
        for (int c = 3; c <= 6; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
        if (!firstEstimate && s.estimate && s.estimate->estimated && s.kind == "imu")
            firstEstimate = item;
    }
    for (int c = 0; c < table_->columnCount() - 1; ++c)
        table_->resizeColumnToContents(c);
    table_->setCurrentItem(firstEstimate ? firstEstimate : table_->topLevelItem(0));
    showEvidence();
}

bool SyncPanel::selectStream(const QString& name) {
    for (int i = 0; i < table_->topLevelItemCount(); ++i)
        if (auto* item = table_->topLevelItem(i); item->data(0, Qt::UserRole).toString() == name) {
            table_->setCurrentItem(item);
            return true;
        }
    return false;
}

QString SyncPanel::selectedStream() const {
    const auto* item = table_->currentItem();
    return item ? item->data(0, Qt::UserRole).toString() : QString();
}

void SyncPanel::adjustSelected() {
    const QString name = selectedStream();
    const core::StreamInfo* stored = data_ ? data_->stream(name.toStdString()) : nullptr;
    if (!stored)
        return;
    const core::ClockModel current = stored->clockModel;
    const std::optional<core::ClockModel> m = adjustPrompt_(name, current);
    if (!m || m->sameMapping(current))
        return;
    emit clockEdited(name, m->setByHand());
}

void SyncPanel::showEvidence() {
    refStream_.clear();
    auto* item = table_->currentItem();
    adjust_->setEnabled(false);
    if (!data_ || !item || !data_->bundle) {
        evidence_->setMessage(tr("Select a stream to see the evidence of its alignment."));
        return;
    }
    const std::string name = item->data(0, Qt::UserRole).toString().toStdString();
    const core::sync::StreamSync* s = nullptr;
    for (const auto& x : data_->sync.streams)
        if (x.stream == name)
            s = &x;
    if (!s)
        return;
    // Streams on the timeline's own clock are the reference: nothing to adjust.
    adjust_->setEnabled(s->method != "timeline" && data_->stream(name));
    const auto& b = *data_->bundle;
    // The two signals the estimate compared: the reference (pose rotation rate, or the
    // camera's rotation measured in the video) and this stream's own (gyro or pose rate).
    auto poseRate = [&](const std::string& pose) {
        core::TimeNs period = 10 * core::kNsPerMs;
        for (const auto& c : data_->coverage)
            if (c.name == pose && c.periodNs > 0)
                period = c.periodNs;
        return core::sync::angularRateFromPose(b.pose.at(pose), 3 * period);
    };
    std::optional<core::sync::VectorSignal> ref, other;
    QString refLabel, otherLabel;
    const auto& ev = data_->sync.evidence;
    if (s->estimate && s->estimate->estimated) {
        if (b.pose.count(s->relativeTo)) {
            ref = poseRate(s->relativeTo);
            refLabel = tr("%1 rotation rate").arg(QString::fromStdString(s->relativeTo));
        } else if (s->relativeTo == ev.videoStream && ev.visual && ev.visual->pairs > 0) {
            ref = core::sync::rotateSignal(ev.visual->rate, ev.deviceFromCamera);
            refLabel = tr("camera rotation seen in %1").arg(QString::fromStdString(ev.videoStream));
        }
        if (s->kind == "imu" && b.imu.count(name)) {
            const auto q = b.calibration.extrinsics.count("device_from_imu")
                               ? b.calibration.extrinsics.at("device_from_imu").q
                               : std::array<double, 4>{0, 0, 0, 1};
            other = core::sync::gyroSignal(b.imu.at(name), q);
            otherLabel = tr("%1 gyro").arg(QString::fromStdString(name));
        } else if (s->kind == "pose" && b.pose.count(name)) {
            other = poseRate(name);
            otherLabel = tr("%1 rotation rate").arg(QString::fromStdString(name));
        } else if (s->kind == "hands" && b.hands.count(name) && ref) {
            if (auto palm = restingPalmRate(b.hands.at(name), core::sync::magnitude(*ref),
                                            core::sync::clockModelOf(*s->estimate), &otherLabel))
                other = std::move(*palm);
        } else if (s->kind == "force" && b.force.count(name) && b.hands.count(s->relativeTo)) {
            auto [speed, force, hand] =
                fingersAndForce(b.force.at(name), b.hands.at(s->relativeTo));
            ref = std::move(speed);
            other = std::move(force);
            refLabel = hand == core::Hand::Right ? tr("fingertip speed (right hand)")
                                                 : tr("fingertip speed (left hand)");
            otherLabel =
                hand == core::Hand::Right ? tr("force (right hand)") : tr("force (left hand)");
        }
    }
    if (ref && other) {
        // A stream set by hand: its curve where the stored models put it, not the estimate.
        const core::StreamInfo* own = data_->stream(name);
        const core::StreamInfo* refInfo = data_->stream(s->relativeTo);
        const bool byHand = own && refInfo && own->clockModel.method == "manual";
        evidence_->setEvidence(
            core::sync::magnitude(*ref), core::sync::magnitude(*other),
            byHand ? core::sync::composeClocks(own->clockModel,
                                               core::sync::invertClock(refInfo->clockModel))
                   : core::sync::clockModelOf(*s->estimate),
            refLabel, otherLabel, byHand);
        refStream_ = s->relativeTo;
        followCursor();
        return;
    }
    QString text;
    if (s->method == "timeline")
        text = tr("%1 is on the timeline clock itself: nothing to align.")
                   .arg(QString::fromStdString(name));
    else if (s->estimate && s->estimate->estimated)
        text = tr("%1 was estimated against %2 (%3, confidence %4). %5")
                   .arg(QString::fromStdString(name), QString::fromStdString(s->relativeTo),
                        syncMethodText(s->method))
                   .arg(s->estimate->confidence, 0, 'f', 2)
                   .arg(QString::fromStdString(s->estimate->note));
    else
        text = tr("%1: %2").arg(QString::fromStdString(name),
                                s->note.empty() ? tr("no evidence to plot.")
                                                : QString::fromStdString(s->note));
    evidence_->setMessage(text);
}

void SyncPanel::followCursor() {
    if (!data_ || refStream_.empty())
        return;
    const core::StreamInfo* ref = data_->stream(refStream_);
    const core::ClockModel m = ref ? ref->clockModel : core::ClockModel{};
    evidence_->setCentre(m.toRaw(cursor_->time()));
}

} // namespace ts::widgets
