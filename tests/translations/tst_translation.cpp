// The running GUI in German and French: every menu, action, dock, button, label, tooltip and
// column header shows the catalogue's translation, never the English source (a string in the
// wrong context or outside tr() shows up here), and the language choice follows
// --language / the setting / the system locale.
#include "aboutdialog.h"
#include "episodetablemodel.h"
#include "projectwindow.h"
#include "translation.h"
#include "wording.h"
#include "workspace/episodeworkspace.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

using namespace ts::widgets;

namespace {

struct Catalogue {
    QMap<QString, QString> translationOf; // English source (no '&') → first translation form
    QList<QRegularExpression> patterns;   // every translation, %1 / %n as wildcards
};

QString plain(QString s) {
    return s.remove(QLatin1Char('&')).trimmed();
}

Catalogue readCatalogue(const QString& lang) {
    Catalogue c;
    QFile f(qEnvironmentVariable("TS_SOURCE_DIR") + "/translations/touchstone_" + lang + ".ts");
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    QXmlStreamReader x(&f);
    QString source;
    QStringList forms;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement() && x.name() == QLatin1String("source"))
            source = x.readElementText();
        else if (x.isStartElement() && x.name() == QLatin1String("translation")) {
            forms.clear();
            const QString text = x.readElementText(QXmlStreamReader::IncludeChildElements);
            forms << text;
        } else if (x.isEndElement() && x.name() == QLatin1String("message")) {
            for (const QString& form : forms) {
                if (!c.translationOf.contains(plain(source)))
                    c.translationOf[plain(source)] = plain(form);
                // Literal pieces between the %1 / %n placeholders, joined by wildcards.
                QStringList pieces = plain(form).split(QRegularExpression(QStringLiteral("%[0-9n]")));
                for (QString& piece : pieces)
                    piece = QRegularExpression::escape(piece);
                const QString re = pieces.join(QStringLiteral(".*"));
                c.patterns << QRegularExpression(QStringLiteral("^") + re + QStringLiteral("$"),
                                                 QRegularExpression::DotMatchesEverythingOption);
            }
        }
    }
    return c;
}

// Every text a person can read in `root` and its children (Qt's own internal widgets aside).
QStringList visibleTexts(QWidget* root) {
    QStringList out;
    auto add = [&out](const QString& s) {
        if (QRegularExpression(QStringLiteral("[A-Za-zÄÖÜäöüéèàç]{2}")).match(s).hasMatch())
            out << plain(s);
    };
    add(root->windowTitle());
    for (QObject* o : root->findChildren<QObject*>()) {
        if (o->objectName().startsWith(QLatin1String("qt_")))
            continue;
        if (auto* a = qobject_cast<QAction*>(o)) {
            if (!a->isSeparator() && !a->data().isValid()) // language names are native on purpose
                add(a->text());
            add(a->toolTip() == plain(a->text()) ? QString() : a->toolTip());
        } else if (auto* m = qobject_cast<QMenu*>(o)) {
            add(m->title());
        } else if (auto* d = qobject_cast<QDockWidget*>(o)) {
            add(d->windowTitle());
        } else if (auto* b = qobject_cast<QAbstractButton*>(o)) {
            // A dialog's standard buttons (Close, Cancel) are Qt's own, in Qt's catalogue.
            auto* box = qobject_cast<QDialogButtonBox*>(b->parent());
            if (box && box->standardButton(b) != QDialogButtonBox::NoButton)
                continue;
            add(b->text());
            add(b->toolTip());
        } else if (auto* l = qobject_cast<QLabel*>(o)) {
            add(l->text());
            add(l->toolTip());
        } else if (auto* e = qobject_cast<QLineEdit*>(o)) {
            add(e->placeholderText());
        } else if (auto* v = qobject_cast<QAbstractItemView*>(o)) {
            if (auto* model = v->model())
                for (int c = 0; c < model->columnCount(); ++c)
                    add(model->headerData(c, Qt::Horizontal).toString());
        } else if (auto* w = qobject_cast<QWidget*>(o)) {
            add(w->toolTip());
        }
    }
    out.removeDuplicates();
    return out;
}

// The interface in `lang` only: the translators installed before are removed first.
bool switchLanguage(const QString& lang) {
    for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
    return installTranslations(lang);
}

} // namespace

class TstTranslation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void languageIsChosenFromOptionSettingAndLocale() {
        QCOMPARE(availableLanguages(), (QStringList{"en", "de", "fr"}));
        QCOMPARE(chosenLanguage(QStringLiteral("de_AT")), QStringLiteral("de"));
        QCOMPARE(chosenLanguage(QStringLiteral("fr-CA")), QStringLiteral("fr"));
        QCOMPARE(chosenLanguage(QStringLiteral("xx")), QStringLiteral("en"));
        saveLanguage(QStringLiteral("fr"));
        QCOMPARE(chosenLanguage(), QStringLiteral("fr"));
        QCOMPARE(chosenLanguage(QStringLiteral("de")), QStringLiteral("de")); // the option wins
        saveLanguage(QString());
        QSettings().clear();
    }

    void guiShowsNoEnglishSource_data() {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("fileMenu");
        QTest::newRow("de") << "de" << "Datei";
        QTest::newRow("fr") << "fr" << "Fichier";
    }

    void guiShowsNoEnglishSource() {
        QFETCH(QString, lang);
        QFETCH(QString, fileMenu);
        QVERIFY(switchLanguage(lang));
        const Catalogue cat = readCatalogue(lang);
        QVERIFY(cat.translationOf.size() > 100);

        ProjectWindow project;
        project.show();
        EpisodeWorkspace workspace;
        workspace.show();
        AboutDialog about;
        QStringList texts = visibleTexts(&project) + visibleTexts(&workspace) + visibleTexts(&about);
        QVERIFY(texts.contains(fileMenu));
        QStringList english, unknown;
        for (const QString& t : texts) {
            // Shown as the English source although the catalogue translates it: the string
            // was looked up in the wrong context, or not at all.
            if (cat.translationOf.contains(t) && cat.translationOf[t] != t)
                english << t;
            // Matches no translation at all: not in the catalogue (not wrapped in tr()).
            else if (!cat.translationOf.contains(t) &&
                     std::none_of(cat.patterns.begin(), cat.patterns.end(),
                                  [&t](const QRegularExpression& re) { return re.match(t).hasMatch(); }) &&
                     t != QLatin1String("Touchstone"))
                unknown << t;
        }
        QVERIFY2(english.isEmpty(), qPrintable("shown in English: " + english.join(" | ")));
        QVERIFY2(unknown.isEmpty(), qPrintable("not in the catalogue: " + unknown.join(" | ")));
    }

    // Core's codes (statuses, clock methods, sync methods, alignment verdicts) are worded in
    // the interface's language where people read them: the project window's Status and Sync
    // columns, the Sync panel, the clock dialog. Unknown codes show as they are.
    void coreCodesAreWorded_data() {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("newStatus");
        QTest::addColumn<QString>("residualAbove");
        QTest::newRow("de") << "de"
                            << "neu"
                            << "Residuum 1.240 ms über der Toleranz von 1.000 ms";
        QTest::newRow("fr") << "fr"
                            << "nouveau"
                            << "résidu 1.240 ms au-dessus de la tolérance de 1.000 ms";
    }

    void coreCodesAreWorded() {
        QFETCH(QString, lang);
        QFETCH(QString, newStatus);
        QFETCH(QString, residualAbove);
        QVERIFY(switchLanguage(lang));
        const Catalogue cat = readCatalogue(lang);
        auto translated = [&cat](const QString& shown, const char* english) {
            return !shown.isEmpty() && shown != QLatin1String(english) &&
                   cat.translationOf.value(QString::fromLatin1(english)) == shown;
        };
        using ts::core::EpisodeStatus;
        const std::pair<EpisodeStatus, const char*> statuses[] = {
            {EpisodeStatus::New, "new"},
            {EpisodeStatus::Annotating, "annotating"},
            {EpisodeStatus::Submitted, "submitted for review"},
            {EpisodeStatus::Approved, "approved"},
            {EpisodeStatus::Rejected, "rejected"}};
        for (const auto& [status, english] : statuses)
            QVERIFY2(translated(episodeStatusText(status), english), english);
        const std::pair<std::pair<const char*, double>, const char*> clocks[] = {
            {{"identity", 1.0}, "timeline clock"},
            {{"identity", 0.0}, "not aligned"},
            {{"file", 1.0}, "declared"},
            {{"estimated", 0.8}, "estimated"},
            {{"manual", 1.0}, "set by hand"}};
        for (const auto& [model, english] : clocks)
            QVERIFY2(translated(clockMethodText(model.first, model.second), english), english);
        for (const char* m :
             {"timeline", "file", "none", "gyro~pose-rotation-rate", "gyro~visual-rotation",
              "pose~visual-rotation", "hands~pose-world-stillness", "force~fingertip-contact"}) {
            const QString shown = syncMethodText(m);
            QVERIFY2(!shown.isEmpty() && shown != QLatin1String(m) &&
                         std::any_of(cat.translationOf.begin(), cat.translationOf.end(),
                                     [&shown](const QString& t) { return t == shown; }),
                     m);
        }
        QCOMPARE(clockMethodText("a-method-from-later", 1.0),
                 QStringLiteral("a-method-from-later"));
        QCOMPARE(syncMethodText("a-method-from-later"), QStringLiteral("a-method-from-later"));

        // Every verdict sync::alignmentVerdict can give, worded; the numbers kept.
        ts::core::sync::SyncSettings settings;
        settings.toleranceMs = 1.0;
        settings.minConfidence = 0.5;
        auto model = [](const char* method, double confidence, double residualMs) {
            ts::core::ClockModel m;
            m.method = method;
            m.confidence = confidence;
            m.residualNs = residualMs * 1e6;
            return m;
        };
        const std::pair<ts::core::ClockModel, const char*> verdicts[] = {
            {model("manual", 1, 0), "clock set by hand"},
            {model("file", 1, 0), "declared in episode.json"},
            {model("identity", 1, 0), "on the timeline clock"},
            {model("identity", 0, 0), "not aligned to the camera clock"}};
        for (const auto& [m, english] : verdicts) {
            const auto v = ts::core::sync::alignmentVerdict(m, settings);
            QVERIFY(!v.reason.empty() && QString::fromStdString(v.reason) != alignmentText(v));
            QVERIFY2(translated(alignmentText(v), english), english);
        }
        const auto above =
            ts::core::sync::alignmentVerdict(model("estimated", 0.9, 1.24), settings);
        QVERIFY(!above.passed);
        QCOMPARE(alignmentText(above), residualAbove);
        // The CLI's words (review --json, the stored metric) stay English.
        QCOMPARE(above.reason, std::string("residual 1.240 ms above the tolerance of 1.000 ms"));
        const auto unsure =
            ts::core::sync::alignmentVerdict(model("estimated", 0.3, 0.2), settings);
        QVERIFY(!unsure.passed && alignmentText(unsure).contains("0.30") &&
                alignmentText(unsure).contains("0.50") &&
                !alignmentText(unsure).contains("confidence"));
        const auto within =
            ts::core::sync::alignmentVerdict(model("estimated", 0.9, 0.4), settings);
        QVERIFY(within.passed && alignmentText(within).contains("0.400") &&
                !alignmentText(within).contains("within"));

        // The project window's table: the status worded (sorted in the workflow's order), the
        // Sync column's tooltip giving each unaligned stream's reason in words.
        EpisodeTableModel table;
        std::vector<ts::core::EpisodeSummary> episodes(2);
        episodes[0].id = "ep-approved";
        episodes[0].status = EpisodeStatus::Approved;
        episodes[1].id = "ep-new";
        std::map<std::string, std::vector<ts::core::annotation::UnalignedClock>> unaligned;
        unaligned["ep-new"].push_back({"force", above.reason, above});
        table.setEpisodes(episodes, {}, unaligned);
        QCOMPARE(table.index(1, EpisodeTableModel::Status).data().toString(), newStatus);
        QVERIFY(
            table.index(1, EpisodeTableModel::Status).data(EpisodeTableModel::SortRole).toInt() <
            table.index(0, EpisodeTableModel::Status).data(EpisodeTableModel::SortRole).toInt());
        const QString tip =
            table.index(1, EpisodeTableModel::Sync).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.startsWith(QStringLiteral("force")) && tip.contains(residualAbove),
                 qPrintable(tip));

        // QC problems (the QC panel, the timeline's flags): each code's kind and its message
        // from its parts, in the interface's words, the parts kept; the English message when
        // the parts are not what the code has.
        using ts::core::annotation::QcProblem;
        ts::core::annotation::QcReport report;
        report.streams.push_back({});
        report.streams.back().stream = "force";
        report.streams.back().verdict = above;
        const std::vector<QcProblem> problems = {
            {"stream.qc_failed",
             "stream force",
             {},
             {},
             "",
             {"force", "sync.alignment", above.reason}},
            {"stream.qc_failed", "stream imu", {}, {}, "", {"imu", "sync.health", "2"}},
            {"stream.qc_failed", "stream imu", {}, {}, "", {"imu", "custom.check", "7 ms"}},
            {"sync.unaligned", "stream imu", {}, {}, "", {"imu"}},
            {"episode.qc_failed", "episode", {}, {}, "", {"custom.check"}},
            {"consent.invalid", "episode", {}, {}, "", {"no_record", "", "", ""}},
            {"consent.invalid",
             "episode",
             {},
             {},
             "",
             {"participant_withdrew", "P-7", "C-7", "2027-02-01"}},
            {"consent.invalid",
             "episode",
             {},
             {},
             "",
             {"consent_withdrawn", "P-7", "C-7", "2027-02-01"}},
            {"consent.invalid", "episode", {}, {}, "", {"never_signed", "P-7", "C-7", ""}},
            {"label.overlap",
             "label 4",
             1,
             2,
             "",
             {"3", "grasp", "4", "lift", "task", "1.000 s", "1.500 s"}},
            {"label.outside_range",
             "label 5",
             1,
             2,
             "",
             {"5", "hold", "9.000 s", "70.000 s", "60.000 s"}},
            {"event.recovery_without_slip", "event 6", 1, 2, "", {"6", "3.250 s"}},
            {"event.outside_range", "event 7", 1, 2, "", {"regrasp", "7", "61.000 s"}}};
        for (const QcProblem& p : problems) {
            const QString kind = qcProblemKindText(p.code);
            QVERIFY2(!kind.isEmpty() && kind != QString::fromStdString(p.code) &&
                         std::any_of(cat.translationOf.begin(), cat.translationOf.end(),
                                     [&kind](const QString& t) { return t == kind; }),
                     p.code.c_str());
            const QString text = qcProblemText(p, report);
            // Matches a translation of the catalogue (its placeholders filled), not English.
            QVERIFY2(std::any_of(cat.patterns.begin(), cat.patterns.end(),
                                 [&text](const QRegularExpression& re) {
                                     return re.match(text).hasMatch();
                                 }) &&
                         !text.contains(QLatin1String("failed QC check")) &&
                         !text.contains(QLatin1String("outside the recording")) &&
                         !text.contains(QLatin1String("overlap from")) &&
                         !text.contains(QLatin1String("excluded from exports")),
                     qPrintable(text));
            // Names, ids and texts kept (not codes, nor the health row's verdict number, which
            // the words say, nor the consent of a participant who withdrew altogether).
            for (const std::string& part : p.args)
                if (!part.empty() && part.find_first_of(" _.") == std::string::npos &&
                    !(p.args.size() == 3 && p.args[1] == "sync.health") &&
                    !(p.args[0] == "participant_withdrew" && part == p.args[2]) &&
                    !(p.code == "event.outside_range" && part == p.args[0])) // the kind, worded
                    QVERIFY2(text.contains(QString::fromStdString(part)),
                             qPrintable(text + " / " + QString::fromStdString(part)));
        }
        QVERIFY(qcProblemText(problems[0], report).contains(residualAbove));
        QVERIFY(qcProblemText(problems[12], report).contains(cat.translationOf.value("regrasp")));
        const QcProblem odd{
            "label.overlap", "label 4", 1, 2, "labels overlap (as core said it)", {"3"}};
        QCOMPARE(qcProblemText(odd, report), QStringLiteral("labels overlap (as core said it)"));
    }
};

QTEST_MAIN(TstTranslation)
#include "tst_translation.moc"
