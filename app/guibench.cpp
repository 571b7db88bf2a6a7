#include "guibench.h"

#include "cli/benchutil.h"
#include "workspace/episodedata.h"
#include "workspace/signalsview.h"
#include "workspace/timecursor.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <random>

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
            const double s = double(i) * 1e-3;
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

// Median milliseconds of `runs` full redraws of a 1200×500 Signals view of whole range.
double redrawMs(int channels, size_t samples, int runs) {
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
    for (int r = 0; r < runs; ++r) {
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
    const double ref = redrawMs(channels, small, 30);
    const double big = redrawMs(channels, large, 30);
    std::cout << core::cli::benchLine("plot", "signals_redraw_ms_36M", big, "ms",
                                      "the same 1200×500 view at 100 k samples", ref, "lower", 1.5)
                     .dump()
              << std::endl;
    return 0;
}

} // namespace

int runGuiBench(const QString& name, const QStringList&) {
    if (name == QLatin1String("plot"))
        return benchPlot();
    std::fprintf(stderr, "touchstone: unknown bench '%s' (plot)\n", qPrintable(name));
    return 2;
}

} // namespace ts::app
