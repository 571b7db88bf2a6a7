// The QC panel for reviewers (and for annotators before they submit): the episode's status and
// any rejection to fix, how well its streams are aligned (least sync confidence, largest
// residual), label coverage per tier, and the consistency problems core finds (a recovery
// without a slip, overlapping labels, labels outside the recording…), each a click away from the
// time it concerns. Submit, Approve, Reject (reason codes and a comment) and Reopen act as the
// workspace's user; core refuses what their role or the status does not allow, and the panel
// shows why. GUI thread.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace ts::widgets {

class AnnotationSession;
class TimeCursor;

class QcPanel : public QWidget {
    Q_OBJECT
public:
    explicit QcPanel(TimeCursor* cursor, QWidget* parent = nullptr);
    void setSession(AnnotationSession* session);

    QTreeWidget* problems() const { return problems_; }
    QLabel* summary() const { return summary_; }

public slots:
    void submit();
    void approve();
    void reject(); // asks for reason codes and a comment

private:
    void refresh();

    TimeCursor* cursor_;
    AnnotationSession* session_ = nullptr;
    QLabel *status_, *rejection_, *summary_;
    QTreeWidget* problems_;
    QPushButton *submit_, *approve_, *reject_, *reopen_;
};

} // namespace ts::widgets
