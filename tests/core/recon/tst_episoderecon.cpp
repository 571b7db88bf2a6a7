// The reconstruction of a small synthetic episode against its ground truth: odometry error and
// scale, the pose clock found from the odometry, the world map's table on z = 0, hands
// reprojected and lifted, contact onsets; and bad input (wrong depth scale, corrupt or empty
// depth frames, missing calibration) reported naming the file and frame.
#include "io/bundle.h"
#include "recon/contactsignal.h"
#include "recon/episodereconstruction.h"
#include "recon/fingertipcontact.h"
#include "recon/handsinworld.h"
#include "sync/groundtruthclocks.h"
#include "synth/episodeplan.h"
#include "synth/headtrajectory.h"
#include "synth/synth.h"
#include "synth/taskscript.h"
#include "util/error.h"
#include "util/pngwrite.h"

#include <nlohmann/json.hpp>

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

namespace fs = std::filesystem;
using namespace ts::core;
using namespace ts::core::recon;

class TstEpisodeRecon : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    fs::path dir_;
    synth::SynthOptions so_;

    static Bundle read(const fs::path& d) {
        BundleReadOptions ro;
        ro.hashMedia = false;
        ro.checkVideoFrames = false;
        return readBundle(d, ro);
    }
    fs::path copy(const std::string& name) {
        const fs::path d = fs::path(tmp_.path().toStdString()) / name;
        fs::copy(dir_, d, fs::copy_options::recursive);
        return d;
    }
    static QString message(const Bundle& b) {
        try {
            reconstructEpisode(b, manifestClocks(b));
        } catch (const Error& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        dir_ = fs::path(tmp_.path().toStdString()) / "ep";
        so_.seconds = 4;
        so_.width = 320;
        so_.height = 240;
        so_.seed = 11;
        so_.depthFps = 30; // "one frame" is 33 ms, as in bench recon-accuracy
        so_.handJointNoiseM = 0;
        synth::generateEpisode(dir_, so_);
    }

    void odometryMatchesTruth() {
        const Bundle b = read(dir_);
        QVERIFY(b.ok());
        ReconSettings st;
        st.buildMap = false;
        const EpisodeRecon r = reconstructEpisode(b, manifestClocks(b), st);
        QCOMPARE(r.failures, 0);
        QVERIFY(r.odometryVsGroundTruth);
        const auto& c = *r.odometryVsGroundTruth;
        QCOMPARE(c.pairs, r.frames.size());
        QVERIFY2(c.ateRmseM < 0.002, qPrintable(QString("ATE %1 m").arg(c.ateRmseM)));
        QVERIFY2(c.scaleError < 0.01, qPrintable(QString("scale %1").arg(c.scale)));
        QVERIFY(r.meanConfidence > 0.5);
        // The pose clock is unknown to the manifest; the odometry finds it.
        QVERIFY(r.poseClockFromOdometry);
        const auto truth = sync::readGroundTruthClocks(dir_ / "ground_truth.json");
        const double errMs =
            std::abs(static_cast<double>(r.poseClockFromOdometry->toTimeline(3'000'000'000) -
                                         truth.at("pose").toTimeline(3'000'000'000))) /
            1e6;
        QVERIFY2(errMs < 2.0, qPrintable(QString("pose clock off by %1 ms").arg(errMs)));
        QVERIFY(r.odometryVsPose && r.odometryVsPose->ateRmseM < 0.003);
    }

    void mapPutsTheTableOnZeroAndHonoursTheBudget() {
        const Bundle b = read(dir_);
        ReconSettings st;
        st.mapPoses = MapPoses::GroundTruth;
        st.map.voxelM = 0.004;
        const EpisodeRecon r = reconstructEpisode(b, manifestClocks(b), st);
        QCOMPARE(r.posedFraction, 1.0);
        // Points over the table top, away from the box and hands, lie on z = 0.
        size_t near = 0, table = 0;
        for (const auto& p : r.map.level(0).points) {
            if (std::abs(p.x()) > 0.5f || p.y() < -0.4f || p.y() > 0.5f || std::abs(p.z()) > 0.05f)
                continue;
            ++table;
            near += std::abs(p.z()) < 0.003f;
        }
        QVERIFY(table > 1000);
        QVERIFY2(near > 0.8 * table, qPrintable(QString("%1 of %2").arg(near).arg(table)));
        QVERIFY(r.map.forBudget(20000).size() <= 20000);
    }

    void handsReprojectLiftAndTouch() {
        const Bundle b = read(dir_);
        StreamClocks clocks;
        for (auto [name, m] : sync::readGroundTruthClocks(dir_ / "ground_truth.json")) {
            m.confidence = 1;
            clocks[name] = m;
        }
        EpisodeSources src(b, clocks);
        const BackProjector& bp = src.projector();
        const HandsInWorld hands(b.hands.at("hands"), clocks.at("hands"));
        const synth::EpisodePlan plan = synth::makePlan(so_);
        const synth::HeadTrajectory head(so_.seed);
        const synth::TaskScript task(so_.taskSeconds);
        std::vector<float> xyz(
            3 * static_cast<size_t>(bp.depthCamera().width() * bp.depthCamera().height()));
        std::vector<double> reproj, lift;
        std::vector<TimeNs> times;
        std::vector<std::optional<double>> leftIndex;
        media::DepthFrame d;
        for (int64_t i = 0; i < src.depthFrames(); ++i) {
            src.depth().frame(i, d);
            const TimeNs t = src.depthTime(i);
            bp.organised(d.raw.data(), d.scaleM, xyz.data());
            const double s = static_cast<double>(t - plan.start) * 1e-9;
            for (Hand h : {Hand::Left, Hand::Right}) {
                const auto est = hands.deviceJoints(h, t);
                QVERIFY(est);
                const auto w = task.joints(h, s);
                const Joints2 px = HandsInWorld::reproject(*est, bp);
                for (size_t k = 0; k < w.size(); ++k) {
                    const Eigen::Vector3d dv =
                        head.rotation(s).transpose() * (w[k] - head.position(s));
                    const Eigen::Vector2d truth(plan.rgb.fx * dv.x() / dv.z() + plan.rgb.cx,
                                                plan.rgb.fy * dv.y() / dv.z() + plan.rgb.cy);
                    if (px[k])
                        reproj.push_back((*px[k] - truth).norm());
                    if (auto p = HandsInWorld::lift(truth, xyz.data(), bp);
                        p && std::abs(p->z() - dv.z()) < 0.03)
                        lift.push_back((*p - dv).norm());
                }
                if (h == Hand::Left) {
                    const auto right = hands.deviceJoints(Hand::Right, t);
                    times.push_back(t);
                    leftIndex.push_back(
                        fingertipDistances(xyz.data(), bp, *est, right ? &*right : nullptr)[1]);
                }
            }
        }
        QVERIFY(!reproj.empty() && !lift.empty());
        QVERIFY(*std::max_element(reproj.begin(), reproj.end()) < 1.0);
        std::nth_element(lift.begin(), lift.begin() + static_cast<long>(lift.size() / 2),
                         lift.end());
        QVERIFY2(lift[lift.size() / 2] < 0.01, qPrintable(QString::number(lift[lift.size() / 2])));
        // The left index finger lands on the table once: its onset within one depth frame.
        std::ifstream in(dir_ / "ground_truth.json");
        const auto gt = nlohmann::json::parse(in);
        TimeNs trueOnset = -1;
        for (const auto& c : gt["contacts"])
            if (c["hand"] == "left" && c["finger"] == "index" && trueOnset < 0)
                trueOnset = c["start_ns"].get<TimeNs>();
        QVERIFY(trueOnset > 0);
        const auto found = contactIntervals(Hand::Left, 1, times, leftIndex);
        QVERIFY(!found.empty());
        const double period = 1e9 / plan.opts.depthFps;
        QVERIFY2(std::abs(static_cast<double>(found.front().startNs - trueOnset)) <= 1.0 * period,
                 qPrintable(
                     QString("onset off by %1 ms").arg((found.front().startNs - trueOnset) / 1e6)));
    }

    // Every true contact onset of the episode (left hand on the table, right thumb on the seen
    // box face, right index…pinky on the hidden far face) found within one depth frame by the
    // contact signal, and nothing else.
    void contactOnsetsWithinOneFrame() {
        const Bundle b = read(dir_);
        StreamClocks clocks;
        for (auto [name, m] : sync::readGroundTruthClocks(dir_ / "ground_truth.json")) {
            m.confidence = 1;
            clocks[name] = m;
        }
        EpisodeSources src(b, clocks);
        const HandsInWorld hands(b.hands.at("hands"), clocks.at("hands"));
        const ContactSignal s = computeContactSignal(src, hands);
        QCOMPARE(s.times.size(), size_t(src.depthFrames()));
        std::ifstream in(dir_ / "ground_truth.json");
        const auto gt = nlohmann::json::parse(in);
        const double period = 1e9 / synth::makePlan(so_).opts.depthFps;
        int truths = 0;
        size_t found = 0, matched = 0;
        double worst = 0;
        QString report; // onset errors in frames
        for (Hand h : {Hand::Left, Hand::Right})
            for (int f = 0; f < 5; ++f) {
                const auto iv = contactIntervals(s, h, f);
                found += iv.size();
                for (const auto& c : gt["contacts"]) {
                    if (c["hand"] != std::string(handName(h)) ||
                        c["finger"] != std::string(kFingerNames[static_cast<size_t>(f)]))
                        continue;
                    const TimeNs on = c["start_ns"].get<TimeNs>();
                    ++truths;
                    double best = 1e9;
                    for (const auto& i : iv)
                        best = std::min(best, std::abs(static_cast<double>(i.startNs - on)));
                    report += QString("%1 %2 %3; ")
                                  .arg(handName(h).data())
                                  .arg(kFingerNames[size_t(f)].data())
                                  .arg(best / period, 0, 'f', 3);
                    worst = std::max(worst, best / period);
                    ++matched;
                }
                for (size_t i = 0; i < s.times.size(); ++i) {
                    const float p = s.track(h, f).probability[i];
                    QVERIFY(std::isnan(p) || (p >= 0 && p <= 1));
                }
            }
        qInfo("%s", qPrintable(report));
        QVERIFY2(worst <= 1.0, qPrintable(report));
        QCOMPARE(truths, 10); // 4 s: five left fingers on the table, five right on the box
        QCOMPARE(found, matched);
    }

    void wrongDepthScaleNamesFileAndFrame() {
        const fs::path d = copy("scale");
        std::ifstream in(d / "calibration.json");
        nlohmann::json c = nlohmann::json::parse(in);
        in.close();
        c["depth_scale_m"] = 0.1; // decimetres: a 0.5 m table becomes 50 m away
        std::ofstream(d / "calibration.json") << c.dump();
        const QString m = message(read(d));
        QVERIFY2(m.contains("000000.png") && m.contains("frame 0") && m.contains("depth_scale_m"),
                 qPrintable(m));
    }

    void corruptFrameNamesFileAndFrame() {
        const fs::path d = copy("corrupt");
        std::ofstream(d / "depth" / "000002.png", std::ios::trunc) << "not a png at all";
        const QString m = message(read(d));
        QVERIFY2(m.contains("000002.png") && m.contains("frame 2"), qPrintable(m));
    }

    void missingCalibrationNamesTheFile() {
        const fs::path d = copy("nocal");
        fs::remove(d / "calibration.json");
        const QString m = message(read(d));
        QVERIFY2(m.contains("calibration.json") && m.contains("missing"), qPrintable(m));
    }

    void emptyDepthFrameIsAFailureNotACrash() {
        const fs::path d = copy("hole");
        const Bundle b0 = read(d);
        const auto& depth = b0.calibration.cameras.at("depth");
        const std::vector<uint16_t> zeros(static_cast<size_t>(depth.width * depth.height), 0);
        writePng(d / "depth" / "000005.png", depth.width, depth.height, PngFormat::Gray16,
                 zeros.data());
        const Bundle b = read(d);
        ReconSettings st;
        st.buildMap = false;
        const EpisodeRecon r = reconstructEpisode(b, manifestClocks(b), st);
        QVERIFY(r.frames[5].odometry.failed);
        QVERIFY(!r.frames[5].odometry.note.empty());
        QCOMPARE(r.failures, 1);
        QVERIFY(!r.frames[6].odometry.failed); // tracking goes on after the hole
        QVERIFY(r.odometryVsGroundTruth->ateRmseM < 0.003);
    }
};

QTEST_GUILESS_MAIN(TstEpisodeRecon)
#include "tst_episoderecon.moc"
