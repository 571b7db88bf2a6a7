// Stray Scanner import on exports the test writes from the documented layout (rgb.mp4 made by
// ffmpeg, 16-bit depth PNGs in millimetres, confidence PNGs, camera_matrix.csv, odometry.csv and
// imu.csv with times in decimal seconds), and malformed variants named by file and line.
#include "io/bundle.h"
#include "io/importers/bundleconverter.h"
#include "io/importers/sourcedetector.h"
#include "support/converterror.h"
#include "support/minibundle.h"
#include "util/error.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace ts::core;
using namespace ts::core::importers;
using namespace ts::test;
namespace fs = std::filesystem;

using tstest::convertError;

namespace {

constexpr int kFrames = 6;

// Writes a Stray Scanner export: 6 frames of 64×48 video at 10 Hz, 16×12 depth, IMU at 100 Hz.
void writeStray(const QString& dir, bool imuInG = false) {
    QDir().mkpath(dir + "/depth");
    QDir().mkpath(dir + "/confidence");
    QString out;
    const int rc = runProgram("ffmpeg",
                              {"-v", "error", "-y", "-f", "lavfi", "-i",
                               "testsrc=size=64x48:rate=10", "-frames:v", QString::number(kFrames),
                               "-c:v", "libx264", "-pix_fmt", "yuv420p", dir + "/rgb.mp4"},
                              &out);
    QVERIFY2(rc == 0, qPrintable(out));
    writeText(dir + "/camera_matrix.csv", "50.0,0.0,31.5\n0.0,52.0,23.5\n0.0,0.0,1.0\n");
    // Stray writes ", " between fields; the times are ARKit seconds since boot.
    QString odo = "timestamp, frame, x, y, z, qx, qy, qz, qw\n";
    for (int i = 0; i < kFrames; ++i)
        odo += QString("%1, %2, %3, 0.25, -1.5, 0.0, 0.0, 0.0, 1.0\n")
                   .arg(QString("8123.4567%1").arg(i * 11 + 10)) // 8123.456710, …721, …732
                   .arg(QString("%1").arg(i, 6, 10, QChar('0')))
                   .arg(0.01 * i);
    writeText(dir + "/odometry.csv", odo);
    for (int i = 0; i < kFrames; ++i) {
        QImage d(16, 12, QImage::Format_Grayscale16);
        for (int y = 0; y < 12; ++y)
            for (int x = 0; x < 16; ++x)
                reinterpret_cast<quint16*>(d.scanLine(y))[x] = quint16(1000 + 100 * i + x + y);
        QVERIFY(d.save(QString("%1/depth/%2.png").arg(dir).arg(i, 6, 10, QChar('0'))));
        QImage c(16, 12, QImage::Format_Grayscale8);
        c.fill(2);
        QVERIFY(c.save(QString("%1/confidence/%2.png").arg(dir).arg(i, 6, 10, QChar('0'))));
    }
    QString imu = "timestamp, a_x, a_y, a_z, alpha_x, alpha_y, alpha_z\n";
    const double g = imuInG ? 1.0 : 9.81;
    for (int i = 0; i < 60; ++i)
        imu += QString("%1, 0.01, %2, 0.02, 0.1, -0.2, 0.3\n")
                   .arg(8123.45 + 0.01 * i, 0, 'f', 2)
                   .arg(-g);
    writeText(dir + "/imu.csv", imu);
}

} // namespace

class TestImporterStray : public QObject {
    Q_OBJECT
private slots:
    void convertsAnExport();
    void imuInG();
    void detectionSaysWhatIsMissing();
    void malformed_data();
    void malformed();
};

void TestImporterStray::convertsAnExport() {
    QTemporaryDir tmp;
    const QString src = tmp.path() + "/71de12f9";
    writeStray(src);
    const auto s = inspectSource(src.toStdString());
    QCOMPARE(int(s.format), int(SourceFormat::Stray));
    QVERIFY(s.complete);
    const fs::path out = tmp.path().toStdString() + "/bundle";
    const auto r = convertToBundle(src.toStdString(), out, std::nullopt, {});
    QCOMPARE(r.id, std::string("71de12f9"));
    QCOMPARE(r.counts.at("rgb"), int64_t(kFrames));
    QCOMPARE(r.counts.at("depth"), int64_t(kFrames));
    QCOMPARE(r.counts.at("depth_confidence"), int64_t(kFrames));
    QCOMPARE(r.counts.at("imu"), int64_t(60));
    QVERIFY(r.notes.all().empty());

    const Bundle b = readBundle(out);
    for (const auto& d : b.diagnostics.all())
        qInfo("%s", d.toString().c_str());
    QVERIFY(b.ok());
    // Decimal seconds become nanoseconds exactly: 8123.456710 s, 8123.456721 s, …
    const auto& rgb = b.frames.at("rgb");
    QCOMPARE(rgb.tNs[0], int64_t(8123456710000));
    QCOMPARE(rgb.tNs[1], int64_t(8123456721000));
    QCOMPARE(rgb.tNs[5], int64_t(8123456765000));
    QCOMPARE(b.frames.at("depth").tNs, rgb.tNs);
    QCOMPARE(b.imu.at("imu")[3].tNs, int64_t(8123480000000));
    QCOMPARE(b.imu.at("imu")[0].accel[1], -9.81);
    QCOMPARE(b.imu.at("imu")[0].gyro[2], 0.3);
    const auto& pose = b.pose.at("pose");
    QCOMPARE(int(pose.size()), kFrames);
    QCOMPARE(pose[2].t[0], 0.02);
    QCOMPARE(pose[2].t[2], -1.5);
    // Intrinsics: RGB as given, depth scaled to 16×12 (a quarter) with pixel centres kept.
    const auto& cam = b.calibration.cameras.at("rgb");
    QCOMPARE(cam.width, 64);
    QCOMPARE(cam.fx, 50.0);
    QCOMPARE(cam.cy, 23.5);
    const auto& depth = b.calibration.cameras.at("depth");
    QCOMPARE(depth.width, 16);
    QCOMPARE(depth.height, 12);
    QCOMPARE(depth.fx, 12.5);
    QCOMPARE(depth.fy, 13.0);
    QCOMPARE(depth.cx, 7.5);
    QCOMPARE(depth.cy, 5.5);
    QCOMPARE(*b.calibration.depthScaleM, 0.001);
    // ARKit camera (y up, z back) → OpenCV camera: half a turn about x.
    QCOMPARE(b.calibration.extrinsics.at("device_from_rgb").q[0], 1.0);
    // Depth values arrive unchanged (millimetres).
    QImage d(QString::fromStdString((out / "depth/000003.png").string()));
    QCOMPARE(d.format(), QImage::Format_Grayscale16);
    QCOMPARE(reinterpret_cast<const quint16*>(d.constScanLine(2))[5], quint16(1000 + 300 + 5 + 2));
}

void TestImporterStray::imuInG() {
    QTemporaryDir tmp;
    const QString src = tmp.path() + "/scan";
    writeStray(src, true);
    const fs::path out = tmp.path().toStdString() + "/bundle";
    const auto r = convertToBundle(src.toStdString(), out, SourceFormat::Stray, {});
    QVERIFY(r.notes.contains("import.imu_units"));
    const Bundle b = readBundle(out);
    QVERIFY(b.ok());
    QCOMPARE(b.imu.at("imu")[0].accel[1], -9.80665);
}

void TestImporterStray::detectionSaysWhatIsMissing() {
    QTemporaryDir tmp;
    const QString src = tmp.path() + "/scan";
    writeStray(src);
    QFile::remove(src + "/camera_matrix.csv");
    QFile::remove(src + "/rgb.mp4");
    const auto s = inspectSource(src.toStdString());
    QCOMPARE(int(s.format), int(SourceFormat::Stray));
    QVERIFY(!s.complete);
    const QString msg = QString::fromStdString(s.message);
    QVERIFY2(msg.contains("not a complete stray source") && msg.contains("found odometry.csv") &&
                 msg.contains("missing rgb.mp4 and camera_matrix.csv"),
             qPrintable(msg));
    QVERIFY(convertError(src, tmp.path() + "/b").contains("missing rgb.mp4"));

    // A folder of something else entirely.
    QDir().mkpath(tmp.path() + "/other/photos");
    writeText(tmp.path() + "/other/notes.txt", "x");
    const auto u = inspectSource((tmp.path() + "/other").toStdString());
    QCOMPARE(int(u.format), int(SourceFormat::Unknown));
    const QString m = QString::fromStdString(u.message);
    QVERIFY2(m.contains("not a recognised capture (found notes.txt and photos/)") &&
                 m.contains("episode.json") && m.contains("odometry.csv") && m.contains(".hdf5"),
             qPrintable(m));
}

void TestImporterStray::malformed_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("content"); // the file's new text; "" deletes it
    QTest::addColumn<QString>("expected");
    QTest::newRow("odometry truncated")
        << "odometry.csv"
        << "timestamp, frame, x, y, z, qx, qy, qz, qw\n8123.45671, 000000, 0, 0, 0, 0, 0, 0, 1\n"
           "8123.45672, 000001, 0, 0"
        << "odometry.csv:3: the row has 4 fields but the header has 9 (the file is truncated)";
    QTest::newRow("odometry missing column") << "odometry.csv"
                                             << "timestamp, frame, x, y, z, qx, qy, qz\n"
                                             << "odometry.csv:1: the header has no column 'qw'";
    QTest::newRow("odometry frame count")
        << "odometry.csv"
        << "timestamp, frame, x, y, z, qx, qy, qz, qw\n8123.45671, 000000, 0, 0, 0, 0, 0, 0, 1\n"
        << "rgb.mp4: the video has 6 frames but odometry.csv lists 1";
    QTest::newRow("odometry time as text")
        << "odometry.csv"
        << "timestamp, frame, x, y, z, qx, qy, qz, qw\n8123.4.5, 000000, 0, 0, 0, 0, 0, 0, 1\n"
        << "odometry.csv:2: column 'timestamp': '8123.4.5' is not a time in decimal seconds";
    QTest::newRow("imu nan") << "imu.csv"
                             << "timestamp, a_x, a_y, a_z, alpha_x, alpha_y, alpha_z\n"
                                "8123.45, 0, -9.8, 0, 0, 0, 0\n8123.46, 0, nan, 0, 0, 0, 0\n"
                             << "imu.csv:3: column 'a_y': 'nan' is not a finite number";
    QTest::newRow("camera matrix short") << "camera_matrix.csv"
                                         << "50,0,31.5\n0,52,23.5\n"
                                         << "camera_matrix.csv:3: a camera matrix has 3 rows";
    QTest::newRow("camera matrix for another size")
        << "camera_matrix.csv"
        << "1400,0,959.5\n0,1400,719.5\n0,0,1\n"
        << "camera_matrix.csv: the principal point (959.500000, 719.500000) lies outside the 64×48 "
           "video";
}

void TestImporterStray::malformed() {
    QFETCH(QString, file);
    QFETCH(QString, content);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    const QString src = tmp.path() + "/scan";
    writeStray(src);
    writeText(src + "/" + file, content);
    const QString err = convertError(src, tmp.path() + "/bundle");
    QVERIFY2(err.contains(expected), qPrintable("got: " + err));
    QVERIFY(!QDir(tmp.path() + "/bundle").exists());
}

QTEST_GUILESS_MAIN(TestImporterStray)
#include "tst_importer_stray.moc"
