// The user interface language: the app's own catalogues (translations/touchstone_<lang>.ts,
// compiled into :/i18n/) and Qt's for standard dialogs. Chosen by --language, else the
// "language" setting (View → Language), else the system locale; English when there is no
// catalogue for it. GUI thread, before the first window is built.
#pragma once

#include <QString>
#include <QStringList>

class QMenu;

namespace ts::widgets {

// "en" plus every language with a catalogue in :/i18n, e.g. {"en", "de", "fr"}.
QStringList availableLanguages();
// The language to use: `override` when not empty, else the saved setting, else the system
// locale's; reduced to an available language ("de_AT" → "de"), else "en".
QString chosenLanguage(const QString& override = {});
// Installs the catalogues for `language` on the application; false (and English) when there
// is none. Safe to call once per process.
bool installTranslations(const QString& language);
// View → Language: System Language, English, Deutsch, Français…; the choice is saved and
// takes effect at the next start (the menu says so).
void addLanguageActions(QMenu* menu);
void saveLanguage(const QString& language); // "" = follow the system

} // namespace ts::widgets
