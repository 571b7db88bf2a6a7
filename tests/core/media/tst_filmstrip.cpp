// The timeline filmstrip against videos made by the ffmpeg program: each thumbnail shows the
// keyframe nearest its slot's time (a GOP of 10, so the expected indices are known), has the
// right size in display orientation, and looks like ffmpeg's own downscale of that frame;
// callbacks come from the worker thread; cancel is prompt even on a long video; a finished
// strip is read back from the disk cache without decoding, and a damaged cache file is rebuilt.
#include "media/filmstrip.h"
#include "media/filmstripcache.h"
#include "media/videoreader.h"
#include "support/minibundle.h"
#include "util/error.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace fs = std::filesystem;
using namespace ts::core::media;
using ts::core::TimeNs;
using ts::test::runProgram;

namespace {

bool ffmpeg(const QStringList& args) {
    QString out;
    const int rc = runProgram("ffmpeg", QStringList{"-v", "error", "-y"} + args, &out);
    if (rc != 0)
        qWarning("ffmpeg %s: %s", qPrintable(args.join(' ')), qPrintable(out));
    return rc == 0;
}

// ffmpeg's own picture of frame n, converted to RGB at full size and then scaled to w x h with
// the area filter (autorotated): the same steps as ours, so the pictures should be identical.
QByteArray ffmpegThumb(const QString& file, int64_t n, int w, int h) {
    QProcess p;
    p.start("ffmpeg",
            {"-v", "error", "-i", file, "-vf",
             QString("select=eq(n\\,%1),format=rgb24,scale=%2:%3:flags=area").arg(n).arg(w).arg(h),
             "-vsync", "0", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"});
    p.waitForFinished(60000);
    return p.readAllStandardOutput();
}

double meanAbsDiff(const std::vector<uint8_t>& a, const QByteArray& b) {
    if (b.size() != qsizetype(a.size()) || a.empty())
        return 1e9;
    double sum = 0;
    for (size_t i = 0; i < a.size(); ++i)
        sum += std::abs(int(a[i]) - int(uint8_t(b[qsizetype(i)])));
    return sum / double(a.size());
}

struct Run {
    std::vector<std::optional<Thumbnail>> thumbs;
    int64_t decoded = 0;
    bool fromCache = false;
    std::string error;
};

Run runStrip(const fs::path& video, const FilmstripOptions& o) {
    Filmstrip f(video, o);
    f.start();
    f.wait();
    Run r;
    for (int i = 0; i < f.count(); ++i)
        r.thumbs.push_back(f.thumbnail(i));
    r.decoded = f.decodedFrames();
    r.fromCache = f.fromCache();
    r.error = f.error();
    return r;
}

bool sameThumbs(const Run& a, const Run& b) {
    if (a.thumbs.size() != b.thumbs.size())
        return false;
    for (size_t i = 0; i < a.thumbs.size(); ++i) {
        const auto &x = a.thumbs[i], &y = b.thumbs[i];
        if (x.has_value() != y.has_value())
            return false;
        if (x && (x->rgb != y->rgb || x->frameIndex != y->frameIndex ||
                  x->requestedNs != y->requestedNs || x->frameNs != y->frameNs ||
                  x->width != y->width || x->slot != y->slot))
            return false;
    }
    return true;
}

} // namespace

class TstFilmstrip : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString path(const char* name) const { return tmp_.filePath(name); }
    fs::path fpath(const char* name) const { return path(name).toStdString(); }
    const QStringList src_ = {"-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30"};

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        // GOP of exactly 10 (no scene-cut keyframes) with B-frames: keyframes 0, 10, ..., 90.
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "100", "-c:v", "libx264", "-g", "10",
                                          "-keyint_min", "10", "-sc_threshold", "0", "-bf", "2",
                                          "-pix_fmt", "yuv420p", path("gop10.mp4")}));
        QVERIFY(ffmpeg({"-i", path("gop10.mp4"), "-c", "copy", "-metadata:s:v:0", "rotate=90",
                        path("rot90.mp4")}));
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "100", "-c:v", "libx264", "-g", "250", "-bf",
                                          "2", path("gop250.mp4")}));
        // A long video for cancelling: 200 s, 6000 keyframes' worth of work for a big strip.
        QVERIFY(ffmpeg({"-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-frames:v", "6000",
                        "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-sc_threshold", "0",
                        path("long.mp4")}));
    }

    void thumbnailsShowTheNearestKeyframe() {
        auto reader = VideoReader::open(fpath("gop10.mp4"));
        const FrameIndex& index = reader->index();
        for (int64_t i = 0; i < index.size(); ++i)
            QCOMPARE(index.frames[size_t(i)].key, i % 10 == 0); // the premise of this test

        FilmstripOptions o;
        o.count = 7;
        o.height = 72;
        const Run r = runStrip(fpath("gop10.mp4"), o);
        QVERIFY2(r.error.empty(), r.error.c_str());
        const TimeNs first = reader->info().firstNs, last = reader->info().lastNs;
        for (int slot = 0; slot < o.count; ++slot) {
            const auto& t = r.thumbs[size_t(slot)];
            QVERIFY(t.has_value());
            QCOMPARE(t->slot, slot);
            // Evenly spaced: the middle of the slot-th of 7 equal parts of [first, last].
            const double want = double(first) + double(last - first) * (2 * slot + 1) / 14.0;
            QVERIFY(std::abs(double(t->requestedNs) - want) < 2.0);
            // The keyframe nearest that time, found here by brute force over all keyframes.
            int64_t best = -1;
            TimeNs bestDist = 0;
            for (int64_t k = 0; k < index.size(); k += 10) {
                const TimeNs d =
                    std::abs(index.ptsToNs(index.frames[size_t(k)].pts) - t->requestedNs);
                if (best < 0 || d < bestDist) {
                    best = k;
                    bestDist = d;
                }
            }
            QCOMPARE(t->frameIndex, best);
            QCOMPARE(t->frameNs, index.ptsToNs(index.frames[size_t(best)].pts));
            QCOMPARE(t->width, 96); // 72 * 160 / 120
            QCOMPARE(t->height, 72);
            QCOMPARE(t->rgb.size(), size_t(96 * 72 * 3));
        }
        // Not all in one place: 7 slots over 100 frames reach at least 6 distinct keyframes.
        std::set<int64_t> distinct;
        for (const auto& t : r.thumbs)
            distinct.insert(t->frameIndex);
        QVERIFY(distinct.size() >= 6);
    }

    void pictureIsThatFrame() {
        FilmstripOptions o;
        o.count = 5;
        const Run r = runStrip(fpath("gop10.mp4"), o);
        for (const auto& t : r.thumbs) {
            QVERIFY(t.has_value());
            const double own = meanAbsDiff(
                t->rgb, ffmpegThumb(path("gop10.mp4"), t->frameIndex, t->width, t->height));
            // The neighbouring keyframe (a third of a second away) must look clearly different,
            // so that a thumbnail of the wrong keyframe could not pass.
            const int64_t other = t->frameIndex >= 10 ? t->frameIndex - 10 : t->frameIndex + 10;
            const double wrong =
                meanAbsDiff(t->rgb, ffmpegThumb(path("gop10.mp4"), other, t->width, t->height));
            qInfo("frame %lld: mean abs diff %.2f to itself, %.2f to frame %lld",
                  (long long)t->frameIndex, own, wrong, (long long)other);
            // Room for rounding differences between swscale builds; identical here.
            QVERIFY2(own < 1.0, qPrintable(QString::number(own)));
            QVERIFY2(wrong > 3.0, qPrintable(QString::number(wrong)));
        }
    }

    void rotatedVideoGivesPortraitThumbnails() {
        FilmstripOptions o;
        o.count = 3;
        const Run r = runStrip(fpath("rot90.mp4"), o);
        for (const auto& t : r.thumbs) {
            QVERIFY(t.has_value());
            QCOMPARE(t->width, 54); // 72 * 120 / 160: displayed portrait
            QCOMPARE(t->height, 72);
            const double own = meanAbsDiff(
                t->rgb, ffmpegThumb(path("rot90.mp4"), t->frameIndex, t->width, t->height));
            QVERIFY2(own < 1.0, qPrintable(QString::number(own)));
        }
    }

    void longGopDecodesOnce() {
        FilmstripOptions o;
        o.count = 8;
        const Run r = runStrip(fpath("gop250.mp4"), o);
        for (const auto& t : r.thumbs) {
            QVERIFY(t.has_value());
            QCOMPARE(t->frameIndex, int64_t(0)); // the only keyframe
        }
        QVERIFY2(r.decoded < 8, qPrintable(QString::number(r.decoded)));
    }

    void callbacksComeFromTheWorker() {
        FilmstripOptions o;
        o.count = 6;
        Filmstrip f(fpath("gop10.mp4"), o);
        std::mutex m;
        std::vector<int> order;
        std::vector<std::thread::id> threads;
        int finished = 0;
        bool sawStored = true;
        f.onThumbnail([&](int slot, const Thumbnail& t) {
            // The thumbnail is stored before the callback, so a queued GUI slot finds it.
            sawStored = sawStored && f.thumbnail(slot).has_value() && t.slot == slot;
            std::lock_guard lock(m);
            order.push_back(slot);
            threads.push_back(std::this_thread::get_id());
        });
        f.onFinished([&] {
            std::lock_guard lock(m);
            ++finished;
        });
        QVERIFY(!f.done());
        QCOMPARE(f.progress(), 0.0);
        f.start();
        f.start(); // harmless
        f.wait();
        QVERIFY(f.done());
        QVERIFY(!f.cancelled());
        QCOMPARE(f.progress(), 1.0);
        QCOMPARE(finished, 1);
        QVERIFY(sawStored);
        QCOMPARE(order, (std::vector<int>{0, 1, 2, 3, 4, 5}));
        for (auto id : threads)
            QVERIFY(id != std::this_thread::get_id());
        QVERIFY(!f.thumbnail(-1) && !f.thumbnail(6));
    }

    void cancelIsPrompt() {
        const QString cacheDir = path("cancel-cache");
        FilmstripOptions o;
        o.count = 400;
        o.cacheDir = cacheDir.toStdString();
        {
            Filmstrip f(fpath("long.mp4"), o);
            QElapsedTimer timer;
            f.start();
            timer.start();
            f.cancel();
            f.wait();
            qInfo("cancel right after start: joined after %lld ms", (long long)timer.elapsed());
            QVERIFY(timer.elapsed() < 200);
            QVERIFY(f.done());
            QVERIFY(f.cancelled());
            QVERIFY(f.progress() < 1.0);
        }
        for (int delayMs : {5, 20, 60}) {
            // Whatever the worker is doing then (probing, indexing, decoding), it stops soon.
            Filmstrip f(fpath("long.mp4"), o);
            f.start();
            std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
            QElapsedTimer timer;
            timer.start();
            f.cancel();
            f.wait();
            qInfo("cancel %d ms after start: joined after %lld ms", delayMs,
                  (long long)timer.elapsed());
            QVERIFY(timer.elapsed() < 200);
            QVERIFY(f.cancelled());
        }
        {
            // Cancelled while decoding (from the callback, i.e. the worker thread).
            Filmstrip f(fpath("long.mp4"), o);
            std::atomic<int> delivered{0};
            f.onThumbnail([&](int, const Thumbnail&) {
                if (++delivered == 3)
                    f.cancel();
            });
            f.start();
            f.wait();
            QVERIFY(f.cancelled());
            QCOMPARE(delivered.load(), 3);
            QVERIFY(!f.thumbnail(3));
        }
        {
            // Mid-way, from the owner, then the destructor joins at once.
            auto f = std::make_unique<Filmstrip>(fpath("long.mp4"), o);
            std::atomic<int> delivered{0};
            f->onThumbnail([&](int, const Thumbnail&) { ++delivered; });
            f->start();
            QTRY_VERIFY_WITH_TIMEOUT(delivered.load() >= 2, 20000);
            QElapsedTimer timer;
            timer.start();
            f.reset();
            qInfo("destroyed mid-way after %lld ms", (long long)timer.elapsed());
            QVERIFY(timer.elapsed() < 200);
            QVERIFY(delivered.load() < o.count);
        }
        // A cancelled strip is never cached.
        QVERIFY(!fs::exists(cacheDir.toStdString()) || fs::is_empty(cacheDir.toStdString()));
    }

    void indexScanStopsOnCancel() {
        // The hook the filmstrip relies on while a long video is scanned for its index.
        std::atomic<bool> cancel{true};
        ts::core::media::VideoReaderOptions ro;
        ro.cancel = &cancel;
        QVERIFY_THROWS_EXCEPTION(ts::core::Error, VideoReader::open(fpath("long.mp4"), ro));
        cancel = false;
        QCOMPARE(VideoReader::open(fpath("long.mp4"), ro)->frameCount(), int64_t(6000));
    }

    void diskCacheIsUsedAndRebuiltWhenDamaged() {
        FilmstripOptions o;
        o.count = 9;
        o.height = 40;
        o.cacheDir = fpath("cache");
        const Run built = runStrip(fpath("gop10.mp4"), o);
        QVERIFY(!built.fromCache);
        QVERIFY(built.decoded > 0);
        Filmstrip probe(fpath("gop10.mp4"), o);
        probe.start();
        probe.wait();
        const fs::path file = probe.cacheFile();
        QVERIFY(fs::exists(file));
        QVERIFY(probe.fromCache());
        QCOMPARE(probe.decodedFrames(), int64_t(0));

        QElapsedTimer timer;
        timer.start();
        const Run cached = runStrip(fpath("gop10.mp4"), o);
        qInfo("from cache in %lld ms", (long long)timer.elapsed());
        QVERIFY(cached.fromCache);
        QCOMPARE(cached.decoded, int64_t(0));
        QVERIFY(sameThumbs(built, cached));

        const std::string good = [&] {
            std::ifstream in(file, std::ios::binary);
            return std::string(std::istreambuf_iterator<char>(in), {});
        }();
        auto damage = [&](const std::string& bytes) {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out << bytes;
        };
        std::string flipped = good;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x40);
        std::string badHeader = good;
        badHeader[20] = char(badHeader[20] ^ 0x01); // in the key; the checksum catches it
        for (const std::string& bytes :
             {flipped, good.substr(0, good.size() / 3), good.substr(0, 10), std::string(),
              std::string("TSFS"), good + "trailing", badHeader}) {
            damage(bytes);
            const Run rebuilt = runStrip(fpath("gop10.mp4"), o);
            QVERIFY(!rebuilt.fromCache);
            QVERIFY(rebuilt.decoded > 0);
            QVERIFY(sameThumbs(built, rebuilt));
            // ... and the rebuilt file is whole again.
            QVERIFY(runStrip(fpath("gop10.mp4"), o).fromCache);
        }

        // Another shape is another file; another key (a SHA-256) is another file.
        FilmstripOptions other = o;
        other.count = 4;
        QVERIFY(!runStrip(fpath("gop10.mp4"), other).fromCache);
        QVERIFY(runStrip(fpath("gop10.mp4"), other).fromCache);
        FilmstripOptions withSha = o;
        withSha.sha256 = std::string(64, 'b');
        QVERIFY(!runStrip(fpath("gop10.mp4"), withSha).fromCache);
        QVERIFY(runStrip(fpath("gop10.mp4"), withSha).fromCache);
        QVERIFY(FilmstripCache::fileFor(
                    o.cacheDir, FilmstripCache::videoKey(fpath("gop10.mp4"), withSha.sha256), 9,
                    40) != file);
        // A cache file of another video, copied under this one's name, is not used.
        const fs::path shaFile = FilmstripCache::fileFor(
            o.cacheDir, FilmstripCache::videoKey(fpath("gop10.mp4"), withSha.sha256), 9, 40);
        fs::copy_file(shaFile, file, fs::copy_options::overwrite_existing);
        QVERIFY(!runStrip(fpath("gop10.mp4"), o).fromCache);
    }

    void sharedIndexSkipsTheScan() {
        auto reader = VideoReader::open(fpath("gop10.mp4"));
        FrameIndex shorter = reader->index();
        shorter.frames.resize(50); // a different but valid index proves it is used
        FilmstripOptions o;
        o.count = 4;
        o.index = std::make_shared<const FrameIndex>(shorter);
        const Run r = runStrip(fpath("gop10.mp4"), o);
        for (const auto& t : r.thumbs) {
            QVERIFY(t.has_value());
            QVERIFY(t->frameIndex < 50);
        }
    }

    void missingVideoIsAnError() {
        FilmstripOptions o;
        o.cacheDir = fpath("cache-missing");
        Filmstrip f(fpath("no-such.mp4"), o);
        bool finished = false;
        f.onFinished([&] { finished = true; });
        f.start();
        f.wait();
        QVERIFY(f.done());
        QVERIFY(finished);
        QVERIFY2(f.error().find("no-such.mp4") != std::string::npos, f.error().c_str());
        QVERIFY(!f.thumbnail(0));
        // Never started: destroying does not block.
        Filmstrip idle(fpath("gop10.mp4"));
        QVERIFY(!idle.done());
    }
};

QTEST_GUILESS_MAIN(TstFilmstrip)
#include "tst_filmstrip.moc"
