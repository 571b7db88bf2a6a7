#include "support/minibundle.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTextStream>

#include <cmath>

namespace ts::test {

namespace {
constexpr qint64 kStart = 5'000'000'000; // raw clocks start at 5 s

QJsonObject stream(const char* name, const char* kind, const char* path, const char* clock,
                   const char* timestamps = nullptr) {
    QJsonObject s{{"name", name}, {"kind", kind}, {"path", path}, {"clock", clock}};
    if (timestamps)
        s["timestamps"] = timestamps;
    return s;
}
} // namespace

QString readText(const QString& path) {
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

void writeText(const QString& path, const QString& text) {
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text.toUtf8());
}

void replaceLine(const QString& path, int line, const QString& text) {
    QStringList lines = readText(path).split('\n');
    lines[line - 1] = text;
    writeText(path, lines.join('\n'));
}

int runProgram(const QString& program, const QStringList& args, QString* out, int timeoutMs) {
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted())
        return -1;
    p.waitForFinished(timeoutMs);
    if (out)
        *out = QString::fromUtf8(p.readAll());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

bool writeMiniBundle(const QString& dirPath, const MiniBundleOptions& o, QString* why) {
    QDir dir(dirPath);
    dir.mkpath(".");
    QJsonArray streams;
    QJsonArray clocks{QJsonObject{{"name", "camera"}, {"timeline", true}},
                      QJsonObject{{"name", "imu"}}, QJsonObject{{"name", "slam"}},
                      QJsonObject{{"name", "hands"}}, QJsonObject{{"name", "force"}}};
    if (o.video) {
        QString out;
        int rc = runProgram("ffmpeg",
                            {"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10",
                             "-frames:v", QString::number(o.videoFrames), "-c:v", "libx264",
                             "-pix_fmt", "yuv420p", dir.filePath("rgb.mp4")},
                            &out);
        if (rc != 0) {
            if (why)
                *why = "ffmpeg failed: " + out;
            return false;
        }
        QString csv = "frame_index,t_ns\n";
        for (int i = 0; i < o.videoFrames; ++i)
            csv += QString("%1,%2\n").arg(i).arg(kStart + qint64(i) * 100'000'000);
        writeText(dir.filePath("rgb_frames.csv"), csv);
        streams.append(stream("rgb", "video", "rgb.mp4", "camera", "rgb_frames.csv"));
    }
    if (o.depth) {
        dir.mkpath("depth");
        QString csv = "frame_index,t_ns\n";
        for (int i = 0; i < 3; ++i) {
            QImage img(8, 6, QImage::Format_Grayscale16);
            for (int y = 0; y < 6; ++y) {
                auto* row = reinterpret_cast<quint16*>(img.scanLine(y));
                for (int x = 0; x < 8; ++x)
                    row[x] = quint16(500 + 10 * x + y + i);
            }
            img.save(dir.filePath(QString("depth/%1.png").arg(i, 6, 10, QChar('0'))));
            csv += QString("%1,%2\n").arg(i).arg(kStart + qint64(i) * 200'000'000);
        }
        writeText(dir.filePath("depth_frames.csv"), csv);
        streams.append(stream("depth", "depth", "depth", "camera", "depth_frames.csv"));
    }
    QString imu = "t_ns,ax,ay,az,gx,gy,gz\n";
    for (int i = 0; i < o.imuRows; ++i)
        imu += QString("%1,0.01,-9.81,0.2,%2,0.001,-0.002\n")
                   .arg(kStart + qint64(i) * 1'000'000)
                   .arg(0.1 * std::sin(i * 0.05), 0, 'g', 9);
    writeText(dir.filePath("imu.csv"), imu);
    streams.append(stream("imu", "imu", "imu.csv", "imu"));

    QString pose = "t_ns,tx,ty,tz,qx,qy,qz,qw\n";
    for (int i = 0; i < o.poseRows; ++i) {
        const double a = 0.01 * i;
        pose += QString("%1,%2,0.1,0.45,%3,0,0,%4\n")
                    .arg(kStart + qint64(i) * 10'000'000)
                    .arg(0.001 * i, 0, 'g', 9)
                    .arg(std::sin(a / 2), 0, 'g', 12)
                    .arg(std::cos(a / 2), 0, 'g', 12);
    }
    writeText(dir.filePath("pose.csv"), pose);
    streams.append(stream("pose", "pose", "pose.csv", "slam"));

    QString hands = "t_ns,hand,confidence";
    for (int j = 0; j < 21; ++j)
        hands += QString(",x%1,y%1,z%1").arg(j);
    hands += "\n";
    for (int i = 0; i < o.handRows; ++i) {
        for (const char* h : {"left", "right"}) {
            hands += QString("%1,%2,0.9").arg(kStart + qint64(i) * 33'333'333).arg(h);
            for (int j = 0; j < 21; ++j)
                hands += QString(",%1,%2,%3")
                             .arg((h[0] == 'l' ? -0.1 : 0.1) + 0.005 * j)
                             .arg(0.1 + 0.002 * j)
                             .arg(0.35);
            hands += "\n";
        }
    }
    writeText(dir.filePath("hands.csv"), hands);
    streams.append(stream("hands", "hands", "hands.csv", "hands"));

    QString force = "t_ns,right_index,right_thumb\n";
    for (int i = 0; i < o.forceRows; ++i)
        force += QString("%1,%2,%3\n")
                     .arg(kStart + qint64(i) * 1'000'000)
                     .arg(i > 100 ? 2.5 : 0.0)
                     .arg(i > 100 ? 2.0 : 0.0);
    writeText(dir.filePath("force.csv"), force);
    streams.append(stream("force", "force", "force.csv", "force"));

    QJsonObject calib{{"format", "touchstone-calibration/1"},
                      {"cameras", QJsonObject{{"rgb", QJsonObject{{"width", 64},
                                                                  {"height", 48},
                                                                  {"fx", 50.0},
                                                                  {"fy", 50.0},
                                                                  {"cx", 31.5},
                                                                  {"cy", 23.5}}},
                                              {"depth", QJsonObject{{"width", 8},
                                                                    {"height", 6},
                                                                    {"fx", 6.0},
                                                                    {"fy", 6.0},
                                                                    {"cx", 3.5},
                                                                    {"cy", 2.5}}}}},
                      {"depth_scale_m", 0.001},
                      {"extrinsics", QJsonObject{{"device_from_rgb",
                                                  QJsonObject{{"t", QJsonArray{0, 0, 0}},
                                                              {"q", QJsonArray{0, 0, 0, 1}}}}}}};
    writeText(dir.filePath("calibration.json"), QString::fromUtf8(QJsonDocument(calib).toJson()));

    QJsonObject manifest{{"format", "touchstone-episode/1"},
                         {"id", o.id},
                         {"task", "pick up the cup"},
                         {"participant", o.participant},
                         {"consent", QJsonObject{{"id", "C-" + o.participant},
                                                 {"form_version", "2026.1"},
                                                 {"terms", "research use"},
                                                 {"scope", QJsonArray{"research"}},
                                                 {"signed_at", "2026-01-15"}}},
                         {"device", QJsonObject{{"model", "test-rig"}, {"serial", "T1"}}},
                         {"calibration", "calibration.json"},
                         {"clocks", clocks},
                         {"streams", streams}};
    writeText(dir.filePath("episode.json"), QString::fromUtf8(QJsonDocument(manifest).toJson()));
    return true;
}

} // namespace ts::test
