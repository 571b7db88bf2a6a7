#include "theme.h"

#include <QApplication>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace ts::widgets {

namespace {
Theme g_theme = Theme::Light; // mirrors the application palette; GUI thread only
}

void applyTheme(Theme t) {
    g_theme = t;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p;
    if (t == Theme::Dark) {
        const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2c));
        p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42));
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::BrightText, Qt::white);
        p.setColor(QPalette::Mid, QColor(0x55, 0x58, 0x5e));
        p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
        p.setColor(QPalette::Light, QColor(0x45, 0x48, 0x4e));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7e, 0xd8));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Link, QColor(0x64, 0xb5, 0xf6));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    } else {
        p = QApplication::style()->standardPalette();
        p.setColor(QPalette::AlternateBase, QColor(0xf3, 0xf4, 0xf6));
        p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xcf));
    }
    QApplication::setPalette(p);
}

Theme currentTheme() {
    return g_theme;
}

bool parseTheme(const QString& name, Theme* out) {
    if (name == QLatin1String("light"))
        *out = Theme::Light;
    else if (name == QLatin1String("dark"))
        *out = Theme::Dark;
    else
        return false;
    return true;
}

Theme savedTheme() {
    Theme t = Theme::Light;
    parseTheme(QSettings().value(QStringLiteral("ui/theme")).toString(), &t);
    return t;
}

void saveTheme(Theme t) {
    QSettings().setValue(QStringLiteral("ui/theme"),
                         t == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light"));
}

void addThemeActions(QMenu* menu) {
    auto* light = menu->addAction(QMenu::tr("&Light Theme"), menu, [] {
        applyTheme(Theme::Light);
        saveTheme(Theme::Light);
    });
    auto* dark = menu->addAction(QMenu::tr("&Dark Theme"), menu, [] {
        applyTheme(Theme::Dark);
        saveTheme(Theme::Dark);
    });
    light->setCheckable(true);
    dark->setCheckable(true);
    QObject::connect(menu, &QMenu::aboutToShow, menu, [light, dark] {
        light->setChecked(currentTheme() == Theme::Light);
        dark->setChecked(currentTheme() == Theme::Dark);
    });
}

} // namespace ts::widgets
