// The app as a person sees it: `touchstone --demo-dir DIR --screenshot FILE` under Xvfb creates
// the demo project, opens it and saves a picture of a real window with the episodes listed.
#include "support/minibundle.h"

#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace ts::test;

class TstAppScreenshot : public QObject {
    Q_OBJECT
private slots:
    void demoWindowScreenshot() {
        QTemporaryDir tmp;
        const QString shot = tmp.filePath("demo.png");
        QString out;
        const int rc =
            runProgram("xvfb-run",
                       {"-a", "-s", "-screen 0 1400x900x24", qEnvironmentVariable("TS_APP"),
                        "--demo-dir", tmp.filePath("demo"), "--screenshot", shot},
                       &out, 240000);
        QVERIFY2(rc == 0, qPrintable(out));
        QImage img(shot);
        QVERIFY(!img.isNull());
        QVERIFY(img.width() >= 1000 && img.height() >= 600);
        // A real window has many colours (text, table, header); a blank one has one or two.
        QSet<QRgb> colours;
        for (int y = 0; y < img.height(); y += 3)
            for (int x = 0; x < img.width(); x += 3)
                colours.insert(img.pixel(x, y));
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        // The demo project exists and holds its three episodes.
        QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                            {"info", tmp.filePath("demo"), "--json"}, &out),
                 0);
        QVERIFY2(out.contains("\"episode_count\": 3"), qPrintable(out));
        if (qEnvironmentVariableIsSet("TS_SCREENSHOT_OUT"))
            QFile::copy(shot, qEnvironmentVariable("TS_SCREENSHOT_OUT"));

        // --dialog export: the dialog's own picture, listing why each demo episode is left out.
        const QString dialogShot = tmp.filePath("export.png");
        QCOMPARE(runProgram("xvfb-run",
                            {"-a", "-s", "-screen 0 1400x900x24", qEnvironmentVariable("TS_APP"),
                             "--demo-dir", tmp.filePath("demo"), "--dialog", "export",
                             "--screenshot", dialogShot},
                            &out, 240000),
                 0);
        QImage dialog(dialogShot);
        QVERIFY(!dialog.isNull());
        QVERIFY2(dialog.width() < img.width() && dialog.width() >= 400,
                 qPrintable(QString("%1x%2").arg(dialog.width()).arg(dialog.height())));
        // A dialog nobody knows is refused with the ones there are.
        QCOMPARE(
            runProgram("xvfb-run",
                       {"-a", qEnvironmentVariable("TS_APP"), "--demo-dir", tmp.filePath("demo"),
                        "--dialog", "nope", "--screenshot", tmp.filePath("nope.png")},
                       &out, 240000),
            2);
        QVERIFY2(out.contains("export, participants or about"), qPrintable(out));
    }

    // Without a display --help and --version still answer, and anything else says what is
    // missing instead of Qt's message about platform plugins.
    void withoutADisplay() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* v : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(v);
        const auto run = [&env](const QStringList& args, QString* out, QString* err) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(qEnvironmentVariable("TS_APP"), args);
            if (!p.waitForFinished(60000))
                return -1;
            *out = QString::fromUtf8(p.readAllStandardOutput());
            *err = QString::fromUtf8(p.readAllStandardError());
            return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        };
        QString out, err;
        QCOMPARE(run({"--help"}, &out, &err), 0);
        QVERIFY2(out.contains("--demo-dir"), qPrintable(out + err));
        QCOMPARE(run({"--version"}, &out, &err), 0);
        QVERIFY2(out.startsWith("Touchstone "), qPrintable(out + err));
        QTemporaryDir tmp;
        QCOMPARE(run({"--demo-dir", tmp.filePath("demo")}, &out, &err), 2);
        QVERIFY2(err.contains("no display") && err.contains("xvfb-run"), qPrintable(err));
        QVERIFY(!QFileInfo::exists(tmp.filePath("demo"))); // nothing made on the way out
    }
};

QTEST_GUILESS_MAIN(TstAppScreenshot)
#include "tst_appscreenshot.moc"
