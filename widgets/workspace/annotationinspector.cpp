#include "workspace/annotationinspector.h"

#include "workspace/annotationsession.h"
#include "workspace/timecursor.h"
#include "workspace/timeformat.h"

#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QStringListModel>
#include <QVBoxLayout>

namespace ts::widgets {

namespace ann = core::annotation;

namespace {
enum Page { Empty, LabelPage, EventPage, SuggestionPage };

QString handText(const std::optional<std::string>& h) {
    return h ? QString::fromStdString(*h) : QString();
}
} // namespace

AnnotationInspector::AnnotationInspector(TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), cursor_(cursor) {
    auto* layout = new QVBoxLayout(this);
    title_ = new QLabel;
    title_->setObjectName(QStringLiteral("inspectorTitle"));
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    layout->addWidget(title_);
    times_ = new QLabel;
    layout->addWidget(times_);
    auto* timeRow = new QHBoxLayout;
    startButton_ = new QPushButton(tr("Start ← cursor"));
    startButton_->setToolTip(tr("Move the start to the time cursor"));
    endButton_ = new QPushButton(tr("End ← cursor"));
    endButton_->setToolTip(tr("Move the end to the time cursor"));
    timeRow->addWidget(startButton_);
    timeRow->addWidget(endButton_);
    layout->addLayout(timeRow);
    connect(startButton_, &QPushButton::clicked, this, &AnnotationInspector::setStartToCursor);
    connect(endButton_, &QPushButton::clicked, this, &AnnotationInspector::setEndToCursor);

    pages_ = new QStackedWidget;
    auto* empty = new QLabel(tr("Select a label or an event on the timeline, or draw a label by "
                                "dragging on a tier."));
    empty->setWordWrap(true);
    pages_->addWidget(empty);

    auto* labelPage = new QWidget;
    auto* lf = new QFormLayout(labelPage);
    labelTier_ = new QComboBox;
    labelText_ = new QLineEdit;
    labelText_->setObjectName(QStringLiteral("labelText"));
    labelText_->setPlaceholderText(tr("What happened, e.g. pick up the cup"));
    labelText_->setCompleter(new QCompleter(new QStringListModel(this), this));
    labelText_->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    labelText_->completer()->setFilterMode(Qt::MatchContains);
    connect(labelTier_, &QComboBox::currentTextChanged, this, [this](const QString& tier) {
        if (session_)
            static_cast<QStringListModel*>(labelText_->completer()->model())
                ->setStringList(session_->vocabulary(tier));
    });
    connect(labelText_, &QLineEdit::returnPressed, this, &AnnotationInspector::apply);
    lf->addRow(tr("Tier"), labelTier_);
    lf->addRow(tr("Text"), labelText_);
    pages_->addWidget(labelPage);

    auto* eventPage = new QWidget;
    auto* ef = new QFormLayout(eventPage);
    eventKind_ = new QComboBox;
    eventHand_ = new QComboBox;
    eventHand_->addItem(tr("not said"), QString());
    eventHand_->addItem(tr("left"), QStringLiteral("left"));
    eventHand_->addItem(tr("right"), QStringLiteral("right"));
    eventHand_->addItem(tr("both"), QStringLiteral("both"));
    eventNote_ = new QLineEdit;
    eventNote_->setPlaceholderText(tr("Note (optional)"));
    connect(eventNote_, &QLineEdit::returnPressed, this, &AnnotationInspector::apply);
    recovers_ = new QComboBox;
    ef->addRow(tr("Kind"), eventKind_);
    ef->addRow(tr("Hand"), eventHand_);
    ef->addRow(tr("Note"), eventNote_);
    ef->addRow(tr("Recovers from"), recovers_);
    pages_->addWidget(eventPage);

    suggestion_ = new QLabel;
    suggestion_->setWordWrap(true);
    pages_->addWidget(suggestion_);
    layout->addWidget(pages_);

    auto* buttons = new QHBoxLayout;
    apply_ = new QPushButton(tr("Apply"));
    apply_->setObjectName(QStringLiteral("inspectorApply"));
    delete_ = new QPushButton(tr("Delete"));
    delete_->setObjectName(QStringLiteral("inspectorDelete"));
    buttons->addWidget(apply_);
    buttons->addWidget(delete_);
    layout->addLayout(buttons);
    layout->addStretch(1);
    connect(apply_, &QPushButton::clicked, this, &AnnotationInspector::apply);
    connect(delete_, &QPushButton::clicked, this, &AnnotationInspector::remove);
    refresh();
}

void AnnotationInspector::setSession(AnnotationSession* session) {
    session_ = session;
    labelTier_->clear();
    eventKind_->clear();
    if (session_) {
        labelTier_->addItems(session_->tiers());
        eventKind_->addItems(session_->eventKinds());
        connect(session_, &AnnotationSession::changed, this, &AnnotationInspector::refresh);
    }
    id_ = 0;
    refresh();
}

void AnnotationInspector::inspect(AnnotationItem::Kind kind, qint64 id) {
    kind_ = kind;
    id_ = id;
    refresh();
}

void AnnotationInspector::refresh() {
    int page = Empty;
    title_->setText(tr("Nothing selected"));
    times_->clear();
    if (session_ && id_ != 0) {
        if (kind_ == AnnotationItem::Kind::Label) {
            if (auto l = session_->findLabel(id_)) {
                page = LabelPage;
                start_ = l->startNs;
                end_ = l->endNs;
                title_->setText(
                    tr("Label %1 · by %2").arg(id_).arg(QString::fromStdString(l->author)));
                labelTier_->setCurrentText(QString::fromStdString(l->tier));
                labelText_->setText(QString::fromStdString(l->text));
            }
        } else if (kind_ == AnnotationItem::Kind::Event && id_ > 0) {
            if (auto e = session_->findEvent(id_)) {
                page = EventPage;
                start_ = e->spec.startNs;
                end_ = e->spec.endNs.value_or(e->spec.startNs);
                title_->setText(
                    tr("Event %1 · by %2").arg(id_).arg(QString::fromStdString(e->author)));
                eventKind_->setCurrentText(QString::fromStdString(e->spec.kind));
                eventHand_->setCurrentIndex(
                    std::max(0, eventHand_->findData(handText(e->spec.hand))));
                eventNote_->setText(QString::fromStdString(e->spec.note));
                recovers_->clear();
                recovers_->addItem(tr("no slip"), qint64(0));
                for (const auto& s : session_->events())
                    if (s.spec.kind == "slip")
                        recovers_->addItem(tr("slip %1 at %2")
                                               .arg(s.id)
                                               .arg(formatTimelineTime(s.spec.startNs -
                                                                       session_->timing().startNs)),
                                           qint64(s.id));
                recovers_->setCurrentIndex(
                    std::max(0, recovers_->findData(qint64(e->spec.recovers.value_or(0)))));
                recovers_->setEnabled(e->spec.kind == "recovery");
            }
        } else if (kind_ == AnnotationItem::Kind::Event && id_ < 0) {
            const int i = int(-1 - id_);
            if (i < int(session_->suggestions().size())) {
                const auto& s = session_->suggestions()[size_t(i)];
                page = SuggestionPage;
                start_ = s.startNs;
                end_ = s.endNs;
                title_->setText(tr("Suggested slip (%1 hand)")
                                    .arg(s.hand == core::Hand::Left ? tr("left") : tr("right")));
                suggestion_->setText(
                    tr("Grip force fell by %1 % (from %2 N to %3 N) while the fingertips moved "
                       "%4 mm. Score %5. Accept makes it a slip event; Dismiss hides it for good.")
                        .arg(s.dropFraction * 100, 0, 'f', 0)
                        .arg(s.peakN, 0, 'f', 1)
                        .arg(s.minN, 0, 'f', 1)
                        .arg(s.tipMotionM < 0 ? tr("an unknown distance")
                                              : QString::number(s.tipMotionM * 1000, 'f', 0))
                        .arg(s.score, 0, 'f', 2));
            }
        }
    }
    if (page != Empty) {
        const qint64 origin = session_->timing().startNs;
        times_->setText(end_ > start_ ? tr("%1 – %2 (%3 s)")
                                            .arg(formatTimelineTime(start_ - origin),
                                                 formatTimelineTime(end_ - origin))
                                            .arg(double(end_ - start_) * 1e-9, 0, 'f', 3)
                                      : tr("at %1").arg(formatTimelineTime(start_ - origin)));
    }
    pages_->setCurrentIndex(page);
    const bool editable = page == LabelPage || page == EventPage;
    startButton_->setEnabled(editable);
    endButton_->setEnabled(editable);
    apply_->setEnabled(page != Empty);
    delete_->setEnabled(page != Empty);
    apply_->setText(page == SuggestionPage ? tr("Accept") : tr("Apply"));
    delete_->setText(page == SuggestionPage ? tr("Dismiss") : tr("Delete"));
}

void AnnotationInspector::apply() {
    if (!session_ || id_ == 0)
        return;
    if (kind_ == AnnotationItem::Kind::Label) {
        session_->updateLabel(id_, labelTier_->currentText(), start_, end_, labelText_->text());
    } else if (id_ > 0) {
        auto e = session_->findEvent(id_);
        if (!e)
            return;
        ann::EventSpec spec = e->spec;
        spec.kind = eventKind_->currentText().toStdString();
        spec.startNs = start_;
        spec.endNs = end_ > start_ ? std::optional<core::TimeNs>(end_) : std::nullopt;
        const QString hand = eventHand_->currentData().toString();
        spec.hand = hand.isEmpty() ? std::nullopt : std::optional<std::string>(hand.toStdString());
        spec.note = eventNote_->text().toStdString();
        const qint64 slip = recovers_->currentData().toLongLong();
        spec.recovers =
            spec.kind == "recovery" && slip > 0 ? std::optional<int64_t>(slip) : std::nullopt;
        session_->updateEvent(id_, spec);
    } else {
        session_->acceptSuggestion(int(-1 - id_));
        id_ = 0;
        refresh();
    }
}

void AnnotationInspector::remove() {
    if (!session_ || id_ == 0)
        return;
    bool ok = false;
    if (kind_ == AnnotationItem::Kind::Label)
        ok = session_->deleteLabel(id_);
    else if (id_ > 0)
        ok = session_->deleteEvent(id_);
    else
        ok = session_->dismissSuggestion(int(-1 - id_));
    if (ok) {
        id_ = 0;
        refresh();
    }
}

void AnnotationInspector::setStartToCursor() {
    start_ = cursor_->time();
    if (end_ < start_)
        end_ = start_;
    apply();
}

void AnnotationInspector::setEndToCursor() {
    end_ = std::max<qint64>(cursor_->time(), start_);
    apply();
}

} // namespace ts::widgets
