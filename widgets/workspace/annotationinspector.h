// The Inspector panel: the selected label, event or slip suggestion, edited in place. A label's
// tier and text (completed from the project's vocabulary of that tier); an event's kind, hand,
// note and, for a recovery, the slip it recovers from; start and end set from the time cursor.
// Apply commits one edit (undoable); Delete removes; a suggestion is accepted or dismissed.
// GUI thread.
#pragma once

#include "workspace/annotationview.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace ts::widgets {

class AnnotationSession;
class TimeCursor;

class AnnotationInspector : public QWidget {
    Q_OBJECT
public:
    AnnotationInspector(TimeCursor* cursor, QWidget* parent = nullptr);

    void setSession(AnnotationSession* session); // null: nothing to inspect
    // kind/id as the AnnotationView reports them; suggestions use Kind::Event with id < 0
    // (-1 - index into the session's suggestions).
    void inspect(AnnotationItem::Kind kind, qint64 id);

    QLineEdit* labelText() const { return labelText_; }
    QComboBox* labelTier() const { return labelTier_; }
    QComboBox* eventKind() const { return eventKind_; }

public slots:
    void apply();
    void remove();
    void setStartToCursor();
    void setEndToCursor();

private:
    void refresh();

    TimeCursor* cursor_;
    AnnotationSession* session_ = nullptr;
    AnnotationItem::Kind kind_ = AnnotationItem::Kind::Label;
    qint64 id_ = 0;
    qint64 start_ = 0, end_ = 0;
    QStackedWidget* pages_;
    QLabel *title_, *times_, *suggestion_;
    QComboBox *labelTier_, *eventKind_, *eventHand_, *recovers_;
    QLineEdit *labelText_, *eventNote_;
    QPushButton *apply_, *delete_, *startButton_, *endButton_;
};

} // namespace ts::widgets
