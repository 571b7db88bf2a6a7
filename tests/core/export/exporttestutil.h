// Independent readers for the export tests: npm's hyparquet for Parquet (through node, see
// tests/export/reader) and Debian's h5py for HDF5 (through /usr/bin/python3). A reader that
// is missing fails the test with what to install; it never skips.
#pragma once

#include <nlohmann/json.hpp>

#include <QString>
#include <QStringList>

namespace ts::test {

// {"files": [{file, num_rows, schema, row_groups, key_value_metadata, rows}]} as printed by
// tests/export/reader/read.mjs. On failure: a null json and *why says what went wrong.
nlohmann::json readParquetFiles(const QStringList& files, QString* why);

// Runs a Python snippet with /usr/bin/python3 (h5py available) and parses its stdout as JSON.
nlohmann::json runPythonJson(const QString& script, const QStringList& args, QString* why);

// A project for export tests (in `dir`): four mini bundles (10 frames at 10 Hz, 64×48; IMU and
// force at 1 kHz, pose at 100 Hz, hands at 30 Hz, all over 1 s) imported by admin "admin", with
// users "lee" (lead), "rev" (reviewer), "ann" (annotator). Episodes:
//   ep-a approved (review by rev), labels (task tier "reach for the cup" 5.0–5.4 s,
//        "lift the cup" 5.4–5.9 s; tier "step" "grasp" 5.2–5.5 s), events (slip 5.3–5.5 s,
//        recovery at 5.6 s), the IMU clock 2.5 ms ahead of the camera (offset 2.5 ms);
//   ep-b approved, no labels (task "pick up the cup" from the manifest);
//   ep-c submitted (never exported);
//   ep-d approved but its participant's consent withdrawn (never exported).
// Approval, reviews, labels and events are written with SQL (the annotation API is separate
// work). Returns the project file; fails the current test on error.
QString makeExportProject(const QString& dir);
inline constexpr int64_t kMiniStartNs = 5'000'000'000;
inline constexpr int64_t kImuOffsetNs = 2'500'000;

// ffprobe's JSON (-show_streams -show_format -count_frames) of a video.
nlohmann::json ffprobe(const QString& file, QString* why);

} // namespace ts::test
