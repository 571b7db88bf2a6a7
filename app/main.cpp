// touchstone: the desktop application. Opens a project, or the demo project with --demo;
// --screenshot FILE renders the window once the project is loaded, saves it and exits.
#include "projectwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QIcon>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>
#include <memory>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Touchstone"));
    QApplication::setOrganizationName(QStringLiteral("Touchstone"));
    QApplication::setApplicationVersion(QStringLiteral(TS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/touchstone/icons/touchstone.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Align, annotate and review egocentric hand recordings."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption demo(
        QStringLiteral("demo"),
        QApplication::translate("main", "Open the demo project (created on first use)."));
    QCommandLineOption demoDir(QStringLiteral("demo-dir"),
                               QApplication::translate("main", "Where the demo project lives."),
                               QStringLiteral("DIR"));
    QCommandLineOption shot(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "Save a screenshot of the loaded window and exit."),
        QStringLiteral("FILE"));
    parser.addOptions({demo, demoDir, shot});
    parser.addPositionalArgument(
        QStringLiteral("project"),
        QApplication::translate("main", "A project file (.tsproj) or its folder."));
    parser.process(app);

    ts::widgets::ProjectWindow window;
    if (parser.isSet(shot)) {
        const QString file = parser.value(shot);
        auto save = [&window, file] {
            // Wait (up to 20 s) for the background views to finish, then let the last
            // deliveries paint before grabbing.
            auto* poll = new QTimer(&window);
            auto started = std::make_shared<QElapsedTimer>();
            started->start();
            QObject::connect(poll, &QTimer::timeout, &window, [&window, file, poll, started] {
                if (window.busy() && started->elapsed() < 20000)
                    return;
                poll->stop();
                QTimer::singleShot(300, &window, [&window, file] {
                    const bool ok = window.grab().save(file);
                    std::fprintf(ok ? stdout : stderr, "%s %s\n",
                                 ok ? "screenshot" : "cannot write", qPrintable(file));
                    QApplication::exit(ok ? 0 : 1);
                });
            });
            poll->start(100);
        };
        QObject::connect(&window, &ts::widgets::ProjectWindow::projectLoaded, &window, save);
        QObject::connect(&window, &ts::widgets::ProjectWindow::loadFailed, &window,
                         [](const QString& e) {
                             std::fprintf(stderr, "touchstone: %s\n", qPrintable(e));
                             QApplication::exit(1);
                         });
    }
    window.show();
    if (parser.isSet(demo) || parser.isSet(demoDir)) {
        QString dir = parser.value(demoDir);
        if (dir.isEmpty())
            dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
                  QStringLiteral("/demo");
        window.openDemo(QDir::cleanPath(QDir(dir).absolutePath()));
    } else if (!parser.positionalArguments().isEmpty()) {
        window.openProject(parser.positionalArguments().first());
    } else if (parser.isSet(shot)) {
        QTimer::singleShot(0, &window, &ts::widgets::ProjectWindow::projectLoaded);
    }
    return app.exec();
}
