// Light and dark themes for the whole application (Fusion style with a tuned palette), chosen
// in View → Theme or with --theme, remembered in QSettings.
#pragma once

#include <QString>

class QMenu;

namespace ts::widgets {

enum class Theme { Light, Dark };

void applyTheme(Theme t);
Theme currentTheme();
// "light" / "dark"; anything else is nullopt-like: returns false.
bool parseTheme(const QString& name, Theme* out);
// The saved choice (Light when none).
Theme savedTheme();
void saveTheme(Theme t);
// Adds "Light Theme" and "Dark Theme" (checkable, applied and saved) to a View menu.
void addThemeActions(QMenu* menu);

} // namespace ts::widgets
