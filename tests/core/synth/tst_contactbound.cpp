// The Cramér–Rao floor under force ↔ hands timing (bench sync-accuracy's *_bound_* figures)
// scales as the statistics say it must: with the episode's length, the hands' rate and noise.
#include "synth/contactbound.h"

#include <QtTest>

using ts::core::synth::contactTimingBound;
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
