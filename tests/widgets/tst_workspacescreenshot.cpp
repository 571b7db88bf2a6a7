// The workspace as a person sees it, under Xvfb with Mesa's software OpenGL: `touchstone
// --demo-dir DIR --episode demo-001 --screenshot FILE` opens the demo episode with every
// panel, and each panel's part of the picture shows what it should: the video with hand
// skeletons in finger colours, the 3D scene rendered by VTK (cloud, skeletons), the signals,
// the timeline with thumbnails and playhead, the sync table with health verdicts.
#include "support/minibundle.h"

#include <QImage>
#include <QMap>
#include <QRect>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace ts::test;

namespace {
int near(const QImage& img, const QRect& r, QColor want, int tolerance = 45) {
    int n = 0;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const QColor c = img.pixelColor(x, y);
            if (std::abs(c.red() - want.red()) + std::abs(c.green() - want.green()) +
                    std::abs(c.blue() - want.blue()) <
                tolerance)
                ++n;
        }
    return n;
}

int colours(const QImage& img, const QRect& r) {
    QSet<QRgb> s;
    for (int y = r.top(); y <= r.bottom(); y += 2)
        for (int x = r.left(); x <= r.right(); x += 2)
            s.insert(img.pixel(x, y));
    return int(s.size());
}

const QColor kFingers[5] = {QColor(0xef, 0x53, 0x50), QColor(0xff, 0xa7, 0x26),
                            QColor(0xfd, 0xd8, 0x35), QColor(0x66, 0xbb, 0x6a),
                            QColor(0x42, 0xa5, 0xf5)};
} // namespace

class TstWorkspaceScreenshot : public QObject {
    Q_OBJECT
private slots:
    void workspaceScreenshot() {
        // The suite runs on the offscreen platform, which has no OpenGL: the app under Xvfb
        // must use the X display (xcb) for the 3D view.
        qunsetenv("QT_QPA_PLATFORM");
        QTemporaryDir tmp;
        const QString shot = tmp.filePath("workspace.png");
        QString out;
        const int rc =
            runProgram("xvfb-run",
                       {"-a", "-s", "-screen 0 1400x900x24", qEnvironmentVariable("TS_APP"),
                        "--demo-dir", tmp.filePath("demo"), "--episode", "demo-001", "--size",
                        "1400x900", "--screenshot", shot},
                       &out, 300000);
        QVERIFY2(rc == 0, qPrintable(out));
        if (qEnvironmentVariableIsSet("TS_SCREENSHOT_OUT")) {
            QFile::remove(qEnvironmentVariable("TS_SCREENSHOT_OUT"));
            QFile::copy(shot, qEnvironmentVariable("TS_SCREENSHOT_OUT"));
        }
        QImage img(shot);
        QVERIFY(!img.isNull());
        img = img.convertToFormat(QImage::Format_RGB32);
        QMap<QString, QRect> panel;
        for (const QString& line : out.split('\n')) {
            const QStringList f = line.split(' ', Qt::SkipEmptyParts);
            if (f.size() == 6 && f[0] == "panel")
                panel[f[1]] = QRect(f[2].toInt(), f[3].toInt(), f[4].toInt(), f[5].toInt())
                                  .intersected(img.rect());
        }
        for (const char* name :
             {"videoDock", "sceneDock", "signalsDock", "timelineDock", "syncDock"}) {
            QVERIFY2(panel.contains(name), qPrintable(out));
            QVERIFY2(panel[name].width() > 150 && panel[name].height() > 80, name);
        }
        // Video: a real picture with both hands' skeletons in all five finger colours.
        const QRect video = panel["videoDock"];
        QVERIFY2(colours(img, video) > 500, qPrintable(QString::number(colours(img, video))));
        for (int f = 0; f < 5; ++f)
            QVERIFY2(near(img, video, kFingers[f]) > 10,
                     qPrintable(QString("video finger %1").arg(f)));
        // 3D: VTK drew the coloured cloud (bright, saturated pixels: the dark grey background
        // gradient has none) and the skeletons' finger colours.
        const QRect scene = panel["sceneDock"];
        int vivid = 0;
        for (int y = scene.top(); y <= scene.bottom(); ++y)
            for (int x = scene.left(); x <= scene.right(); ++x) {
                const QColor c = img.pixelColor(x, y);
                vivid += c.hsvSaturation() > 100 && c.value() > 80;
            }
        QVERIFY2(vivid > 2000, qPrintable(QString::number(vivid)));
        int fingersIn3d = 0;
        for (int f = 0; f < 5; ++f)
            fingersIn3d += near(img, scene, kFingers[f]) > 5;
        QVERIFY2(fingersIn3d >= 4, qPrintable(QString::number(fingersIn3d)));
        // Signals: the force curves (finger colours) are drawn.
        const QRect sig = panel["signalsDock"];
        int fingersInSignals = 0;
        for (int f = 0; f < 5; ++f)
            fingersInSignals += near(img, sig, kFingers[f], 30) > 20;
        QVERIFY2(fingersInSignals == 5, qPrintable(QString::number(fingersInSignals)));
        // Timeline: thumbnails (many colours) and the playhead (orange-red).
        const QRect tl = panel["timelineDock"];
        QVERIFY2(colours(img, tl) > 150, qPrintable(QString::number(colours(img, tl))));
        QVERIFY(near(img, tl, QColor(0xff, 0x3d, 0x00), 20) > 20);
        // Sync: the table's rows and the evidence curves (the gyro in orange over the pose's
        // rotation rate in blue).
        const QRect sync = panel["syncDock"];
        QVERIFY2(near(img, sync, QColor(0xff, 0x70, 0x43), 40) > 20,
                 qPrintable(QString::number(near(img, sync, QColor(0xff, 0x70, 0x43), 40))));
        QVERIFY(near(img, sync, QColor(0x4f, 0xc3, 0xf7), 60) > 20);
        QVERIFY2(colours(img, sync) > 40, qPrintable(QString::number(colours(img, sync))));
    }
};

QTEST_GUILESS_MAIN(TstWorkspaceScreenshot)
#include "tst_workspacescreenshot.moc"
