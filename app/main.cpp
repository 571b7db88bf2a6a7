// touchstone: the desktop application. Opens a project, or the demo project with --demo;
// --episode ID opens that episode's workspace; --screenshot FILE renders the window (the
// workspace when one is open) once everything has loaded, saves it and exits; --bench NAME
// prints the GUI's performance figures as JSON lines (docs/performance.md).
#include "aboutdialog.h"
#include "exportdialog.h"
#include "guibench.h"
#include "participantsdialog.h"
#include "projectwindow.h"
#include "theme.h"
#include "translation.h"
#include "workspace/episodeworkspace.h"
#include "workspace/syncpanel.h"
#include "workspace/timecursor.h"

#include "project/projectpath.h"
#include "util/error.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QIcon>
#include <QPointer>
#include <QStandardPaths>
#include <QSurfaceFormat>
#include <QTimer>

#include <cstdio>
#include <malloc.h>
#include <memory>
#include <string_view>

namespace {

// Waits (up to 30 s) until `busy` says the views are done, lets the last deliveries paint,
// then saves `window` to `file` and quits.
void screenshotWhenReady(QWidget* window, const QString& file, std::function<bool()> busy) {
    auto* poll = new QTimer(window);
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(poll, &QTimer::timeout, window, [window, file, poll, started, busy] {
        if (busy() && started->elapsed() < 30000)
            return;
        poll->stop();
        QTimer::singleShot(400, window, [window, file] {
            // Where each panel is in the picture, for tests that look inside one.
            for (const QDockWidget* d : window->findChildren<QDockWidget*>())
                if (d->isVisible() && d->widget()) {
                    const QRect r(d->widget()->mapTo(window, QPoint(0, 0)), d->widget()->size());
                    std::printf("panel %s %d %d %d %d\n", qPrintable(d->objectName()), r.x(), r.y(),
                                r.width(), r.height());
                }
            const bool ok = window->grab().save(file);
            std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "screenshot" : "cannot write",
                         qPrintable(file));
            QApplication::exit(ok ? 0 : 1);
        });
    });
    poll->start(100);
}

} // namespace

int main(int argc, char** argv) {
    // Decoded frames are megabytes each and come and go 30 times a second: keep freed ones in
    // the heap for the next frame instead of handing them back to the kernel and faulting
    // fresh zeroed pages in again (the frame cache bounds what is held).
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    // VTK's 3D view needs an OpenGL 3.2 core context; share one format for every GL widget.
    QSurfaceFormat gl;
    gl.setRenderableType(QSurfaceFormat::OpenGL);
    gl.setVersion(3, 2);
    gl.setProfile(QSurfaceFormat::CoreProfile);
    gl.setDepthBufferSize(24);
    gl.setStencilBufferSize(8);
    QSurfaceFormat::setDefaultFormat(gl);
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);

    // Without a display (and no platform chosen) Qt would abort in QApplication with a message
    // about platform plugins. --help and --version need no window: they are printed with the
    // offscreen platform; anything else says what is missing.
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        bool infoOnly = false;
        bool platformGiven = false;
        for (int i = 1; i < argc; ++i) {
            const std::string_view a = argv[i];
            infoOnly = infoOnly || a == "-h" || a == "--help" || a == "--help-all" || a == "-v" ||
                       a == "--version";
            platformGiven = platformGiven || a == "-platform" || a == "--platform";
        }
        if (infoOnly)
            qputenv("QT_QPA_PLATFORM", "offscreen");
        else if (!platformGiven) {
            std::fprintf(stderr,
                         "touchstone: no display to open a window on (DISPLAY and WAYLAND_DISPLAY "
                         "are not set). Run it in a desktop session, under xvfb-run, or with "
                         "QT_QPA_PLATFORM=offscreen for --screenshot; touchstone-cli does the "
                         "same work without a window.\n");
            return 2;
        }
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Touchstone"));
    QApplication::setOrganizationName(QStringLiteral("Touchstone"));
    QApplication::setApplicationVersion(QStringLiteral(TS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/touchstone/icons/touchstone.svg")));

    // The language first, so that --help is translated too: --language LANG, else the
    // setting (View → Language), else the system locale.
    {
        QString lang;
        const QStringList a = QApplication::arguments();
        if (const qsizetype i = a.indexOf(QStringLiteral("--language")); i > 0 && i + 1 < a.size())
            lang = a[i + 1];
        ts::widgets::installTranslations(ts::widgets::chosenLanguage(lang));
    }

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
    QCommandLineOption episode(
        QStringLiteral("episode"),
        QApplication::translate("main", "Open this episode's workspace once the project is open."),
        QStringLiteral("ID"));
    QCommandLineOption theme(
        QStringLiteral("theme"),
        QApplication::translate("main",
                                "light or dark, for this run (View → Theme remembers one)."),
        QStringLiteral("NAME"));
    QCommandLineOption bench(
        QStringLiteral("bench"),
        QApplication::translate("main",
                                "Run a GUI benchmark (plot, view3d, playback, startup) and exit."),
        QStringLiteral("NAME"));
    QCommandLineOption size(QStringLiteral("size"),
                            QApplication::translate("main", "Window size WxH (e.g. 1280x720)."),
                            QStringLiteral("WxH"));
    // For `--bench startup`: print "shown" once the window has painted with the project open
    // (or, without a project, empty), then exit.
    QCommandLineOption probe(QStringLiteral("startup-probe"),
                             QStringLiteral("Print 'shown' when the window is up, then exit."));
    probe.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption language(
        QStringLiteral("language"),
        QApplication::translate("main", "User interface language for this run (en, de, fr)."),
        QStringLiteral("LANG"));
    QCommandLineOption raiseDock(
        QStringLiteral("dock"),
        QApplication::translate("main", "Bring this panel of the workspace to the front (sync, "
                                        "qc, inspector, …)."),
        QStringLiteral("NAME"));
    QCommandLineOption dialog(
        QStringLiteral("dialog"),
        QApplication::translate("main", "Open a dialog over the project window (export, "
                                        "participants, about); with --screenshot, of the dialog."),
        QStringLiteral("NAME"));
    QCommandLineOption syncStream(QStringLiteral("sync-stream"),
                                  QApplication::translate("main", "Select this stream in the Sync "
                                                                  "panel (with --dock sync)."),
                                  QStringLiteral("NAME"));
    parser.addOptions({demo, demoDir, shot, episode, theme, bench, size, probe, language, raiseDock,
                       dialog, syncStream});
    parser.addPositionalArgument(
        QStringLiteral("project"),
        QApplication::translate("main", "A project file (.tsproj) or its folder."));
    // A bench takes options of its own (--seconds, --width, --height, --work-dir).
    const QStringList arguments = QApplication::arguments();
    if (const qsizetype b = arguments.indexOf(QStringLiteral("--bench"));
        b > 0 && b + 1 < arguments.size()) {
        ts::widgets::applyTheme(ts::widgets::Theme::Light);
        return ts::app::runGuiBench(arguments[b + 1], arguments.mid(b + 2));
    }
    parser.process(app);

    ts::widgets::Theme t = ts::widgets::savedTheme();
    if (parser.isSet(theme)) {
        if (!ts::widgets::parseTheme(parser.value(theme), &t)) {
            std::fprintf(stderr, "touchstone: --theme takes light or dark, not '%s'\n",
                         qPrintable(parser.value(theme)));
            return 2;
        }
    }
    ts::widgets::applyTheme(t);

    QSize windowSize;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            windowSize = QSize(wh[0].toInt(), wh[1].toInt());
        if (windowSize.width() < 200 || windowSize.height() < 200) {
            std::fprintf(stderr, "touchstone: --size takes WxH, e.g. 1280x720\n");
            return 2;
        }
    }

    ts::widgets::ProjectWindow window;
    if (windowSize.isValid())
        window.resize(windowSize);
    const QString episodeId = parser.value(episode);
    const QString file = parser.value(shot);
    QObject::connect(&window, &ts::widgets::ProjectWindow::loadFailed, &window,
                     [&parser, &shot](const QString& e) {
                         if (!parser.isSet(shot))
                             return; // the window shows the error and keeps running
                         std::fprintf(stderr, "touchstone: %s\n", qPrintable(e));
                         QApplication::exit(1);
                     });
    QObject::connect(&window, &ts::widgets::ProjectWindow::projectLoaded, &window, [&] {
        if (parser.isSet(dialog)) {
            const QString name = parser.value(dialog);
            const QString user = QString::fromStdString(ts::core::defaultUserName());
            QDialog* d = nullptr;
            try {
                if (name == QLatin1String("export"))
                    d = new ts::widgets::ExportDialog(window.projectFile(), user, &window);
                else if (name == QLatin1String("participants"))
                    d = new ts::widgets::ParticipantsDialog(window.projectFile(), user, &window);
                else if (name == QLatin1String("about"))
                    d = new ts::widgets::AboutDialog(&window);
            } catch (const ts::core::Error& e) {
                std::fprintf(stderr, "touchstone: %s\n", e.what());
                QApplication::exit(1);
                return;
            }
            if (!d) {
                std::fprintf(stderr,
                             "touchstone: --dialog takes export, participants or about, "
                             "not '%s'\n",
                             qPrintable(name));
                QApplication::exit(2);
                return;
            }
            d->setAttribute(Qt::WA_DeleteOnClose);
            d->show();
            if (!file.isEmpty())
                screenshotWhenReady(d, file, [] { return false; });
            return;
        }
        if (episodeId.isEmpty()) {
            if (!file.isEmpty())
                screenshotWhenReady(&window, file, [&window] { return window.busy(); });
            return;
        }
        ts::widgets::EpisodeWorkspace* w = window.openWorkspace(episodeId);
        if (!w) {
            std::fprintf(stderr, "touchstone: the project has no episode '%s'\n",
                         qPrintable(episodeId));
            if (!file.isEmpty())
                QApplication::exit(1);
            return;
        }
        if (windowSize.isValid())
            w->resize(windowSize);
        if (parser.isSet(raiseDock)) {
            const QString name = parser.value(raiseDock) + QStringLiteral("Dock");
            const QString stream = parser.value(syncStream);
            QObject::connect(
                w, &ts::widgets::EpisodeWorkspace::episodeLoaded, w, [w, name, stream] {
                    if (auto* d = w->findChild<QDockWidget*>(name)) {
                        d->show();
                        d->raise();
                    } else {
                        std::fprintf(stderr, "touchstone: no panel '%s'\n", qPrintable(name));
                    }
                    if (!stream.isEmpty() && !w->syncPanel()->selectStream(stream))
                        std::fprintf(stderr, "touchstone: no stream '%s'\n", qPrintable(stream));
                });
        }
        if (file.isEmpty())
            return;
        QPointer<ts::widgets::EpisodeWorkspace> ws(w);
        QObject::connect(w, &ts::widgets::EpisodeWorkspace::loadFailed, w, [](const QString& e) {
            std::fprintf(stderr, "touchstone: %s\n", qPrintable(e));
            QApplication::exit(1);
        });
        QObject::connect(w, &ts::widgets::EpisodeWorkspace::episodeLoaded, w, [ws, file] {
            // A moment into the episode, where hands and force are busy.
            ws->cursor()->setTime(ws->cursor()->start() +
                                  (ws->cursor()->end() - ws->cursor()->start()) * 4 / 10);
            screenshotWhenReady(ws, file, [ws] { return ws && ws->busy(); });
        });
    });
    if (parser.isSet(probe)) {
        auto shown = [&window] {
            window.repaint(); // painted, not only scheduled
            std::printf("shown\n");
            std::fflush(stdout);
            QApplication::exit(0);
        };
        QObject::connect(&window, &ts::widgets::ProjectWindow::projectLoaded, &window, shown);
        QObject::connect(&window, &ts::widgets::ProjectWindow::loadFailed, &window,
                         [] { QApplication::exit(1); });
        if (parser.positionalArguments().isEmpty())
            QTimer::singleShot(0, &window, shown);
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
