// The malformed-bundle corpus: each case breaks one thing in a valid mini bundle and checks
// that the reader names the right problem (code, file, line or frame) without crashing, and
// that the CLI's `check` exits non-zero for errors.
#include "io/bundle.h"
#include "support/minibundle.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace ts::test;

namespace {

void editManifest(const QString& dir, const std::function<void(QJsonObject&)>& fn) {
    const QString path = dir + "/episode.json";
    QJsonObject o = QJsonDocument::fromJson(readText(path).toUtf8()).object();
    fn(o);
    writeText(path, QString::fromUtf8(QJsonDocument(o).toJson()));
}

void editStream(const QString& dir, const QString& name, const QString& key, const QJsonValue& v) {
    editManifest(dir, [&](QJsonObject& o) {
        QJsonArray s = o["streams"].toArray();
        for (int i = 0; i < s.size(); ++i) {
            QJsonObject x = s[i].toObject();
            if (x["name"].toString() == name) {
                x[key] = v;
                s[i] = x;
            }
        }
        o["streams"] = s;
    });
}

struct Fault {
    const char* name;
    std::function<void(const QString&)> apply;
    const char* code;
    const char* file; // expected file of the finding ("" = any)
    int line;         // expected line (-2 = any)
    int frame;        // expected frame (-2 = any)
    bool warning = false;
};

const std::vector<Fault>& faults() {
    static const std::vector<Fault> list = {
        {"no manifest", [](const QString& d) { QFile::remove(d + "/episode.json"); },
         "manifest.missing", "episode.json", -2, -2},
        {"manifest not JSON",
         [](const QString& d) {
             writeText(d + "/episode.json", "{\n  \"format\": \"x\",\n  oops\n}");
         },
         "manifest.json", "episode.json", 3, -2},
        {"unknown format version",
         [](const QString& d) {
             editManifest(d, [](QJsonObject& o) { o["format"] = "touchstone-episode/2"; });
         },
         "manifest.version", "episode.json", -2, -2},
        {"missing participant",
         [](const QString& d) { editManifest(d, [](QJsonObject& o) { o.remove("participant"); }); },
         "manifest.field", "episode.json", -2, -2},
        {"undeclared clock", [](const QString& d) { editStream(d, "imu", "clock", "gyro-clock"); },
         "manifest.clock", "episode.json", -2, -2},
        {"no timeline clock",
         [](const QString& d) {
             editManifest(d, [](QJsonObject& o) {
                 QJsonArray c = o["clocks"].toArray();
                 QJsonObject first = c[0].toObject();
                 first.remove("timeline");
                 c[0] = first;
                 o["clocks"] = c;
             });
         },
         "manifest.clock", "episode.json", -2, -2},
        {"duplicate stream name", [](const QString& d) { editStream(d, "pose", "name", "imu"); },
         "manifest.duplicate_stream", "episode.json", -2, -2},
        {"path with ..", [](const QString& d) { editStream(d, "imu", "path", "../imu.csv"); },
         "path.escapes_bundle", "../imu.csv", -2, -2},
        {"absolute path", [](const QString& d) { editStream(d, "imu", "path", "/etc/passwd"); },
         "path.escapes_bundle", "/etc/passwd", -2, -2},
        {"symlink out of the bundle",
         [](const QString& d) {
             QFile::remove(d + "/pose.csv");
             QFile::link("/etc/hostname", d + "/pose.csv");
         },
         "path.escapes_bundle", "pose.csv", -2, -2},
        {"missing stream file", [](const QString& d) { QFile::remove(d + "/force.csv"); },
         "file.missing", "force.csv", -2, -2},
        {"unreadable stream file",
         [](const QString& d) {
             QFile::remove(d + "/imu.csv");
             QDir(d).mkdir("imu.csv"); // a folder where a file should be: unreadable even as root
         },
         "file.unreadable", "imu.csv", -2, -2},
        {"wrong header", [](const QString& d) { replaceLine(d + "/imu.csv", 1, "t_ns,ax,ay,az"); },
         "csv.header", "imu.csv", 1, -2},
        {"wrong column count",
         [](const QString& d) { replaceLine(d + "/imu.csv", 7, "5005000000,0.01,-9.81,0.2,0.1"); },
         "csv.column_count", "imu.csv", 7, -2},
        {"non-numeric value",
         [](const QString& d) {
             replaceLine(d + "/pose.csv", 4, "5020000000,abc,0.1,0.45,0,0,0,1");
         },
         "csv.number", "pose.csv", 4, -2},
        {"NaN value",
         [](const QString& d) {
             replaceLine(d + "/imu.csv", 10, "5008000000,nan,-9.81,0.2,0.1,0,0");
         },
         "csv.not_finite", "imu.csv", 10, -2},
        {"inf value",
         [](const QString& d) { replaceLine(d + "/force.csv", 12, "5010000000,inf,0"); },
         "csv.not_finite", "force.csv", 12, -2},
        {"fractional timestamp",
         [](const QString& d) { replaceLine(d + "/force.csv", 3, "5.000001e9,0,0"); }, "csv.number",
         "force.csv", 3, -2},
        {"duplicate timestamp",
         [](const QString& d) {
             replaceLine(d + "/imu.csv", 6, "5003000000,0.01,-9.81,0.2,0.1,0,0");
         },
         "timestamps.duplicate", "imu.csv", 6, -2},
        {"timestamp going back",
         [](const QString& d) {
             replaceLine(d + "/pose.csv", 9, "5001000000,0.007,0.1,0.45,0,0,0,1");
         },
         "timestamps.non_monotonic", "pose.csv", 9, -2},
        {"quaternion not unit",
         [](const QString& d) {
             replaceLine(d + "/pose.csv", 5, "5030000000,0.003,0.1,0.45,0.5,0.5,0.5,1.5");
         },
         "range.quaternion", "pose.csv", 5, -2},
        {"force out of range",
         [](const QString& d) { replaceLine(d + "/force.csv", 150, "5148000000,5000,2"); },
         "range.force", "force.csv", 150, -2},
        {"imu in wrong units",
         [](const QString& d) {
             replaceLine(d + "/imu.csv", 20, "5018000000,10,-9810,200,0.1,0,0");
         },
         "range.imu", "imu.csv", 20, -2},
        {"hand joints in millimetres",
         [](const QString& d) {
             QString row = "5000000000,left,0.9";
             for (int j = 0; j < 21; ++j)
                 row += ",100,100,350";
             replaceLine(d + "/hands.csv", 2, row);
         },
         "range.hand_joint", "hands.csv", 2, -2},
        {"confidence out of range",
         [](const QString& d) {
             QStringList l = readText(d + "/hands.csv").split('\n');
             l[2].replace(",right,0.9,", ",right,1.5,");
             writeText(d + "/hands.csv", l.join('\n'));
         },
         "range.confidence", "hands.csv", 3, -2},
        {"unknown hand",
         [](const QString& d) {
             QStringList l = readText(d + "/hands.csv").split('\n');
             l[2].replace(",right,", ",middle,");
             writeText(d + "/hands.csv", l.join('\n'));
         },
         "range.hand", "hands.csv", 3, -2},
        {"empty line inside data", [](const QString& d) { replaceLine(d + "/imu.csv", 30, ""); },
         "csv.empty_line", "imu.csv", 30, -2},
        {"header only",
         [](const QString& d) { writeText(d + "/force.csv", "t_ns,right_index,right_thumb\n"); },
         "csv.empty", "force.csv", -2, -2},
        {"frame index skips",
         [](const QString& d) { replaceLine(d + "/rgb_frames.csv", 4, "5,5300000000"); },
         "csv.frame_index", "rgb_frames.csv", 4, -2},
        {"depth scale implausible",
         [](const QString& d) {
             QString c = readText(d + "/calibration.json");
             c.replace("\"depth_scale_m\": 0.001", "\"depth_scale_m\": 5");
             writeText(d + "/calibration.json", c);
         },
         "calibration.depth_scale", "calibration.json", -2, -2},
        {"bad intrinsics",
         [](const QString& d) {
             QString c = readText(d + "/calibration.json");
             c.replace("\"fx\": 50", "\"fx\": -50");
             writeText(d + "/calibration.json", c);
         },
         "calibration.intrinsics", "calibration.json", -2, -2},
        {"depth without calibration",
         [](const QString& d) { editManifest(d, [](QJsonObject& o) { o.remove("calibration"); }); },
         "manifest.field", "episode.json", -2, -2},
        {"depth frame missing", [](const QString& d) { QFile::remove(d + "/depth/000001.png"); },
         "depth.frame_missing", "depth/000001.png", -2, 1},
        {"depth frame 8-bit",
         [](const QString& d) {
             QImage img(8, 6, QImage::Format_Grayscale8);
             img.fill(3);
             QFile::remove(d + "/depth/000002.png");
             img.save(d + "/depth/000002.png");
         },
         "depth.format", "depth/000002.png", -2, 2},
        {"depth frame truncated",
         [](const QString& d) {
             QFile f(d + "/depth/000000.png");
             f.open(QIODevice::ReadWrite);
             f.resize(f.size() - 20);
         },
         "depth.format", "depth/000000.png", -2, 0},
        {"video not a video",
         [](const QString& d) { writeText(d + "/rgb.mp4", "this is not an mp4 file at all"); },
         "video.open", "rgb.mp4", -2, -2},
        {"video truncated",
         [](const QString& d) {
             QFile f(d + "/rgb.mp4");
             f.open(QIODevice::ReadWrite);
             f.resize(f.size() / 2);
         },
         "", "rgb.mp4", -2, -2}, // either video.open (index lost) or video.truncated
        {"video has fewer frames than listed",
         [](const QString& d) {
             QString csv = readText(d + "/rgb_frames.csv");
             csv += "10,6000000000\n11,6100000000\n";
             writeText(d + "/rgb_frames.csv", csv);
         },
         "video.frame_count", "rgb.mp4", -2, -2},
        {"gap in imu (warning)",
         [](const QString& d) {
             QStringList l = readText(d + "/imu.csv").split('\n');
             l.erase(l.begin() + 50, l.begin() + 60);
             writeText(d + "/imu.csv", l.join('\n'));
         },
         "timestamps.gap", "imu.csv", 51, -2, true},
        {"jittery force (warning)",
         [](const QString& d) {
             QString f = "t_ns,right_index,right_thumb\n";
             for (int i = 0; i < 200; ++i)
                 f +=
                     QString("%1,1,1\n").arg(5'000'000'000LL + i * 1'000'000LL + (i % 2) * 400'000);
             writeText(d + "/force.csv", f);
         },
         "timestamps.irregular", "force.csv", -2, -2, true},
    };
    return list;
}

} // namespace

class TstBundleValidation : public QObject {
    Q_OBJECT
private slots:
    void validBundleReadsClean() {
        QTemporaryDir tmp;
        QString why;
        QVERIFY2(writeMiniBundle(tmp.path(), {}, &why), qPrintable(why));
        auto b = ts::core::readBundle(tmp.path().toStdString());
        for (const auto& d : b.diagnostics.all())
            qWarning("%s", d.toString().c_str());
        QVERIFY(b.ok());
        QCOMPARE(b.diagnostics.all().size(), size_t(0));
        QCOMPARE(b.manifest.id, std::string("mini-001"));
        QCOMPARE(b.stats.size(), size_t(6));
        const auto* imu = b.statsFor("imu");
        QVERIFY(imu);
        QCOMPARE(imu->count, int64_t(200));
        QCOMPARE(imu->firstNs, int64_t(5'000'000'000));
        QCOMPARE(imu->lastNs, int64_t(5'199'000'000));
        QCOMPARE(imu->rateHz, 1000.0);
        const auto* rgb = b.statsFor("rgb");
        QVERIFY(rgb);
        QCOMPARE(rgb->count, int64_t(10));
        QCOMPARE(rgb->width, 64);
        QCOMPARE(rgb->codec, std::string("h264"));
        QCOMPARE(b.statsFor("depth")->width, 8);
        QCOMPARE(b.statsFor("hands")->count, int64_t(12));
        QCOMPARE(b.statsFor("force")->channels.size(), size_t(2));
        // manifest, calibration, rgb + csv, depth csv + 3 frames, imu, pose, hands, force
        QCOMPARE(b.media.size(), size_t(12));
        for (const auto& m : b.media)
            QCOMPARE(m.sha256.size(), size_t(64));
        QCOMPARE(b.imu.at("imu").size(), size_t(200));
        QCOMPARE(b.hands.at("hands")[1].hand, ts::core::Hand::Right);
    }

    void subsetOfStreamsIsValid() {
        QTemporaryDir tmp;
        ts::test::MiniBundleOptions o;
        o.video = false;
        o.depth = false;
        QVERIFY(writeMiniBundle(tmp.path(), o));
        auto b = ts::core::readBundle(tmp.path().toStdString());
        QVERIFY(b.ok());
        QCOMPARE(b.stats.size(), size_t(4));
    }

    // Sync reads the depth frames itself: with checkDepthFrames off only the first frame is
    // read (the stream's size), so a damaged later frame is not reported at read time, and
    // the frame times are all there.
    void depthFramesLeftToTheirReader() {
        QTemporaryDir tmp;
        QVERIFY(writeMiniBundle(tmp.path()));
        QImage img(8, 6, QImage::Format_Grayscale8);
        img.fill(3);
        QFile::remove(tmp.filePath("depth/000002.png"));
        QVERIFY(img.save(tmp.filePath("depth/000002.png")));
        ts::core::BundleReadOptions o;
        QVERIFY(ts::core::readBundle(tmp.path().toStdString(), o).diagnostics.contains("depth.format"));
        o.checkDepthFrames = false;
        auto b = ts::core::readBundle(tmp.path().toStdString(), o);
        QVERIFY(!b.diagnostics.contains("depth.format"));
        QVERIFY(b.ok());
        QCOMPARE(b.statsFor("depth")->width, 8);
        QCOMPARE(b.frames.at("depth").tNs.size(), size_t(3));
    }

    // The video pass of sync starts on the media alone: with sampleStreams off the IMU, pose,
    // hands and force CSVs are not read (a broken one is not even seen), the frames are.
    void mediaOnlyRead() {
        QTemporaryDir tmp;
        QVERIFY(writeMiniBundle(tmp.path()));
        writeText(tmp.filePath("imu.csv"), "t_ns,gx\nnot a number\n");
        ts::core::BundleReadOptions o;
        QVERIFY(!ts::core::readBundle(tmp.path().toStdString(), o).ok());
        o.sampleStreams = false;
        auto b = ts::core::readBundle(tmp.path().toStdString(), o);
        for (const auto& d : b.diagnostics.all())
            qWarning("%s", d.toString().c_str());
        QVERIFY(b.ok());
        QVERIFY(b.imu.empty() && b.pose.empty() && b.hands.empty() && b.force.empty());
        QCOMPARE(b.frames.at("rgb").tNs.size(), size_t(10));
        QCOMPARE(b.frames.at("depth").tNs.size(), size_t(3));
        QCOMPARE(b.stats.size(), size_t(2)); // rgb and depth
        QVERIFY(!b.calibration.cameras.empty());
    }

    void timestampsAreExact() {
        QTemporaryDir tmp;
        QVERIFY(writeMiniBundle(tmp.path()));
        // Values past 2^53 must survive: a double would round them.
        replaceLine(tmp.filePath("imu.csv"), 2, "9007199254740993,0.01,-9.81,0.2,0,0,0");
        QString t = readText(tmp.filePath("imu.csv"));
        QStringList l = t.split('\n');
        for (int i = 2; i < l.size(); ++i)
            if (!l[i].isEmpty())
                l[i] = QString::number(9007199254740993LL + (i - 1) * 1'000'000LL) +
                       l[i].mid(l[i].indexOf(','));
        writeText(tmp.filePath("imu.csv"), l.join('\n'));
        auto b = ts::core::readBundle(tmp.path().toStdString());
        QVERIFY(b.ok());
        QCOMPARE(b.imu.at("imu")[0].tNs, int64_t(9007199254740993LL));
        QCOMPARE(b.imu.at("imu")[1].tNs, int64_t(9007199254740993LL + 1'000'000));
    }

    void fault_data() {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < faults().size(); ++i)
            QTest::newRow(faults()[i].name) << int(i);
    }

    void fault() {
        QFETCH(int, index);
        const Fault& f = faults()[size_t(index)];
        QTemporaryDir tmp;
        QVERIFY(writeMiniBundle(tmp.path()));
        f.apply(tmp.path());
        auto b = ts::core::readBundle(tmp.path().toStdString());
        QString all;
        for (const auto& d : b.diagnostics.all())
            all += QString::fromStdString(d.toString()) + "\n";
        bool found = false;
        for (const auto& d : b.diagnostics.all()) {
            if (*f.code && d.code != f.code)
                continue;
            if (!*f.code && d.code.rfind("video.", 0) != 0)
                continue;
            if (*f.file && d.file != f.file)
                continue;
            if (f.line != -2 && d.line != f.line)
                continue;
            if (f.frame != -2 && d.frame != f.frame)
                continue;
            QVERIFY2(!d.message.empty(), "a finding without a sentence");
            QCOMPARE(d.severity == ts::core::Severity::Warning, f.warning);
            found = true;
        }
        QVERIFY2(found, qPrintable(QString("expected %1 in %2 line %3, got:\n%4")
                                       .arg(f.code, f.file)
                                       .arg(f.line)
                                       .arg(all)));
        QCOMPARE(b.ok(), f.warning);

        // The CLI says the same and exits non-zero for errors.
        QString out;
        int rc = runProgram(qEnvironmentVariable("TS_CLI"), {"check", tmp.path()}, &out);
        QCOMPARE(rc, f.warning ? 0 : 1);
        if (*f.code)
            QVERIFY2(out.contains(QString("[%1]").arg(f.code)), qPrintable(out));
        // A file inside the bundle is named from the bundle's folder (an absolute one as it is).
        if (*f.code && *f.file && *f.file != '/')
            QVERIFY2(out.contains(tmp.path() + "/" + f.file), qPrintable(out));
    }

    // A folder that is not there is named once, not appended to itself.
    void checkNamesAMissingFolderOnce() {
        QTemporaryDir tmp;
        const QString missing = tmp.filePath("nope");
        QString out;
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"), {"check", missing}, &out), 1);
        QVERIFY2(out.contains(missing + ": error: the bundle folder does not exist"),
                 qPrintable(out));
        QVERIFY2(!out.contains(missing + "/" + missing), qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TstBundleValidation)
#include "tst_bundlevalidation.moc"
