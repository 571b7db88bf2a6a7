// Contact intervals from the contact signal, on hand-made series whose true onset lies between
// frames: a tip braking onto a seen surface, a hidden finger closing until it rests, a finger
// that opens and rests (no contact), and the probability's range and interpolation.
#include "recon/contactsignal.h"

#include <QtTest>

#include <cmath>

using namespace ts::core;
using namespace ts::core::recon;

namespace {

constexpr TimeNs kPeriod = 33'333'333; // 30 fps
constexpr double kPeriodS = 1.0 / 30.0;

// Remaining distance of a smoothstep approach of length D over `span` seconds ending at tOn.
double braking(double t, double tOn, double span, double D) {
    if (t >= tOn)
        return 0;
    const double u = std::min(1.0, (tOn - t) / span);
    return D * (3 * u * u - 2 * u * u * u);
}

ContactSignal frames(int n) {
    ContactSignal s;
    for (int i = 0; i < n; ++i)
        s.times.push_back(100'000'000 + i * kPeriod);
    for (auto& tr : s.tracks) {
        tr.gapM.assign(static_cast<size_t>(n), std::nullopt);
        tr.hidden.assign(static_cast<size_t>(n), 0);
        tr.palmTip.assign(static_cast<size_t>(n), std::nullopt);
        tr.probability.assign(static_cast<size_t>(n), std::nanf(""));
    }
    return s;
}

double seconds(TimeNs t) {
    return static_cast<double>(t) * 1e-9;
}

} // namespace

class TstContactSignal : public QObject {
    Q_OBJECT
private slots:
    void seenSurfaceOnsetBetweenFrames() {
        ContactSignal s = frames(120);
        FingertipTrack& tr = s.track(Hand::Left, 1);
        const double tOn = 1.2345, tOff = 3.0;
        for (size_t i = 0; i < s.times.size(); ++i) {
            const double t = seconds(s.times[i]);
            // A plane fitted under the pad is never exact: the touching gap is 0.2 mm here.
            const double g = t < tOff ? 0.0002 + braking(t, tOn, 0.4, 0.013) : 0.01;
            tr.gapM[i] = g;
        }
        const auto iv = contactIntervals(s, Hand::Left, 1);
        QCOMPARE(iv.size(), size_t(1));
        const double err = std::abs(seconds(iv[0].startNs) - tOn) / kPeriodS;
        QVERIFY2(err < 0.25, qPrintable(QString("onset off by %1 frames").arg(err)));
        QVERIFY(std::abs(seconds(iv[0].endNs) - tOff) <= kPeriodS);
        QCOMPARE(iv[0].hand, Hand::Left);
        QCOMPARE(iv[0].finger, 1);
    }

    void hiddenFingerClosingUntilItRests() {
        ContactSignal s = frames(120);
        FingertipTrack& tr = s.track(Hand::Right, 2);
        const Eigen::Vector3f open(0.09f, 0.02f, 0.0f), closed(0.06f, 0.02f, -0.04f);
        const double tOn = 1.3172, tRelease = 2.5;
        for (size_t i = 0; i < s.times.size(); ++i) {
            const double t = seconds(s.times[i]);
            tr.hidden[i] = 1;
            Eigen::Vector3f p;
            if (t < 0.5)
                p = closed;
            else if (t < 1.0) // opens (away from the palm), rests open: no contact
                p = open + (closed - open) * static_cast<float>(braking(t, 0.8, 0.3, 1.0));
            else if (t < tRelease) // closes until the object stops it
                p = closed + (open - closed) * static_cast<float>(braking(t, tOn, 0.25, 1.0));
            else // opens again
                p = open + (closed - open) * static_cast<float>(braking(t, 2.8, 0.3, 1.0));
            tr.palmTip[i] = p;
        }
        const auto iv = contactIntervals(s, Hand::Right, 2);
        QCOMPARE(iv.size(), size_t(1));
        const double err = std::abs(seconds(iv[0].startNs) - tOn) / kPeriodS;
        QVERIFY2(err <= 1.0, qPrintable(QString("onset off by %1 frames").arg(err)));
        QVERIFY(std::abs(seconds(iv[0].endNs) - tRelease) <= 2 * kPeriodS);

        // The same motion seen (not hidden) with a large gap is no contact.
        for (auto& h : tr.hidden)
            h = 0;
        for (auto& g : tr.gapM)
            g = 0.02;
        QVERIFY(contactIntervals(s, Hand::Right, 2).empty());
    }

    void probabilityIsBoundedAndInterpolated() {
        ContactSignal s = frames(60);
        FingertipTrack& tr = s.track(Hand::Left, 0);
        for (size_t i = 0; i < 60; ++i)
            tr.gapM[i] = i < 20 ? 0.01 : (i < 40 ? 0.0 : std::optional<double>());
        updateContactProbabilities(s);
        for (size_t i = 0; i < 60; ++i) {
            const float p = tr.probability[i];
            if (i < 20)
                QVERIFY(p < 0.01f);
            else if (i < 40)
                QVERIFY(p > 0.9f && p <= 1.0f);
            else
                QVERIFY(std::isnan(p)); // nothing known: no hand stream, no gap
        }
        const TimeNs mid = (s.times[19] + s.times[20]) / 2;
        const double pm = s.probabilityAt(Hand::Left, 0, mid);
        QVERIFY(std::abs(pm - 0.5 * (tr.probability[19] + tr.probability[20])) < 1e-3);
        QVERIFY(std::isnan(s.probabilityAt(Hand::Left, 0, s.times.front() - 1)));
        QVERIFY(std::isnan(s.probabilityAt(Hand::Left, 0, s.times[45])));
    }
};

QTEST_GUILESS_MAIN(TstContactSignal)
#include "tst_contactsignal.moc"
