// The sampled streams of a synthetic episode agree with its ground truth through the true clock
// models: gyro and accelerometer with the trajectory's derivatives, hands with a rigid skeleton
// touching the box, forces with the contact intervals.
#include "model/handjoints.h"
#include "synth/headtrajectory.h"
#include "synth/synth.h"
#include "synthtesthelpers.h"

#include <QTemporaryDir>
#include <QtTest>

namespace fs = std::filesystem;
using namespace synthtest;

class TstSynthSignals : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    fs::path dir_;
    nlohmann::json gt_;
    std::vector<GtPose> traj_;
    ts::core::synth::SynthOptions opts_;

private slots:
    void initTestCase() {
        dir_ = fs::path(tmp_.path().toStdString()) / "ep";
        opts_.seconds = 4;
        opts_.taskSeconds = 4; // the whole task, faster
        opts_.width = 160;
        opts_.height = 120;
        opts_.seed = 3;
        opts_.handJointNoiseM = 0; // bones must then be exactly rigid
        ts::core::synth::generateEpisode(dir_, opts_);
        gt_ = readJson(dir_ / "ground_truth.json");
        traj_ = gtPoses(gt_["trajectory"]["samples"]);
    }

    void trajectoryMatchesGenerator() {
        const ts::core::synth::HeadTrajectory head(opts_.seed);
        const int64_t start = gt_["timeline"]["start_ns"];
        for (size_t i = 0; i < traj_.size(); i += 37) {
            const double s = double(traj_[i].t - start) * 1e-9;
            QVERIFY((head.position(s) - traj_[i].p).norm() < 1e-12);
        }
    }

    // SynthOptions::headTurnScale turns the head that many times as far (the same waves, the
    // same pace), leaves its path alone, and is recorded in ground_truth.json.
    void headTurnScaleScalesTheTurning() {
        using ts::core::synth::HeadTrajectory;
        const HeadTrajectory one(opts_.seed), two(opts_.seed, 2.0);
        double rmsOne = 0, rmsTwo = 0;
        for (double s = 0.05; s < 20; s += 0.25) {
            QVERIFY((one.position(s) - two.position(s)).norm() < 1e-15);
            rmsOne += one.state(s).omega.squaredNorm();
            rmsTwo += two.state(s).omega.squaredNorm();
        }
        const double ratio = std::sqrt(rmsTwo / rmsOne);
        QVERIFY2(ratio > 1.95 && ratio < 2.05, qPrintable(QString::number(ratio)));
        QCOMPARE(gt_["generator"]["head_turn_scale"].get<double>(), 1.0);
    }

    void poseStreamIsTrajectoryOnItsOwnClock() {
        const Csv pose = readCsv(dir_ / "pose.csv");
        const auto model = clockOf(gt_, "pose");
        double maxErr = 0, maxErrUnmapped = 0;
        for (size_t r = 1; r + 1 < pose.rows.size(); ++r) {
            const int64_t raw = pose.i64(r, 0);
            const Eigen::Vector3d p(pose.d(r, 1), pose.d(r, 2), pose.d(r, 3));
            const Eigen::Quaterniond q(pose.d(r, 7), pose.d(r, 4), pose.d(r, 5), pose.d(r, 6));
            QVERIFY(std::abs(q.norm() - 1) < 1e-6);
            QVERIFY(q.w() > 0);
            const GtPose truth = interpolate(traj_, model.toTimeline(raw));
            maxErr = std::max(maxErr, (truth.p - p).norm() + truth.q.angularDistance(q));
            const GtPose wrong = interpolate(traj_, raw);
            maxErrUnmapped = std::max(maxErrUnmapped, (wrong.p - p).norm());
        }
        qInfo("pose error %.2e through the clock model, %.2e without", maxErr, maxErrUnmapped);
        QVERIFY(maxErr < 1e-5); // linear interpolation of 100 Hz truth
        QVERIFY(maxErrUnmapped > 1e-4);
    }

    void gyroFollowsTrajectoryThroughClockModel() {
        const Csv imu = readCsv(dir_ / "imu.csv");
        const auto model = clockOf(gt_, "imu");
        QVERIFY(model.offsetNs != 0);
        const ts::core::synth::HeadTrajectory head(opts_.seed);
        const int64_t start = gt_["timeline"]["start_ns"];
        Eigen::Vector3d bias;
        for (int i = 0; i < 3; ++i)
            bias[i] = gt_["imu"]["gyro_bias"][size_t(i)];
        double errTrue = 0, errRaw = 0;
        int n = 0;
        for (size_t r = 0; r < imu.rows.size(); r += 5) {
            const Eigen::Vector3d g(imu.d(r, 4), imu.d(r, 5), imu.d(r, 6));
            const int64_t raw = imu.i64(r, 0);
            auto err = [&](int64_t t) {
                return (g - bias - head.state(double(t - start) * 1e-9).omega).norm();
            };
            errTrue = std::max(errTrue, err(model.toTimeline(raw)));
            errRaw += err(raw); // as if the clock were the timeline
            ++n;
        }
        errRaw /= n;
        qInfo("gyro max error %.5f rad/s with the clock model, mean %.5f without", errTrue, errRaw);
        QVERIFY(errTrue < 6 * opts_.imuGyroNoise * std::sqrt(3.0));
        QVERIFY(errRaw > 2 * opts_.imuGyroNoise);
    }

    void gyroIntegratesToTrajectoryRotation() {
        const Csv imu = readCsv(dir_ / "imu.csv");
        const auto model = clockOf(gt_, "imu");
        Eigen::Vector3d bias;
        for (int i = 0; i < 3; ++i)
            bias[i] = gt_["imu"]["gyro_bias"][size_t(i)];
        // Integrate 2 s of gyro on the timeline and compare with the ground-truth rotation.
        std::vector<std::pair<int64_t, Eigen::Vector3d>> s;
        for (size_t r = 0; r < imu.rows.size(); ++r)
            s.push_back({model.toTimeline(imu.i64(r, 0)),
                         Eigen::Vector3d(imu.d(r, 4), imu.d(r, 5), imu.d(r, 6)) - bias});
        const size_t i0 = 500, i1 = 2500;
        Eigen::Quaterniond q = Eigen::Quaterniond::Identity();
        for (size_t i = i0; i < i1; ++i) {
            const Eigen::Vector3d w = 0.5 * (s[i].second + s[i + 1].second);
            const double dt = double(s[i + 1].first - s[i].first) * 1e-9;
            const double a = w.norm() * dt;
            if (a > 0)
                q = q * Eigen::Quaterniond(Eigen::AngleAxisd(a, w.normalized()));
        }
        const Eigen::Quaterniond qa = interpolate(traj_, s[i0].first).q;
        const Eigen::Quaterniond qb = interpolate(traj_, s[i1].first).q;
        const Eigen::Quaterniond truth = qa.conjugate() * qb;
        const double err = truth.angularDistance(q);
        const double total = truth.angularDistance(Eigen::Quaterniond::Identity());
        qInfo("integrated rotation %.4f rad, error %.6f rad", total, err);
        QVERIFY(total > 0.01);
        QVERIFY(err < 2e-3);
    }

    void accelerometerIsSpecificForce() {
        const Csv imu = readCsv(dir_ / "imu.csv");
        const auto model = clockOf(gt_, "imu");
        Eigen::Vector3d bias;
        for (int i = 0; i < 3; ++i)
            bias[i] = gt_["imu"]["accel_bias"][size_t(i)];
        std::vector<int64_t> t;
        for (size_t r = 0; r < imu.rows.size(); ++r)
            t.push_back(model.toTimeline(imu.i64(r, 0)));
        double maxErr = 0;
        int n = 0;
        for (size_t i = 5; i + 5 < traj_.size(); i += 7) {
            // Second difference of the 100 Hz positions (error ~1e-3 m/s² for this motion).
            const Eigen::Vector3d acc = (traj_[i + 1].p - 2 * traj_[i].p + traj_[i - 1].p) / 1e-4;
            const Eigen::Vector3d f =
                traj_[i].q.toRotationMatrix().transpose() * (acc + Eigen::Vector3d(0, 0, 9.81));
            auto it = std::lower_bound(t.begin(), t.end(), traj_[i].t);
            if (it == t.end() || it == t.begin())
                continue;
            if (*it - traj_[i].t > traj_[i].t - *(it - 1))
                --it; // the nearest sample, at most 0.5 ms away
            const size_t r = size_t(it - t.begin());
            const Eigen::Vector3d meas(imu.d(r, 1), imu.d(r, 2), imu.d(r, 3));
            maxErr = std::max(maxErr, (meas - bias - f).norm());
            ++n;
        }
        qInfo("accel max error %.4f m/s² over %d samples", maxErr, n);
        QVERIFY(n > 40);
        QVERIFY(maxErr < 0.15);
    }

    void handBonesAreRigidAndPlausible() {
        const Csv hands = readCsv(dir_ / "hands.csv");
        std::map<std::string, std::vector<std::pair<double, double>>> range; // min, max per bone
        for (size_t r = 0; r < hands.rows.size(); ++r) {
            const std::string hand = hands.rows[r][1];
            QVERIFY(hand == "left" || hand == "right");
            const double conf = hands.d(r, 2);
            QVERIFY(conf >= 0 && conf <= 1);
            auto joint = [&](int j) {
                return Eigen::Vector3d(hands.d(r, 3 + 3 * j), hands.d(r, 4 + 3 * j),
                                       hands.d(r, 5 + 3 * j));
            };
            auto& rg = range[hand];
            rg.resize(ts::core::kHandBones.size(), {1e9, -1e9});
            for (size_t b = 0; b < ts::core::kHandBones.size(); ++b) {
                const auto [p, c] = ts::core::kHandBones[b];
                const double len = (joint(c) - joint(p)).norm();
                rg[b] = {std::min(rg[b].first, len), std::max(rg[b].second, len)};
            }
            QVERIFY(joint(0).norm() < 1.0); // within reach of the head
        }
        QCOMPARE(range.size(), size_t(2));
        for (const auto& [hand, rg] : range)
            for (const auto& [lo, hi] : rg) {
                QVERIFY(lo > 0.015 && hi < 0.1);
                QVERIFY2(hi - lo < 1e-5, hand.c_str());
            }
    }

    void forceFollowsContacts() {
        const Csv force = readCsv(dir_ / "force.csv");
        const auto model = clockOf(gt_, "force");
        const auto& contacts = gt_["contacts"];
        QCOMPARE(contacts.size(), size_t(12)); // 5 left, 5 right, ring and pinky twice
        for (int c = 1; c < int(force.header.size()); ++c) {
            const std::string channel = force.header[size_t(c)];
            const std::string hand = channel.substr(0, channel.find('_'));
            const std::string finger = channel.substr(channel.find('_') + 1);
            std::vector<std::pair<int64_t, int64_t>> spans;
            for (const auto& k : contacts)
                if (k["hand"] == hand && k["finger"] == finger)
                    spans.push_back({k["start_ns"], k["end_ns"]});
            QVERIFY2(!spans.empty(), channel.c_str());
            double in = 0, out = 0;
            int nin = 0, nout = 0;
            for (size_t r = 0; r < force.rows.size(); ++r) {
                const int64_t t = model.toTimeline(force.i64(r, 0));
                bool inside = false, near = false;
                for (const auto& [a, b] : spans) {
                    inside = inside || (t > a + 150'000'000 && t < b - 150'000'000);
                    near = near || (t > a - 20'000'000 && t < b + 20'000'000);
                }
                if (inside)
                    in += force.d(r, c), ++nin;
                else if (!near)
                    out += std::abs(force.d(r, c)), ++nout;
            }
            in /= std::max(nin, 1);
            out /= std::max(nout, 1);
            QVERIFY2(nin > 100 && in > 0.5, channel.c_str());
            QVERIFY2(nout > 100 && out < 0.05, channel.c_str());
        }
        // The slip, the regrasp and the recovery follow one another.
        std::vector<std::string> kinds;
        for (const auto& e : gt_["events"])
            kinds.push_back(e["kind"]);
        QCOMPARE(kinds, (std::vector<std::string>{"slip", "regrasp", "recovery"}));
        QCOMPARE(gt_["events"][0]["end_ns"], gt_["events"][1]["start_ns"]);
    }

    void fingertipsTouchTheBoxDuringContacts() {
        const Csv hands = readCsv(dir_ / "hands.csv");
        const auto model = clockOf(gt_, "hands");
        const auto objects = gtPoses(gt_["object"]["samples"]);
        Eigen::Vector3d half;
        for (int i = 0; i < 3; ++i)
            half[i] = gt_["object"]["size_m"][size_t(i)].get<double>() / 2;
        const std::vector<std::string> fingers{"thumb", "index", "middle", "ring", "pinky"};
        int checked = 0;
        double lifted = 0;
        for (size_t r = 0; r < hands.rows.size(); ++r) {
            if (hands.rows[r][1] != "right")
                continue;
            const int64_t t = model.toTimeline(hands.i64(r, 0));
            const GtPose head = interpolate(traj_, t);
            const GtPose box = interpolate(objects, t);
            lifted = std::max(lifted, box.p.z() - half.z());
            for (const auto& k : gt_["contacts"]) {
                if (k["hand"] != "right" || t < k["start_ns"].get<int64_t>() + 20'000'000 ||
                    t > k["end_ns"].get<int64_t>() - 20'000'000)
                    continue;
                const int f = int(std::find(fingers.begin(), fingers.end(), k["finger"]) -
                                  fingers.begin());
                const int j = ts::core::kFingertips[size_t(f)];
                const Eigen::Vector3d dev(hands.d(r, 3 + 3 * j), hands.d(r, 4 + 3 * j),
                                          hands.d(r, 5 + 3 * j));
                const Eigen::Vector3d world = head.p + head.q.toRotationMatrix() * dev;
                const Eigen::Vector3d rel = (world - box.p).cwiseAbs() - half;
                const double outside = rel.cwiseMax(0.0).norm();
                QVERIFY2(outside < 0.012, (k["finger"].get<std::string>() + " " +
                                           std::to_string(outside)).c_str());
                ++checked;
            }
        }
        QVERIFY(checked > 100);
        QVERIFY(lifted > 0.08); // the box was lifted off the table
    }
};

QTEST_GUILESS_MAIN(TstSynthSignals)
#include "tst_synthsignals.moc"
