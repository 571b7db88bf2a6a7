#include "translation.h"

#include <QApplication>
#include <QActionGroup>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace ts::widgets {

namespace {

const char* kSettingKey = "language";

QString nativeName(const QString& lang) {
    if (lang == QLatin1String("en"))
        return QStringLiteral("English");
    const QLocale l(lang);
    QString n = l.nativeLanguageName();
    if (!n.isEmpty())
        n[0] = n[0].toUpper();
    return n.isEmpty() ? lang : n;
}

} // namespace

QStringList availableLanguages() {
    QStringList out{QStringLiteral("en")};
    const QStringList files =
        QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("touchstone_*.qm")}, QDir::Files);
    for (const QString& f : files)
        out << f.mid(11, f.size() - 11 - 3); // touchstone_<lang>.qm
    return out;
}

QString chosenLanguage(const QString& override) {
    QString want = override;
    if (want.isEmpty())
        want = QSettings().value(QLatin1String(kSettingKey)).toString();
    if (want.isEmpty())
        want = QLocale::system().name();
    const QStringList have = availableLanguages();
    if (have.contains(want))
        return want;
    const QString base = want.section(QLatin1Char('_'), 0, 0).section(QLatin1Char('-'), 0, 0);
    return have.contains(base) ? base : QStringLiteral("en");
}

bool installTranslations(const QString& language) {
    QLocale::setDefault(QLocale(language));
    if (language == QLatin1String("en"))
        return true;
    auto* app = new QTranslator(qApp);
    if (!app->load(QStringLiteral(":/i18n/touchstone_%1.qm").arg(language))) {
        delete app;
        QLocale::setDefault(QLocale(QStringLiteral("en")));
        return false;
    }
    QCoreApplication::installTranslator(app);
    // Qt's own strings (standard buttons and dialogs), when Debian's catalogues are installed.
    auto* qt = new QTranslator(qApp);
    if (qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return true;
}

void saveLanguage(const QString& language) {
    QSettings s;
    if (language.isEmpty())
        s.remove(QLatin1String(kSettingKey));
    else
        s.setValue(QLatin1String(kSettingKey), language);
}

void addLanguageActions(QMenu* menu) {
    QMenu* sub = menu->addMenu(QMenu::tr("&Language"));
    sub->setObjectName(QStringLiteral("languageMenu"));
    auto* group = new QActionGroup(sub);
    const QString saved = QSettings().value(QLatin1String(kSettingKey)).toString();
    auto add = [&](const QString& text, const QString& lang) {
        QAction* a = sub->addAction(text);
        a->setCheckable(true);
        a->setChecked(saved == lang);
        a->setData(lang);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, sub, [sub, lang] {
            saveLanguage(lang);
            QMessageBox::information(sub->window(), QMenu::tr("Language"),
                                     QMenu::tr("Touchstone will use the new language when it "
                                               "starts next time."));
        });
    };
    add(QMenu::tr("System Language"), QString());
    for (const QString& lang : availableLanguages())
        add(nativeName(lang), lang);
}

} // namespace ts::widgets
