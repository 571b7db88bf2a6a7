// Project Aria MPS import: the landmark table, golden figures of the real sample
// (TS_SHARED_DATA/aria-mps-sample, Apache-2.0), hand anatomy after mapping, the column set with
// normals, the point cloud, and malformed files named by file and line.
#include "io/bundle.h"
#include "io/importers/arialandmarks.h"
#include "io/importers/bundleconverter.h"
#include "io/importers/sourcedetector.h"
#include "support/converterror.h"
#include "support/minibundle.h"
#include "util/error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <set>

using namespace ts::core;
using namespace ts::core::importers;
using namespace ts::test;
namespace fs = std::filesystem;

using tstest::convertError;

namespace {

QString sampleDir() {
    return qEnvironmentVariable("TS_SHARED_DATA") + "/aria-mps-sample";
}

double dist(const Vec3& a, const Vec3& b) {
    return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                     (a[2] - b[2]) * (a[2] - b[2]));
}

// A copy of the sample that a test may break.
QString copySample(const QTemporaryDir& tmp) {
    const QString dst = tmp.path() + "/src";
    for (const QString sub : {"trajectory", "hand_tracking"}) {
        QDir().mkpath(dst + "/" + sub);
        for (const QString& f : QDir(sampleDir() + "/" + sub).entryList(QDir::Files))
            QFile::copy(sampleDir() + "/" + sub + "/" + f, dst + "/" + sub + "/" + f);
    }
    return dst;
}

// Converts and returns the error text ("" when it worked).
} // namespace

class TestImporterAria : public QObject {
    Q_OBJECT
private slots:
    void landmarkTableIsAPermutation();
    void landmarkMappingMovesEachJoint();
    void detectsTheSample();
    void goldenSample();
    void anatomyAfterMapping();
    void columnSetWithNormals();
    void pointCloudFromGzip();
    void openLoopAndVideo();
    void attachmentsAreChecked();
    void malformed_data();
    void malformed();
};

void TestImporterAria::landmarkTableIsAPermutation() {
    // Every Aria landmark but the palm centre is used exactly once; only the thumb CMC is derived.
    std::set<int> used;
    int derived = 0;
    for (int j = 0; j < kHandJointCount; ++j) {
        if (kAriaToCanonical[j] < 0) {
            QCOMPARE(j, int(ThumbCmc));
            ++derived;
            continue;
        }
        QVERIFY2(used.insert(kAriaToCanonical[j]).second, "an Aria landmark is used twice");
    }
    QCOMPARE(derived, 1);
    QCOMPARE(int(used.size()), 20);
    QVERIFY(!used.count(AriaPalmCenter));
    // The anatomy the docs promise: wrist from 5, tips from 0-4, MCP from the proximal joints.
    QCOMPARE(kAriaToCanonical[Wrist], 5);
    QCOMPARE(kAriaToCanonical[ThumbTip], 0);
    QCOMPARE(kAriaToCanonical[IndexTip], 1);
    QCOMPARE(kAriaToCanonical[MiddleTip], 2);
    QCOMPARE(kAriaToCanonical[RingTip], 3);
    QCOMPARE(kAriaToCanonical[PinkyTip], 4);
    QCOMPARE(kAriaToCanonical[ThumbMcp], 6);
    QCOMPARE(kAriaToCanonical[ThumbIp], 7);
    QCOMPARE(kAriaToCanonical[IndexMcp], 8);
    QCOMPARE(kAriaToCanonical[IndexDip], 10);
    QCOMPARE(kAriaToCanonical[PinkyMcp], 17);
    QCOMPARE(kAriaToCanonical[PinkyDip], 19);
}

void TestImporterAria::landmarkMappingMovesEachJoint() {
    std::array<Vec3, kAriaLandmarkCount> aria{};
    for (int i = 0; i < kAriaLandmarkCount; ++i)
        aria[i] = {double(i), 100.0 + i, -double(i)};
    const auto c = ariaToCanonical(aria);
    for (int j = 0; j < kHandJointCount; ++j) {
        if (j == ThumbCmc)
            continue;
        QCOMPARE(c[j][0], double(kAriaToCanonical[j]));
        QCOMPARE(c[j][1], 100.0 + kAriaToCanonical[j]);
    }
    // CMC halfway between the wrist (5) and the thumb MCP (6).
    QCOMPARE(c[ThumbCmc][0], 5.5);
    QCOMPARE(c[ThumbCmc][1], 105.5);
    QCOMPARE(c[ThumbCmc][2], -5.5);
}

void TestImporterAria::detectsTheSample() {
    const auto s = inspectSource(sampleDir().toStdString());
    QVERIFY2(s.complete, s.message.c_str());
    QCOMPARE(int(s.format), int(SourceFormat::AriaMps));
    QVERIFY(s.aria.closedLoop && s.aria.handResults && s.aria.wristPalm);
    QVERIFY(!s.aria.openLoop && !s.aria.points && !s.aria.video);
}

void TestImporterAria::goldenSample() {
    QTemporaryDir tmp;
    const fs::path out = tmp.path().toStdString() + "/bundle";
    const auto r = convertToBundle(sampleDir().toStdString(), out, std::nullopt, {});
    QCOMPARE(int(r.format), int(SourceFormat::AriaMps));
    QCOMPARE(r.id, std::string("aria-mps-sample"));
    // Counted independently from the files: 199 trajectory rows; 8 hand tracking rows with the
    // left hand seen 3 times and the right 3 times; 122 wrist/palm rows with the right seen 6.
    QCOMPARE(r.counts.at("pose"), int64_t(199));
    QCOMPARE(r.counts.at("hands"), int64_t(6));
    QCOMPARE(r.counts.at("wrist_and_palm"), int64_t(6));

    const Bundle b = readBundle(out);
    for (const auto& d : b.diagnostics.all())
        qInfo("%s", d.toString().c_str());
    QVERIFY(b.ok());
    const auto* pose = b.statsFor("pose");
    QVERIFY(pose);
    QCOMPARE(pose->count, int64_t(199));
    // Device microseconds become nanoseconds exactly.
    QCOMPARE(pose->firstNs, int64_t(149202610) * 1000);
    QCOMPARE(pose->lastNs, int64_t(149399055) * 1000);
    const auto* hands = b.statsFor("hands");
    QVERIFY(hands);
    QCOMPARE(hands->firstNs, int64_t(1762609162) * 1000);
    QCOMPARE(hands->lastNs, int64_t(1816600520) * 1000);
    const auto& hs = b.hands.at("hands");
    QCOMPARE(int(hs.size()), 6);
    QCOMPARE(std::count_if(hs.begin(), hs.end(),
                           [](const HandSample& h) { return h.hand == Hand::Left; }),
             3);
    // The first row: left confidence 0.999299, wrist = Aria landmark 5 of the left hand.
    QCOMPARE(hs[0].hand, Hand::Left);
    QCOMPARE(hs[0].confidence, 0.999299);
    QCOMPARE(hs[0].joints[Wrist][0], 0.187311);
    QCOMPARE(hs[0].joints[Wrist][1], -0.188174);
    QCOMPARE(hs[0].joints[Wrist][2], 0.247045);
    QCOMPARE(hs[0].joints[ThumbTip][0], 0.0645316); // Aria landmark 0
    // Pose: the first quaternion as written by MPS (unit within 1e-8).
    const auto& p = b.pose.at("pose");
    QVERIFY(std::abs(p[0].q[0] - 0.500638545) < 1e-8);
    QVERIFY(std::abs(p[0].t[1] - -0.006405) < 1e-12);
    // Everything MPS had beyond the bundle's streams is kept as attachments.
    std::set<std::string> attachments;
    for (const auto& a : b.manifest.attachments)
        attachments.insert(a.name);
    QVERIFY(attachments.count("pose_dynamics"));
    QVERIFY(attachments.count("hands_aria"));
    QVERIFY(attachments.count("wrist_and_palm"));
    const QString dyn = readText(QString::fromStdString((out / "pose_dynamics.csv").string()));
    QVERIFY(dyn.startsWith("t_ns,vx_device,vy_device,vz_device,wx_device,wy_device,wz_device,"
                           "gx_world,gy_world,gz_world,quality\n149202610000,0.038913,-0.322935,"));
    // The consent says that none was recorded; the participant is unassigned.
    QCOMPARE(b.manifest.participant, std::string("unassigned"));
    QCOMPARE(b.manifest.consent.id, std::string("unrecorded"));
    QVERIFY(b.manifest.consent.scope.empty());
}

void TestImporterAria::anatomyAfterMapping() {
    QTemporaryDir tmp;
    const fs::path out = tmp.path().toStdString() + "/bundle";
    convertToBundle(sampleDir().toStdString(), out, std::nullopt, {});
    const Bundle b = readBundle(out);
    QVERIFY(b.ok());
    for (Hand hand : {Hand::Left, Hand::Right}) {
        std::vector<std::array<double, 20>> bones;
        for (const HandSample& s : b.hands.at("hands")) {
            if (s.hand != hand)
                continue;
            std::array<double, 20> len{};
            for (size_t i = 0; i < kHandBones.size(); ++i) {
                const auto [a, c] = kHandBones[i];
                len[i] = dist(s.joints[a], s.joints[c]);
                // A human finger or palm bone is between 1 and 11 cm.
                QVERIFY2(len[i] > 0.01 && len[i] < 0.11,
                         qPrintable(QString("bone %1-%2 is %3 m").arg(a).arg(c).arg(len[i])));
            }
            bones.push_back(len);
            // Wrist at index 0, chains running outwards: each fingertip lies farther from joint 0
            // than its own MCP does.
            for (size_t f = 0; f < 5; ++f) {
                const int tip = kFingertips[f];
                const int mcp = tip - 3;
                QVERIFY2(dist(s.joints[Wrist], s.joints[tip]) >
                             dist(s.joints[Wrist], s.joints[mcp]),
                         kFingerNames[f].data());
            }
            // The palm is about 7-12 cm long (wrist to middle MCP).
            const double palm = dist(s.joints[Wrist], s.joints[MiddleMcp]);
            QVERIFY2(palm > 0.06 && palm < 0.13, qPrintable(QString::number(palm)));
        }
        QCOMPARE(int(bones.size()), 3);
        // The same hand keeps its bone lengths across frames (tracking noise only).
        for (size_t i = 0; i < 20; ++i) {
            double lo = 1, hi = 0;
            for (const auto& l : bones) {
                lo = std::min(lo, l[i]);
                hi = std::max(hi, l[i]);
            }
            QVERIFY2(hi - lo < 0.2 * hi + 0.003,
                     qPrintable(QString("bone %1 varies %2..%3").arg(i).arg(lo).arg(hi)));
        }
    }
}

void TestImporterAria::columnSetWithNormals() {
    // The newer column set adds palm and wrist normals; they land in hands_aria.csv.
    QTemporaryDir tmp;
    const QString src = copySample(tmp);
    const QString file = src + "/hand_tracking/hand_tracking_results.csv";
    QStringList lines = readText(file).split('\n', Qt::SkipEmptyParts);
    lines[0] += ",nx_left_palm_device,ny_left_palm_device,nz_left_palm_device,nx_left_wrist_device,"
                "ny_left_wrist_device,nz_left_wrist_device,nx_right_palm_device,"
                "ny_right_palm_device,nz_right_palm_device,nx_right_wrist_device,"
                "ny_right_wrist_device,nz_right_wrist_device";
    for (int i = 1; i < lines.size(); ++i)
        lines[i] += ",0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0,1.1,1.2";
    writeText(file, lines.join('\n') + "\n");
    const fs::path out = tmp.path().toStdString() + "/bundle";
    const auto r = convertToBundle(src.toStdString(), out, SourceFormat::AriaMps, {});
    QCOMPARE(r.counts.at("hands"), int64_t(6));
    const QStringList extra =
        readText(QString::fromStdString((out / "hands_aria.csv").string())).split('\n');
    QVERIFY(extra[0].endsWith("palm_nx,palm_ny,palm_nz,wrist_nx,wrist_ny,wrist_nz"));
    QVERIFY2(extra[1].startsWith("1762609162000,left,0.999299,0.129259,-0.247127,0.263049,"),
             qPrintable(extra[1]));
    QVERIFY(extra[1].endsWith(",0.1,0.2,0.3,0.4,0.5,0.6"));
    QVERIFY(readBundle(out).ok());
}

void TestImporterAria::pointCloudFromGzip() {
    QTemporaryDir tmp;
    const QString src = copySample(tmp);
    const std::string gzPath = (src + "/trajectory/semidense_points.csv.gz").toStdString();
    gzFile gz = gzopen(gzPath.c_str(), "wb");
    const std::string text = "uid,graph_uid,px_world,py_world,pz_world,inv_dist_std,dist_std\n"
                             "1,g,0.5,-1.25,2,50.5,0.01\n2,g,1,2,3,10,0.05\n3,g,-4,0,0.125,3,0.2\n";
    gzwrite(gz, text.data(), unsigned(text.size()));
    gzclose(gz);
    const fs::path out = tmp.path().toStdString() + "/bundle";
    const auto r = convertToBundle(src.toStdString(), out, std::nullopt, {});
    QCOMPARE(r.counts.at("world_points"), int64_t(3));
    QCOMPARE(readText(QString::fromStdString((out / "world_points.csv").string())),
             QString("x,y,z,inv_dist_std,dist_std\n0.5,-1.25,2,50.5,0.01\n1,2,3,10,0.05\n"
                     "-4,0,0.125,3,0.2\n"));
    const Bundle b = readBundle(out);
    QVERIFY(b.ok());
    // The attachment is hashed with the bundle's media.
    QVERIFY(std::any_of(b.media.begin(), b.media.end(), [](const MediaFile& m) {
        return m.path == "world_points.csv" && m.role == "attachment:world_points";
    }));
    // A cut-off gzip stream is named, not silently shortened.
    QFile f(QString::fromStdString(gzPath));
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.resize(f.size() - 12);
    f.close();
    const QString err = convertError(src, tmp.path() + "/bundle2");
    QVERIFY2(err.contains("semidense_points.csv.gz") && err.contains("truncated"), qPrintable(err));
}

void TestImporterAria::openLoopAndVideo() {
    // An open-loop trajectory beside the closed loop becomes a second pose stream; an exported
    // RGB video becomes the timeline, and the device clock is left for sync to link.
    QTemporaryDir tmp;
    const QString src = copySample(tmp);
    QString text = readText(src + "/trajectory/closed_loop_trajectory.csv");
    QStringList lines = text.split('\n');
    lines[0] = "graph_uid,tracking_timestamp_us,utc_timestamp_ns,tx_odometry_device,"
               "ty_odometry_device,tz_odometry_device,qx_odometry_device,qy_odometry_device,"
               "qz_odometry_device,qw_odometry_device,device_linear_velocity_x_odometry,"
               "device_linear_velocity_y_odometry,device_linear_velocity_z_odometry,"
               "angular_velocity_x_device,angular_velocity_y_device,angular_velocity_z_device,"
               "gravity_x_odometry,gravity_y_odometry,gravity_z_odometry,quality_score";
    writeText(src + "/trajectory/open_loop_trajectory.csv", lines.mid(0, 51).join('\n') + "\n");
    QString out;
    QCOMPARE(
        runProgram("ffmpeg",
                   {"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10",
                    "-frames:v", "7", "-c:v", "libx264", "-pix_fmt", "yuv420p", src + "/rgb.mp4"},
                   &out),
        0);
    const fs::path bundle = tmp.path().toStdString() + "/bundle";
    const auto r = convertToBundle(src.toStdString(), bundle, std::nullopt, {});
    QCOMPARE(r.counts.at("pose"), int64_t(199));
    QCOMPARE(r.counts.at("pose_odometry"), int64_t(50));
    QCOMPARE(r.counts.at("rgb"), int64_t(7));
    QVERIFY(r.notes.contains("import.clock_unlinked"));
    const Bundle b = readBundle(bundle);
    for (const auto& d : b.diagnostics.all())
        qInfo("%s", d.toString().c_str());
    QVERIFY(b.ok());
    QCOMPARE(b.manifest.streams[0].name, std::string("rgb"));
    QCOMPARE(b.manifest.streams[0].clock, std::string("camera"));
    QVERIFY(b.manifest.clock("camera")->timeline);
    QVERIFY(!b.manifest.clock("device")->timeline);
    QCOMPARE(b.frames.at("rgb").tNs[3], int64_t(300000000));
    QCOMPARE(b.statsFor("pose_odometry")->lastNs, b.pose.at("pose")[49].tNs);
    const QString dyn =
        readText(QString::fromStdString((bundle / "pose_odometry_dynamics.csv").string()));
    QVERIFY2(dyn.startsWith("t_ns,vx_odometry,vy_odometry,vz_odometry,wx_device,wy_device,"
                            "wz_device,gx_odometry,gy_odometry,gz_odometry,quality\n"),
             qPrintable(dyn.left(120)));
}

void TestImporterAria::attachmentsAreChecked() {
    // The bundle reader checks attachments like streams.
    QTemporaryDir tmp;
    const fs::path bundle = tmp.path().toStdString() + "/bundle";
    convertToBundle(sampleDir().toStdString(), bundle, std::nullopt, {});
    const QString dyn = QString::fromStdString((bundle / "pose_dynamics.csv").string());
    replaceLine(dyn, 5, "149204000000,0.04,-0.3,0.2,-0.05,0.05,-0.07,0,0,-9.81,0.5");
    replaceLine(dyn, 6, "149206457000,0.04,-0.3,0.2,-0.05,0.05,-0.07,0,0,-9.81,");
    const Bundle b = readBundle(bundle);
    QVERIFY(!b.ok());
    bool back = false, empty = false;
    for (const auto& d : b.diagnostics.all()) {
        back |=
            d.code == "timestamps.non_monotonic" && d.file == "pose_dynamics.csv" && d.line == 5;
        empty |= d.code == "csv.number" && d.file == "pose_dynamics.csv" && d.line == 6;
    }
    QVERIFY(back);
    QVERIFY(empty);
}

void TestImporterAria::malformed_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("replacement"); // "" removes the line's second half
    QTest::addColumn<QString>("expected");
    const QString traj = "trajectory/closed_loop_trajectory.csv";
    const QString hands = "hand_tracking/hand_tracking_results.csv";
    QTest::newRow("missing column") << traj << 1 << "DROP:qw_world_device"
                                    << "closed_loop_trajectory.csv:1: the header has no column "
                                       "'qw_world_device'";
    QTest::newRow("truncated last row") << hands << 9 << ""
                                        << "hand_tracking_results.csv:9: the row has";
    QTest::newRow("nan")
        << traj << 5 << "FIELD:4:nan"
        << "closed_loop_trajectory.csv:5: column 'tx_world_device': 'nan' is not a finite number";
    QTest::newRow("not a number")
        << traj << 7 << "FIELD:5:0.0x1"
        << "closed_loop_trajectory.csv:7: column 'ty_world_device': '0.0x1' is not a number";
    QTest::newRow("time as decimal") << traj << 3 << "FIELD:2:149203459.5"
                                     << "closed_loop_trajectory.csv:3: column "
                                        "'tracking_timestamp_us': '149203459.5' is not an integer";
    QTest::newRow("time goes back")
        << traj << 4 << "FIELD:2:149200000"
        << "closed_loop_trajectory.csv:4: the timestamp goes back in time";
    QTest::newRow("bad quaternion") << traj << 6 << "FIELD:7:0.9"
                                    << "closed_loop_trajectory.csv:6: the quaternion's norm";
    QTest::newRow("confidence out of range")
        << hands << 3 << "FIELD:2:1.5"
        << "hand_tracking_results.csv:3: column 'left_tracking_confidence'";
    QTest::newRow("landmark in millimetres")
        << hands << 2 << "FIELD:3:64.5"
        << "hand_tracking_results.csv:2: column 'tx_left_landmark_0_device': a landmark 64.5";
    QTest::newRow("empty line inside") << hands << 4 << "EMPTY"
                                       << "hand_tracking_results.csv:4: an empty line";
}

void TestImporterAria::malformed() {
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, replacement);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    const QString src = copySample(tmp);
    const QString path = src + "/" + file;
    QStringList lines = readText(path).split('\n');
    QString& l = lines[line - 1];
    if (replacement.isEmpty()) {
        l = l.left(l.size() / 2);
        while (lines.size() > line)
            lines.removeLast(); // the cut line is the last one
    } else if (replacement == "EMPTY") {
        l = "";
    } else if (replacement.startsWith("DROP:")) {
        QStringList f = l.split(',');
        f.removeAll(replacement.mid(5));
        l = f.join(',');
    } else {
        const QStringList parts = replacement.split(':');
        QStringList f = l.split(',');
        f[parts[1].toInt() - 1] = parts[2];
        l = f.join(',');
    }
    writeText(path, lines.join('\n'));
    const QString err = convertError(src, tmp.path() + "/bundle");
    QVERIFY2(err.contains(expected), qPrintable("got: " + err));
    // Nothing half-written is left behind.
    QVERIFY(!QDir(tmp.path() + "/bundle").exists());
    QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{"src"});
}

QTEST_GUILESS_MAIN(TestImporterAria)
#include "tst_importer_aria.moc"
