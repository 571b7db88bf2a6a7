// The running GUI in German and French: every menu, action, dock, button, label, tooltip and
// column header shows the catalogue's translation, never the English source (a string in the
// wrong context or outside tr() shows up here), and the language choice follows
// --language / the setting / the system locale.
#include "aboutdialog.h"
#include "projectwindow.h"
#include "translation.h"
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
        for (QTranslator* t : qApp->findChildren<QTranslator*>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
        QVERIFY(installTranslations(lang));
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
};

QTEST_MAIN(TstTranslation)
#include "tst_translation.moc"
