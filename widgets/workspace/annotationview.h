// The annotation tracks under the Timeline: one track per label tier (task, subtask and the
// project's own), one for events (slip, regrasp, recovery, contact…, per hand; suggestions
// dashed) and one for QC flags, on the same time axis as the TimelineView above it.
// Drag on an empty stretch of a tier to draw a label; drag an item's edge or body to move it
// (one edit on release); edges snap to video frames, and to contact onsets while Shift is
// held; Alt turns snapping off. Click selects, double-click asks to edit. The view only
// reports gestures: the workspace turns them into store edits (undoable). GUI thread.
#pragma once

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

namespace ts::widgets {

class TimeCursor;
class TimelineView;

struct AnnotationItem {
    enum class Kind { Label, Event, Flag };
    Kind kind = Kind::Label;
    qint64 id = 0;
    QString track;    // the tier for labels; "events" / "qc" for the others
    qint64 start = 0; // timeline ns
    qint64 end = 0;   // == start for an instant
    QString text;     // label text, event kind (and note), flag message
    QString hand;     // "left", "right", "both" or empty
    bool suggestion = false;
    bool problem = false; // drawn with a red outline (e.g. a recovery without a slip)
};

class AnnotationView : public QWidget {
    Q_OBJECT
public:
    AnnotationView(TimeCursor* cursor, TimelineView* axis, QWidget* parent = nullptr);

    // Track ids in display order, with the names shown at the left.
    void setTracks(const QStringList& ids, const QStringList& names);
    void setItems(std::vector<AnnotationItem> items);
    const std::vector<AnnotationItem>& items() const { return items_; }
    void setSnapTimes(std::vector<qint64> frames, std::vector<qint64> contactOnsets);
    const std::vector<qint64>& snapOnsets() const { return onsets_; }
    // I (in) and O (out) marks, -1 for none.
    void setMarks(qint64 in, qint64 out);
    qint64 markIn() const { return markIn_; }
    qint64 markOut() const { return markOut_; }

    qint64 selectedId() const { return selected_; }
    AnnotationItem::Kind selectedKind() const { return selectedKind_; }
    void select(AnnotationItem::Kind kind, qint64 id);

    struct Hit {
        enum Area { Nothing, Header, Empty, Body, StartEdge, EndEdge };
        Area area = Nothing;
        int track = -1; // index into the tracks
        int item = -1;  // index into items()
        qint64 time = 0;
    };
    Hit hitTest(const QPoint& p) const;
    QRect trackRect(int track) const;
    QRectF itemRect(int item) const;
    int trackCount() const { return int(trackIds_.size()); }
    QString trackId(int track) const { return trackIds_.value(track); }

    // The time a gesture at x lands on: the nearest frame (or contact onset with Shift),
    // unless Alt is held.
    qint64 snap(qint64 t, Qt::KeyboardModifiers m) const;

signals:
    void spanDrawn(const QString& track, qint64 start, qint64 end);
    void itemMoved(AnnotationItem::Kind kind, qint64 id, qint64 start, qint64 end);
    void itemActivated(AnnotationItem::Kind kind, qint64 id); // double-click
    void selectionChanged(AnnotationItem::Kind kind, qint64 id);

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;

private:
    int trackOf(const AnnotationItem& it) const;
    QColor colourFor(const AnnotationItem& it) const;
    double xFor(qint64 t) const;
    qint64 timeFor(double x) const;

    TimeCursor* cursor_;
    TimelineView* axis_;
    QStringList trackIds_, trackNames_;
    std::vector<AnnotationItem> items_;
    std::vector<qint64> frames_, onsets_;
    qint64 markIn_ = -1, markOut_ = -1;
    qint64 selected_ = 0;
    AnnotationItem::Kind selectedKind_ = AnnotationItem::Kind::Label;

    // The gesture in progress.
    Hit press_;
    qint64 dragStart_ = 0, dragEnd_ = 0, grabOffset_ = 0;
    bool dragging_ = false;
};

} // namespace ts::widgets
