// The annotation tracks: hit-testing of items and edges, drawing a label by dragging (snapped
// to frames; to contact onsets with Shift; free with Alt), moving an edge as one edit on release.
#include "workspace/annotationview.h"
#include "workspace/timecursor.h"
#include "workspace/timelineview.h"

#include <QSignalSpy>
#include <QtTest>
#include <QVBoxLayout>

using namespace ts::widgets;

namespace {
constexpr qint64 kMs = 1'000'000;

struct Fixture {
    TimeCursor cursor;
    QWidget host;
    TimelineView* axis;
    AnnotationView* view;
    Fixture() {
        cursor.setRange(0, 10'000 * kMs);
        std::vector<qint64> frames;
        for (int i = 0; i <= 300; ++i)
            frames.push_back(qint64(i) * 100 * kMs / 3); // 30 fps
        cursor.setFrameTimes(std::vector<ts::core::TimeNs>(frames.begin(), frames.end()));
        auto* l = new QVBoxLayout(&host);
        axis = new TimelineView(&cursor);
        view = new AnnotationView(&cursor, axis);
        l->addWidget(axis);
        l->addWidget(view);
        host.resize(1118 + 6 + 20, 400); // 1000 px of plot: 10 ms per pixel
        view->setTracks({"task", "subtask", "events"}, {"Task", "Subtask", "Events"});
        view->setSnapTimes(frames, {2'345 * kMs});
        host.show();
        axis->setViewRange(0, 10'000 * kMs);
        view->setItems({
            {AnnotationItem::Kind::Label, 7, "task", 1'000 * kMs, 3'000 * kMs, "pick up cup", "",
             false, false},
            {AnnotationItem::Kind::Event, 9, "events", 5'000 * kMs, 5'000 * kMs, "slip", "right",
             false, false},
        });
    }
    QPoint at(const QString& track, qint64 t) const {
        const QRect r =
            view->trackRect(int(QStringList{"task", "subtask", "events"}.indexOf(track)));
        const double x = r.left() + double(t - axis->viewStart()) /
                                        double(axis->viewEnd() - axis->viewStart()) * r.width();
        return QPoint(int(std::lround(x)), r.center().y());
    }
};
} // namespace

class TstAnnotationView : public QObject {
    Q_OBJECT
private slots:
    void hitTestsItemsEdgesAndTracks() {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.host));
        QCOMPARE(f.view->width(), f.axis->width());
        auto h = f.view->hitTest(f.at("task", 2'000 * kMs));
        QCOMPARE(h.area, AnnotationView::Hit::Body);
        QCOMPARE(f.view->items()[size_t(h.item)].id, 7);
        QCOMPARE(f.view->hitTest(f.at("task", 1'000 * kMs)).area, AnnotationView::Hit::StartEdge);
        QCOMPARE(f.view->hitTest(f.at("task", 3'000 * kMs)).area, AnnotationView::Hit::EndEdge);
        QCOMPARE(f.view->hitTest(f.at("task", 6'000 * kMs)).area, AnnotationView::Hit::Empty);
        QCOMPARE(f.view->hitTest(f.at("subtask", 2'000 * kMs)).area, AnnotationView::Hit::Empty);
        h = f.view->hitTest(f.at("events", 5'000 * kMs));
        QCOMPARE(h.area, AnnotationView::Hit::Body); // an instant has no edges
        QCOMPARE(f.view->items()[size_t(h.item)].id, 9);
        QCOMPARE(f.view->hitTest(QPoint(20, f.at("task", 0).y())).area,
                 AnnotationView::Hit::Header);
    }

    void dragOnEmptyTierDrawsALabelSnappedToFrames() {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.host));
        QSignalSpy drawn(f.view, &AnnotationView::spanDrawn);
        const QPoint a = f.at("subtask", 4'010 * kMs), b = f.at("subtask", 6'020 * kMs);
        QTest::mousePress(f.view, Qt::LeftButton, {}, a);
        QTest::mouseMove(f.view, (a + b) / 2);
        QTest::mouseMove(f.view, b);
        QTest::mouseRelease(f.view, Qt::LeftButton, {}, b);
        QCOMPARE(drawn.count(), 1);
        QCOMPARE(drawn[0][0].toString(), QString("subtask"));
        const qint64 s = drawn[0][1].toLongLong(), e = drawn[0][2].toLongLong();
        // Frame times: 4000 ms is frame 120, 6033.3 ms frame 181 (nearest to 6020).
        QCOMPARE(s, 4'000 * kMs);
        QCOMPARE(e, qint64(181) * 100 * kMs / 3);
    }

    void edgeDragIsOneEditWithShiftSnappingToContact() {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.host));
        QSignalSpy moved(f.view, &AnnotationView::itemMoved);
        const QPoint a = f.at("task", 3'000 * kMs), b = f.at("task", 2'340 * kMs);
        QTest::mousePress(f.view, Qt::LeftButton, {}, a);
        for (int i = 1; i <= 5; ++i)
            QTest::mouseMove(f.view, a + (b - a) * i / 5);
        QCOMPARE(moved.count(), 0); // nothing until release
        QTest::mouseRelease(f.view, Qt::LeftButton, Qt::ShiftModifier, b);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(moved[0][1].toLongLong(), 7);
        QCOMPARE(moved[0][2].toLongLong(), 1'000 * kMs);
        // The move events carried no modifier: the end snapped to the nearest frame.
        QCOMPARE(moved[0][3].toLongLong(), qint64(70) * 100 * kMs / 3);
        // With Shift held, the contact onset at 2345 ms (within 8 px of 2340 ms) wins over frames.
        QCOMPARE(f.view->snap(2'340 * kMs, Qt::ShiftModifier), 2'345 * kMs);
        QCOMPARE(f.view->snap(2'350 * kMs, Qt::AltModifier), 2'350 * kMs);
        QCOMPARE(f.view->snap(2'340 * kMs, {}), qint64(70) * 100 * kMs / 3);
    }

    void clickSelectsAndMovesThePlayhead() {
        Fixture f;
        QVERIFY(QTest::qWaitForWindowExposed(&f.host));
        QSignalSpy selected(f.view, &AnnotationView::selectionChanged);
        QTest::mouseClick(f.view, Qt::LeftButton, {}, f.at("task", 2'000 * kMs));
        QCOMPARE(selected.count(), 1);
        QCOMPARE(f.view->selectedId(), 7);
        QVERIFY(std::abs(f.cursor.time() - 2'000 * kMs) <= 10 * kMs);
        QSignalSpy activated(f.view, &AnnotationView::itemActivated);
        QTest::mouseDClick(f.view, Qt::LeftButton, {}, f.at("events", 5'000 * kMs));
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated[0][1].toLongLong(), 9);
    }
};

QTEST_MAIN(TstAnnotationView)
#include "tst_annotationview.moc"
