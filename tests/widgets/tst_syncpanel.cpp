// The Sync panel on a 20 s demo episode, offscreen: the evidence of the force and hands
// estimates (which hand, which labels, centred on the reference clock at the cursor), a message
// where there is nothing to plot, and a stream set by hand mapped through the stored models.
#include "support/demofixture.h"
#include "sync/episodesync.h"
#include "workspace/clockadjustdialog.h"
#include "workspace/episodedata.h"
#include "workspace/episodeworkspace.h"
#include "workspace/evidenceplot.h"
#include "workspace/syncpanel.h"
#include "workspace/timecursor.h"

#include <QApplication>
#include <QDoubleSpinBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QtTest>

using namespace ts::widgets;
using ts::core::TimeNs;

class TstSyncPanel : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

    // A one-episode demo project of that length and video width (4:3) in the test's folder.
    std::string demoProject(const QString& name, double seconds, int width) {
        return ts::test::oneEpisodeDemo(tmp_.filePath(name), seconds, width);
    }

private slots:
    void initTestCase() {
        qputenv("TS_NO_DIALOGS", "1");
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName("TouchstoneTest");
        QCoreApplication::setApplicationName("tst_syncpanel");
        QSettings().clear();
    }

    void forceAndHandsEvidence() {
        const auto data = loadEpisodeData(demoProject("demo20", 20, 160), "demo-001");
        QVERIFY(data);
        EpisodeWorkspace w;
        w.setEpisode(data);
        QVERIFY(!w.syncPanel()->selectStream("no-such-stream"));
        QVERIFY(w.syncPanel()->selectStream("force"));
        QVERIFY2(w.syncPanel()->evidence()->hasEvidence(),
                 qPrintable(w.syncPanel()->table()->currentItem()->text(8)));
        // The right hand grips the box, the left rests flat on the table: the right presses
        // harder, and its fingers are plotted.
        QCOMPARE(w.syncPanel()->evidence()->otherName(), QStringLiteral("force (right hand)"));
        QCOMPARE(w.syncPanel()->evidence()->referenceName(),
                 QStringLiteral("fingertip speed (right hand)"));
        // Centred on the cursor, on the hands' clock (the force was estimated against it).
        const TimeNs t = data->start + 5'000'000'000;
        w.cursor()->setTime(t);
        QCOMPARE(w.syncPanel()->evidence()->centre(), data->stream("hands")->clockModel.toRaw(t));
        // Hands against pose: the palm of the resting (left) hand as the device sees it turns
        // with the head; centred on the pose's clock.
        QVERIFY(w.syncPanel()->selectStream("hands"));
        QVERIFY(w.syncPanel()->evidence()->hasEvidence());
        QCOMPARE(w.syncPanel()->evidence()->otherName(), QStringLiteral("left palm rotation rate"));
        QCOMPARE(w.syncPanel()->evidence()->referenceName(), QStringLiteral("pose rotation rate"));
        QCOMPARE(w.syncPanel()->evidence()->centre(), data->stream("pose")->clockModel.toRaw(t));
        // A stream whose estimate has no signals to plot says why instead.
        QVERIFY(w.syncPanel()->selectStream("rgb"));
        QVERIFY(!w.syncPanel()->evidence()->hasEvidence());

        // Force set by hand: the evidence maps it through the stored models (force → timeline
        // → hands), not the estimate.
        QVERIFY(w.syncPanel()->selectStream("force"));
        QVERIFY(!w.syncPanel()->evidence()->byHand());
        const ts::core::sync::StreamSync* force = nullptr;
        for (const auto& s : data->sync.streams)
            if (s.stream == "force")
                force = &s;
        QVERIFY(force && force->estimate);
        QCOMPARE(w.syncPanel()->evidence()->model().offsetNs,
                 ts::core::sync::clockModelOf(*force->estimate).offsetNs);
        auto edited = std::make_shared<EpisodeData>(*data);
        for (auto& s : edited->streams) {
            if (s.stats.name == "force") {
                s.clockModel.offsetNs += 5'000'000;
                s.clockModel.method = "manual";
            }
            if (s.stats.name == "hands") { // as sync stores an estimate
                s.clockModel.method = "estimated";
                s.clockModel.author = "touchstone";
            }
        }
        w.setEpisode(edited);
        QVERIFY(w.syncPanel()->selectStream("force"));
        QVERIFY(w.syncPanel()->evidence()->hasEvidence());
        QVERIFY(w.syncPanel()->evidence()->byHand());
        const auto expected = ts::core::sync::composeClocks(
            edited->stream("force")->clockModel,
            ts::core::sync::invertClock(edited->stream("hands")->clockModel));
        QCOMPARE(w.syncPanel()->evidence()->model().offsetNs, expected.offsetNs);
        QCOMPARE(w.syncPanel()->evidence()->model().drift, expected.drift);

        // Adjust clock… on a stream the engine estimated, through the real dialog: the model
        // asked for is the stored one moved by the shift with the drift typed in, set by hand,
        // and names no author (the store names the user; an estimate's "touchstone" must not
        // stay).
        QVERIFY(w.syncPanel()->selectStream("hands"));
        QVERIFY(w.syncPanel()->adjustButton()->isEnabled());
        const ts::core::ClockModel handsModel = edited->stream("hands")->clockModel;
        QCOMPARE(handsModel.method, std::string("estimated"));
        QCOMPARE(handsModel.author, std::string("touchstone"));
        QSignalSpy edits(w.syncPanel(), &SyncPanel::clockEdited);
        bool answered = false;
        auto answer = [&](double shiftMs, std::optional<double> driftPpm, bool accept) {
            QTimer::singleShot(0, [&answered, shiftMs, driftPpm, accept] {
                auto* d = qobject_cast<ClockAdjustDialog*>(QApplication::activeModalWidget());
                if (!d)
                    return;
                d->shiftBox()->setValue(shiftMs);
                if (driftPpm)
                    d->driftBox()->setValue(*driftPpm);
                answered = true;
                accept ? d->accept() : d->reject();
            });
        };
        answer(5.0, 12.5, true);
        w.syncPanel()->adjustButton()->click();
        QVERIFY(answered);
        QCOMPARE(edits.count(), 1);
        QCOMPARE(edits[0][0].toString(), QStringLiteral("hands"));
        auto asked = edits[0][1].value<ts::core::ClockModel>();
        QCOMPARE(asked.method, std::string("manual"));
        QCOMPARE(asked.author, std::string());
        QCOMPARE(asked.confidence, 1.0);
        QCOMPARE(asked.offsetNs, handsModel.offsetNs + 5'000'000);
        QCOMPARE(asked.drift, 12.5e-6);
        QCOMPARE(asked.t0Ns, handsModel.t0Ns);
        // A shift alone keeps the stored drift to the last bit (the box shows it rounded).
        answered = false;
        answer(-1.0, std::nullopt, true);
        w.syncPanel()->adjustButton()->click();
        QVERIFY(answered);
        QCOMPARE(edits.count(), 2);
        asked = edits[1][1].value<ts::core::ClockModel>();
        QCOMPARE(asked.offsetNs, handsModel.offsetNs - 1'000'000);
        QCOMPARE(asked.drift, handsModel.drift);
        // Cancelled, or accepted with nothing changed: nothing is asked for.
        answered = false;
        answer(7.0, 3.0, false);
        w.syncPanel()->adjustButton()->click();
        QVERIFY(answered);
        answered = false;
        answer(0.0, std::nullopt, true);
        w.syncPanel()->adjustButton()->click();
        QVERIFY(answered);
        QCOMPARE(edits.count(), 2);
    }
};

QTEST_MAIN(TstSyncPanel)
#include "tst_syncpanel.moc"
