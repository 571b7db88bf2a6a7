// The Adjust clock dialog, offscreen: OK only once something changed, the preview names the
// model that would be stored, an untouched drift is kept to the last bit (the box rounds it),
// and the model is a manual one without an author whatever it was before.
#include "workspace/clockadjustdialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

using ts::widgets::ClockAdjustDialog;

class TstClockAdjustDialog : public QObject {
    Q_OBJECT

    static ts::core::ClockModel estimate() {
        ts::core::ClockModel m;
        m.offsetNs = 152'078'123;
        m.drift = 48.296712e-6; // more digits than the box shows
        m.t0Ns = 16'591'000'000;
        m.method = "estimated";
        m.confidence = 0.71;
        m.residualNs = 840'000;
        m.author = "touchstone";
        return m;
    }
    static QPushButton* ok(ClockAdjustDialog& d) {
        return d.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    }
    static QString preview(ClockAdjustDialog& d) {
        return d.findChild<QLabel*>(QStringLiteral("clockPreview"))->text();
    }

private slots:
    void okOnlyOnceChanged() {
        ClockAdjustDialog d(QStringLiteral("force"), estimate());
        QVERIFY(d.windowTitle().contains(QStringLiteral("force")));
        QVERIFY(!d.changed());
        QVERIFY(!ok(d)->isEnabled());
        QCOMPARE(d.driftBox()->value(), 48.297);
        d.shiftBox()->setValue(0.8);
        QVERIFY(d.changed());
        QVERIFY(ok(d)->isEnabled());
        QVERIFY2(preview(d).contains(QStringLiteral("152.878")), qPrintable(preview(d)));
        d.shiftBox()->setValue(0);
        QVERIFY(!ok(d)->isEnabled());
        d.driftBox()->setValue(-3.5);
        QVERIFY(ok(d)->isEnabled());
        QVERIFY2(preview(d).contains(QStringLiteral("-3.500")), qPrintable(preview(d)));
    }

    void modelIsSetByHand() {
        const ts::core::ClockModel before = estimate();
        ClockAdjustDialog d(QStringLiteral("force"), before);
        d.shiftBox()->setValue(-66.7);
        ts::core::ClockModel m = d.model();
        QCOMPARE(m.offsetNs, before.offsetNs - 66'700'000);
        QCOMPARE(m.drift, before.drift); // untouched: not the box's rounded 48.297
        QCOMPARE(m.t0Ns, before.t0Ns);
        QCOMPARE(m.method, std::string("manual"));
        QCOMPARE(m.confidence, 1.0);
        QCOMPARE(m.residualNs, 0.0);
        QCOMPARE(m.author, std::string());
        d.driftBox()->setValue(20);
        m = d.model();
        QCOMPARE(m.drift, 20e-6);
        QCOMPARE(m.offsetNs, before.offsetNs - 66'700'000);
    }

    void limitsAreTheCommandLines() {
        ClockAdjustDialog d(QStringLiteral("imu"), estimate());
        d.shiftBox()->setValue(1e12);
        QCOMPARE(d.shiftBox()->value(), 86'400'000.0);
        d.driftBox()->setValue(-1e9);
        QCOMPARE(d.driftBox()->value(), -100'000.0);
    }
};

QTEST_MAIN(TstClockAdjustDialog)
#include "tst_clockadjustdialog.moc"
