// Stream health: drops, gaps, duplicates, backward steps and jitter are counted and judged.
#include "sync/streamhealth.h"

#include <QtTest>

using namespace ts::core;
using namespace ts::core::sync;

class TstStreamHealth : public QObject {
    Q_OBJECT
private slots:
    void regularStreamIsOk() {
        std::vector<TimeNs> t;
        for (int i = 0; i < 1000; ++i)
            t.push_back(1'000'000'000 + i * 1'000'000LL);
        const StreamHealth h = checkStreamHealth("imu", t, 1000.0);
        QCOMPARE(h.verdict, Verdict::Ok);
        QCOMPARE(h.dropped, 0);
        QCOMPARE(h.expectedSamples, 1000);
        QVERIFY(std::abs(h.observedRateHz - 1000) < 1e-6);
    }

    void dropsAndGapsAreCounted() {
        std::vector<TimeNs> t;
        for (int i = 0; i < 1000; ++i)
            if (i % 20 != 7) // 5 % dropped, one at a time
                t.push_back(i * 1'000'000LL);
        const StreamHealth h = checkStreamHealth("imu", t, std::nullopt);
        QCOMPARE(h.dropped, 50);
        QCOMPARE(h.gaps, 50);
        QCOMPARE(h.verdict, Verdict::Warn);
        QVERIFY(!h.findings.empty());
    }

    void duplicatesAndBackwardStepsFail() {
        std::vector<TimeNs> t{0, 10, 20, 20, 30, 25, 40};
        const StreamHealth h = checkStreamHealth("x", t, std::nullopt);
        QCOMPARE(h.duplicates, 1);
        QCOMPARE(h.nonMonotonic, 1);
        QCOMPARE(h.verdict, Verdict::Fail);
    }

    void longGapFails() {
        std::vector<TimeNs> t;
        for (int i = 0; i < 100; ++i)
            t.push_back(i * 10'000'000LL + (i >= 50 ? 2'000'000'000LL : 0));
        const StreamHealth h = checkStreamHealth("pose", t, 100.0);
        QVERIFY(h.maxGapS > 1.9);
        QCOMPARE(h.verdict, Verdict::Fail);
    }
};

QTEST_GUILESS_MAIN(TstStreamHealth)
#include "tst_streamhealth.moc"
