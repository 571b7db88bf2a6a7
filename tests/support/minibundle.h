// A small, valid episode bundle written by tests (every stream kind, a 10-frame video made by
// the ffmpeg program, 16-bit depth PNGs), and helpers to break it one fault at a time.
#pragma once

#include <QString>

#include <string>

namespace ts::test {

struct MiniBundleOptions {
    bool video = true;
    int videoFrames = 10; // 10 Hz
    bool depth = true;
    int imuRows = 200;   // 1 kHz
    int poseRows = 20;   // 100 Hz
    int handRows = 6;    // 30 Hz, both hands
    int forceRows = 200; // 1 kHz, 2 channels
    QString id = "mini-001";
    QString participant = "P-001";
};

// Writes the bundle into `dir` (created). Returns false with a message on failure.
bool writeMiniBundle(const QString& dir, const MiniBundleOptions& o = {}, QString* why = nullptr);

// Small file helpers for the fault corpus.
QString readText(const QString& path);
void writeText(const QString& path, const QString& text);
// Replaces line `line` (1-based) of a text file.
void replaceLine(const QString& path, int line, const QString& text);
// Runs a program and returns its exit code (-1 if it could not start); output in *out.
int runProgram(const QString& program, const QStringList& args, QString* out = nullptr,
               int timeoutMs = 120000);

} // namespace ts::test
