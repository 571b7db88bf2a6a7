// The depth reader: PNG sequences and 16-bit lossless videos (made here by the ffmpeg program)
// read back bit-exact in every access order, time lookup at the edges, a synthetic bundle's
// depth stream, and the errors for missing, wrong and cut-off files.
#include "io/bundle.h"
#include "media/depthreader.h"
#include "media/videodepthreader.h"
#include "support/minibundle.h"
#include "synth/synth.h"
#include "util/error.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <numeric>
#include <random>

using ts::core::Error;
using ts::core::TimeNs;
using ts::core::media::DepthFrame;
using ts::core::media::DepthReader;
using ts::core::media::VideoDepthReader;
namespace fs = std::filesystem;

namespace {

constexpr int kW = 64, kH = 48, kFrames = 20;
constexpr TimeNs kT0 = 1'000'000'000, kDt = 66'666'667;

// Distinct in every frame and pixel, spanning the whole 16-bit range (high bytes above 0x80
// catch byte-order and sign mistakes), with some invalid (0) pixels.
uint16_t pattern(int frame, int x, int y) {
    if ((x + y + frame) % 17 == 0)
        return 0;
    const uint32_t v = (uint32_t(x) * 31u + uint32_t(y) * 977u + uint32_t(frame) * 7919u) * 40503u;
    return static_cast<uint16_t>((v >> 7) | 1u);
}

std::vector<TimeNs> frameTimes(int n) {
    std::vector<TimeNs> t(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        t[static_cast<size_t>(i)] = kT0 + i * kDt;
    return t;
}

// Counts pixels that differ from the pattern; 0 is bit-exact.
int mismatches(const DepthFrame& f, int frame) {
    if (f.width != kW || f.height != kH || f.raw.size() != size_t(kW * kH))
        return kW * kH;
    int bad = 0;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            bad += f.raw[size_t(y * kW + x)] != pattern(frame, x, y);
    return bad;
}

void writePatternPng(const QString& file, int frame) {
    QImage img(kW, kH, QImage::Format_Grayscale16);
    for (int y = 0; y < kH; ++y) {
        auto* row = reinterpret_cast<quint16*>(img.scanLine(y));
        for (int x = 0; x < kW; ++x)
            row[x] = pattern(frame, x, y);
    }
    QVERIFY2(img.save(file, "PNG"), qPrintable(file));
}

fs::path toPath(const QString& s) {
    return fs::path(s.toStdString());
}

std::string errorOf(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const Error& e) {
        return e.what();
    }
    return {};
}

bool contains(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

} // namespace

class TstDepthReader : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString pngDir_, rawFile_;

    QString path(const QString& name) const { return tmp_.filePath(name); }

    // ffmpeg encodes the raw pattern frames; extra arguments go before the output.
    void encode(const QString& out, const QStringList& codecArgs,
                const QString& inFmt = "gray16le") {
        QString log;
        QStringList args{"-v",    "error",    "-y",
                         "-f",    "rawvideo", "-pix_fmt",
                         inFmt,   "-s",       QString("%1x%2").arg(kW).arg(kH),
                         "-r",    "15",       "-i",
                         rawFile_};
        args << codecArgs << out;
        QCOMPARE(ts::test::runProgram("ffmpeg", args, &log), 0);
        QVERIFY2(QFile::exists(out), qPrintable(log));
    }

    void checkAllOrders(DepthReader& r) {
        QCOMPARE(r.frameCount(), int64_t(kFrames));
        QCOMPARE(r.width(), kW);
        QCOMPARE(r.height(), kH);
        std::vector<int> order(kFrames);
        std::iota(order.begin(), order.end(), 0);
        for (int i : order) // forward
            QCOMPARE(mismatches(r.frame(i), i), 0);
        for (auto it = order.rbegin(); it != order.rend(); ++it) // backward
            QCOMPARE(mismatches(r.frame(*it), *it), 0);
        std::mt19937 rng(7);
        for (int round = 0; round < 2; ++round) { // random, with repeats of the same frame
            std::shuffle(order.begin(), order.end(), rng);
            for (int i : order) {
                DepthFrame f = r.frame(i);
                QCOMPARE(f.index, int64_t(i));
                QCOMPARE(mismatches(f, i), 0);
            }
            QCOMPARE(mismatches(r.frame(order.back()), order.back()), 0);
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        pngDir_ = path("png");
        QVERIFY(QDir().mkpath(pngDir_));
        for (int i = 0; i < kFrames; ++i)
            writePatternPng(pngDir_ + QString("/%1.png").arg(i, 6, 10, QChar('0')), i);
        rawFile_ = path("frames.raw");
        QFile raw(rawFile_);
        QVERIFY(raw.open(QIODevice::WriteOnly));
        for (int i = 0; i < kFrames; ++i)
            for (int y = 0; y < kH; ++y)
                for (int x = 0; x < kW; ++x) {
                    const uint16_t v = pattern(i, x, y);
                    const char le[2] = {char(v & 0xff), char(v >> 8)};
                    raw.write(le, 2);
                }
        raw.close();
        encode(path("g1.mkv"), {"-c:v", "ffv1", "-level", "3", "-g", "1"});
        encode(path("g10.mkv"), {"-c:v", "ffv1", "-level", "3", "-g", "10"});
    }

    void pngSequenceReadsBackExactly() {
        auto r = DepthReader::openPngSequence(toPath(pngDir_), frameTimes(kFrames), 0.001);
        checkAllOrders(*r);
        DepthFrame f = r->frame(3);
        QCOMPARE(f.tNs, kT0 + 3 * kDt);
        QCOMPARE(f.bytes(), size_t(kW * kH * 2));
    }

    void pngSequenceWithoutTimesCountsFiles() {
        auto r = DepthReader::openPngSequence(toPath(pngDir_), {}, 0.001);
        QCOMPARE(r->frameCount(), int64_t(kFrames));
        QCOMPARE(r->frame(kFrames - 1).tNs, TimeNs(0));
        QCOMPARE(r->indexAtTime(kT0), int64_t(-1));
        QVERIFY(contains(errorOf([&] { r->frameAtTime(kT0); }), "no frame times"));
        QVERIFY(contains(errorOf([&] { r->frame(kFrames); }), "frame 20 does not exist"));
        QVERIFY(contains(errorOf([&] { r->frame(-1); }), "frame -1 does not exist"));
    }

    void metresUseTheScale() {
        auto r = DepthReader::openPngSequence(toPath(pngDir_), {}, 0.00025);
        DepthFrame f = r->frame(2);
        QCOMPARE(f.scaleM, 0.00025);
        for (int y = 0; y < kH; y += 7)
            for (int x = 0; x < kW; x += 5) {
                const uint16_t v = pattern(2, x, y);
                QCOMPARE(f.metres(x, y), float(v * 0.00025));
            }
        // An invalid pixel (raw 0) is 0 m, and so is anything outside the image.
        QCOMPARE(pattern(2, 15, 0), uint16_t(0));
        QCOMPARE(f.metres(15, 0), 0.0f);
        QCOMPARE(f.metres(-1, 0), 0.0f);
        QCOMPARE(f.metres(kW, 0), 0.0f);
        QCOMPARE(f.metres(0, kH), 0.0f);
        QVERIFY(f.metres(1, 0) > 0.0f);
        QVERIFY(errorOf([&] { DepthReader::openPngSequence(toPath(pngDir_), {}, 0.0); }) != "");
    }

    void timeLookupAtTheEdges() {
        auto r = DepthReader::openPngSequence(toPath(pngDir_), frameTimes(kFrames), 0.001);
        QCOMPARE(r->indexAtTime(kT0 - 1), int64_t(0)); // before the first frame
        QCOMPARE(r->indexAtTime(std::numeric_limits<TimeNs>::min()), int64_t(0));
        QCOMPARE(r->indexAtTime(kT0), int64_t(0));           // exactly the first
        QCOMPARE(r->indexAtTime(kT0 + kDt - 1), int64_t(0)); // just before the second
        QCOMPARE(r->indexAtTime(kT0 + kDt), int64_t(1));     // exactly the second
        QCOMPARE(r->indexAtTime(kT0 + 5 * kDt + 1), int64_t(5));
        const TimeNs last = kT0 + (kFrames - 1) * kDt;
        QCOMPARE(r->indexAtTime(last - 1), int64_t(kFrames - 2));
        QCOMPARE(r->indexAtTime(last), int64_t(kFrames - 1));
        QCOMPARE(r->indexAtTime(last + 10 * kDt), int64_t(kFrames - 1)); // after the end
        DepthFrame f = r->frameAtTime(kT0 + 7 * kDt + kDt / 2);
        QCOMPARE(f.index, int64_t(7));
        QCOMPARE(f.tNs, kT0 + 7 * kDt);
        QCOMPARE(mismatches(f, 7), 0);
        // Frame times that go back are refused when opening, naming the frame.
        auto bad = frameTimes(kFrames);
        std::swap(bad[4], bad[5]);
        QVERIFY(
            contains(errorOf([&] { DepthReader::openPngSequence(toPath(pngDir_), bad, 0.001); }),
                     "frame 5"));
    }

    void ffv1IntraReadsBackExactly() {
        auto r = DepthReader::openVideo(toPath(path("g1.mkv")), frameTimes(kFrames), 0.001);
        QVERIFY(r->problem().empty());
        auto* v = dynamic_cast<VideoDepthReader*>(r.get());
        QVERIFY(v);
        QCOMPARE(v->keyframeCount(), int64_t(kFrames));
        checkAllOrders(*r);
        QCOMPARE(r->frameAtTime(kT0 + 11 * kDt).index, int64_t(11));
    }

    void ffv1WithGopReadsBackExactly() {
        auto r = DepthReader::openVideo(toPath(path("g10.mkv")), {}, 0.001);
        auto* v = dynamic_cast<VideoDepthReader*>(r.get());
        QVERIFY(v);
        // FFV1 carries its context state across a GOP: frames 1-9 need frame 0 decoded first.
        QCOMPARE(v->keyframeCount(), int64_t(2));
        checkAllOrders(*r);
        // Frame 15 alone must come from keyframe 10 decoded forward, not from a guess.
        auto fresh = DepthReader::openVideo(toPath(path("g10.mkv")), {}, 0.001);
        QCOMPARE(mismatches(fresh->frame(15), 15), 0);
        QCOMPARE(mismatches(fresh->frame(4), 4), 0);
    }

    void sequentialReadingDoesNotSeek() {
        auto r = DepthReader::openVideo(toPath(path("g10.mkv")), {}, 0.001);
        auto* v = dynamic_cast<VideoDepthReader*>(r.get());
        DepthFrame f;
        for (int i = 0; i < kFrames; ++i) {
            r->frame(i, f);
            QCOMPARE(mismatches(f, i), 0);
        }
        QCOMPARE(v->seekCount(), int64_t(1)); // only the first read positions the file
        r->frame(12, f);                      // behind us: one seek to keyframe 10
        QCOMPARE(v->seekCount(), int64_t(2));
        r->frame(13, f);
        r->frame(16, f); // ahead in the same GOP: decode on
        QCOMPARE(v->seekCount(), int64_t(2));
        QCOMPARE(mismatches(f, 16), 0);
    }

    void gray16beIsConverted() {
        // FFmpeg's PNG codec decodes 16-bit grey as big-endian gray16be.
        const QString out = path("png16.mkv");
        encode(out, {"-c:v", "png", "-pix_fmt", "gray16be"});
        QString probe;
        ts::test::runProgram("ffprobe", {"-v", "error", "-show_entries", "stream=pix_fmt", out},
                             &probe);
        QVERIFY2(probe.contains("gray16be"), qPrintable(probe));
        auto r = DepthReader::openVideo(toPath(out), {}, 0.001);
        checkAllOrders(*r);
    }

    void otherContainersReadBackExactly_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("ffv1 gop 10 in avi") << "g10.avi" << QStringList{"-c:v", "ffv1", "-g", "10"};
        QTest::newRow("ffv1 gop 10 in mov") << "g10.mov" << QStringList{"-c:v", "ffv1", "-g", "10"};
        QTest::newRow("raw gray16be in nut")
            << "raw.nut" << QStringList{"-c:v", "rawvideo", "-pix_fmt", "gray16be"};
    }

    void otherContainersReadBackExactly() {
        QFETCH(QString, file);
        QFETCH(QStringList, args);
        encode(path(file), args);
        auto r = DepthReader::openVideo(toPath(path(file)), frameTimes(kFrames), 0.001);
        QVERIFY2(r->problem().empty(), r->problem().c_str());
        checkAllOrders(*r);
    }

    void eightBitVideoIsRefused() {
        const QString out = path("gray8.mkv");
        encode(out, {"-c:v", "ffv1", "-pix_fmt", "gray"});
        const std::string e = errorOf([&] { DepthReader::openVideo(toPath(out), {}, 0.001); });
        QVERIFY2(contains(e, "gray8.mkv") && contains(e, "8-bit") && contains(e, "16-bit"),
                 e.c_str());
    }

    void videoFrameCountMustMatchTimes() {
        const std::string e =
            errorOf([&] { DepthReader::openVideo(toPath(path("g1.mkv")), frameTimes(15), 0.001); });
        QVERIFY2(contains(e, "20 frames") && contains(e, "15 frame times"), e.c_str());
    }

    void truncatedVideoNamesFileAndFrame() {
        QFile in(path("g10.mkv"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray all = in.readAll();
        const QString cut = path("cut.mkv");
        {
            QFile out(cut);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(all.left(all.size() * 6 / 10)); // cut inside a frame of the second GOP
        }
        // With the timestamp list the reader knows 20 frames were recorded.
        auto r = DepthReader::openVideo(toPath(cut), frameTimes(kFrames), 0.001);
        QVERIFY2(!r->problem().empty(), "a cut file must say so");
        int64_t readable = 0;
        std::string firstError;
        for (int i = 0; i < kFrames; ++i) {
            const std::string e = errorOf([&] {
                QCOMPARE(mismatches(r->frame(i), i), 0);
                ++readable;
            });
            if (!e.empty() && firstError.empty()) {
                firstError = e;
                QVERIFY2(contains(e, "cut.mkv") && contains(e, "frame " + std::to_string(i)),
                         e.c_str());
            }
        }
        QVERIFY2(readable > 5 && readable < kFrames, qPrintable(QString::number(readable)));
        QVERIFY2(contains(firstError, "cut short"), firstError.c_str());
        // Without it the reader offers the complete frames and says why the rest is missing.
        auto plain = DepthReader::openVideo(toPath(cut), {}, 0.001);
        QCOMPARE(plain->frameCount(), readable);
        const std::string past = errorOf([&] { plain->frame(readable); });
        QVERIFY2(contains(past, "cut.mkv") && contains(past, "frame " + std::to_string(readable)) &&
                     contains(past, "cut short"),
                 past.c_str());
        // A file cut inside its header cannot be opened at all, and says so.
        {
            QFile out(cut);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(all.left(100));
        }
        const std::string head = errorOf([&] { DepthReader::openVideo(toPath(cut), {}, 0.001); });
        QVERIFY2(contains(head, "cut.mkv"), head.c_str());
        const std::string none =
            errorOf([&] { DepthReader::openVideo(toPath(path("nope.mkv")), {}, 0.001); });
        QVERIFY2(contains(none, "nope.mkv") && contains(none, "does not exist"), none.c_str());
    }

    void missingAndWrongPngsNameFileAndFrame() {
        const QString dir = path("broken");
        QVERIFY(QDir().mkpath(dir));
        for (int i = 0; i < 6; ++i)
            QVERIFY(QFile::copy(pngDir_ + QString("/%1.png").arg(i, 6, 10, QChar('0')),
                                dir + QString("/%1.png").arg(i, 6, 10, QChar('0'))));
        QVERIFY(QFile::remove(dir + "/000002.png"));
        QImage eight(kW, kH, QImage::Format_Grayscale8);
        eight.fill(100);
        QVERIFY(QFile::remove(dir + "/000003.png"));
        QVERIFY(eight.save(dir + "/000003.png", "PNG"));
        QImage small(kW / 2, kH, QImage::Format_Grayscale16);
        small.fill(Qt::black);
        QVERIFY(QFile::remove(dir + "/000004.png"));
        QVERIFY(small.save(dir + "/000004.png", "PNG"));
        QFile five(dir + "/000005.png");
        QVERIFY(five.open(QIODevice::ReadWrite));
        QVERIFY(five.resize(five.size() / 2)); // cut off
        five.close();

        auto r = DepthReader::openPngSequence(toPath(dir), frameTimes(6), 0.001);
        QCOMPARE(mismatches(r->frame(1), 1), 0);
        auto check = [&](int frame, const std::string& what) {
            try {
                r->frame(frame);
                QFAIL("no error");
            } catch (const Error& e) {
                const std::string msg = e.what();
                QVERIFY2(contains(e.file(),
                                  QString("%1.png").arg(frame, 6, 10, QChar('0')).toStdString()),
                         msg.c_str());
                QVERIFY2(contains(msg, "frame " + std::to_string(frame)), msg.c_str());
                QVERIFY2(contains(msg, what), msg.c_str());
            }
        };
        check(2, "missing");
        check(3, "8-bit");
        check(4, "32×48");
        check(5, "truncated");
        QCOMPARE(mismatches(r->frame(0), 0), 0); // the reader stays usable after errors
        // Frame 0 fixes the size: without it nothing can be opened.
        QVERIFY(QFile::remove(dir + "/000000.png"));
        QVERIFY(contains(errorOf([&] { DepthReader::openPngSequence(toPath(dir), {}, 0.001); }),
                         "frame 0 is missing"));
        QVERIFY(contains(
            errorOf([&] { DepthReader::openPngSequence(toPath(path("none")), {}, 0.001); }),
            "does not exist"));
    }

    void syntheticBundleDepthStream() {
        const fs::path dir = toPath(path("synth"));
        ts::core::synth::SynthOptions o;
        o.seconds = 1;
        o.width = 160;
        o.height = 120;
        o.seed = 3;
        o.taskSeconds = 2;
        ts::core::synth::generateEpisode(dir, o);
        ts::core::BundleReadOptions ro;
        ro.hashMedia = false;
        ro.checkVideoFrames = false;
        const ts::core::Bundle b = ts::core::readBundle(dir, ro);
        QVERIFY(b.ok());
        const auto& times = b.frames.at("depth").tNs;
        QVERIFY(times.size() >= 10);

        auto r = DepthReader::openFromBundle(b, "depth");
        QCOMPARE(r->frameCount(), int64_t(times.size()));
        QCOMPARE(r->scaleM(), b.calibration.depthScaleM.value());
        QCOMPARE(r->width(), b.calibration.cameras.at("depth").width);
        int64_t valid = 0;
        for (int64_t i = int64_t(times.size()) - 1; i >= 0; --i) {
            DepthFrame f = r->frame(i);
            QCOMPARE(f.tNs, times[size_t(i)]);
            // Qt's PNG decoder is the independent reference for the same file.
            QImage ref(QString::fromStdString(
                (dir / "depth" / QString("%1.png").arg(i, 6, 10, QChar('0')).toStdString())
                    .string()));
            QCOMPARE(ref.format(), QImage::Format_Grayscale16);
            QCOMPARE(ref.width(), f.width);
            for (int y = 0; y < f.height; ++y) {
                const auto* row = reinterpret_cast<const quint16*>(ref.constScanLine(y));
                QVERIFY(std::equal(row, row + f.width, f.raw.begin() + y * f.width));
            }
            valid += std::count_if(f.raw.begin(), f.raw.end(), [](uint16_t v) { return v != 0; });
        }
        QVERIFY(valid > 0); // the scene is in view: not an all-invalid stream
        QCOMPARE(r->frameAtTime(times[3]).index, int64_t(3));

        // A bundle read without samples: the reader reads depth_frames.csv itself.
        ro.keepSamples = false;
        const ts::core::Bundle lean = ts::core::readBundle(dir, ro);
        auto r2 = DepthReader::openFromBundle(lean, "depth");
        QCOMPARE(r2->frameTimes(), times);

        QVERIFY(contains(errorOf([&] { DepthReader::openFromBundle(b, "lidar"); }), "lidar"));
        QVERIFY(contains(errorOf([&] { DepthReader::openFromBundle(b, "imu"); }), "not depth"));
    }
};

QTEST_GUILESS_MAIN(TstDepthReader)
#include "tst_depthreader.moc"
