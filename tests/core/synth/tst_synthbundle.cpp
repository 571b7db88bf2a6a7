// The synthetic generator writes a complete, self-consistent bundle: counts, time ranges and
// clocks in ground_truth.json agree with the files, depth and video agree with the geometry and
// intrinsics written, and it is deterministic.
#include "synth/synth.h"
#include "synthtesthelpers.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

namespace fs = std::filesystem;
using namespace synthtest;
using ts::core::synth::SynthOptions;

class TstSynthBundle : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    fs::path dir_;
    nlohmann::json gt_;
    ts::core::synth::SynthSummary summary_;

    static SynthOptions smallOptions() {
        SynthOptions o;
        o.seconds = 2;
        o.width = 320;
        o.height = 240;
        o.seed = 7;
        return o;
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        dir_ = fs::path(tmp_.path().toStdString()) / "ep";
        double lastProgress = -1;
        bool monotonic = true;
        SynthOptions o = smallOptions();
        o.progress = [&](double f) {
            monotonic = monotonic && f >= lastProgress && f <= 1.0;
            lastProgress = f;
        };
        summary_ = ts::core::synth::generateEpisode(dir_, o);
        gt_ = readJson(dir_ / "ground_truth.json");
        QVERIFY(monotonic);
        QCOMPARE(lastProgress, 1.0);
    }

    void countsAndRangesMatchFiles() {
        const std::map<std::string, std::string> files{{"rgb", "rgb_frames.csv"},
                                                       {"depth", "depth_frames.csv"},
                                                       {"imu", "imu.csv"},
                                                       {"pose", "pose.csv"},
                                                       {"hands", "hands.csv"},
                                                       {"force", "force.csv"}};
        for (const auto& [stream, file] : files) {
            const Csv csv = readCsv(dir_ / file);
            const auto& s = gt_["streams"][stream];
            const int tc = csv.col("t_ns");
            QCOMPARE(int64_t(csv.rows.size()), s["count"].get<int64_t>());
            QCOMPARE(summary_.counts.at(stream), s["count"].get<int64_t>());
            QCOMPARE(csv.i64(0, tc), s["first_raw_ns"].get<int64_t>());
            QCOMPARE(csv.i64(csv.rows.size() - 1, tc), s["last_raw_ns"].get<int64_t>());
            // Nominal count: rate × duration, give or take one sample (drift, edges).
            const double nominal = s["rate_hz"].get<double>() * 2.0 * (stream == "hands" ? 2 : 1);
            QVERIFY2(std::abs(double(csv.rows.size()) - nominal) <= 2.0, stream.c_str());
            for (size_t i = 1; i < csv.rows.size(); ++i) {
                const int64_t a = csv.i64(i - 1, tc), b = csv.i64(i, tc);
                QVERIFY2(stream == "hands" ? b >= a : b > a, stream.c_str());
            }
        }
        QCOMPARE(summary_.counts.at("rgb"), int64_t(60));
        QCOMPARE(summary_.counts.at("depth"), int64_t(30));
    }

    void videoHasExactlyTheCsvFrames() {
        std::map<int64_t, Luma> frames;
        const int64_t n = decodeVideo(dir_ / "rgb.mp4", {0}, frames);
        QCOMPARE(n, int64_t(readCsv(dir_ / "rgb_frames.csv").rows.size()));
        QCOMPARE(frames.at(0).width, 320);
        QCOMPARE(frames.at(0).height, 240);
        const Csv csv = readCsv(dir_ / "rgb_frames.csv");
        for (size_t i = 0; i < csv.rows.size(); ++i)
            QCOMPARE(csv.i64(i, 0), int64_t(i));
    }

    // The video's H.264 quality is an option, recorded in ground_truth.json: at crf 0 (lossless)
    // the same frames take several times the bytes.
    void crfIsAppliedAndRecorded() {
        QCOMPARE(gt_["generator"]["crf"].get<int>(), 20);
        SynthOptions o = smallOptions();
        o.crf = 0;
        const fs::path d = fs::path(tmp_.path().toStdString()) / "lossless";
        ts::core::synth::generateEpisode(d, o);
        QCOMPARE(readJson(d / "ground_truth.json")["generator"]["crf"].get<int>(), 0);
        const auto lossless = fs::file_size(d / "rgb.mp4"), coded = fs::file_size(dir_ / "rgb.mp4");
        QVERIFY2(lossless > 3 * coded,
                 qPrintable(QString("%1 vs %2 bytes").arg(lossless).arg(coded)));
    }

    void manifestAndCalibrationAreConsistent() {
        const auto m = readJson(dir_ / "episode.json");
        QCOMPARE(m["format"].get<std::string>(), std::string("touchstone-episode/1"));
        QCOMPARE(m["id"].get<std::string>(), std::string("synth-7"));
        QVERIFY(m["consent"]["withdrawn_at"].is_null());
        std::set<std::string> clocks;
        int timelines = 0;
        for (const auto& c : m["clocks"]) {
            clocks.insert(c["name"].get<std::string>());
            timelines += c.value("timeline", false) ? 1 : 0;
        }
        QCOMPARE(timelines, 1);
        for (const auto& s : m["streams"]) {
            QVERIFY(clocks.count(s["clock"].get<std::string>()));
            QVERIFY(fs::exists(dir_ / s["path"].get<std::string>()));
            // The manifest's clock and ground truth's agree.
            QCOMPARE(s["clock"].get<std::string>(),
                     gt_["clocks"][s["name"].get<std::string>()]["clock"].get<std::string>());
        }
        const auto cal = readJson(dir_ / "calibration.json");
        QCOMPARE(cal["cameras"]["rgb"]["fx"].get<double>(), 0.8 * 320);
        QCOMPARE(cal["cameras"]["rgb"]["cx"].get<double>(), 159.5);
        QCOMPARE(cal["cameras"]["depth"]["width"].get<int>(), 160);
        QCOMPARE(cal["depth_scale_m"].get<double>(), 0.001);
        // Random clocks: the non-camera streams got nonzero offsets within ±200 ms.
        for (const char* s : {"imu", "pose", "hands", "force"}) {
            const auto off = gt_["clocks"][s]["offset_ns"].get<int64_t>();
            QVERIFY(off != 0 && std::abs(off) <= 200'000'000);
        }
        QCOMPARE(gt_["clocks"]["depth"]["clock"].get<std::string>(), std::string("camera"));
    }

    void depthEqualsTableGeometry() {
        const auto cal = readJson(dir_ / "calibration.json")["cameras"]["depth"];
        const double fx = cal["fx"], fy = cal["fy"], cx = cal["cx"], cy = cal["cy"];
        const Csv frames = readCsv(dir_ / "depth_frames.csv");
        const auto traj = gtPoses(gt_["trajectory"]["samples"]);
        int checked = 0, wrong = 0;
        for (size_t k : {size_t(3), size_t(6), size_t(12)}) { // on the 10 ms grid; hands at rest
            const int64_t t = frames.i64(k, 1); // depth shares the camera clock
            const GtPose pose = interpolate(traj, t);
            char name[32];
            std::snprintf(name, sizeof name, "depth/%06zu.png", k);
            int w = 0, h = 0;
            const auto mm = readPng16(dir_ / name, w, h);
            QCOMPARE(w, 160);
            const Eigen::Matrix3d R = pose.q.toRotationMatrix();
            for (int v = 2; v < h; v += 7) {
                for (int u = 2; u < w; u += 7) {
                    const Eigen::Vector3d d = R * Eigen::Vector3d((u - cx) / fx, (v - cy) / fy, 1);
                    if (d.z() >= 0)
                        continue;
                    const double z = -pose.p.z() / d.z(); // table plane z = 0
                    const Eigen::Vector3d x = pose.p + z * d;
                    // Away from the box (and its shadow), the hands and the table edge.
                    if (x.y() < 0.12 || x.y() > 0.5 || std::abs(x.x()) > 0.55 ||
                        (x.x() > -0.03 && x.x() < 0.13 && x.y() < 0.35))
                        continue;
                    ++checked;
                    const double expected = std::round(z * 1000);
                    if (std::abs(mm[size_t(v * w + u)] - expected) > 1) {
                        ++wrong;
                        qWarning("frame %zu pixel %d,%d: %d mm, table at %.0f mm (x %.3f y %.3f)",
                                 k, u, v, int(mm[size_t(v * w + u)]), expected, x.x(), x.y());
                    }
                }
            }
        }
        QVERIFY2(checked > 100, std::to_string(checked).c_str());
        QCOMPARE(wrong, 0);
    }

    void imageMotionFollowsTrajectory() {
        // A table point seen in frame 0 must appear where the ground-truth pose and the written
        // intrinsics project it in frame 6 (200 ms later).
        const auto cal = readJson(dir_ / "calibration.json")["cameras"]["rgb"];
        const double fx = cal["fx"], fy = cal["fy"], cx = cal["cx"], cy = cal["cy"];
        const Csv times = readCsv(dir_ / "rgb_frames.csv");
        const auto traj = gtPoses(gt_["trajectory"]["samples"]);
        std::map<int64_t, Luma> frames;
        decodeVideo(dir_ / "rgb.mp4", {0, 6}, frames);
        const GtPose a = interpolate(traj, times.i64(0, 1));
        const GtPose b = interpolate(traj, times.i64(6, 1));
        const Eigen::Matrix3d Ra = a.q.toRotationMatrix(), Rb = b.q.toRotationMatrix();
        auto score = [&](const Eigen::Matrix3d& RbUsed, const Eigen::Vector3d& pbUsed, double& px) {
            double sum = 0, motion = 0;
            int n = 0;
            for (int v = 10; v < 230; v += 4) {
                for (int u = 10; u < 310; u += 4) {
                    const Eigen::Vector3d d = Ra * Eigen::Vector3d((u - cx) / fx, (v - cy) / fy, 1);
                    if (d.z() >= 0)
                        continue;
                    const Eigen::Vector3d x = a.p + (-a.p.z() / d.z()) * d;
                    if (x.y() < 0.12 || x.y() > 0.5 || std::abs(x.x()) > 0.55 ||
                        (x.x() > -0.03 && x.x() < 0.13 && x.y() < 0.35))
                        continue;
                    const Eigen::Vector3d c = RbUsed.transpose() * (x - pbUsed);
                    const double ub = fx * c.x() / c.z() + cx, vb = fy * c.y() / c.z() + cy;
                    if (ub < 1 || vb < 1 || ub > 318 || vb > 238)
                        continue;
                    sum += std::abs(frames[0].y[size_t(v * 320 + u)] - frames[6].at(ub, vb));
                    motion += std::hypot(ub - u, vb - v);
                    ++n;
                }
            }
            px = motion / std::max(n, 1);
            return sum / std::max(n, 1);
        };
        double motion = 0, ignored = 0;
        const double right = score(Rb, b.p, motion);
        const double still = score(Ra, a.p, ignored); // pretend the head did not move
        qInfo("mean luma error %.2f with the true motion (%.1f px), %.2f without", right, motion, still);
        QVERIFY(motion > 3);      // the head really moved
        QVERIFY(right < 8);       // and the image moved with it
        QVERIFY(right < 0.5 * still);
    }

    void deterministic() {
        QTemporaryDir other;
        const fs::path a = fs::path(other.path().toStdString()) / "a";
        const fs::path b = fs::path(other.path().toStdString()) / "b";
        SynthOptions o = smallOptions();
        o.seconds = 1;
        o.width = 64;
        o.height = 48;
        o.dropRate = 0.1;
        o.jitterUs = 50;
        ts::core::synth::generateEpisode(a, o);
        ts::core::synth::generateEpisode(b, o);
        int compared = 0;
        for (const auto& e : fs::recursive_directory_iterator(a)) {
            if (!e.is_regular_file() || e.path().extension() == ".mp4")
                continue;
            const fs::path rel = fs::relative(e.path(), a);
            QVERIFY2(readBytes(e.path()) == readBytes(b / rel), rel.c_str());
            ++compared;
        }
        QVERIFY(compared > 20);
        o.seed = 8;
        const fs::path c = fs::path(other.path().toStdString()) / "c";
        ts::core::synth::generateEpisode(c, o);
        QVERIFY(readBytes(a / "imu.csv") != readBytes(c / "imu.csv"));
    }

    // Without images: the same sampled streams to the byte (the long-recording bench scores
    // them in place of full episodes) and nothing else but the ground truth.
    void signalsOnlyWritesTheSameStreams() {
        QTemporaryDir other;
        const fs::path full = fs::path(other.path().toStdString()) / "full";
        const fs::path bare = fs::path(other.path().toStdString()) / "bare";
        SynthOptions o = smallOptions();
        o.seconds = 2;
        o.width = 64;
        o.height = 48;
        o.dropRate = 0.05;
        o.jitterUs = 50;
        ts::core::synth::generateEpisode(full, o);
        o.images = false;
        const auto summary = ts::core::synth::generateEpisode(bare, o);
        std::set<std::string> written;
        for (const auto& e : fs::directory_iterator(bare))
            written.insert(e.path().filename().string());
        QCOMPARE(written, (std::set<std::string>{"force.csv", "ground_truth.json", "hands.csv",
                                                 "imu.csv", "pose.csv"}));
        for (const char* f : {"force.csv", "hands.csv", "imu.csv", "pose.csv"})
            QVERIFY2(readBytes(full / f) == readBytes(bare / f), f);
        QCOMPARE(summary.counts.at("rgb"), int64_t{0});
        QVERIFY(summary.counts.at("force") > 1000);
        const auto gt = readJson(bare / "ground_truth.json");
        QCOMPARE(gt["generator"]["images"].get<bool>(), false);
        QCOMPARE(gt["clocks"], readJson(full / "ground_truth.json")["clocks"]);
    }

    void dropsAndJitter() {
        QTemporaryDir other;
        const fs::path d = fs::path(other.path().toStdString()) / "d";
        SynthOptions o = smallOptions();
        o.width = 64;
        o.height = 48;
        o.dropRate = 0.2;
        o.jitterUs = 100;
        const auto s = ts::core::synth::generateEpisode(d, o);
        const auto gt = readJson(d / "ground_truth.json");
        for (const char* stream : {"rgb", "imu", "force"}) {
            const auto& g = gt["streams"][stream];
            const double total = double(g["count"].get<int64_t>() + g["dropped"].get<int64_t>());
            const double rate = double(g["dropped"].get<int64_t>()) / total;
            QVERIFY2(rate > 0.1 && rate < 0.3, stream);
            QCOMPARE(s.dropped.at(stream), g["dropped"].get<int64_t>());
        }
        std::map<int64_t, Luma> none;
        QCOMPARE(decodeVideo(d / "rgb.mp4", {}, none), gt["streams"]["rgb"]["count"].get<int64_t>());
        // Recorded IMU times sit on the sensor's 1 kHz grid up to the jitter (σ = 100 µs).
        const Csv imu = readCsv(d / "imu.csv");
        const int64_t first = imu.i64(0, 0);
        double maxDev = 0;
        for (size_t i = 1; i < imu.rows.size(); ++i) {
            QVERIFY(imu.i64(i, 0) > imu.i64(i - 1, 0));
            const double k = std::round(double(imu.i64(i, 0) - first) / 1e6);
            maxDev = std::max(maxDev, std::abs(double(imu.i64(i, 0) - first) - k * 1e6));
        }
        QVERIFY(maxDev > 50'000);   // jitter is there
        QVERIFY(maxDev < 1'000'000); // but bounded
    }

    void rejectsBadOptions() {
        QTemporaryDir other;
        auto expectError = [&](SynthOptions o, const std::string& needle) {
            try {
                ts::core::synth::generateEpisode(fs::path(other.path().toStdString()) / "x", o);
                QFAIL(("no error for " + needle).c_str());
            } catch (const ts::core::Error& e) {
                QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
            }
        };
        SynthOptions o;
        o.fps = 0;
        expectError(o, "fps");
        o = {};
        o.seconds = -1;
        expectError(o, "seconds");
        o = {};
        o.width = 15;
        expectError(o, "width");
        o = {};
        o.height = 8;
        expectError(o, "height");
        o = {};
        o.dropRate = 0.95;
        expectError(o, "dropRate");
        o = {};
        o.clockOffsetMs["rgb"] = 5;
        expectError(o, "timeline");
        o = {};
        o.clockDriftPpm["lidar"] = 5;
        expectError(o, "lidar");
        QVERIFY(!fs::exists(fs::path(other.path().toStdString()) / "x")); // nothing written
    }

    void refusesNonEmptyFolder() {
        try {
            ts::core::synth::generateEpisode(dir_, smallOptions());
            QFAIL("no error");
        } catch (const ts::core::Error& e) {
            QVERIFY(std::string(e.what()).find("not empty") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TstSynthBundle)
#include "tst_synthbundle.moc"
