// The camera's rotation measured in its own video against the truth the synthetic generator
// rendered it with, and the links it gives: gyro and pose onto the camera clock.
#include "io/bundle.h"
#include "recon/trajectory.h"
#include "sync/clockestimator.h"
#include "sync/episodeinput.h"
#include "sync/episodesync.h"
#include "sync/groundtruthclocks.h"
#include "sync/signals.h"
#include "sync/visualrotation.h"
#include "synth/synth.h"
#include "util/error.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace ts::core;

namespace {

Bundle makeEpisode(const QString& dir, double seconds, uint64_t seed, int width,
                   std::map<std::string, double> offsetsMs,
                   std::map<std::string, double> driftPpm) {
    synth::SynthOptions so;
    so.seed = seed;
    so.seconds = seconds;
    so.width = width;
    so.height = width * 3 / 4;
    so.clockOffsetMs = std::move(offsetsMs);
    so.clockDriftPpm = std::move(driftPpm);
    synth::generateEpisode(dir.toStdString(), so);
    BundleReadOptions ro;
    ro.hashMedia = false;
    return readBundle(dir.toStdString(), ro);
}

} // namespace

class TstVisualRotation : public QObject {
    Q_OBJECT
private slots:
    // With pose on the camera clock, the visual rate must match the pose-derived rate.
    void matchesRenderedRotation() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ep");
        Bundle b = makeEpisode(dir, 12, 41, 320, {{"pose", 0.0}, {"imu", 0.0}},
                               {{"pose", 0.0}, {"imu", 0.0}});
        QVERIFY(b.ok());
        const auto ex = sync::extractEpisodeSignals(b);
        QVERIFY2(ex.visual, ex.videoProblem.c_str());
        QCOMPARE(ex.depthStream, std::string("depth"));
        const auto& vis = *ex.visual;
        QVERIFY(vis.depthPairs > vis.pairs / 2);
        QVERIFY2(vis.pairs > 300, qPrintable(QString::number(vis.pairs)));
        // Each rate sample carries the interval it measures (two frames' capture times, its
        // stamp their midpoint) and its fit's tracks and residual.
        QCOMPARE(vis.rate.interval.size(), vis.rate.size());
        QCOMPARE(vis.pairTracks.size(), vis.rate.size());
        QCOMPARE(vis.pairResidualPx.size(), vis.rate.size());
        const auto& ft = b.frames.at("rgb").tNs;
        for (size_t k = 0; k < vis.rate.size(); ++k) {
            const TimeNs a = vis.rate.t[k] - vis.rate.interval[k] / 2;
            const TimeNs c = a + vis.rate.interval[k];
            QVERIFY(std::binary_search(ft.begin(), ft.end(), a));
            QVERIFY(std::binary_search(ft.begin(), ft.end(), c));
            QVERIFY(vis.pairTracks[k] >= 12);
            QVERIFY(vis.pairResidualPx[k] >= 0 && vis.pairResidualPx[k] < 2);
        }
        const auto rate = sync::angularRateFromPose(b.pose.at("pose"), 30'000'000);
        auto relativeError = [&](const sync::VisualRotation& v) {
            double err = 0, sig = 0;
            size_t hint = 0;
            for (size_t k = 0; k < v.rate.size(); ++k) {
                const Vec3 p = sync::interpolate(rate, static_cast<double>(v.rate.t[k]), &hint);
                for (int a = 0; a < 3; ++a) {
                    err += std::pow(v.rate.v[k][a] - p[a], 2);
                    sig += p[a] * p[a];
                }
            }
            return std::sqrt(err / sig);
        };
        const double rel = relativeError(vis);
        qInfo("visual rate: %lld pairs (%lld seeded, %lld tracked again), %.0f tracks, residual "
              "%.2f px, relative error %.3f",
              static_cast<long long>(vis.pairs), static_cast<long long>(vis.seededPairs),
              static_cast<long long>(vis.reseededPairs), vis.medianTracks, vis.medianResidualPx,
              rel);
        QVERIFY2(rel < 0.15, qPrintable(QString::number(rel)));

        // The pairs with depth solved again for their rotation alone, with the translation the
        // pose stream gives (here on the camera clock, the camera at the device's origin): a
        // sideways move no longer passes for a turn.
        QVERIFY(vis.depthPairPoints);
        QVERIFY(vis.depthPairPoints->size() >= static_cast<size_t>(vis.depthPairs) * 9 / 10);
        const auto path = recon::Trajectory::fromPoses(b.pose.at("pose"), ClockModel{});
        const sync::CameraPoseAt poseAt = [&](TimeNs t, Eigen::Quaterniond& q, Eigen::Vector3d& p) {
            const auto x = path.at(t);
            if (!x)
                return false;
            q = Eigen::Quaterniond(x->linear());
            p = x->translation();
            return true;
        };
        int64_t resolved = 0;
        sync::VisualRotation withPose = vis;
        withPose.rate = sync::rateWithKnownTranslation(vis, poseAt, 0.3, 12, &resolved);
        const double relPose = relativeError(withPose);
        qInfo("with the pose's translation: %lld pairs solved again, relative error %.3f",
              static_cast<long long>(resolved), relPose);
        QCOMPARE(resolved, static_cast<int64_t>(vis.depthPairPoints->size()));
        // The pose's translation agrees in scale with the one the pairs measured; positions of
        // another scale do not.
        const double scale = sync::translationScale(vis, poseAt);
        const double scaled5 =
            sync::translationScale(vis, [&](TimeNs t, Eigen::Quaterniond& q, Eigen::Vector3d& p) {
                const bool ok = poseAt(t, q, p);
                p *= 5;
                return ok;
            });
        qInfo("translation scale: %.3f, with the positions × 5: %.3f", scale, scaled5);
        QVERIFY2(scale > 0.85 && scale < 1.15, qPrintable(QString::number(scale)));
        QVERIFY2(scaled5 > 0.17 && scaled5 < 0.23, qPrintable(QString::number(scaled5)));
        QVERIFY2(relPose < 0.75 * rel, qPrintable(QString("%1 vs %2").arg(relPose).arg(rel)));
        // Without a known translation nothing changes.
        const sync::VectorSignal same = sync::rateWithKnownTranslation(
            vis, [](TimeNs, Eigen::Quaterniond&, Eigen::Vector3d&) { return false; }, 0.3, 12,
            &resolved);
        QCOMPARE(resolved, int64_t(0));
        QVERIFY(same.v == vis.rate.v);
        // Tracks seeded with the last pair's rotation (the default) follow the same texture as
        // tracks found through the whole pyramid: nearly every pair is seeded and the rate is
        // as close to the truth.
        QVERIFY2(vis.seededPairs > vis.pairs * 9 / 10,
                 qPrintable(QString("%1 of %2").arg(vis.seededPairs).arg(vis.pairs)));
        sync::SyncSettings unseeded;
        unseeded.visual.seededLevels = -1;
        const auto full = sync::extractEpisodeSignals(b, unseeded);
        QVERIFY(full.visual);
        QCOMPARE(full.visual->seededPairs, int64_t(0));
        const double relFull = relativeError(*full.visual);
        qInfo("through every level: relative error %.3f", relFull);
        QVERIFY2(rel < relFull * 1.05 + 0.002,
                 qPrintable(QString("seeded %1, every level %2").arg(rel).arg(relFull)));
    }

    // The video links gyro and pose to the camera clock. What matters is the misalignment
    // anywhere in the recording, not only at the model's t0: one 20 s episode's offset at its
    // centre scatters by about half a millisecond (the 1 ms p95 goal is a bench figure over
    // 20 × 60 s episodes), and a drift error adds to it towards the ends.
    void alignsImuAndPoseToCamera() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ep");
        Bundle b = makeEpisode(dir, 20, 43, 320, {{"pose", 137.5}, {"imu", -251.25}},
                               {{"pose", 40.0}, {"imu", -60.0}});
        QVERIFY(b.ok());
        const auto sig = sync::extractEpisodeSignals(b);
        const auto r = sync::syncEpisode(b, {}, &sig);
        const auto truth = sync::readGroundTruthClocks((dir + "/ground_truth.json").toStdString());
        std::vector<TimeNs> imuTimes, poseTimes;
        for (const auto& x : b.imu.at("imu"))
            imuTimes.push_back(x.tNs);
        for (const auto& x : b.pose.at("pose"))
            poseTimes.push_back(x.tNs);
        for (const auto& p : r.pairs)
            qInfo("pair %s~%s %s: conf %.2f res %.3f ms windows %d used %d inliers %d peak %.3f "
                  "uniq %.2f",
                  p.stream.c_str(), p.other.c_str(), p.method.c_str(), p.estimate.confidence,
                  p.estimate.residualNs / 1e6, p.estimate.windows, p.estimate.usedWindows,
                  p.estimate.inliers, p.estimate.peakScore, p.estimate.uniqueness);
        int checked = 0, throughVideo = 0;
        for (const auto& s : r.streams) {
            if (s.stream != "imu" && s.stream != "pose")
                continue;
            QVERIFY2(s.aligned, s.note.c_str());
            qInfo("%s: linked by %s", s.stream.c_str(), s.method.c_str());
            // Either clock may reach the camera through the other (IMU ↔ pose is the most
            // precise link), but the video is what reaches the camera clock.
            throughVideo += s.method.find("visual-rotation") != std::string::npos;
            QVERIFY(s.method.find("visual-rotation") != std::string::npos ||
                    s.method == "gyro~pose-rotation-rate");
            const auto e = sync::clockError(s.model, truth.at(s.stream), s.model.t0Ns);
            qInfo("%s: offset error %.3f ms, drift error %.1f ppm, confidence %.2f",
                  s.stream.c_str(), e.offsetNs / 1e6, e.driftPpm, s.model.confidence);
            const std::vector<TimeNs>& raw = s.stream == "imu" ? imuTimes : poseTimes;
            double worst = 0;
            for (TimeNs t : {raw.front(), raw.back()})
                worst = std::max(
                    worst, std::abs(sync::clockError(s.model, truth.at(s.stream), t).offsetNs));
            qInfo("%s: worst misalignment over the recording %.3f ms", s.stream.c_str(),
                  worst / 1e6);
            QVERIFY2(worst < 1.5e6, qPrintable(QString::number(worst)));
            QVERIFY(s.model.confidence > 0.5);
            ++checked;
        }
        QCOMPARE(checked, 2);
        QVERIFY(throughVideo >= 1);
        // The pairs with depth were solved again with the pose's translation.
        QCOMPARE(r.evidence.translationStream, std::string("pose"));
        QVERIFY(r.evidence.translationPairs > r.evidence.visual->pairs / 3);
        QVERIFY(r.evidence.translationNote.empty());

        // Positions of another scale (a monocular SLAM's) are refused with a reason; the links
        // through the video are still made, on the rate as measured.
        Bundle scaled = b;
        for (auto& x : scaled.pose.at("pose"))
            for (double& c : x.t)
                c *= 3;
        const auto rs = sync::syncEpisode(scaled, {}, &sig);
        qInfo("positions × 3: %s", rs.evidence.translationNote.c_str());
        QVERIFY(rs.evidence.translationStream.empty());
        QCOMPARE(rs.evidence.translationPairs, int64_t(0));
        QVERIFY(rs.evidence.translationNote.find("scale") != std::string::npos);
        for (const auto& s : rs.streams)
            if (s.stream == "imu" || s.stream == "pose")
                QVERIFY2(s.aligned, s.note.c_str());
    }

    // The video pass overlapped with reading the sample streams (what `sync` and `bench
    // sync` do) gives the bundle and the signals of the two done in turn; a bundle that does
    // not read cleanly gives its diagnostics and no signals.
    void overlappedReadGivesTheSameSignals() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ep");
        const Bundle b = makeEpisode(dir, 4, 45, 160, {}, {});
        QVERIFY(b.ok());
        const auto inTurn = sync::extractEpisodeSignals(b);
        BundleReadOptions ro;
        ro.hashMedia = false;
        const sync::EpisodeInput in = sync::readEpisodeForSync(dir.toStdString(), ro);
        QVERIFY(in.bundle.ok());
        QVERIFY(in.extracted && in.extracted->visual && inTurn.visual);
        QCOMPARE(in.bundle.imu.at("imu").size(), b.imu.at("imu").size());
        QCOMPARE(in.bundle.force.at("force").values, b.force.at("force").values);
        const auto& x = in.extracted->visual->rate;
        const auto& y = inTurn.visual->rate;
        QVERIFY(x.size() > 50);
        QCOMPARE(x.t, y.t);
        for (size_t k = 0; k < x.size(); ++k)
            for (size_t a = 0; a < 3; ++a)
                QCOMPARE(x.v[k][a], y.v[k][a]);
        QVERIFY(in.videoSeconds > 0 && in.readSeconds > 0);

        QFile csv(dir + "/force.csv");
        QVERIFY(csv.open(QIODevice::Append));
        csv.write("12,not-a-number\n");
        csv.close();
        const sync::EpisodeInput broken = sync::readEpisodeForSync(dir.toStdString(), ro);
        QVERIFY(!broken.bundle.ok());
        QVERIFY(!broken.extracted);
        bool named = false;
        for (const auto& d : broken.bundle.diagnostics.all())
            named = named || d.toString().find("force.csv") != std::string::npos;
        QVERIFY(named);
    }

    // A video the calibration does not describe is an error naming the file, not a guess.
    void refusesMismatchedIntrinsics() {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath("ep");
        Bundle b = makeEpisode(dir, 2, 44, 160, {}, {});
        QVERIFY(b.ok());
        CameraIntrinsics wrong = b.calibration.cameras.at("rgb");
        wrong.width *= 2;
        try {
            sync::visualRotationRate(b.root / "rgb.mp4", b.frames.at("rgb"), wrong);
            QFAIL("no error for intrinsics of another size");
        } catch (const Error& e) {
            QVERIFY(std::string(e.what()).find("rgb.mp4") != std::string::npos);
            QVERIFY(std::string(e.what()).find("calibration.json") != std::string::npos);
        }
        // A damaged stretch of video costs its frames, not the pass.
        {
            const auto clean = sync::visualRotationRate(b.root / "rgb.mp4", b.frames.at("rgb"),
                                                        b.calibration.cameras.at("rgb"));
            QFile f(QString::fromStdString((b.root / "rgb.mp4").string()));
            QVERIFY(f.open(QIODevice::ReadWrite));
            const qint64 at = f.size() / 2;
            f.seek(at);
            QVERIFY(f.write(QByteArray(4000, '\x5a')) == 4000);
            f.close();
            const auto hurt = sync::visualRotationRate(b.root / "rgb.mp4", b.frames.at("rgb"),
                                                       b.calibration.cameras.at("rgb"));
            qInfo("clean %lld pairs, damaged %lld pairs (%lld undecodable frames)",
                  static_cast<long long>(clean.pairs), static_cast<long long>(hurt.pairs),
                  static_cast<long long>(hurt.undecodableFrames));
            QVERIFY(hurt.pairs >= clean.pairs / 2);
        }
        // Without intrinsics the episode still syncs; the video problem is reported.
        b.calibration.cameras.clear();
        const auto sig = sync::extractEpisodeSignals(b);
        const auto r = sync::syncEpisode(b, {}, &sig);
        QVERIFY(r.evidence.videoProblem.find("no intrinsics") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TstVisualRotation)
#include "tst_visualrotation.moc"
