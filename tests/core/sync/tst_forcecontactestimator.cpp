// The force ↔ fingertip-contact estimator against known truth (synthetic episodes with force
// and hands on their own drifting clocks), and the "cannot tell" cases: no contact in the
// force, hands that never move, channels that name no finger.
#include "io/bundle.h"
#include "io/streamreaders.h"
#include "sync/episodesync.h"
#include "sync/fingerpaths.h"
#include "sync/forcecontactestimator.h"
#include "sync/groundtruthclocks.h"
#include "synth/synth.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <vector>

using namespace ts::core;

namespace {

Bundle makeEpisode(const std::filesystem::path& dir, uint64_t seed, double seconds,
                   double forceOffsetMs, double forceDriftPpm, double handsOffsetMs,
                   double handsDriftPpm, double handJointNoiseM = 0.001) {
    synth::SynthOptions so;
    so.handJointNoiseM = handJointNoiseM;
    so.seed = seed;
    so.seconds = seconds;
    so.width = 64;
    so.height = 48;
    so.jitterUs = 50;
    so.dropRate = 0.01;
    so.clockOffsetMs = {{"force", forceOffsetMs}, {"hands", handsOffsetMs}};
    so.clockDriftPpm = {{"force", forceDriftPpm}, {"hands", handsDriftPpm}};
    synth::generateEpisode(dir, so);
    BundleReadOptions ro;
    ro.hashMedia = false;
    ro.checkVideoFrames = false;
    Bundle b = readBundle(dir, ro);
    if (!b.ok())
        throw std::runtime_error("synthetic bundle does not read back");
    return b;
}

// A recording of force and hands only (synth::SynthOptions::images false: seconds to make,
// not a minute), read back with the bundle's own CSV readers, and the true force → hands clock.
struct SignalsRecording {
    ForceSeries force;
    std::vector<HandSample> hands;
    ClockModel forceToHands;
};

SignalsRecording makeSignalsRecording(const std::filesystem::path& dir, synth::SynthOptions so) {
    so.images = false;
    synth::generateEpisode(dir, so);
    SignalsRecording r;
    readStreamFile(dir / "force.csv", readForceCsv, r.force);
    readStreamFile(dir / "hands.csv", readHandsCsv, r.hands);
    const auto truth = sync::readGroundTruthClocks(dir / "ground_truth.json");
    r.forceToHands = sync::composeClocks(truth.at("force"), sync::invertClock(truth.at("hands")));
    return r;
}

} // namespace

class TstForceContactEstimator : public QObject {
    Q_OBJECT
private slots:
    void channelNames() {
        QCOMPARE(sync::forceChannelFinger("right_thumb")->second, 0);
        QVERIFY(sync::forceChannelFinger("Left-Index")->first == Hand::Left);
        QCOMPARE(sync::forceChannelFinger("r_pinky")->second, 4);
        QVERIFY(!sync::forceChannelFinger("palm_pressure"));
        QVERIFY(!sync::forceChannelFinger("right_palm"));
    }

    // Without tracking noise what is left of a kind's mean timing error is how well the foot
    // model fits the move. The thumb closes on the box in 150 ms: fitted over the usual 170 ms,
    // which reached into its rest before the move, its arrivals came out 8.3 ms late (and the
    // offset 0.59 ms off); the pooled fit now spans only the move.
    void shortMovesTimedWithoutBias() {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.filePath("ep").toStdString();
        const Bundle b = makeEpisode(dir, 73, 40, 120.0, 90, -60.0, -40, 1e-6);
        const auto truth = sync::readGroundTruthClocks(dir / "ground_truth.json");
        const ClockModel rel =
            sync::composeClocks(truth.at("force"), sync::invertClock(truth.at("hands")));
        const auto r = sync::estimateForceToHands(b.force.at("force"), b.hands.at("hands"));
        QVERIFY2(r.estimate.estimated && r.estimate.driftEstimated, r.estimate.note.c_str());
        std::map<std::pair<int, bool>, std::vector<double>> byKind; // right hand: finger, onset
        for (const auto& e : r.events)
            if (e.matched && e.hand == Hand::Right)
                byKind[{e.finger, e.onset}].push_back(
                    (e.handTimeNs - double(rel.toTimeline(TimeNs(e.forceTimeNs)))) / 1e6);
        QVERIFY(byKind.size() >= 8);
        for (const auto& [k, v] : byKind) {
            double mean = 0;
            for (double x : v)
                mean += x / double(v.size());
            qInfo("finger %d %s: %zu events, mean error %+.2f ms", k.first,
                  k.second ? "arrivals" : "departures", v.size(), mean);
            QVERIFY2(std::abs(mean) < 4.5, qPrintable(QString::number(mean)));
        }
        const ClockModel est = sync::clockModelOf(r.estimate);
        const auto err = sync::clockError(est, rel, r.estimate.t0Ns);
        qInfo("noise-free hands: offset error %.3f ms, drift error %.1f ppm", err.offsetNs / 1e6,
              err.driftPpm);
        QVERIFY2(std::abs(err.offsetNs) < 0.3e6, qPrintable(QString::number(err.offsetNs)));
        // The force's own noise (0.02 N) still scatters single events by 1–2 ms.
        QVERIFY2(std::abs(err.driftPpm) < 40, qPrintable(QString::number(err.driftPpm)));
    }

    // The foot fit's own standard error is what the kinds of events are weighted by in the
    // offset: it must match how far the fit's time scatters from one noise draw to the next,
    // for a sharp move and for a slow one (whose foot is read from fewer bent samples).
    void footStandardErrorMatchesItsScatter() {
        using sync::fingerpaths::footOfMove;
        const sync::ForceContactOptions o;
        std::mt19937 rng(11);
        std::normal_distribution<double> noise(0, 0.001);
        std::uniform_real_distribution<double> phase(0, 1);
        double sharpSe = 0, slowSe = 0;
        for (const double moveS : {0.15, 0.3}) { // a departure of 40 mm over this long
            const double travel = 0.04, c2 = 3 * travel / (moveS * moveS),
                         c3 = -2 * travel / (moveS * moveS * moveS);
            std::vector<double> found, se;
            for (int draw = 0; draw < 300; ++draw) {
                std::vector<std::pair<double, Eigen::Vector3d>> pooled; // 40 events, 30 Hz
                for (int e = 0; e < 40; ++e)
                    for (double t = -0.25 + phase(rng) / 30; t < 0.2; t += 1.0 / 30) {
                        const double tau = std::max(0.0, t);
                        const double along = c2 * tau * tau + c3 * tau * tau * tau;
                        pooled.emplace_back(t * 1e9,
                                            Eigen::Vector3d(0.02 + 0.8 * along + noise(rng),
                                                            -0.01 + 0.6 * along + noise(rng),
                                                            0.05 + noise(rng)));
                    }
                std::sort(pooled.begin(), pooled.end(),
                          [](const auto& a, const auto& b) { return a.first < b.first; });
                std::vector<double> ts;
                std::vector<Eigen::Vector3d> ps;
                const auto [lo, hi] = sync::fingerpaths::footWindow(0, false, o);
                for (const auto& [t, p] : pooled)
                    if (t >= lo && t <= hi) {
                        ts.push_back(t);
                        ps.push_back(p);
                    }
                double moved = 0, standardError = 0;
                const double te = footOfMove(ts, ps, 0, false, o, &moved, &standardError);
                QVERIFY(!std::isnan(te) && !std::isnan(standardError));
                found.push_back(te / 1e6);
                se.push_back(standardError / 1e6);
            }
            double mean = 0, ss = 0, reported = 0;
            for (size_t i = 0; i < found.size(); ++i) {
                mean += found[i] / double(found.size());
                reported += se[i] / double(se.size());
            }
            for (double f : found)
                ss += (f - mean) * (f - mean);
            const double scatter = std::sqrt(ss / double(found.size() - 1));
            qInfo("move of %.0f ms: foot %+.2f ms, scatter %.2f ms, reported %.2f ms",
                  moveS * 1e3, mean, scatter, reported);
            QVERIFY2(std::abs(mean) < 0.5 * scatter + 0.1, qPrintable(QString::number(mean)));
            QVERIFY2(reported > 0.8 * scatter && reported < 1.25 * scatter,
                     qPrintable(QString("%1 vs %2").arg(reported).arg(scatter)));
            (moveS < 0.2 ? sharpSe : slowSe) = reported;
        }
        QVERIFY2(slowSe > 2 * sharpSe, qPrintable(QString("%1 vs %2").arg(slowSe).arg(sharpSe)));
    }

    // A small version of `bench sync-accuracy`'s force figures: force raw → hands raw.
    void recoversForceClock() {
        QTemporaryDir tmp;
        const struct {
            uint64_t seed;
            double fo, fd, ho, hd;
        } cases[] = {{71, 312.5, -140, -87.0, 60}, {72, -455.25, 180, 230.0, -120}};
        for (const auto& c : cases) {
            const std::filesystem::path dir =
                tmp.filePath(QString("ep%1").arg(c.seed)).toStdString();
            const Bundle b = makeEpisode(dir, c.seed, 40, c.fo, c.fd, c.ho, c.hd);
            const auto truth = sync::readGroundTruthClocks(dir / "ground_truth.json");
            const auto r = sync::estimateForceToHands(b.force.at("force"), b.hands.at("hands"));
            const sync::ClockEstimate& e = r.estimate;
            QVERIFY2(e.estimated, e.note.c_str());
            QVERIFY2(e.driftEstimated, e.note.c_str());
            // ~24 contact events per 10 s task loop; the left hand's (a flat hand lowered onto
            // the table) move the fingertips too little in the palm frame to be timed.
            QVERIFY(e.inliers >= 40);
            const ClockModel est = sync::clockModelOf(e);
            const ClockModel rel =
                sync::composeClocks(truth.at("force"), sync::invertClock(truth.at("hands")));
            const auto err = sync::clockError(est, rel, e.t0Ns);
            qInfo("seed %d: offset error %.3f ms, drift error %.1f ppm, confidence %.2f, "
                  "%d/%d events, residual %.2f ms",
                  static_cast<int>(c.seed), err.offsetNs / 1e6, err.driftPpm, e.confidence,
                  e.inliers, e.windows, e.residualNs / 1e6);
            // Single events are timed to ~3–15 ms from their own samples (30 Hz hands); timed
            // again against the path of the other events of their kind, to ~2–7 ms. On 40 s
            // the offset comes out within 2 ms and the drift within ~50 ppm (a wrong coarse
            // lag is ≥ 50 ms off). Without that re-timing these two gave 87 and 89 ppm.
            QVERIFY2(std::abs(err.offsetNs) < 3e6, qPrintable(QString::number(err.offsetNs)));
            QVERIFY2(std::abs(err.driftPpm) < 60, qPrintable(QString::number(err.driftPpm)));
            // The residual is the line's standard error, RMS over the recording: it must not
            // claim the line better than it is (one recording's error may well fall far
            // inside its standard error: on these two it is 0.23× and 0.37×), and 40 s of
            // contacts never make the link look sure.
            const double rmsErr =
                std::hypot(err.offsetNs, err.driftPpm * 1e-6 * 40e9 / std::sqrt(12.0));
            QVERIFY2(e.residualNs > 0.5 * rmsErr && e.residualNs < 2.5e6,
                     qPrintable(QString("%1 vs %2").arg(e.residualNs).arg(rmsErr)));
            QVERIFY2(e.residualNs > 1e6, qPrintable(QString::number(e.residualNs)));
            QVERIFY2(e.confidence < 0.6, qPrintable(QString::number(e.confidence)));
        }
    }

    // Ten minutes give each kind of contact some sixty repeats instead of six: the force clock
    // then meets the goals of a clock (offset within 1 ms, drift within 5 ppm; bench
    // sync-accuracy's 600 s figures: 0.251 / 0.48 ms, 0.69 / 1.11 ppm over twenty recordings;
    // these are its first two), and the residual does not claim it better than it is. Generated
    // without images (seconds, not a minute each), read back with the bundle's own CSV readers.
    void longRecordingMeetsTheGoals() {
        QTemporaryDir tmp;
        for (const uint64_t seed : {2000, 2001}) { // the bench's first two
            const SignalsRecording rec =
                makeSignalsRecording(tmp.filePath(QString("long%1").arg(seed)).toStdString(),
                                     synth::syncBenchOptions(seed, 600, 64));
            const sync::ClockEstimate e = sync::estimateForceToHands(rec.force, rec.hands).estimate;
            QVERIFY2(e.estimated && e.driftEstimated, e.note.c_str());
            const auto err = sync::clockError(sync::clockModelOf(e), rec.forceToHands, e.t0Ns);
            qInfo("seed %d: offset error %.3f ms, drift error %.2f ppm, confidence %.2f, "
                  "residual %.2f ms",
                  static_cast<int>(seed), err.offsetNs / 1e6, err.driftPpm, e.confidence,
                  e.residualNs / 1e6);
            QVERIFY2(std::abs(err.offsetNs) < 1e6, qPrintable(QString::number(err.offsetNs)));
            QVERIFY2(std::abs(err.driftPpm) < 5, qPrintable(QString::number(err.driftPpm)));
            QVERIFY2(e.residualNs > 0.5 * std::abs(err.offsetNs),
                     qPrintable(QString::number(e.residualNs)));
            QVERIFY2(e.confidence > 0.5, qPrintable(QString::number(e.confidence)));
        }
    }

    // Clocks 330 ppm apart move the lag by 200 ms over ten minutes, four times the fine
    // search's reach (±handSearchNs around the coarse lag): the events are timed again around
    // a first line through those found, so that all of them count, not only the half near the
    // lag's moment (before: 377 of the right hand's 840 events here, offset 1.0 ms and drift
    // 1.7 ppm off; now 801, 0.06 ms and 0.23 ppm).
    void eventsFollowTheDrift() {
        QTemporaryDir tmp;
        synth::SynthOptions so = synth::syncBenchOptions(2002, 600, 64);
        so.clockDriftPpm["force"] = 180;
        so.clockDriftPpm["hands"] = -150;
        const SignalsRecording rec = makeSignalsRecording(tmp.filePath("drift").toStdString(), so);
        const auto r = sync::estimateForceToHands(rec.force, rec.hands);
        QVERIFY2(r.estimate.estimated && r.estimate.driftEstimated, r.estimate.note.c_str());
        int right = 0, matched = 0;
        for (const sync::ContactEvent& ev : r.events)
            if (ev.hand == Hand::Right) {
                ++right;
                matched += ev.matched ? 1 : 0;
            }
        const auto err =
            sync::clockError(sync::clockModelOf(r.estimate), rec.forceToHands, r.estimate.t0Ns);
        qInfo("%d of %d right-hand events timed; offset error %.3f ms, drift error %.2f ppm",
              matched, right, err.offsetNs / 1e6, err.driftPpm);
        QVERIFY(right >= 700);
        QVERIFY2(matched >= 0.9 * right, qPrintable(QString("%1 of %2").arg(matched).arg(right)));
        QVERIFY2(std::abs(err.offsetNs) < 0.5e6, qPrintable(QString::number(err.offsetNs)));
        QVERIFY2(std::abs(err.driftPpm) < 2, qPrintable(QString::number(err.driftPpm)));
    }

    // On this recording four of the left pinky's departures (a flat hand whose fingertips
    // barely move in the palm frame) were matched to another move of that hand, about 57 ms
    // off, and agreed with each other: as a kind of their own they weighed into the offset
    // like any other and took it 2.3 ms off (confidence 0.06). A kind that far from the others
    // is not a timing bias; it is left out.
    void aKindMatchedToAnotherMoveIsLeftOut() {
        QTemporaryDir tmp;
        const SignalsRecording rec = makeSignalsRecording(tmp.filePath("far").toStdString(),
                                                          synth::syncBenchOptions(3010, 600, 64));
        const auto r = sync::estimateForceToHands(rec.force, rec.hands);
        // The recording does have such a kind: at least three matched events of one finger
        // and direction, all more than 20 ms from their true time.
        std::map<int, int> far;
        for (const sync::ContactEvent& ev : r.events) {
            if (!ev.matched)
                continue;
            const double truth = static_cast<double>(
                rec.forceToHands.toTimeline(static_cast<TimeNs>(ev.forceTimeNs)));
            if (std::abs(ev.handTimeNs - truth) > 20e6)
                ++far[(ev.hand == Hand::Right ? 0 : 10) + 2 * ev.finger + (ev.onset ? 1 : 0)];
        }
        QVERIFY(std::any_of(far.begin(), far.end(), [](const auto& kv) { return kv.second >= 3; }));
        const auto err =
            sync::clockError(sync::clockModelOf(r.estimate), rec.forceToHands, r.estimate.t0Ns);
        sync::ForceContactOptions kept;
        kept.kindOutlierNs = 1'000'000'000; // no kind is that far
        const auto w = sync::estimateForceToHands(rec.force, rec.hands, kept).estimate;
        const auto errKept = sync::clockError(sync::clockModelOf(w), rec.forceToHands, w.t0Ns);
        qInfo("offset error %.3f ms (confidence %.2f); with that kind kept %.3f ms (%.2f)",
              err.offsetNs / 1e6, r.estimate.confidence, errKept.offsetNs / 1e6, w.confidence);
        QVERIFY2(std::abs(err.offsetNs) < 0.5e6, qPrintable(QString::number(err.offsetNs)));
        QVERIFY2(r.estimate.confidence > 0.5, qPrintable(QString::number(r.estimate.confidence)));
        QVERIFY2(std::abs(errKept.offsetNs) > 1e6, qPrintable(QString::number(errKept.offsetNs)));
    }

    // With the hands on the camera clock the force stream reaches the timeline through them.
    void linksForceToTimelineThroughHands() {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.filePath("ep").toStdString();
        synth::SynthOptions so;
        so.seed = 73;
        so.seconds = 40;
        so.width = 64;
        so.height = 48;
        so.randomClocks = false; // no random offsets or drifts
        so.clockOffsetMs = {{"force", -120.0}};
        so.clockDriftPpm = {{"force", 90.0}};
        synth::generateEpisode(dir, so);
        BundleReadOptions ro;
        ro.hashMedia = false;
        ro.checkVideoFrames = false;
        Bundle b = readBundle(dir, ro);
        QVERIFY(b.ok());
        // The generator gives the hands their own (here zero-offset) clock; declare them on the
        // camera clock, as a headset that stamps hands with camera frames would.
        for (StreamDecl& d : b.manifest.streams)
            if (d.name == "hands")
                d.clock = "camera";
        sync::SyncSettings st;
        st.useVideo = false;
        st.minConfidence = 0; // the force link on 40 s is 0–0.5 sure: the path is tested here
        const auto r = sync::syncEpisode(b, st);
        const auto truth = sync::readGroundTruthClocks(dir / "ground_truth.json");
        bool seen = false;
        for (const auto& s : r.streams)
            if (s.stream == "force") {
                seen = true;
                QVERIFY2(s.aligned, s.note.c_str());
                QCOMPARE(s.method, std::string("force~fingertip-contact"));
                const auto err = sync::clockError(s.model, truth.at("force"), s.model.t0Ns);
                QVERIFY2(std::abs(err.offsetNs) < 6e6, qPrintable(QString::number(err.offsetNs)));
            }
        QVERIFY(seen);
    }

    // The plotted evidence: a hand's force rises where its fingertips come to rest.
    void evidenceSignals() {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.filePath("ep").toStdString();
        const Bundle b = makeEpisode(dir, 75, 20, 0, 0, 0, 0); // one clock for both
        const auto speed = sync::fingertipSpeedSignal(b.hands.at("hands"), Hand::Right);
        const auto right = sync::handForceSignal(b.force.at("force"), Hand::Right);
        const auto left = sync::handForceSignal(b.force.at("force"), Hand::Left);
        QVERIFY(speed.t.size() > 500 && right.t.size() == b.force.at("force").tNs.size());
        auto mean = [](const sync::VectorSignal& s, TimeNs a, TimeNs z) {
            double sum = 0;
            int n = 0;
            for (size_t i = 0; i < s.t.size(); ++i)
                if (s.t[i] >= a && s.t[i] < z) {
                    sum += s.v[i][0];
                    ++n;
                }
            return n ? sum / n : 0.0;
        };
        const auto r = sync::estimateForceToHands(b.force.at("force"), b.hands.at("hands"));
        int onsets = 0;
        for (const auto& e : r.events) {
            // The pinky arrives last: then every finger of the hand comes to rest.
            if (!e.matched || !e.onset || e.hand != Hand::Right || e.finger != 4)
                continue;
            const auto t = static_cast<TimeNs>(e.forceTimeNs);
            constexpr TimeNs w = 150'000'000;
            // The fingers move before the contact and rest after it (what is left there is
            // the tracking noise); the force the other way.
            QVERIFY(mean(speed, t - w, t) > 2 * mean(speed, t + 50'000'000, t + w));
            QVERIFY(mean(right, t + 200'000'000, t + 300'000'000) > 1.0);
            ++onsets;
        }
        QVERIFY(onsets >= 3);
        // The left hand's channels only: its sum differs from the right's, and both from 0.
        QCOMPARE(left.t.size(), right.t.size());
        QVERIFY(mean(left, 0, TimeNs(1) << 62) > 0.5 && mean(right, 0, TimeNs(1) << 62) > 0.5);
        QVERIFY(std::abs(mean(left, 0, TimeNs(1) << 62) - mean(right, 0, TimeNs(1) << 62)) > 0.1);
    }

    void cannotTellWithoutContact() {
        QTemporaryDir tmp;
        const std::filesystem::path dir = tmp.filePath("ep").toStdString();
        const Bundle b = makeEpisode(dir, 74, 20, 100, 0, 0, 0);
        // No force at all: nothing to time.
        ForceSeries flat = b.force.at("force");
        for (double& v : flat.values)
            v = 0.01 * std::sin(static_cast<double>(&v - flat.values.data()));
        auto r = sync::estimateForceToHands(flat, b.hands.at("hands"));
        QVERIFY(!r.estimate.estimated);
        QCOMPARE(r.estimate.confidence, 0.0);
        QVERIFY(r.estimate.note.find("no contact") != std::string::npos);

        // Real contacts, but hands frozen in one pose: the fingers never arrive or leave.
        std::vector<HandSample> frozen = b.hands.at("hands");
        for (HandSample& h : frozen)
            h.joints = b.hands.at("hands").front().joints;
        r = sync::estimateForceToHands(b.force.at("force"), frozen);
        QVERIFY(r.estimate.confidence < 0.05);

        // Channels that name no finger.
        ForceSeries anon = b.force.at("force");
        for (auto& c : anon.channels)
            c = "channel_" + c.substr(c.size() - 2);
        r = sync::estimateForceToHands(anon, b.hands.at("hands"));
        QVERIFY(!r.estimate.estimated);
        QVERIFY(r.estimate.note.find("fingertip") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TstForceContactEstimator)
#include "tst_forcecontactestimator.moc"
