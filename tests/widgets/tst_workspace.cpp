// The episode workspace on a real (synthetic, 4 s) demo episode, offscreen: one time cursor
// drives every panel; the timeline's hit-testing and zoom limits; the Signals LOD draws per
// pixel column exactly the min and max of the full data; every shortcut does what the help
// says; the dock layout persists; the hand overlay draws finger colours where the joints are;
// playing draws decoder previews and hands drawn ahead, a lighter 3D map, and no relayouts.
#include "cachesettings.h"
#include "recon/worldmapbuilder.h"
#include "support/demofixture.h"
#include "workspace/episodedata.h"
#include "workspace/episodeworkspace.h"
#include "workspace/evidenceplot.h"
#include "workspace/handoverlay.h"
#include "workspace/handstyle.h"
#include "workspace/helpoverlay.h"
#include "workspace/minmaxpyramid.h"
#include "workspace/playback.h"
#include "workspace/sceneview.h"
#include "workspace/shortcuts.h"
#include "workspace/signalspanel.h"
#include "workspace/signalsview.h"
#include "workspace/syncpanel.h"
#include "workspace/timecursor.h"
#include "workspace/timelineview.h"
#include "workspace/videocanvas.h"
#include "workspace/videopanel.h"

#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include <set>

#include <random>

using namespace ts::widgets;
using ts::core::TimeNs;

class TstWorkspace : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::string project_;
    std::shared_ptr<const EpisodeData> data_;

    static std::pair<float, float> brute(const std::vector<float>& v, size_t a, size_t b) {
        float lo = v[a], hi = v[a];
        for (size_t i = a; i < b; ++i) {
            lo = std::min(lo, v[i]);
            hi = std::max(hi, v[i]);
        }
        return {lo, hi};
    }

    // A one-episode demo project of that length and video width (4:3) in the test's folder.
    std::string demoProject(const QString& name, double seconds, int width) {
        return ts::test::oneEpisodeDemo(tmp_.filePath(name), seconds, width);
    }

private slots:
    void initTestCase() {
        qputenv("TS_NO_DIALOGS", "1");
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("TouchstoneTest");
        QCoreApplication::setApplicationName("tst_workspace");
        QSettings().clear();
        project_ = demoProject("demo", 4, 320);
        data_ = loadEpisodeData(project_, "demo-001");
        QVERIFY(data_);
    }

    void loadsEveryStream() {
        QCOMPARE(data_->coverage.size(), size_t(6)); // rgb, depth, imu, pose, hands, force
        QVERIFY(!data_->frameTimes.empty());
        QVERIFY(!data_->hands[0].empty() && !data_->hands[1].empty());
        QVERIFY(!data_->pose.empty());
        QCOMPARE(data_->forceChannels.size(), size_t(10));
        QVERIFY(data_->channels.size() >= 10 + 6 + 2);
        QVERIFY(!data_->sync.streams.empty());
        // The demo stores the true clocks: every stream is aligned.
        for (const auto& c : data_->coverage)
            QVERIFY2(c.aligned, c.name.c_str());
        // Hands on the hands clock land on the timeline where the video is.
        QVERIFY(data_->hands[1].front().t < data_->frameTimes.back());
    }

    void badEpisodeIsAClearError() {
        try {
            loadEpisodeData(project_, "no-such-episode");
            QFAIL("expected an error");
        } catch (const std::exception& e) {
            QVERIFY2(QString(e.what()).contains("no-such-episode"), e.what());
        }
    }

    void cursorDrivesEveryView() {
        EpisodeWorkspace w;
        w.setEpisode(data_);
        w.resize(1400, 900);
        TimeCursor* c = w.cursor();
        QCOMPARE(c->start(), data_->start);
        // Zoom in, then move far: the timeline pages to the cursor, Signals follows it.
        for (int i = 0; i < 3; ++i)
            w.timeline()->zoomIn();
        const TimeNs t = data_->frameTimes[data_->frameTimes.size() * 3 / 4] + 1000;
        c->setTime(t);
        QCOMPARE(c->time(), t);
        QVERIFY(w.timeline()->viewStart() <= t && t <= w.timeline()->viewEnd());
        QCOMPARE(w.signalsPanel()->view()->viewStart(), w.timeline()->viewStart());
        QCOMPARE(w.signalsPanel()->view()->viewEnd(), w.timeline()->viewEnd());
        // The video asks for the frame shown at t and gets it exactly.
        const int64_t frame = int64_t(data_->frameTimes.size() * 3 / 4);
        QCOMPARE(w.videoPanel()->canvas()->wantedFrame(), frame);
        QTRY_VERIFY_WITH_TIMEOUT(w.videoPanel()->canvas()->showingExact(), 10000);
        QCOMPARE(w.videoPanel()->canvas()->shownFrame(), frame);
        // The 3D scene shows both hands and the camera where the pose puts it.
        QCOMPARE(w.sceneView()->handJoints(), 42);
        QVERIFY(w.sceneView()->trajectoryPoints() > 100);
        const auto pose = data_->poseAt(t);
        QVERIFY(pose);
        const Vec3d eye = w.sceneView()->cameraPosition();
        QVERIFY((eye - toVec(pose->t)).norm() < 1e-6);
        // The depth frame at t arrives and becomes a cloud.
        QTRY_VERIFY_WITH_TIMEOUT(w.sceneView()->cloudPoints() > 1000, 10000);
        // The sync evidence is centred on t on the reference clock of the IMU's estimate (the
        // pose, or the video whose rotation the engine measured).
        QVERIFY(w.syncPanel()->evidence()->hasEvidence());
        std::string refName;
        for (const auto& s : data_->sync.streams)
            if (s.stream == "imu")
                refName = s.relativeTo;
        const auto* ri = data_->stream(refName);
        QVERIFY2(ri, refName.c_str());
        QCOMPARE(w.syncPanel()->evidence()->centre(), ri->clockModel.toRaw(t));
        // The time read-out says where we are.
        c->setTime(data_->start);
        QCOMPARE(w.videoPanel()->canvas()->wantedFrame(), 0);
    }

    // Force's evidence: the fingertips' speed against the force of the same hand, around the
    // cursor. It needs contacts enough for an estimate: 20 s, two rounds of the task.
    void frameSteppingLandsOnFrames() {
        TimeCursor c;
        c.setFrameTimes({100, 200, 300, 400});
        c.setRange(50, 450);
        c.setTime(50);
        c.stepFrames(1);
        QCOMPARE(c.time(), TimeNs(100));
        c.stepFrames(2);
        QCOMPARE(c.time(), TimeNs(300));
        c.setTime(350); // inside frame 2
        c.stepFrames(-1);
        QCOMPARE(c.time(), TimeNs(200));
        c.stepFrames(10);
        QCOMPARE(c.time(), TimeNs(400));
        c.setTime(10'000);
        QCOMPARE(c.time(), TimeNs(450)); // clamped
        QCOMPARE(c.frameAt(450), 3);
    }

    void timelineHitTesting() {
        TimeCursor c;
        c.setFrameTimes(data_->frameTimes);
        c.setRange(data_->start, data_->end);
        TimelineView v(&c);
        v.resize(1000, 320);
        v.setEpisode(data_);
        QCOMPARE(v.viewStart(), data_->start);
        QCOMPARE(v.viewEnd(), data_->end);
        QCOMPARE(v.trackCount(), int(data_->coverage.size()));
        const double nsPerPx = double(v.viewEnd() - v.viewStart()) / (1000 - 118 - 6);
        for (int i = 0; i < v.trackCount(); ++i) {
            const TimeNs t = data_->start + (data_->end - data_->start) * (i + 1) / 9;
            const QPoint p(int(std::lround(v.xForTime(t))), v.trackRect(i).center().y());
            const auto h = v.hitTest(p);
            QCOMPARE(h.area, TimelineView::Hit::Track);
            QCOMPARE(h.track, i);
            QVERIFY2(std::llabs(h.time - t) <= nsPerPx, qPrintable(QString::number(h.time - t)));
        }
        QCOMPARE(v.hitTest(QPoint(500, 5)).area, TimelineView::Hit::Ruler);
        QCOMPARE(v.hitTest(QPoint(500, 40)).area, TimelineView::Hit::Thumbnails);
        const auto label = v.hitTest(QPoint(20, v.trackRect(2).center().y()));
        QCOMPARE(label.area, TimelineView::Hit::Labels);
        QCOMPARE(label.track, 2);
        QCOMPARE(v.hitTest(QPoint(500, 319)).area, TimelineView::Hit::Nothing);
        QCOMPARE(v.hitTest(QPoint(-3, 10)).area, TimelineView::Hit::Nothing);
        // A click on a track moves the cursor there.
        const TimeNs target = data_->start + (data_->end - data_->start) / 2;
        QTest::mouseClick(
            &v, Qt::LeftButton, {},
            QPoint(int(std::lround(v.xForTime(target))), v.trackRect(0).center().y()));
        QVERIFY(std::llabs(c.time() - target) <= nsPerPx);
        // Zoom bottoms out at a few frames, and the whole episode comes back.
        for (int i = 0; i < 30; ++i)
            v.zoomIn();
        QCOMPARE(v.viewEnd() - v.viewStart(), v.minimumSpan());
        QVERIFY(v.minimumSpan() <= 10 * data_->framePeriodNs);
        QVERIFY(v.viewStart() <= c.time() && c.time() <= v.viewEnd());
        v.zoomToFit();
        QCOMPARE(v.viewEnd() - v.viewStart(), data_->end - data_->start);
    }

    void coverageMarksGaps() {
        std::vector<TimeNs> t;
        for (int i = 0; i < 100; ++i)
            if (i < 40 || i >= 45) // five samples lost
                t.push_back(TimeNs(i) * 10'000'000);
        const auto c = coverageFromTimes("imu", ts::core::StreamKind::Imu, t);
        QCOMPARE(c.periodNs, TimeNs(10'000'000));
        QCOMPARE(c.gaps.size(), size_t(1));
        QCOMPARE(c.gaps[0].start, TimeNs(39) * 10'000'000);
        QCOMPARE(c.gaps[0].end, TimeNs(45) * 10'000'000);
        QCOMPARE(c.dropped, int64_t(5));
        QCOMPARE(c.covered.size(), size_t(2));
    }

    void pyramidRangeIsExact() {
        std::mt19937 rng(7);
        std::uniform_real_distribution<float> u(-5, 5);
        for (size_t n : {1u, 15u, 16u, 17u, 33u, 1000u, 4097u, 100'003u}) {
            std::vector<float> v(n);
            for (auto& x : v)
                x = u(rng);
            const MinMaxPyramid p(v);
            for (int k = 0; k < 300; ++k) {
                size_t a = rng() % n, b = rng() % n;
                if (a > b)
                    std::swap(a, b);
                ++b;
                QCOMPARE(p.range(a, b), brute(v, a, b));
            }
            QCOMPARE(p.overall(), brute(v, 0, n));
        }
    }

    void decimatedCurveKeepsEveryColumnsMinAndMax() {
        // Irregular times (jitter, a gap), many samples per column and fewer than one.
        std::mt19937 rng(3);
        std::normal_distribution<float> noise(0, 1);
        const size_t n = 200'000;
        std::vector<int64_t> t(n);
        std::vector<float> v(n);
        int64_t now = 0;
        for (size_t i = 0; i < n; ++i) {
            now += 1'000'000 + int64_t(rng() % 300'000) + (i == n / 2 ? 2'000'000'000 : 0);
            t[i] = now;
            v[i] = noise(rng) + (i % 5000 == 0 ? 40.f : 0.f); // rare spikes must survive
        }
        const MinMaxPyramid p(v);
        for (int trial = 0; trial < 40; ++trial) {
            const int columns = 50 + int(rng() % 1500);
            int64_t t0 = int64_t(rng() % uint64_t(now)), t1 = int64_t(rng() % uint64_t(now));
            if (t0 > t1)
                std::swap(t0, t1);
            if (trial == 0) {
                t0 = 0;
                t1 = now + 1;
            }
            if (t1 - t0 < 1000)
                continue;
            const auto env = columnEnvelope(t, p, t0, t1, columns);
            QCOMPARE(int(env.size()), columns);
            // The full curve, column by column, by brute force over every sample.
            const double w = double(t1 - t0) / columns;
            std::vector<std::pair<float, float>> full(size_t(columns), {1e30f, -1e30f});
            std::vector<int> count(size_t(columns), 0);
            for (size_t i = 0; i < n; ++i) {
                if (t[i] < t0 || t[i] >= t1)
                    continue;
                int c = int(double(t[i] - t0) / w);
                // The envelope puts boundary samples by the same integer edges.
                while (c + 1 < columns && t[i] >= t0 + int64_t(double(c + 1) * w))
                    ++c;
                while (c > 0 && t[i] < t0 + int64_t(double(c) * w))
                    --c;
                auto& f = full[size_t(c)];
                f.first = std::min(f.first, v[i]);
                f.second = std::max(f.second, v[i]);
                ++count[size_t(c)];
            }
            for (int c = 0; c < columns; ++c) {
                const auto& e = env[size_t(c)];
                QCOMPARE(e.empty, count[size_t(c)] == 0);
                if (!e.empty) {
                    QCOMPARE(e.min, full[size_t(c)].first);
                    QCOMPARE(e.max, full[size_t(c)].second);
                }
            }
        }
    }

    void signalsViewDrawsTheEnvelopeAndReadsOut() {
        TimeCursor c;
        c.setRange(data_->start, data_->end);
        SignalsView v(&c);
        v.resize(900, 400);
        v.setChannels(data_->channels);
        v.setViewRange(data_->start, data_->end);
        int force0 = -1;
        for (int i = v.channelCount() - 1; i >= 0; --i)
            if (v.channel(i).group == "Force")
                force0 = i;
        QVERIFY(force0 >= 0);
        const auto env = v.envelope(force0);
        QCOMPARE(int(env.size()), v.plotRect().width());
        // Whole range: the envelope's extremes are the channel's extremes.
        float lo = 1e30f, hi = -1e30f;
        for (const auto& e : env)
            if (!e.empty) {
                lo = std::min(lo, e.min);
                hi = std::max(hi, e.max);
            }
        QCOMPARE(std::make_pair(lo, hi), v.channel(force0).values->overall());
        // Hover read-out names each visible channel with its value; hiding removes it.
        const QString text = v.readoutAt(v.plotRect().center().x());
        QVERIFY2(text.contains(QString::fromStdString(v.channel(force0).name) + ":"),
                 qPrintable(text));
        v.setChannelVisible(force0, false);
        QVERIFY(v.envelope(force0).empty());
        QVERIFY(!v.readoutAt(v.plotRect().center().x())
                     .contains(QString::fromStdString(v.channel(force0).name) + ":"));
        // The kept picture of the lanes follows what changes them: a hidden channel's colour
        // leaves the picture, a moved cursor moves its line and nothing else.
        v.setChannelVisible(force0, true);
        const QImage shown = v.grab().toImage();
        v.setChannelVisible(force0, false);
        const QImage hidden = v.grab().toImage();
        QVERIFY(shown != hidden);
        c.setTime(data_->start + (data_->end - data_->start) / 4);
        const QImage moved = v.grab().toImage();
        int changedColumns = 0;
        for (int x = 0; x < moved.width(); ++x)
            for (int y = v.plotRect().top(); y <= v.plotRect().bottom(); ++y)
                if (moved.pixel(x, y) != hidden.pixel(x, y)) {
                    ++changedColumns;
                    break;
                }
        QVERIFY2(changedColumns > 0 && changedColumns <= 8,
                 qPrintable(QString::number(changedColumns)));
        // A click moves the cursor to the time under it.
        QTest::mouseClick(&v, Qt::LeftButton, {}, v.plotRect().center());
        const double nsPerPx = double(data_->end - data_->start) / v.plotRect().width();
        QVERIFY(std::llabs(c.time() - (data_->start + (data_->end - data_->start) / 2)) <=
                2 * nsPerPx);
    }

    void keyboardShortcuts() {
        EpisodeWorkspace w;
        w.setEpisode(data_);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        TimeCursor* c = w.cursor();
        const auto& ft = data_->frameTimes;
        c->setTime(ft[10]);
        QTest::keyClick(&w, Qt::Key_Right);
        QCOMPARE(c->time(), ft[11]);
        QTest::keyClick(&w, Qt::Key_Left);
        QTest::keyClick(&w, Qt::Key_Left);
        QCOMPARE(c->time(), ft[9]);
        QTest::keyClick(&w, Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(c->time(), ft[9] + ts::core::kNsPerSecond);
        QTest::keyClick(&w, Qt::Key_Left, Qt::ShiftModifier);
        QCOMPARE(c->time(), ft[9]);
        QTest::keyClick(&w, Qt::Key_End);
        QCOMPARE(c->time(), data_->end);
        QTest::keyClick(&w, Qt::Key_Home);
        QCOMPARE(c->time(), data_->start);
        // Space plays in real time; K stops; L, L: 2×; J: backward.
        QTest::keyClick(&w, Qt::Key_Space);
        QCOMPARE(w.playback()->rate(), 1.0);
        QTest::qWait(300);
        QTest::keyClick(&w, Qt::Key_K);
        QCOMPARE(w.playback()->rate(), 0.0);
        const TimeNs played = c->time() - data_->start;
        QVERIFY2(played > 150 * ts::core::kNsPerMs && played < 1500 * ts::core::kNsPerMs,
                 qPrintable(QString::number(played)));
        QTest::keyClick(&w, Qt::Key_L);
        QTest::keyClick(&w, Qt::Key_L);
        QCOMPARE(w.playback()->rate(), 2.0);
        QTest::keyClick(&w, Qt::Key_J);
        QCOMPARE(w.playback()->rate(), -1.0);
        QTest::keyClick(&w, Qt::Key_Space);
        QCOMPARE(w.playback()->rate(), 0.0);
        // + and − zoom the timeline about the cursor.
        const TimeNs span = w.timeline()->viewEnd() - w.timeline()->viewStart();
        QTest::keyClick(&w, Qt::Key_Plus);
        QCOMPARE(w.timeline()->viewEnd() - w.timeline()->viewStart(), span / 2);
        QTest::keyClick(&w, Qt::Key_Minus);
        QCOMPARE(w.timeline()->viewEnd() - w.timeline()->viewStart(), span);
        // F follows the camera; F1 and ? show the help, any key closes it.
        QTest::keyClick(&w, Qt::Key_F);
        QVERIFY(w.sceneView()->following());
        QTest::keyClick(&w, Qt::Key_F1);
        QVERIFY(w.helpOverlay()->isVisible());
        QCOMPARE(w.helpOverlay()->entries(), int(workspaceShortcuts().size()));
        QTest::keyClick(w.helpOverlay(), Qt::Key_Escape);
        QVERIFY(!w.helpOverlay()->isVisible());
        QTest::keyClick(&w, Qt::Key_Question, Qt::ShiftModifier);
        QVERIFY(w.helpOverlay()->isVisible());
        w.close();
    }

    void playbackDropsFramesRatherThanLagging() {
        TimeCursor c;
        c.setRange(0, 10 * ts::core::kNsPerSecond);
        Playback p(&c);
        // A slow listener: each cursor move costs 50 ms, like a view that cannot keep up.
        int moves = 0;
        connect(&c, &TimeCursor::timeChanged, &c, [&moves] {
            ++moves;
            QThread::msleep(50);
        });
        QElapsedTimer wall;
        wall.start();
        p.setRate(1.0);
        QTest::qWait(1000);
        p.stop();
        const double played = double(c.time()) * 1e-9, elapsed = double(wall.elapsed()) * 1e-3;
        // The cursor kept up with the wall clock (within one slow update) despite ~20 moves/s.
        QVERIFY2(std::abs(played - elapsed) < 0.12,
                 qPrintable(QString("%1 s played in %2 s").arg(played).arg(elapsed)));
        QVERIFY(moves < 30);
    }

    void playbackMovesTheCursorOncePerFrame() {
        TimeCursor c;
        c.setRange(0, 10 * ts::core::kNsPerSecond);
        std::vector<ts::core::TimeNs> frames;
        for (int i = 0; i < 300; ++i)
            frames.push_back(ts::core::TimeNs(i) * 33'333'333);
        c.setFrameTimes(frames);
        Playback p(&c);
        int moves = 0;
        std::set<int64_t> shown;
        connect(&c, &TimeCursor::timeChanged, &c, [&] {
            ++moves;
            shown.insert(c.frame());
        });
        p.setRate(1.0);
        QTest::qWait(1000);
        p.stop();
        // About 30 frames in a second, each reached by exactly one move (the timer ticks
        // at 125 Hz: without the gate there would be ~125 moves).
        QVERIFY2(moves >= 10 && moves <= 40, qPrintable(QString("%1 moves").arg(moves)));
        QCOMPARE(int(shown.size()), moves);
        QVERIFY(c.time() > 800'000'000);
    }

    // While playing, a frame is the decoder's display-sized copy and the hands a picture drawn
    // ahead on a worker: the same hands, at the same places, as the still frame draws them.
    void playingDrawsPreviewsAndHandsDrawnAhead() {
        EpisodeWorkspace w;
        w.setEpisode(data_);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        VideoCanvas* v = w.videoPanel()->canvas();
        TimeCursor* c = w.cursor();
        const auto& ft = data_->frameTimes;
        const int64_t k0 = int64_t(ft.size()) / 2; // decoded after the window took its size
        auto paintUntil = [&](auto ok) {
            for (int i = 0; i < 200; ++i) {
                v->repaint();
                if (ok())
                    return true;
                QTest::qWait(20);
            }
            return false;
        };
        v->setPlaying(true);
        for (int64_t k = k0; k < k0 + 6; ++k) { // as the playback clock moves it
            c->setTime(ft[size_t(k)]);
            QTRY_VERIFY_WITH_TIMEOUT(v->showingExact(), 10000);
        }
        QVERIFY(paintUntil(
            [&] { return v->lastPaintPath().preview && v->lastPaintPath().handsAhead; }));
        const HandOverlayStats ahead = v->lastOverlay();
        QVERIFY(ahead.joints >= 21);
        const QImage playing = v->grab().toImage();
        QVERIFY(v->lastPaintPath().handsAhead);
        v->setPlaying(false);
        QVERIFY(paintUntil([&] { return !v->lastPaintPath().preview; }));
        QVERIFY(!v->lastPaintPath().handsAhead);
        const HandOverlayStats still = v->lastOverlay();
        QCOMPARE(ahead.hands, still.hands);
        QCOMPARE(ahead.joints, still.joints);
        QCOMPARE(ahead.halos, still.halos);
        const QImage stillImage = v->grab().toImage();
        // Every joint on screen has the same colour in both pictures (the video under it is
        // scaled two ways, so not to the bit); a joint drawn elsewhere would show video there.
        int compared = 0;
        for (ts::core::Hand h : {ts::core::Hand::Left, ts::core::Hand::Right})
            for (int j = 0; j < ts::core::kHandJointCount; ++j) {
                const auto at = v->jointOnScreen(h, j);
                if (!at || !v->rect().adjusted(4, 4, -4, -4).contains(at->toPoint()))
                    continue;
                const QColor a = playing.pixelColor(at->toPoint());
                const QColor b = stillImage.pixelColor(at->toPoint());
                const int d = std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                              std::abs(a.blue() - b.blue());
                QVERIFY2(d < 60, qPrintable(QString("hand %1 joint %2: %3 vs %4")
                                                .arg(int(h))
                                                .arg(j)
                                                .arg(a.name(), b.name())));
                ++compared;
            }
        QVERIFY(compared >= 10);
    }

    // While playing, the 3D view draws the map's lighter level and stopping brings back the full
    // one; the time read-out keeps its size, so moving the cursor re-lays out nothing.
    void playingIsLightOnTheWindow() {
        EpisodeWorkspace w;
        w.setEpisode(data_);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        SceneView* scene = w.sceneView();
        auto snap = std::make_shared<ts::core::recon::WorldMapSnapshot>();
        for (size_t n : {size_t(150'000), size_t(40'000)}) { // finest first, as the map gives them
            ts::core::recon::PointCloud level;
            for (size_t i = 0; i < n; ++i)
                level.points.emplace_back(float(i % 100) * 0.01f, float(i / 100 % 100) * 0.01f,
                                          1.0f + float(i / 10000) * 0.01f);
            snap->levels.push_back(std::move(level));
        }
        snap->final = true;
        scene->setWorldMap(snap);
        QCOMPARE(scene->mapPoints(), 150'000);
        scene->setPlaying(true);
        QCOMPARE(scene->mapPoints(), 40'000);
        QVERIFY(size_t(scene->mapPoints()) <= SceneView::kPlayingMapPointBudget);
        scene->setPlaying(false);
        QCOMPARE(scene->mapPoints(), 150'000);

        struct LayoutCounter : QObject {
            int requests = 0;
            bool eventFilter(QObject*, QEvent* e) override {
                requests += e->type() == QEvent::LayoutRequest;
                return false;
            }
        } counter;
        const auto& ft = data_->frameTimes;
        for (size_t k = 5; k < 10; ++k) { // the first moves settle panels that just got content
            w.cursor()->setTime(ft[k]);
            QTest::qWait(20);
        }
        qApp->installEventFilter(&counter);
        for (size_t k = 10; k < 40; ++k) {
            w.cursor()->setTime(ft[k] + 1234);
            QCoreApplication::processEvents();
        }
        qApp->removeEventFilter(&counter);
        QCOMPARE(counter.requests, 0);
    }

    // The frame cache holds what View → Video Frame Memory says, clamped to its range.
    void videoFrameMemoryFollowsTheSetting() {
        for (auto [asked, got] : {std::pair{100, 100}, std::pair{10, kMinVideoFramesMb}}) {
            saveVideoFramesMb(asked);
            QCOMPARE(videoFramesMb(), got);
            EpisodeWorkspace w;
            w.setEpisode(data_);
            QCOMPARE(w.videoPanel()->canvas()->frameCacheBudget(), size_t(got) << 20);
        }
        QSettings().remove("cache/video_frames_mb");
        QCOMPARE(videoFramesMb(), kDefaultVideoFramesMb);
    }

    void layoutPersists() {
        {
            EpisodeWorkspace w;
            w.show();
            auto* sync = w.findChild<QDockWidget*>("syncDock");
            QVERIFY(sync && sync->isVisible());
            sync->close();
            w.close(); // saves the layout
        }
        EpisodeWorkspace w2;
        w2.show();
        auto* sync = w2.findChild<QDockWidget*>("syncDock");
        QVERIFY(sync);
        QVERIFY(!sync->isVisible());
        QSettings().clear();
    }

    void unprojectInvertsProjectWithDistortion() {
        // A wide lens with strong radial-tangential distortion: a joint dragged to a pixel must
        // land on that pixel again, at the depth it had.
        ts::core::CameraIntrinsics k;
        k.width = 640;
        k.height = 480;
        k.fx = k.fy = 300;
        k.cx = 320;
        k.cy = 240;
        k.distortionModel = "radtan";
        k.distortion = {-0.28, 0.09, 0.001, -0.0015, -0.01};
        Rigid deviceFromCamera;
        deviceFromCamera.q =
            Eigen::Quaterniond(Eigen::AngleAxisd(0.3, Vec3d(0.2, 1, 0).normalized()));
        deviceFromCamera.t = Vec3d(0.05, -0.01, 0.02);
        for (int w : {640, 320}) {
            const CameraProjector cam(k, deviceFromCamera, w, w * 3 / 4);
            for (double u : {5.0, 100.5, 320.0, 600.0})
                for (double v : {3.0, 240.0, 470.25}) {
                    const double su = u * w / 640, sv = v * w / 640;
                    const Vec3d p = cam.unproject(su, sv, 0.45);
                    const auto back = cam.project(p);
                    QVERIFY(back);
                    QVERIFY2(std::hypot(back->x() - su, back->y() - sv) < 0.01,
                             qPrintable(QString("%1,%2 -> %3,%4")
                                            .arg(su)
                                            .arg(sv)
                                            .arg(back->x())
                                            .arg(back->y())));
                    QVERIFY(std::abs(cam.depth(p) - 0.45) < 1e-9);
                }
        }
    }

    void handOverlayDrawsFingerColoursAtTheJoints() {
        const auto& k = data_->calibration.cameras.at("rgb");
        QImage img(k.width, k.height, QImage::Format_RGB32);
        img.fill(Qt::black);
        const CameraProjector cam(k, extrinsic(data_->calibration, "device_from_rgb"), k.width,
                                  k.height);
        // A time with both hands present.
        const TimeNs t = data_->hands[1][data_->hands[1].size() / 2].t;
        QPainter p(&img);
        HandOverlayOptions o;
        const auto stats = drawHands(p, *data_, cam, t, o);
        p.end();
        QVERIFY(stats.hands >= 1);
        QVERIFY(stats.joints >= 21);
        // The right wrist's projection is where a joint was drawn (not black).
        const HandPose* right = data_->handAt(ts::core::Hand::Right, t);
        QVERIFY(right);
        const auto uv = cam.project(toVec(right->joints[0]));
        QVERIFY(uv);
        if (uv->x() >= 0 && uv->y() >= 0 && uv->x() < k.width && uv->y() < k.height)
            QVERIFY(img.pixelColor(int(uv->x() + 0.5), int(uv->y() + 0.5)) != QColor(Qt::black));
        // Every finger's colour appears somewhere (bones and joints of that finger).
        for (int f = 0; f < 5; ++f) {
            const QColor want = fingerColour(f);
            bool found = false;
            for (int y = 0; y < img.height() && !found; ++y)
                for (int x = 0; x < img.width() && !found; ++x) {
                    const QColor c = img.pixelColor(x, y);
                    found = std::abs(c.red() - want.red()) + std::abs(c.green() - want.green()) +
                                std::abs(c.blue() - want.blue()) <
                            60;
                }
            QVERIFY2(found, qPrintable(QString("finger %1").arg(f)));
        }
    }
};

QTEST_MAIN(TstWorkspace)
#include "tst_workspace.moc"
