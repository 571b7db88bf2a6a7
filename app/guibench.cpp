#include "guibench.h"

#include "cli/benchutil.h"
#include "project/demoproject.h"
#include "workspace/episodedata.h"
#include "workspace/episodeworkspace.h"
#include "workspace/playback.h"
#include "workspace/sceneview.h"
#include "workspace/signalsview.h"
#include "workspace/timecursor.h"
#include "workspace/videocanvas.h"
#include "workspace/videopanel.h"
#include "workspace/vtkhost.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <vtkCamera.h>
#include <vtkRenderer.h>

#include <QApplication>
#include <QElapsedTimer>

#include <map>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <random>
#include <unistd.h>

namespace ts::app {

namespace {

using widgets::SignalChannel;

// `channels` force-like channels of `samples` each at 1 kHz, sharing one time vector.
std::vector<SignalChannel> syntheticChannels(int channels, size_t samples) {
    auto t = std::make_shared<std::vector<int64_t>>(samples);
    std::mt19937 rng(1);
    std::normal_distribution<float> noise(0.f, 0.05f);
    for (size_t i = 0; i < samples; ++i)
        (*t)[i] = int64_t(i) * 1'000'000 + int64_t(rng() % 20'000); // 1 kHz with jitter
    std::vector<SignalChannel> out;
    for (int c = 0; c < channels; ++c) {
        std::vector<float> v(samples);
        for (size_t i = 0; i < samples; ++i) {
            // The same shape across the view whatever the length, so that both runs draw the
            // same picture and only the amount of data differs.
            const double s = double(i) / double(samples) * 10.0;
            v[i] = float(std::max(0.0, 3 * std::sin(0.7 * s + c) + 2 * std::sin(0.05 * s))) +
                   noise(rng);
        }
        SignalChannel ch;
        ch.name = "channel " + std::to_string(c);
        ch.group = c < channels / 2 ? "Force" : "Force (left)";
        ch.unit = "N";
        ch.t = t;
        ch.values = std::make_shared<const widgets::MinMaxPyramid>(std::move(v));
        out.push_back(std::move(ch));
    }
    return out;
}

// Median milliseconds of `runs` full redraws of a 1200×500 Signals view of the whole range.
// pan: each redraw shows a view one pixel further (every envelope computed afresh); else the
// view stays and the cursor moves (what playback and hovering cost).
double redrawMs(int channels, size_t samples, int runs, bool pan) {
    widgets::TimeCursor cursor;
    const int64_t end = int64_t(samples) * 1'000'000;
    cursor.setRange(0, end);
    cursor.setTime(end / 3);
    widgets::SignalsView view(&cursor);
    view.resize(1200, 500);
    view.setChannels(syntheticChannels(channels, samples));
    view.setViewRange(0, end);
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    std::vector<double> ms;
    view.render(&image); // warm up
    const int64_t pixel = end / view.plotRect().width();
    for (int r = 0; r < runs; ++r) {
        if (pan)
            view.setViewRange((r % 2) * pixel, end - ((r + 1) % 2) * pixel);
        else
            cursor.setTime(end / 3 + r * pixel);
        QElapsedTimer t;
        t.start();
        view.render(&image);
        ms.push_back(double(t.nsecsElapsed()) * 1e-6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

int benchPlot() {
    const int channels = 10;
    const size_t small = 10'000, large = 3'600'000; // 100 k and 36 M samples in all
    std::cerr << "bench plot: 10 channels × 10 k samples, then 10 × 3.6 M (1 h at 1 kHz)…\n";
    for (bool pan : {true, false}) {
        const double ref = redrawMs(channels, small, 30, pan);
        const double big = redrawMs(channels, large, 30, pan);
        const std::string what = pan ? "panned by a pixel per redraw" : "cursor moved";
        std::cout << core::cli::benchLine(
                         "plot", pan ? "signals_redraw_ms_36M_pan" : "signals_redraw_ms_36M_cursor",
                         big, "ms", "the same 1200×500 view at 100 k samples, " + what, ref,
                         "lower", 1.5)
                         .dump()
                  << std::endl;
    }
    return 0;
}

// A memory field of /proc/self/status ("VmHWM", "VmRSS") in MB.
double statusMb(const char* field) {
    QFile status("/proc/self/status");
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith(field) && line.size() > qsizetype(std::strlen(field)) &&
                line[qsizetype(std::strlen(field))] == ':')
                return line.mid(qsizetype(std::strlen(field)) + 1)
                           .trimmed()
                           .split(' ')
                           .value(0)
                           .toDouble() /
                       1024.0;
    return 0;
}

// CPU seconds used so far by this process's threads, summed by thread name.
std::map<std::string, double> cpuByThread() {
    std::map<std::string, double> out;
    const double tick = double(sysconf(_SC_CLK_TCK));
    for (const QString& tid :
         QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm("/proc/self/task/" + tid + "/comm"), stat("/proc/self/task/" + tid + "/stat");
        if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
            continue;
        std::string name = comm.readAll().trimmed().toStdString();
        // Numbered pools (llvmpipe-0, llvmpipe-1, …) are summed under one name.
        while (!name.empty() &&
               (std::isdigit(static_cast<unsigned char>(name.back())) || name.back() == '-'))
            name.pop_back();
        const QByteArray st = stat.readAll();
        const QList<QByteArray> f = st.mid(st.lastIndexOf(')') + 2).split(' ');
        if (f.size() > 12)
            out[tid.toLongLong() == getpid() ? std::string("gui") : name] +=
                (f[11].toDouble() + f[12].toDouble()) / tick;
    }
    return out;
}

// Runs the event loop until `done` or `timeoutMs`.
bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs) {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return done();
}

// A demo project of one synthetic episode in `dir` (made once, kept for the next run).
std::string benchProject(const QString& dir, double seconds, int width, int height,
                         int episodes = 1) {
    core::DemoOptions o;
    o.episodes = episodes;
    o.seconds = seconds;
    o.width = width;
    o.height = height;
    o.user = "bench";
    std::cerr << "bench: preparing a " << seconds << " s " << width << "×" << height
              << " episode in " << dir.toStdString() << " (kept for the next run)…\n";
    return core::ensureDemoProject(dir.toStdString(), o).string();
}

QString option(const QStringList& args, const QString& name, const QString& fallback) {
    const int i = int(args.indexOf(name));
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : fallback;
}

int benchView3d(const QStringList& args) {
    const QString dir = option(args, "--work-dir", QDir::tempPath() + "/touchstone-bench-view3d");
    const std::string project = benchProject(dir, 4, 640, 480);
    widgets::EpisodeWorkspace w;
    w.resize(1400, 900);
    w.setEpisode(widgets::loadEpisodeData(project, "demo-001", {false}));
    w.show();
    widgets::SceneView* scene = w.sceneView();
    scene->host()->setFixedSize(800, 600); // a fixed size, whatever the layout
    if (!waitFor([&] { return scene->cloudPoints() > 0; }, 20000)) {
        std::fprintf(stderr, "bench view3d: no depth cloud arrived\n");
        return 1;
    }
    widgets::VtkHost* host = scene->host();
    vtkCamera* cam = host->renderer()->GetActiveCamera();
    host->renderImage(); // warm up (shaders)
    const int frames = 90;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < frames; ++i) {
        cam->Azimuth(4); // orbiting, as a drag does
        host->renderer()->ResetCameraClippingRange();
        host->renderImage();
    }
    const double fps = frames / (double(t.nsecsElapsed()) * 1e-9);
    std::cout << core::cli::benchLine("view3d",
                                      "orbit_fps_" + std::to_string(scene->cloudPoints()) +
                                          "_points_" + std::to_string(host->width()) + "x" +
                                          std::to_string(host->height()),
                                      fps, "fps", "", 0, "higher", 15)
                     .dump()
              << std::endl;
    return 0;
}

int benchPlayback(const QStringList& args) {
    const double seconds = option(args, "--seconds", "60").toDouble();
    const int width = option(args, "--width", "1920").toInt();
    const int height = option(args, "--height", "1080").toInt();
    const QString dir = option(
        args, "--work-dir",
        QDir::tempPath() +
            QString("/touchstone-bench-playback-%1s-%2x%3").arg(seconds).arg(width).arg(height));
    const std::string project = benchProject(dir, seconds, width, height);
    widgets::EpisodeWorkspace w;
    w.resize(1400, 900);
    bool loaded = false;
    QObject::connect(&w, &widgets::EpisodeWorkspace::episodeLoaded, [&] { loaded = true; });
    w.load(QString::fromStdString(project), "demo-001");
    w.show();
    if (!waitFor([&] { return loaded && !w.busy(); }, 900000)) {
        std::fprintf(stderr, "bench playback: the episode did not load\n");
        return 1;
    }
    widgets::VideoCanvas* canvas = w.videoPanel()->canvas();
    w.cursor()->toStart();
    waitFor([&] { return !w.busy(); }, 30000); // as a person would press play: on a still view
    canvas->resetPlaybackCounters();
    // Where the cursor skipped frames (the GUI thread was busy longer than a frame), by second.
    std::map<int, int> skippedBySecond;
    int64_t lastFrame = -1;
    QObject::connect(w.cursor(), &widgets::TimeCursor::timeChanged, &w, [&](qint64 time) {
        const int64_t f = w.cursor()->frameAt(time);
        if (lastFrame >= 0 && f > lastFrame + 1)
            skippedBySecond[int(double(time - w.cursor()->start()) * 1e-9)] +=
                int(f - lastFrame - 1);
        lastFrame = f;
    });
    const auto cpuBefore = cpuByThread();
    const double rssBeforeMb = statusMb("VmRSS"), peakBeforeMb = statusMb("VmHWM");
    QElapsedTimer t;
    t.start();
    w.playback()->setRate(1.0);
    waitFor([&] { return !w.playback()->playing(); }, int(seconds * 1000) + 5000);
    w.playback()->stop();
    const double wall = double(t.nsecsElapsed()) * 1e-9;
    // Every frame of the played stretch counts: one the cursor skipped was not shown.
    const auto& ft = w.episode()->frameTimes;
    const double frames = double(std::upper_bound(ft.begin(), ft.end(), w.cursor()->time()) -
                                 std::lower_bound(ft.begin(), ft.end(), w.cursor()->start()));
    const double shown = double(canvas->playbackShown()), asked = double(canvas->playbackAsked());
    const std::string tag = std::to_string(height) + "p_" + std::to_string(int(seconds)) + "s";
    std::cout << core::cli::benchLine("playback", "frames_on_time_" + tag,
                                      frames > 0 ? shown / frames : 0, "fraction", "", 0, "higher",
                                      0.99)
                     .dump()
              << std::endl;
    // Memory: the process's peak against the video frame memory setting it ran with.
    const double peakMb = statusMb("VmHWM");
    const double budgetMb = double(canvas->frameCacheBudget()) / double(1 << 20);
    std::cout << core::cli::benchLine("playback", "peak_rss_mb_" + tag, peakMb, "MB",
                                      "the video frame memory setting (MB)", budgetMb, "lower",
                                      nullptr)
                     .dump()
              << std::endl;
    std::cerr << "bench playback: memory: " << rssBeforeMb << " MB resident before playing (peak "
              << peakBeforeMb << " MB while loading), peak " << peakMb << " MB, resident "
              << statusMb("VmRSS") << " MB at the end; video frame memory " << budgetMb << " MB\n";
    std::cerr << "bench playback: 3D view at rest: " << w.sceneView()->mapPoints()
              << " map points, " << w.sceneView()->cloudPoints() << " frame-cloud points\n";
    std::cerr << "bench playback: " << shown << " of " << frames
              << " frames shown on time (the cursor asked for " << asked << ") in " << wall
              << " s of playback, all panels live\n";
    // CPU by thread during the playback: what each part costs whatever else the machine does.
    std::cerr << "bench playback: CPU seconds by thread during playback:";
    for (const auto& [name, sec] : cpuByThread()) {
        const double used = sec - (cpuBefore.count(name) ? cpuBefore.at(name) : 0.0);
        if (used >= 0.05)
            std::cerr << " " << name << " " << QString::number(used, 'f', 2).toStdString();
    }
    std::cerr << "\n";
    if (!skippedBySecond.empty()) {
        std::cerr << "bench playback: frames the cursor skipped, by second of playback:";
        for (const auto& [sec, n] : skippedBySecond)
            std::cerr << " " << sec << "s:" << n;
        std::cerr << "\n";
    }
    return 0;
}

// Seconds from starting `touchstone ARGS --startup-probe` until it says its window is shown
// with the project open, and the child's peak RSS in MB then.
std::pair<double, double> launchToShown(const QStringList& args) {
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start(QApplication::applicationFilePath(), args + QStringList{"--startup-probe"});
    QByteArray out;
    while (!out.contains("shown") && p.waitForReadyRead(30000))
        out += p.readAllStandardOutput();
    const double seconds = double(t.nsecsElapsed()) * 1e-9;
    double rssMb = 0;
    QFile status(QString("/proc/%1/status").arg(p.processId()));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                rssMb = line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    if (!p.waitForFinished(10000)) { // shown is what counts; a slow exit is not measured
        p.kill();
        p.waitForFinished();
    }
    if (!out.contains("shown"))
        throw std::runtime_error("touchstone " + args.join(' ').toStdString() +
                                 " did not show its window within 30 s");
    return {seconds, rssMb};
}

int benchStartup(const QStringList& args) {
    const QString dir = option(args, "--work-dir", QDir::tempPath() + "/touchstone-bench-startup");
    const std::string project = benchProject(dir, 10, 640, 480, 5);
    const int runs = option(args, "--runs", "5").toInt();
    std::vector<double> withProject, empty, rss;
    try {
        launchToShown({}); // the first start pays for the page cache: not counted
        launchToShown({QString::fromStdString(project)});
        for (int r = 0; r < runs; ++r) {
            empty.push_back(launchToShown({}).first);
            auto [s, mb] = launchToShown({QString::fromStdString(project)});
            withProject.push_back(s);
            rss.push_back(mb);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench startup: %s\n", e.what());
        return 1;
    }
    const double s = core::cli::quantile(withProject, 0.5), ref = core::cli::quantile(empty, 0.5);
    std::cout << core::cli::benchLine("startup", "window_with_project_seconds", s, "s",
                                      "the same binary showing an empty window", ref, "lower",
                                      nullptr)
                     .dump()
              << std::endl;
    std::cout << core::cli::benchLine("startup", "window_with_project_seconds_absolute", s, "s", "",
                                      0, "lower", 1.5)
                     .dump()
              << std::endl;
    std::cout << core::cli::benchLine("startup", "peak_rss_at_shown", core::cli::quantile(rss, 0.5),
                                      "MB", "", 0, "lower", nullptr)
                     .dump()
              << std::endl;
    std::cerr << "bench startup: median of " << runs << " launches: " << s
              << " s with a 5-episode project, " << ref << " s for an empty window\n";
    return 0;
}

} // namespace

int runGuiBench(const QString& name, const QStringList& args) {
    if (name == QLatin1String("plot"))
        return benchPlot();
    if (name == QLatin1String("view3d"))
        return benchView3d(args);
    if (name == QLatin1String("playback"))
        return benchPlayback(args);
    if (name == QLatin1String("startup"))
        return benchStartup(args);
    std::fprintf(stderr, "touchstone: unknown bench '%s' (plot, view3d, playback, startup)\n",
                 qPrintable(name));
    return 2;
}

} // namespace ts::app
