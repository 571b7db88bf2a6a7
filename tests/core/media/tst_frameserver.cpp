// FrameServer and FrameCache: the budget holds in bytes, exact frames arrive for requests,
// backward steps after a seek are served from the cached GOP at once, a burst of scrub
// requests ends on the last one, decode-ahead fills the frames in front of the playhead (and
// settles when frames carry previews), and a truncated file is served up to where it ends.
#include "media/frameserver.h"
#include "media/videoreader.h"
#include "support/minibundle.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <condition_variable>
#include <mutex>

using namespace ts::core::media;
using ts::test::runProgram;

namespace {

// Collects deliveries from the decode thread and lets the test wait for one.
struct Inbox {
    std::mutex m;
    std::condition_variable cv;
    std::vector<std::pair<int64_t, bool>> got; // index, exact
    std::vector<int64_t> errors;

    void take(FramePtr f, bool exact) {
        std::lock_guard l(m);
        got.emplace_back(f->index, exact);
        cv.notify_all();
    }
    bool waitExact(int64_t index, int ms = 10000) {
        std::unique_lock l(m);
        return cv.wait_for(l, std::chrono::milliseconds(ms), [&] {
            for (auto& [i, e] : got)
                if (i == index && e)
                    return true;
            return false;
        });
    }
    int exactCount() {
        std::lock_guard l(m);
        int n = 0;
        for (auto& g : got)
            n += g.second;
        return n;
    }
};

FramePtr frame(int64_t index, size_t bytes) {
    auto f = std::make_shared<VideoFrame>();
    f->index = index;
    f->rgb.resize(bytes);
    return f;
}

} // namespace

class TstFrameServer : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString video_;

private slots:
    void initTestCase() {
        video_ = tmp_.filePath("gop60.mp4");
        QString out;
        QCOMPARE(
            runProgram("ffmpeg",
                       {"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30",
                        "-frames:v", "300", "-c:v", "libx264", "-g", "60", "-bf", "2", video_},
                       &out),
            0);
    }

    void cacheKeepsBudgetAndFocus() {
        const size_t frameBytes = 1000;
        FrameCache c(10 * (frameBytes + sizeof(VideoFrame)));
        c.setFocus(50);
        for (int i = 0; i < 100; ++i)
            c.put(frame(i, frameBytes));
        QVERIFY(c.bytes() <= c.budget());
        QCOMPARE(c.count(), size_t(10));
        // What stays is what surrounds the focus.
        QVERIFY(c.contains(50) && c.contains(48) && c.contains(52));
        QVERIFY(!c.contains(0) && !c.contains(99));
        QCOMPARE(c.nearest(20)->index, c.nearest(0)->index);
        QVERIFY(std::abs(c.nearest(49)->index - 49) == 0);
    }

    void requestDeliversExactFrame() {
        FrameServer s(video_.toStdString());
        Inbox inbox;
        s.setDelivery([&](FramePtr f, bool e) { inbox.take(f, e); });
        auto reader = VideoReader::open(video_.toStdString());
        QCOMPARE(s.frameCount(), int64_t(300));
        FramePtr first = s.request(137);
        // Nothing was cached: request() does not wait for the decoder and returns the nearest
        // frame cached by then: none, or one the decoder thread has already reached on its way
        // from the keyframe at 120 (137 itself when it was quicker than this thread).
        QVERIFY2(!first || (first->index >= 120 && first->index <= 137),
                 qPrintable(QString::number(first ? first->index : -1)));
        QVERIFY(inbox.waitExact(137));
        FramePtr exact = s.cache().get(137);
        QVERIFY(exact);
        QVERIFY(exact->rgb == reader->frame(137).rgb);
        // A preview (the keyframe at 120) came before the exact frame.
        QCOMPARE(inbox.got.front(), std::make_pair(int64_t(120), false));
    }

    void backwardStepsComeFromTheCachedGop() {
        FrameServer s(video_.toStdString());
        Inbox inbox;
        s.setDelivery([&](FramePtr f, bool e) { inbox.take(f, e); });
        s.request(179);
        QVERIFY(inbox.waitExact(179));
        const int64_t decodedBefore = s.delivered();
        // Every step back inside the GOP (120..178) is answered synchronously and exactly.
        for (int64_t n = 178; n >= 120; --n) {
            FramePtr f = s.request(n);
            QVERIFY2(f && f->index == n, qPrintable(QString::number(n)));
        }
        QCOMPARE(s.delivered(), decodedBefore);
        // One more step crosses into the previous GOP: decoded, then exact.
        FramePtr f = s.request(119);
        QVERIFY(!f || f->index != 119);
        QVERIFY(inbox.waitExact(119));
    }

    void scrubBurstEndsOnTheLastRequest() {
        FrameServer s(video_.toStdString());
        Inbox inbox;
        s.setDelivery([&](FramePtr f, bool e) { inbox.take(f, e); });
        for (int64_t n : {10, 70, 130, 190, 250, 299, 5, 222})
            s.request(n);
        QVERIFY(inbox.waitExact(222));
        QThread::msleep(200);
        std::lock_guard l(inbox.m);
        // The last exact delivery is the last request; stale ones may have been dropped.
        int64_t lastExact = -1;
        for (auto& [i, e] : inbox.got)
            if (e)
                lastExact = i;
        QCOMPARE(lastExact, int64_t(222));
        QVERIFY(inbox.got.size() <= 16);
    }

    void decodeAheadFillsTheWindow() {
        FrameServerOptions o;
        o.aheadFrames = 40;
        FrameServer s(video_.toStdString(), o);
        Inbox inbox;
        s.setDelivery([&](FramePtr f, bool e) { inbox.take(f, e); });
        s.request(0);
        QVERIFY(inbox.waitExact(0));
        s.setDecodeAhead(true);
        QTRY_VERIFY_WITH_TIMEOUT(s.cache().contains(40), 10000);
        for (int n = 1; n <= 40; ++n)
            QVERIFY(s.cache().contains(n));
        // Playback: every next frame is already there.
        for (int n = 1; n <= 30; ++n)
            QVERIFY(s.request(n) && s.request(n)->index == n);
        s.setDecodeAhead(false);
    }

    // With previews the frames are bigger: the ahead window shrinks to fit half the budget, so
    // decode-ahead settles instead of evicting its own newest frame forever.
    void decodeAheadWithPreviewsSettles() {
        FrameServerOptions o;
        o.aheadFrames = 90;
        o.cacheBudgetBytes = 40 * (160 * 120 * 3 + sizeof(VideoFrame)); // 40 bare frames
        FrameServer s(video_.toStdString(), o);
        Inbox inbox;
        s.setDelivery([&](FramePtr f, bool e) { inbox.take(f, e); });
        QVERIFY(s.aheadIdle()); // off
        // A preview as big as the frame in BGRA: a frame and its preview take 134 kB, so 17 fit
        // in the budget and 8 are decoded ahead.
        s.setPreviewSize(160, 120);
        s.request(0);
        QVERIFY(inbox.waitExact(0));
        s.setDecodeAhead(true);
        QTRY_VERIFY_WITH_TIMEOUT(s.aheadIdle(), 10000);
        QVERIFY(s.cache().bytes() <= s.cache().budget());
        for (int n = 1; n <= 8; ++n) {
            const FramePtr f = s.cache().get(n);
            QVERIFY(f);
            QCOMPARE(f->previewWidth, 160);
        }
        QVERIFY(!s.cache().contains(9));
        // Idle means idle: nothing is decoded while nobody moves.
        const size_t count = s.cache().count();
        QTest::qWait(300);
        QCOMPARE(s.cache().count(), count);
        // Moving on (as playback does) wakes it again.
        QVERIFY(s.request(5));
        QTRY_VERIFY_WITH_TIMEOUT(s.cache().contains(13), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(s.aheadIdle(), 10000);
        s.setDecodeAhead(false);
    }

    void budgetHoldsWhileSeeking() {
        FrameServerOptions o;
        o.cacheBudgetBytes = 40 * (160 * 120 * 3 + sizeof(VideoFrame)); // 40 frames
        FrameServer s(video_.toStdString(), o);
        Inbox inbox;
        s.setDelivery([&](FramePtr f, bool e) { inbox.take(f, e); });
        for (int64_t n : {59, 119, 179, 239, 299}) {
            s.request(n);
            QVERIFY(inbox.waitExact(n));
            QVERIFY(s.cache().bytes() <= s.cache().budget());
        }
        QVERIFY(s.cache().contains(299));
    }

    void truncatedFileStillServes() {
        // Half the file is gone: the server serves what is there, to the last frame left,
        // and an error handler is in place for frames that cannot be decoded.
        const QString cut = tmp_.filePath("cut.mp4");
        QString out;
        QCOMPARE(runProgram("ffmpeg",
                            {"-v", "error", "-y", "-i", video_, "-c", "copy", "-movflags",
                             "+faststart", cut},
                            &out),
                 0);
        QFile f(cut);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() / 2));
        f.close();
        FrameServer s(cut.toStdString());
        Inbox inbox;
        s.setDelivery([&](FramePtr fr, bool e) { inbox.take(fr, e); });
        s.setErrorHandler([&](int64_t n, const std::string&) {
            std::lock_guard l(inbox.m);
            inbox.errors.push_back(n);
            inbox.cv.notify_all();
        });
        s.request(s.frameCount() - 1);
        QVERIFY(inbox.waitExact(s.frameCount() - 1));
        s.request(3);
        QVERIFY(inbox.waitExact(3));
    }
};

QTEST_GUILESS_MAIN(TstFrameServer)
#include "tst_frameserver.moc"
