// The Cramér–Rao floor under force ↔ hands timing (bench sync-accuracy's *_bound_* figures)
// scales as the statistics say it must: with the episode's length, the hands' rate and noise;
// and the floor of timing each kind from the foot of its move (the *_foot_bound_* figures).
#include "synth/contactbound.h"

#include <QtTest>

using ts::core::synth::contactTimingBound;
using ts::core::synth::footTimingBound;
using ts::core::synth::SynthOptions;

class TstContactBound : public QObject {
    Q_OBJECT
private slots:
    void scales() {
        SynthOptions o;
        o.seconds = 60;
        const auto base = contactTimingBound(o);
        // 24 contact starts and ends per 10 s task loop (both hands), less the episode's ends.
        QVERIFY2(base.events >= 130 && base.events <= 144,
                 qPrintable(QString::number(base.events)));
        // Single events: a few milliseconds (the left hand's slow presses far more); the line
        // far better, and the drift to a few ppm (what bench sync-accuracy compares with).
        QVERIFY(base.offsetSdMs > 0.05 && base.offsetSdMs < base.handsEventSdMs / 5);
        QVERIFY2(base.driftSdPpm > 3 && base.driftSdPpm < 12,
                 qPrintable(QString::number(base.driftSdPpm)));

        // Four times as long: the slope's error falls as T^-1.5 (8×), the offset's as T^-0.5.
        o.seconds = 240;
        const auto longer = contactTimingBound(o);
        QVERIFY2(std::abs(base.driftSdPpm / longer.driftSdPpm - 8) < 1.2,
                 qPrintable(QString::number(base.driftSdPpm / longer.driftSdPpm)));
        QVERIFY(std::abs(base.offsetSdMs / longer.offsetSdMs - 2) < 0.3);

        // Four times the samples of the hands: each event's hands side to half.
        o.seconds = 60;
        o.handsRateHz = 120;
        const auto faster = contactTimingBound(o);
        QVERIFY2(std::abs(base.handsEventSdMs / faster.handsEventSdMs - 2) < 0.2,
                 qPrintable(QString::number(base.handsEventSdMs / faster.handsEventSdMs)));

        // Twice the joint noise: twice the hands side's error.
        o.handsRateHz = 30;
        o.handJointNoiseM = 0.002;
        const auto noisier = contactTimingBound(o);
        QVERIFY(std::abs(noisier.handsEventSdMs / base.handsEventSdMs - 2) < 0.01);
        QVERIFY(noisier.driftSdPpm > 1.8 * base.driftSdPpm);
    }

    // The foot of a move read with its shape unknown: far above the known-path bound, falling as
    // the square root of the repeats, in proportion to the noise, and lower the more of the
    // move a fit may span.
    void footBound() {
        SynthOptions o;
        o.seconds = 60;
        const auto known = contactTimingBound(o);
        const auto base = footTimingBound(o);
        // The right hand's 14 kinds (thumb to middle close and open; ring and pinky close, let
        // go, close again and open); the left hand's fingertips hardly move in the palm.
        QCOMPARE(base.kinds, 14);
        QVERIFY2(base.offsetSdMs > 4 * known.offsetSdMs,
                 qPrintable(QString("%1 vs %2").arg(base.offsetSdMs).arg(known.offsetSdMs)));
        QVERIFY2(base.kindSdMs > 1 && base.kindSdMs < 10, qPrintable(QString::number(base.kindSdMs)));
        QVERIFY(base.offsetSdMs < base.kindSdMs / 2);

        o.seconds = 600; // 59 repeats instead of 5–6
        const auto longer = footTimingBound(o);
        QCOMPARE(longer.kinds, 14);
        const double ratio = base.offsetSdMs / longer.offsetSdMs;
        QVERIFY2(ratio > 2.9 && ratio < 3.6, qPrintable(QString::number(ratio)));

        o.seconds = 60;
        o.handJointNoiseM = 0.002;
        const auto noisier = footTimingBound(o);
        QVERIFY(std::abs(noisier.offsetSdMs / base.offsetSdMs - 2) < 0.01);

        o.handJointNoiseM = 0.001;
        const auto wider = footTimingBound(o, 0.25, 0.3);
        QVERIFY2(wider.offsetSdMs < 0.9 * base.offsetSdMs,
                 qPrintable(QString("%1 vs %2").arg(wider.offsetSdMs).arg(base.offsetSdMs)));

        o.seconds = 1;
        QCOMPARE(footTimingBound(o).kinds, 0);
    }

    void tooShortHasNoBound() {
        SynthOptions o;
        o.seconds = 1; // no event more than 0.5 s inside it
        const auto b = contactTimingBound(o);
        QCOMPARE(b.events, 0);
        QCOMPARE(b.driftSdPpm, 0.0);
    }
};

QTEST_APPLESS_MAIN(TstContactBound)
#include "tst_contactbound.moc"
