// EgoDex import on an episode the test writes with the HDF5 C library from the documented
// layout (camera/intrinsic, transforms/<joint> N×4×4 in the world frame, confidences/<joint>,
// the language description attributes) and an ffmpeg-made video: the 25→21 joint mapping by
// name, world→camera transformation, confidences, the task text, and malformed variants.
#include "io/bundle.h"
#include "io/importers/bundleconverter.h"
#include "io/importers/egodexjoints.h"
#include "support/converterror.h"
#include "support/minibundle.h"
#include "util/error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <Eigen/Geometry>
#include <hdf5.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>

using namespace ts::core;
using namespace ts::core::importers;
using namespace ts::test;
namespace fs = std::filesystem;

using tstest::convertError;

namespace {

constexpr int kFrames = 5;

struct EpisodeSpec {
    int frames = kFrames;
    bool confidences = true;
    std::string skipJoint;     // leave this transform out
    std::string nanJoint;      // put a NaN into this joint's frame 2
    double badConfidence = -1; // when >= 0, written as frame 1 of leftThumbTip's confidence
    int which = 2;             // which_llm_description
};

// The camera's world pose at frame i: turned about z and moving along x.
Eigen::Isometry3d cameraPose(int i) {
    Eigen::Isometry3d T = Eigen::Isometry3d::Identity();
    T.linear() = Eigen::AngleAxisd(0.3 + 0.1 * i, Eigen::Vector3d(0.2, 0.3, 1).normalized())
                     .toRotationMatrix();
    T.translation() = Eigen::Vector3d(0.1 * i, 1.2, -0.4);
    return T;
}

// Where joint k (of the 25, per hand) is in the camera frame: distinct for every joint and hand.
Eigen::Vector3d jointInCamera(Hand h, int k, int i) {
    return {0.01 * k + (h == Hand::Right ? 0.2 : -0.2), 0.003 * i - 0.05, -0.4 - 0.001 * k};
}

void writeDataset(hid_t file, const std::string& path, const std::vector<hsize_t>& dims,
                  const std::vector<float>& data) {
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    hid_t space = H5Screate_simple(int(dims.size()), dims.data(), nullptr);
    hid_t d = H5Dcreate2(file, path.c_str(), H5T_IEEE_F32LE, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data.data());
    H5Dclose(d);
    H5Sclose(space);
    H5Pclose(lcpl);
}

void writeStringAttr(hid_t file, const char* name, const std::string& value) {
    // h5py writes Python strings as variable-length UTF-8; do the same.
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    const char* p = value.c_str();
    H5Awrite(a, type, &p);
    H5Aclose(a);
    H5Sclose(space);
    H5Tclose(type);
}

std::vector<float> stack(const std::function<Eigen::Matrix4d(int)>& at, int n) {
    std::vector<float> v;
    for (int i = 0; i < n; ++i) {
        const Eigen::Matrix4d m = at(i);
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                v.push_back(float(m(r, c)));
    }
    return v;
}

void writeEpisode(const QString& dir, const EpisodeSpec& s) {
    QDir().mkpath(dir);
    QString out;
    const int rc = runProgram("ffmpeg",
                              {"-v", "error", "-y", "-f", "lavfi", "-i",
                               "testsrc=size=64x48:rate=30", "-frames:v", QString::number(kFrames),
                               "-c:v", "libx264", "-pix_fmt", "yuv420p", dir + "/3.mp4"},
                              &out);
    QVERIFY2(rc == 0, qPrintable(out));
    const std::string h5 = (dir + "/3.hdf5").toStdString();
    hid_t f = H5Fcreate(h5.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    writeDataset(f, "camera/intrinsic", {3, 3}, {40, 0, 31.5, 0, 41, 23.5, 0, 0, 1});
    writeDataset(f, "transforms/camera", {hsize_t(s.frames), 4, 4},
                 stack([](int i) { return cameraPose(i).matrix(); }, s.frames));
    for (Hand h : {Hand::Left, Hand::Right})
        for (int k = 0; k < kEgoDexHandJointCount; ++k) {
            const std::string name = egoDexJointName(h, kEgoDexHandJoints[k]);
            if (name == s.skipJoint)
                continue;
            auto v = stack(
                [&](int i) {
                    Eigen::Matrix4d m = Eigen::Matrix4d::Identity();
                    m.block<3, 1>(0, 3) = cameraPose(i) * jointInCamera(h, k, i);
                    return m;
                },
                s.frames);
            if (name == s.nanJoint)
                v[2 * 16 + 3] = std::nanf("");
            writeDataset(f, "transforms/" + name, {hsize_t(s.frames), 4, 4}, v);
            if (s.confidences) {
                std::vector<float> c(size_t(s.frames),
                                     h == Hand::Left ? 0.5f + 0.01f * float(k) : 0.9f);
                if (name == "leftThumbTip" && s.badConfidence >= 0)
                    c[1] = float(s.badConfidence);
                writeDataset(f, "confidences/" + name, {hsize_t(s.frames)}, c);
            }
        }
    // A body joint the importer does not need.
    writeDataset(f, "transforms/hip", {hsize_t(s.frames), 4, 4},
                 stack([](int) { return Eigen::Matrix4d::Identity().eval(); }, s.frames));
    writeStringAttr(f, "llm_description", "Pick up the cup and place it on the saucer.");
    writeStringAttr(f, "llm_description2", "Lift the cup off the saucer and put it down.");
    writeStringAttr(f, "llm_type", "reversible");
    writeStringAttr(f, "environment", "kitchen table");
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t a =
        H5Acreate2(f, "which_llm_description", H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    const int64_t which = s.which;
    H5Awrite(a, H5T_NATIVE_INT64, &which);
    H5Aclose(a);
    H5Sclose(space);
    H5Fclose(f);
}

} // namespace

class TestImporterEgoDex : public QObject {
    Q_OBJECT
private slots:
    void jointTableDropsTheMetacarpals();
    void convertsAnEpisode();
    void firstDescriptionWhenChosen();
    void folderOfSeveralEpisodes();
    void malformed_data();
    void malformed();
};

void TestImporterEgoDex::jointTableDropsTheMetacarpals() {
    std::set<std::string_view> mapped(kEgoDexToCanonical.begin(), kEgoDexToCanonical.end());
    QCOMPARE(int(mapped.size()), kHandJointCount);
    int dropped = 0;
    for (auto j : kEgoDexHandJoints)
        if (!mapped.count(j)) {
            QVERIFY(j.find("Metacarpal") != std::string_view::npos);
            ++dropped;
        }
    QCOMPARE(dropped, 4);
    QCOMPARE(kEgoDexToCanonical[Wrist], std::string_view("Hand"));
    QCOMPARE(kEgoDexToCanonical[ThumbCmc], std::string_view("ThumbKnuckle"));
    QCOMPARE(kEgoDexToCanonical[IndexMcp], std::string_view("IndexFingerKnuckle"));
    QCOMPARE(kEgoDexToCanonical[PinkyTip], std::string_view("LittleFingerTip"));
}

void TestImporterEgoDex::convertsAnEpisode() {
    QTemporaryDir tmp;
    const QString src = tmp.path() + "/basic_pick_place";
    writeEpisode(src, {});
    const fs::path out = tmp.path().toStdString() + "/bundle";
    const auto r = convertToBundle((src + "/3.hdf5").toStdString(), out, std::nullopt, {});
    QCOMPARE(int(r.format), int(SourceFormat::EgoDex));
    QCOMPARE(r.id, std::string("basic_pick_place-3"));
    QCOMPARE(r.counts.at("hands"), int64_t(2 * kFrames));
    const Bundle b = readBundle(out);
    for (const auto& d : b.diagnostics.all())
        qInfo("%s", d.toString().c_str());
    QVERIFY(b.ok());
    QCOMPARE(b.manifest.task, std::string("Lift the cup off the saucer and put it down."));
    QVERIFY(b.manifest.notes.find("environment: kitchen table") != std::string::npos);
    // One pose and one pair of hands per video frame, at the frame's time (30 Hz from 0).
    const auto& rgb = b.frames.at("rgb");
    QCOMPARE(int(rgb.tNs.size()), kFrames);
    QCOMPARE(rgb.tNs[0], int64_t(0));
    QCOMPARE(rgb.tNs[3], int64_t(100000000));
    const auto& hands = b.hands.at("hands");
    QCOMPARE(int(hands.size()), 2 * kFrames);
    for (const HandSample& s : hands) {
        const int i = int(std::find(rgb.tNs.begin(), rgb.tNs.end(), s.tNs) - rgb.tNs.begin());
        QVERIFY(i < kFrames);
        // Each canonical joint is the EgoDex joint of that name, in the camera frame.
        for (int j = 0; j < kHandJointCount; ++j) {
            const auto k = std::find(kEgoDexHandJoints.begin(), kEgoDexHandJoints.end(),
                                     kEgoDexToCanonical[j]) -
                           kEgoDexHandJoints.begin();
            const Eigen::Vector3d want = jointInCamera(s.hand, int(k), i);
            for (int c = 0; c < 3; ++c)
                QVERIFY2(std::abs(s.joints[j][c] - want[c]) < 1e-5,
                         qPrintable(QString("joint %1 axis %2: %3 vs %4")
                                        .arg(j)
                                        .arg(c)
                                        .arg(s.joints[j][c])
                                        .arg(want[c])));
        }
        // Confidence: the mean over the 21 mapped joints (left: 0.5 + 0.01·k).
        if (s.hand == Hand::Right) {
            QVERIFY(std::abs(s.confidence - 0.9) < 1e-6);
        } else {
            double sum = 0;
            for (auto name : kEgoDexToCanonical)
                sum += 0.5 + 0.01 * double(std::find(kEgoDexHandJoints.begin(),
                                                     kEgoDexHandJoints.end(), name) -
                                           kEgoDexHandJoints.begin());
            QVERIFY(std::abs(s.confidence - sum / 21) < 1e-6);
        }
    }
    // The camera pose round-trips.
    const auto& pose = b.pose.at("pose");
    const Eigen::Isometry3d T = cameraPose(4);
    const Eigen::Quaterniond q(T.linear());
    QVERIFY(std::abs(pose[4].t[0] - 0.4) < 1e-6);
    QVERIFY(std::abs(std::abs(pose[4].q[0] * q.x() + pose[4].q[1] * q.y() + pose[4].q[2] * q.z() +
                              pose[4].q[3] * q.w()) -
                     1.0) < 1e-6);
    QCOMPARE(b.calibration.cameras.at("rgb").fy, 41.0);
    QCOMPARE(b.calibration.cameras.at("rgb").width, 64);
}

void TestImporterEgoDex::firstDescriptionWhenChosen() {
    QTemporaryDir tmp;
    EpisodeSpec s;
    s.which = 1;
    s.confidences = false;
    writeEpisode(tmp.path() + "/t", s);
    const fs::path out = tmp.path().toStdString() + "/bundle";
    const auto r =
        convertToBundle((tmp.path() + "/t").toStdString(), out, SourceFormat::EgoDex, {});
    QVERIFY(r.notes.contains("import.no_confidence"));
    const Bundle b = readBundle(out);
    QVERIFY(b.ok());
    QCOMPARE(b.manifest.task, std::string("Pick up the cup and place it on the saucer."));
    QCOMPARE(b.hands.at("hands")[0].confidence, 1.0);
}

void TestImporterEgoDex::folderOfSeveralEpisodes() {
    QTemporaryDir tmp;
    writeEpisode(tmp.path() + "/t", {});
    QFile::copy(tmp.path() + "/t/3.hdf5", tmp.path() + "/t/4.hdf5");
    const QString err = convertError(tmp.path() + "/t", tmp.path() + "/bundle");
    QVERIFY2(err.contains("not a complete egodex source: found 3.hdf5 and 4.hdf5; missing a single "
                          "episode: the folder holds 2 .hdf5 files"),
             qPrintable(err));
    // Given as the file, one of them converts.
    QVERIFY(convertError(tmp.path() + "/t/3.hdf5", tmp.path() + "/bundle").isEmpty());
}

void TestImporterEgoDex::malformed_data() {
    QTest::addColumn<QString>("skip");
    QTest::addColumn<QString>("nan");
    QTest::addColumn<double>("conf");
    QTest::addColumn<int>("frames");
    QTest::addColumn<QString>("expected");
    QTest::newRow("joint missing")
        << "rightRingFingerIntermediateTip"
        << "" << -1.0 << kFrames
        << "3.hdf5: has no dataset 'transforms/rightRingFingerIntermediateTip'";
    QTest::newRow("nan")
        << ""
        << "leftIndexFingerTip" << -1.0 << kFrames
        << "3.hdf5: dataset 'transforms/leftIndexFingerTip' frame 2: the transform "
           "has a value that is not finite";
    QTest::newRow("confidence")
        << ""
        << "" << 7.0 << kFrames
        << "3.hdf5: confidences/leftThumbTip frame 1: 7.000000 is not a confidence";
    QTest::newRow("frame count") << ""
                                 << "" << -1.0 << kFrames - 1
                                 << "3.hdf5: has 4 frames of poses but 3.mp4 has 5 video frames";
}

void TestImporterEgoDex::malformed() {
    QFETCH(QString, skip);
    QFETCH(QString, nan);
    QFETCH(double, conf);
    QFETCH(int, frames);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    EpisodeSpec s;
    s.skipJoint = skip.toStdString();
    s.nanJoint = nan.toStdString();
    s.badConfidence = conf;
    s.frames = frames;
    writeEpisode(tmp.path() + "/t", s);
    const QString err = convertError(tmp.path() + "/t/3.hdf5", tmp.path() + "/bundle");
    QVERIFY2(err.contains(expected), qPrintable("got: " + err));
    QVERIFY(!QDir(tmp.path() + "/bundle").exists());

    // A truncated HDF5 file is refused with its name.
    QFile f(tmp.path() + "/t/3.hdf5");
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.resize(f.size() / 3);
    f.close();
    const QString cut = convertError(tmp.path() + "/t/3.hdf5", tmp.path() + "/bundle");
    QVERIFY2(cut.startsWith("3.hdf5:"), qPrintable(cut));
}

QTEST_GUILESS_MAIN(TestImporterEgoDex)
#include "tst_importer_egodex.moc"
