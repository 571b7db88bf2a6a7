// Frame exactness of VideoReader against the ffmpeg program: test videos are generated with
// ffmpeg (B-frames, a GOP of 250, variable frame rate, a non-zero start, rotation, H.265, AV1,
// a truncated file, a damaged packet), decoded completely by ffmpeg to raw RGB24 (what
// select=eq(n,N) gives for every N), and every frame our reader returns in random, forward,
// backward and jumping order must be bit-identical to ffmpeg's frame at that index.
#include "media/videoreader.h"
#include "support/minibundle.h"
#include "util/error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace ts::test;
using ts::core::media::VideoReader;

namespace {

struct Reference {
    int width = 0, height = 0;
    QByteArray raw; // every frame, rgb24, as ffmpeg decodes and autorotates it
    int frames() const { return raw.size() / (width * height * 3); }
    QByteArray frame(int n) const {
        const int size = width * height * 3;
        return raw.mid(n * size, size);
    }
};

Reference decodeWithFfmpeg(const QString& file, int width, int height) {
    Reference r;
    r.width = width;
    r.height = height;
    QProcess p;
    p.start("ffmpeg",
            {"-v", "error", "-i", file, "-vsync", "0", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"});
    p.waitForFinished(120000);
    r.raw = p.readAllStandardOutput();
    return r;
}

bool ffmpeg(const QStringList& args) {
    QString out;
    const int rc = runProgram("ffmpeg", QStringList{"-v", "error", "-y"} + args, &out);
    if (rc != 0)
        qWarning("ffmpeg %s: %s", qPrintable(args.join(' ')), qPrintable(out));
    return rc == 0;
}

QByteArray bytes(const ts::core::media::VideoFrame& f) {
    return QByteArray(reinterpret_cast<const char*>(f.rgb.data()), qsizetype(f.rgb.size()));
}

} // namespace

class TstVideoReader : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString path(const char* name) { return tmp_.filePath(name); }
    const QStringList src_ = {"-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30"};

    // Checks every access order against ffmpeg's frames.
    void checkAllOrders(const QString& file, int w, int h, int expectFrames) {
        const Reference ref = decodeWithFfmpeg(file, w, h);
        QCOMPARE(ref.frames(), expectFrames);
        auto reader = VideoReader::open(file.toStdString());
        QCOMPARE(reader->frameCount(), int64_t(expectFrames));
        QCOMPARE(reader->info().width, w);
        QCOMPARE(reader->info().height, h);
        const int n = expectFrames;
        std::vector<int> order(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        std::mt19937 rng(42);
        std::shuffle(order.begin(), order.end(), rng);
        for (int i : order)
            QVERIFY2(bytes(reader->frame(i)) == ref.frame(i),
                     qPrintable(QString("random %1").arg(i)));
        for (int i = 0; i < n; ++i)
            QVERIFY2(bytes(reader->frame(i)) == ref.frame(i),
                     qPrintable(QString("forward %1").arg(i)));
        for (int i = n - 1; i >= 0; --i)
            QVERIFY2(bytes(reader->frame(i)) == ref.frame(i),
                     qPrintable(QString("backward %1").arg(i)));
        for (int i : {n / 2, 3, n - 1, 0, n / 3, n / 3 + 1, n / 3 + 2, n - 2, 1})
            QVERIFY2(bytes(reader->frame(i)) == ref.frame(i),
                     qPrintable(QString("jump %1").arg(i)));
        // Sequential playback from a fresh reader.
        auto seq = VideoReader::open(file.toStdString());
        for (int i = 0; i < n; ++i) {
            auto f = seq->next();
            QCOMPARE(f.index, int64_t(i));
            QVERIFY2(bytes(f) == ref.frame(i), qPrintable(QString("next %1").arg(i)));
        }
    }

private slots:
    void bFrames() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "90", "-c:v", "libx264", "-bf", "3", "-g",
                                          "30", "-pix_fmt", "yuv420p", path("bframes.mp4")}));
        checkAllOrders(path("bframes.mp4"), 160, 120, 90);
    }

    void longGop() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "300", "-c:v", "libx264", "-g", "250",
                                          "-keyint_min", "250", "-sc_threshold", "0", "-bf", "2",
                                          path("gop250.mkv")}));
        auto r = VideoReader::open(path("gop250.mkv").toStdString());
        int keys = 0;
        for (const auto& e : r->index().frames)
            keys += e.key;
        QCOMPARE(keys, 2);
        checkAllOrders(path("gop250.mkv"), 160, 120, 300);
    }

    void variableFrameRate() {
        // Drops two of every three frames after frame 20: irregular presentation times.
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "120", "-vf",
                                          "select='lt(n\\,20)+not(mod(n\\,3))'", "-vsync", "vfr",
                                          "-c:v", "libx264", "-bf", "2", path("vfr.mp4")}));
        auto r = VideoReader::open(path("vfr.mp4").toStdString());
        const auto& fr = r->index().frames;
        QVERIFY(fr.size() > 40);
        // Intervals differ: 1/30 s early, 3/30 s later.
        QVERIFY(r->index().ptsToNs(fr[2].pts) - r->index().ptsToNs(fr[1].pts) < 40'000'000);
        QVERIFY(r->index().ptsToNs(fr[30].pts) - r->index().ptsToNs(fr[29].pts) > 90'000'000);
        checkAllOrders(path("vfr.mp4"), 160, 120, int(fr.size()));
        // Time access picks the frame shown at that time.
        const auto t = r->index().ptsToNs(fr[30].pts);
        QCOMPARE(r->frameAtTime(t).index, int64_t(30));
        QCOMPARE(r->frameAtTime(t - 1).index, int64_t(29));
        QCOMPARE(r->frameAtTime(t + 50'000'000).index, int64_t(30));
    }

    void nonZeroStart() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "60", "-c:v", "libx264", "-bf", "2",
                                          "-output_ts_offset", "10", path("offset.mp4")}));
        auto r = VideoReader::open(path("offset.mp4").toStdString());
        QVERIFY2(r->info().firstNs >= 9'900'000'000LL,
                 qPrintable(QString::number(r->info().firstNs)));
        QVERIFY_THROWS_EXCEPTION(ts::core::Error, r->frameAtTime(1'000'000'000));
        QCOMPARE(r->frameAtTime(r->info().firstNs).index, int64_t(0));
        checkAllOrders(path("offset.mp4"), 160, 120, 60);
    }

    // Previews: the display-sized BGRA copy fits the box with the frame's aspect, in the
    // displayed orientation, and every pixel is the 2 × 2 average of the full frame around it.
    void previewIsTheFrameScaledToFit() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "10", "-c:v", "libx264", path("pv.mp4")}));
        QVERIFY(ffmpeg({"-i", path("pv.mp4"), "-c", "copy", "-metadata:s:v:0", "rotate=90",
                        path("pv90.mp4")}));
        for (const char* name : {"pv.mp4", "pv90.mp4"}) {
            auto r = VideoReader::open(path(name).toStdString());
            const auto none = r->frame(3);
            QVERIFY(none.preview.empty());
            r->setPreviewSize(64, 64);
            const auto f = r->frame(4);
            const bool portrait = f.height > f.width;
            QCOMPARE(f.previewWidth, portrait ? 48 : 64); // 160 × 120 or 120 × 160 into 64 × 64
            QCOMPARE(f.previewHeight, portrait ? 64 : 48);
            QCOMPARE(f.preview.size(), size_t(f.previewWidth) * f.previewHeight * 4);
            int worst = 0;
            for (int y = 0; y < f.previewHeight; ++y)
                for (int x = 0; x < f.previewWidth; ++x) {
                    const double sx = (x + 0.5) * f.width / f.previewWidth - 0.5;
                    const double sy = (y + 0.5) * f.height / f.previewHeight - 0.5;
                    const int x0 = int(std::floor(sx)), y0 = int(std::floor(sy));
                    const uint8_t* d = &f.preview[(size_t(y) * f.previewWidth + x) * 4];
                    QCOMPARE(int(d[3]), 255);
                    for (int c = 0; c < 3; ++c) {
                        int sum = 0;
                        for (int dy = 0; dy < 2; ++dy)
                            for (int dx = 0; dx < 2; ++dx)
                                sum += f.rgb[(size_t(std::min(y0 + dy, f.height - 1)) * f.width +
                                              size_t(std::min(x0 + dx, f.width - 1))) *
                                                 3 +
                                             c];
                        worst = std::max(worst, std::abs(int(d[2 - c]) - sum / 4));
                    }
                }
            QVERIFY2(worst <= 1, qPrintable(QString("%1: off by %2").arg(name).arg(worst)));
            r->setPreviewSize(0, 0);
            QVERIFY(r->frame(5).preview.empty());
        }
    }

    // Analysis passes ask for gray scaled down by a whole factor: the frame must be the video's
    // own luma plane (as ffmpeg decodes it to yuv420p) averaged over k × k blocks, rounded, and
    // turned like the colour frames. A decoder without its deblocking filter must give what
    // ffmpeg gives with the same switches.
    void grayIsLumaAveragedOverBlocks() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "12", "-c:v", "libx264", "-bf", "2",
                                          path("gray.mp4")}));
        const int w = 160, h = 120, frameBytes = w * h * 3 / 2;
        QByteArray decoded[2]; // as ffmpeg decodes: plain, without the deblocking filter
        for (const bool fast : {false, true}) {
            QStringList args = {"-v", "error"};
            if (fast)
                args += {"-skip_loop_filter", "all", "-flags2", "fast"};
            args += {"-i", path("gray.mp4"), "-vsync", "0", "-f", "rawvideo", "-pix_fmt",
                     "yuv420p", "-"};
            QProcess p;
            p.start("ffmpeg", args);
            QVERIFY(p.waitForFinished(60000));
            decoded[fast] = p.readAllStandardOutput();
            QCOMPARE(decoded[fast].size(), 12 * frameBytes);
        }
        QVERIFY(decoded[0] != decoded[1]);
        for (const bool fast : {false, true}) {
            for (const int k : {1, 2, 4}) {
                // The filter is skipped only where frames are scaled down by 2 or more.
                const QByteArray& yuv = decoded[fast && k >= 2];
                ts::core::media::VideoReaderOptions o;
                o.grayMaxWidth = w / k;
                o.skipLoopFilter = fast;
                auto r = VideoReader::open(path("gray.mp4").toStdString(), o);
                for (int n : {0, 5, 11, 3}) {
                    const auto f = r->frame(n);
                    QCOMPARE(f.channels, 1);
                    QCOMPARE(f.width, w / k);
                    QCOMPARE(f.height, h / k);
                    const auto* luma =
                        reinterpret_cast<const uint8_t*>(yuv.constData()) + n * frameBytes;
                    int worst = 0;
                    for (int y = 0; y < f.height; ++y)
                        for (int x = 0; x < f.width; ++x) {
                            int sum = 0;
                            for (int dy = 0; dy < k; ++dy)
                                for (int dx = 0; dx < k; ++dx)
                                    sum += luma[(y * k + dy) * w + x * k + dx];
                            const int expect = (sum + k * k / 2) / (k * k);
                            worst = std::max(worst,
                                             std::abs(int(f.rgb[size_t(y) * f.width + x]) - expect));
                        }
                    QVERIFY2(worst == 0, qPrintable(QString("k=%1 fast=%2 frame %3: off by %4")
                                                        .arg(k)
                                                        .arg(fast)
                                                        .arg(n)
                                                        .arg(worst)));
                }
            }
        }
        // A scale that is not a whole factor still gives gray of the asked width (swscale).
        ts::core::media::VideoReaderOptions o;
        o.grayMaxWidth = 100;
        const auto f = VideoReader::open(path("gray.mp4").toStdString(), o)->frame(2);
        QCOMPARE(f.channels, 1);
        QCOMPARE(f.width, 100);
        QCOMPARE(f.height, 75);
    }

    void rotation() {
        QVERIFY(
            ffmpeg(src_ + QStringList{"-frames:v", "45", "-c:v", "libx264", path("plain.mp4")}));
        QVERIFY(ffmpeg({"-i", path("plain.mp4"), "-c", "copy", "-metadata:s:v:0", "rotate=90",
                        path("rot90.mp4")}));
        auto r = VideoReader::open(path("rot90.mp4").toStdString());
        // The tag becomes a display matrix of +90° (counter-clockwise, as ffprobe's
        // "rotation=90" says); ffmpeg shows it turned 90° counter-clockwise, i.e. 270° clockwise.
        QCOMPARE(r->info().rotation, 270);
        // Displayed portrait: ffmpeg's autorotated frames are 120 wide and 160 high.
        checkAllOrders(path("rot90.mp4"), 120, 160, 45);
    }

    void editList() {
        // A stream copy that starts between keyframes keeps the packets before the cut as
        // references and writes an edit list that hides them.
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "90", "-c:v", "libx264", "-bf", "2", "-g",
                                          "30", path("src.mp4")}));
        QVERIFY(ffmpeg({"-ss", "0.5", "-i", path("src.mp4"), "-c", "copy", path("edit.mp4")}));
        const Reference ref = decodeWithFfmpeg(path("edit.mp4"), 160, 120);
        QVERIFY(ref.frames() < 90);
        checkAllOrders(path("edit.mp4"), 160, 120, ref.frames());
    }

    void hevc() {
        QVERIFY(
            ffmpeg(src_ + QStringList{"-frames:v", "60", "-c:v", "libx265", "-x265-params",
                                      "keyint=20:bframes=3:log-level=error", path("hevc.mp4")}));
        checkAllOrders(path("hevc.mp4"), 160, 120, 60);
    }

    void av1() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "40", "-c:v", "libsvtav1", "-preset", "12",
                                          "-g", "20", path("av1.mkv")}));
        checkAllOrders(path("av1.mkv"), 160, 120, 40);
    }

    void truncatedFile() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "120", "-c:v", "libx264", "-g", "30",
                                          "-movflags", "+faststart", path("full.mp4")}));
        QFile::copy(path("full.mp4"), path("cut.mp4"));
        QFile f(path("cut.mp4"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.resize(f.size() * 6 / 10));
        f.close();
        auto r = VideoReader::open(path("cut.mp4").toStdString());
        QVERIFY(r->index().truncated);
        QVERIFY(r->frameCount() > 30 && r->frameCount() < 120);
        // Every frame that is there is exact; asking past the end names the truncation.
        const Reference ref = decodeWithFfmpeg(path("full.mp4"), 160, 120);
        for (int i = int(r->frameCount()) - 1; i >= 0; i -= 7)
            QVERIFY2(bytes(r->frame(i)) == ref.frame(i), qPrintable(QString::number(i)));
        try {
            r->frame(119);
            QFAIL("no error for a frame past the cut");
        } catch (const ts::core::Error& e) {
            QVERIFY2(QString(e.what()).contains("truncated"), e.what());
            QVERIFY(QString(e.what()).contains("cut.mp4"));
        }
        // A file cut before its index cannot be opened, with a clear message.
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "30", "-c:v", "libx264", path("tail.mp4")}));
        QFile t(path("tail.mp4"));
        QVERIFY(t.open(QIODevice::ReadWrite));
        QVERIFY(t.resize(t.size() / 2));
        t.close();
        try {
            VideoReader::open(path("tail.mp4").toStdString());
            QFAIL("opened a file without its index");
        } catch (const ts::core::Error& e) {
            QVERIFY(QString(e.what()).contains("tail.mp4"));
        }
    }

    void damagedPacket() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "90", "-c:v", "libx264", "-g", "30", "-bf",
                                          "0", path("clean.mkv")}));
        auto clean = VideoReader::open(path("clean.mkv").toStdString());
        // Overwrite the middle of frame 40's packet (GOP 30..59) with garbage.
        const auto e = clean->index().frames[40];
        QVERIFY(e.pos > 0 && e.size > 40);
        QFile::copy(path("clean.mkv"), path("damaged.mkv"));
        QFile f(path("damaged.mkv"));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(e.pos + e.size / 3);
        f.write(QByteArray(e.size / 3, char(0x5a)));
        f.close();

        auto r = VideoReader::open(path("damaged.mkv").toStdString());
        QCOMPARE(r->frameCount(), int64_t(90));
        const Reference ref = decodeWithFfmpeg(path("damaged.mkv"), 160, 120);
        const Reference good = decodeWithFfmpeg(path("clean.mkv"), 160, 120);
        // Outside the damaged GOP every frame is exact and equal to the clean file's.
        for (int i : {0, 15, 29, 60, 75, 89, 61}) {
            const QByteArray got = bytes(r->frame(i));
            QVERIFY2(got == ref.frame(i), qPrintable(QString::number(i)));
            QVERIFY2(got == good.frame(i), qPrintable(QString::number(i)));
        }
        // Inside it the frames still come (concealed, as ffmpeg shows them) and the
        // damage is reported instead of failing the file.
        bool flagged = false;
        for (int i = 30; i < 60; ++i) {
            const auto fr = r->frame(i);
            flagged = flagged || fr.damaged;
            QCOMPARE(fr.index, int64_t(i));
        }
        QVERIFY(flagged || r->frame(40).rgb != clean->frame(40).rgb);
    }

    void garbageAndRangeErrors() {
        writeText(path("junk.mp4"), "not a video");
        QVERIFY_THROWS_EXCEPTION(ts::core::Error,
                                 VideoReader::open(path("junk.mp4").toStdString()));
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "5", "-c:v", "libx264", path("five.mp4")}));
        auto r = VideoReader::open(path("five.mp4").toStdString());
        QVERIFY_THROWS_EXCEPTION(ts::core::Error, r->frame(5));
        QVERIFY_THROWS_EXCEPTION(ts::core::Error, r->frame(-1));
    }

    void frameCommandWritesExactPng() {
        QVERIFY(ffmpeg(src_ + QStringList{"-frames:v", "60", "-c:v", "libx264", "-bf", "3", "-g",
                                          "25", path("cli.mp4")}));
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"frame", path("cli.mp4"), "--index", "37", "--out", path("f37.png")},
                            &out),
                 0);
        QVERIFY(ffmpeg(
            {"-i", path("f37.png"), "-f", "rawvideo", "-pix_fmt", "rgb24", path("f37.raw")}));
        QFile raw(path("f37.raw"));
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QCOMPARE(raw.readAll(), decodeWithFfmpeg(path("cli.mp4"), 160, 120).frame(37));
        // By time: 37/30 s is frame 37; a hair before it is still 36.
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"frame", path("cli.mp4"), "--time-ns", "1233333333", "--out",
                             path("t.png"), "--json"},
                            &out),
                 0);
        QVERIFY2(out.contains("\"index\": 37"), qPrintable(out));
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"frame", path("cli.mp4"), "--index", "99", "--out", path("x.png")},
                            &out),
                 1);
        QVERIFY2(out.contains("frame 99") && out.contains("60 frames"), qPrintable(out));
        // PNG only: a .jpg would hold PNG data.
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"frame", path("cli.mp4"), "--index", "3", "--out", path("f3.jpg")},
                            &out),
                 2);
        QVERIFY2(out.contains("--out writes the exact frame as PNG: it must name a .png file"),
                 qPrintable(out));
        QVERIFY(!QFileInfo::exists(path("f3.jpg")));
    }
};

QTEST_GUILESS_MAIN(TstVideoReader)
#include "tst_videoreader.moc"
