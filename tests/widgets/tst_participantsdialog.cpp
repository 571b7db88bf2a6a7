// Project → Participants and Consent…, offscreen, on a demo project: a lead adds a consent
// form, a participant and their consent record; a duplicate is refused with core's words; a
// withdrawal asks first (declining changes nothing) and then keeps the participant's episodes
// out of every export; an annotator may not manage consent.
#include "annotation/consent.h"
#include "participantsdialog.h"
#include "project/demoproject.h"
#include "store/projectstore.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace ts::widgets;
namespace ann = ts::core::annotation;

class TstParticipantsDialog : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString project_;

    static QString status(ParticipantsDialog& d, const QString& who) {
        auto* t = d.participantTable();
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 0)->text() == who)
                return t->item(r, 3)->text();
        return {};
    }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        ts::core::DemoOptions o;
        o.episodes = 2;
        o.seconds = 2;
        o.width = 160;
        o.height = 120;
        o.user = "lena"; // the admin
        project_ = QString::fromStdString(
            ts::core::ensureDemoProject(tmp_.filePath("demo").toStdString(), o).string());
        auto store = ts::core::ProjectStore::open(project_.toStdString());
        store.addUser("lena", "ann", ts::core::Role::Annotator);
    }

    void leadManagesParticipantsFormsAndConsent() {
        ParticipantsDialog d(project_, "lena");
        d.show();
        // The demo's participants, with their episodes.
        QVERIFY(d.participantTable()->rowCount() >= 2);
        QVERIFY(!status(d, "P-0101").isEmpty());

        // A consent form.
        const int forms = d.formTable()->rowCount();
        d.formVersion()->setText("2026-03");
        d.formTitle()->setText("Hand capture study");
        d.formTerms()->setPlainText("Recordings may be used to train robot policies.");
        d.formScope()->setText("research, commercial");
        QVERIFY2(d.addForm(), qPrintable(d.message()->text()));
        QCOMPARE(d.formTable()->rowCount(), forms + 1);
        QVERIFY(d.consentForm()->findText("2026-03") >= 0);

        // A participant, then their consent on that form (terms and scope come with it).
        d.newPseudonym()->setText("P-0900");
        QVERIFY2(d.addParticipant(), qPrintable(d.message()->text()));
        QCOMPARE(d.selectedParticipant(), QString("P-0900"));
        QCOMPARE(status(d, "P-0900"), QString("no consent recorded"));
        d.consentRef()->setText("C-0900");
        d.consentForm()->setCurrentIndex(d.consentForm()->findText("2026-03"));
        QCOMPARE(d.consentTerms()->text(),
                 QString("Recordings may be used to train robot policies."));
        QCOMPARE(d.consentScope()->text(), QString("research, commercial"));
        d.consentCompensation()->setText("40 EUR");
        QVERIFY2(d.recordConsent(), qPrintable(d.message()->text()));
        QCOMPARE(d.consentTree()->topLevelItemCount(), 1);
        QCOMPARE(d.consentTree()->topLevelItem(0)->text(0), QString("C-0900"));
        QCOMPARE(d.consentTree()->topLevelItem(0)->text(3), QString("research, commercial"));
        QCOMPARE(status(d, "P-0900"), QString("active"));
        {
            auto store = ts::core::ProjectStore::open(project_.toStdString());
            bool found = false;
            for (const auto& p : ann::participants(store))
                if (p.pseudonym == "P-0900") {
                    found = true;
                    QCOMPARE(p.consents.size(), size_t(1));
                    QCOMPARE(p.consents[0].compensation, std::string("40 EUR"));
                }
            QVERIFY(found);
        }

        // The same id again is refused in core; the dialog says so and nothing changes.
        const int rows = d.participantTable()->rowCount();
        d.newPseudonym()->setText("P-0900");
        QVERIFY(!d.addParticipant());
        QVERIFY2(d.message()->text().contains("already"), qPrintable(d.message()->text()));
        QCOMPARE(d.participantTable()->rowCount(), rows);
    }

    void withdrawalAsksAndExcludesEpisodes() {
        ParticipantsDialog d(project_, "lena");
        d.selectParticipant("P-0101");
        QCOMPARE(d.selectedParticipant(), QString("P-0101"));
        QString asked;
        d.setConfirm([&](const QString& q) {
            asked = q;
            return false;
        });
        QVERIFY(!d.withdrawSelected()); // declined: nothing stored
        QVERIFY2(asked.contains("P-0101") && asked.contains("episode"), qPrintable(asked));
        QVERIFY(!status(d, "P-0101").startsWith("withdrawn"));
        d.setConfirm([](const QString&) { return true; });
        QVERIFY2(d.withdrawSelected(), qPrintable(d.message()->text()));
        QVERIFY2(status(d, "P-0101").startsWith("withdrawn"), qPrintable(status(d, "P-0101")));
        auto store = ts::core::ProjectStore::open(project_.toStdString());
        for (const auto& e : store.episodes())
            if (e.participant == "P-0101")
                QVERIFY(!ann::consentProblem(store, e.id).empty());
        // Withdrawn once is withdrawn: the button is off for them.
        QVERIFY(!d.findChild<QPushButton*>("withdraw")->isEnabled());
    }

    void annotatorMayNotManageConsent() {
        ParticipantsDialog d(project_, "ann");
        d.newPseudonym()->setText("P-0950");
        QVERIFY(!d.addParticipant());
        QVERIFY2(d.message()->text().contains("only leads and admins"),
                 qPrintable(d.message()->text()));
        auto store = ts::core::ProjectStore::open(project_.toStdString());
        for (const auto& p : ann::participants(store))
            QVERIFY(p.pseudonym != "P-0950");
    }
};

QTEST_MAIN(TstParticipantsDialog)
#include "tst_participantsdialog.moc"
