#include "io/streamreaders.h"

#include "io/timingstats.h"

#include <cmath>
#include <cstdio>

namespace ts::core {

namespace {

std::string fmt(const char* f, double a, double b = 0) {
    char buf[160];
    std::snprintf(buf, sizeof buf, f, a, b);
    return buf;
}

// Checks that times strictly increase; reports and returns false for a repeat or step back.
bool checkOrder(CsvFile& csv, TimeNs prev, bool havePrev, TimeNs t, Diagnostics& diags,
                const char* what = "") {
    if (!havePrev || t > prev)
        return true;
    if (t == prev)
        csv.report(diags, Severity::Error, "timestamps.duplicate",
                   std::string("timestamp ") + std::to_string(t) + what +
                       " repeats the previous one");
    else
        csv.report(diags, Severity::Error, "timestamps.non_monotonic",
                   std::string("timestamp ") + std::to_string(t) + what + " is " +
                       std::to_string(prev - t) + " ns earlier than the previous one " +
                       std::to_string(prev));
    return false;
}

bool checkColumns(CsvFile& csv, const std::vector<std::string_view>& f, size_t n,
                  Diagnostics& diags) {
    if (f.size() == n)
        return true;
    csv.report(diags, Severity::Error, "csv.column_count",
               "the row has " + std::to_string(f.size()) + " fields but the header has " +
                   std::to_string(n));
    return false;
}

// Parses fields [first, first+n) as finite doubles.
bool parseDoubles(CsvFile& csv, const std::vector<std::string_view>& f,
                  const std::vector<std::string>& names, size_t first, size_t n, double* out,
                  Diagnostics& diags) {
    bool ok = true;
    for (size_t i = 0; i < n; ++i)
        ok = csv.parseDouble(f[first + i], names[first + i], out[i], diags) && ok;
    return ok;
}

void finishTiming(CsvFile& csv, const std::vector<TimeNs>& times, StreamStats& stats,
                  Diagnostics& diags) {
    TimingFindings tf = computeTimingStats(times, stats);
    // One sample per row after the header: sample i is on line i + 2 (a close guide when
    // rows were skipped for errors, which are reported on their own lines anyway).
    reportTimingWarnings(stats, tf, csv.name(), tf.firstGapIndex + 2, diags);
    csv.finish(diags);
}

} // namespace

bool readFrameTimesCsv(CsvFile& csv, FrameTimes& out, StreamStats& stats, Diagnostics& diags) {
    const std::vector<std::string> cols{"frame_index", "t_ns"};
    if (!expectHeader(csv, cols, diags))
        return false;
    std::vector<std::string_view> f;
    int64_t expectIndex = 0;
    while (csv.nextRow(f, diags)) {
        if (!checkColumns(csv, f, cols.size(), diags))
            continue;
        int64_t idx = 0, t = 0;
        if (!csv.parseInt64(f[0], cols[0], idx, diags) | !csv.parseInt64(f[1], cols[1], t, diags))
            continue;
        if (idx != expectIndex) {
            csv.report(diags, Severity::Error, "csv.frame_index",
                       "frame_index " + std::to_string(idx) + " where " +
                           std::to_string(expectIndex) +
                           " is expected: frame indices count up from 0 by one");
            expectIndex = idx + 1;
            continue;
        }
        ++expectIndex;
        if (!checkOrder(csv, out.tNs.empty() ? 0 : out.tNs.back(), !out.tNs.empty(), t, diags))
            continue;
        out.frameIndex.push_back(idx);
        out.tNs.push_back(t);
    }
    if (out.tNs.empty() && !diags.hasErrors())
        diags.error("csv.empty", csv.name(), -1, "the file has a header but no frames");
    finishTiming(csv, out.tNs, stats, diags);
    return true;
}

namespace {

// The loop every "t_ns then N numbers" file shares: header, field count, numbers, order,
// timing. `fill` checks one row's values and builds its sample; false rejects the row (it
// has reported why).
template <typename Sample, typename Fill>
bool readNumericRows(CsvFile& csv, const std::vector<std::string>& cols, std::vector<Sample>& out,
                     StreamStats& stats, Diagnostics& diags, Fill fill) {
    if (!expectHeader(csv, cols, diags))
        return false;
    const size_t n = cols.size() - 1;
    std::vector<std::string_view> f;
    std::vector<double> v(n);
    std::vector<TimeNs> times;
    while (csv.nextRow(f, diags)) {
        if (!checkColumns(csv, f, cols.size(), diags))
            continue;
        Sample s;
        if (!csv.parseInt64(f[0], cols[0], s.tNs, diags) |
            !parseDoubles(csv, f, cols, 1, n, v.data(), diags))
            continue;
        if (!fill(v.data(), s))
            continue;
        if (!checkOrder(csv, times.empty() ? 0 : times.back(), !times.empty(), s.tNs, diags))
            continue;
        out.push_back(s);
        times.push_back(s.tNs);
    }
    if (times.empty() && !diags.hasErrors())
        diags.error("csv.empty", csv.name(), -1, "the file has a header but no samples");
    finishTiming(csv, times, stats, diags);
    return true;
}

} // namespace

bool readImuCsv(CsvFile& csv, std::vector<ImuSample>& out, StreamStats& stats, Diagnostics& diags) {
    return readNumericRows(
        csv, {"t_ns", "ax", "ay", "az", "gx", "gy", "gz"}, out, stats, diags,
        [&](const double* v, ImuSample& s) {
            const double a = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
            const double g = std::sqrt(v[3] * v[3] + v[4] * v[4] + v[5] * v[5]);
            if (a > kMaxAccel)
                csv.report(diags, Severity::Error, "range.imu",
                           fmt("acceleration of %.1f m/s² is beyond the plausible %.0f m/s² "
                               "(units in g or mm/s²?)",
                               a, kMaxAccel));
            if (g > kMaxGyro)
                csv.report(diags, Severity::Error, "range.imu",
                           fmt("rotation rate of %.1f rad/s is beyond the plausible %.0f rad/s "
                               "(units in degrees?)",
                               g, kMaxGyro));
            s.accel = {v[0], v[1], v[2]};
            s.gyro = {v[3], v[4], v[5]};
            return a <= kMaxAccel && g <= kMaxGyro;
        });
}

bool readPoseCsv(CsvFile& csv, std::vector<PoseSample>& out, StreamStats& stats,
                 Diagnostics& diags) {
    return readNumericRows(
        csv, {"t_ns", "tx", "ty", "tz", "qx", "qy", "qz", "qw"}, out, stats, diags,
        [&](const double* v, PoseSample& s) {
            const double n = std::sqrt(v[3] * v[3] + v[4] * v[4] + v[5] * v[5] + v[6] * v[6]);
            if (std::abs(n - 1.0) > kQuatNormTolerance) {
                csv.report(diags, Severity::Error, "range.quaternion",
                           fmt("the quaternion's norm is %.4g; a rotation needs a unit quaternion "
                               "(tolerance %.2g)",
                               n, kQuatNormTolerance));
                return false;
            }
            s.t = {v[0], v[1], v[2]};
            s.q = {v[3] / n, v[4] / n, v[5] / n, v[6] / n};
            return true;
        });
}

bool readHandsCsv(CsvFile& csv, std::vector<HandSample>& out, StreamStats& stats,
                  Diagnostics& diags) {
    std::vector<std::string> cols{"t_ns", "hand", "confidence"};
    for (int j = 0; j < kHandJointCount; ++j)
        for (const char* axis : {"x", "y", "z"})
            cols.push_back(axis + std::to_string(j));
    if (!expectHeader(csv, cols, diags))
        return false;
    std::vector<std::string_view> f;
    std::vector<TimeNs> perHand[2];
    std::vector<TimeNs> times; // distinct times over both hands, for the rate
    bool seen[2] = {false, false};
    while (csv.nextRow(f, diags)) {
        if (!checkColumns(csv, f, cols.size(), diags))
            continue;
        HandSample s;
        if (f[1] == "left")
            s.hand = Hand::Left;
        else if (f[1] == "right")
            s.hand = Hand::Right;
        else {
            csv.report(diags, Severity::Error, "range.hand",
                       "hand '" + std::string(f[1].substr(0, 20)) +
                           "' is neither 'left' nor 'right'");
            continue;
        }
        double v[3 * kHandJointCount];
        if (!csv.parseInt64(f[0], cols[0], s.tNs, diags) |
            !csv.parseDouble(f[2], cols[2], s.confidence, diags) |
            !parseDoubles(csv, f, cols, 3, 3 * kHandJointCount, v, diags))
            continue;
        if (s.confidence < 0.0 || s.confidence > 1.0) {
            csv.report(diags, Severity::Error, "range.confidence",
                       fmt("confidence %.4g is outside [0, 1] (write no row for an unseen hand)",
                           s.confidence));
            continue;
        }
        bool far = false;
        for (int j = 0; j < kHandJointCount; ++j) {
            s.joints[static_cast<size_t>(j)] = {v[3 * j], v[3 * j + 1], v[3 * j + 2]};
            const double d = std::sqrt(v[3 * j] * v[3 * j] + v[3 * j + 1] * v[3 * j + 1] +
                                       v[3 * j + 2] * v[3 * j + 2]);
            if (d > kMaxJointDistance && !far) {
                far = true;
                csv.report(diags, Severity::Error, "range.hand_joint",
                           "joint " + std::string(handJointName(j)) +
                               fmt(" is %.3g m from the device, beyond the plausible %.0f m "
                                   "(millimetres instead of metres?)",
                                   d, kMaxJointDistance));
            }
        }
        if (far)
            continue;
        auto& ht = perHand[static_cast<int>(s.hand)];
        const char* what = s.hand == Hand::Left ? " (left hand)" : " (right hand)";
        if (!checkOrder(csv, ht.empty() ? 0 : ht.back(), !ht.empty(), s.tNs, diags, what))
            continue;
        ht.push_back(s.tNs);
        seen[static_cast<int>(s.hand)] = true;
        if (times.empty() || s.tNs > times.back())
            times.push_back(s.tNs);
        out.push_back(s);
    }
    if (out.empty() && !diags.hasErrors())
        diags.error("csv.empty", csv.name(), -1, "the file has a header but no samples");
    // Rates and gaps per the hand seen longest; count is every row.
    const auto& main = perHand[0].size() >= perHand[1].size() ? perHand[0] : perHand[1];
    finishTiming(csv, main, stats, diags);
    stats.count = static_cast<int64_t>(out.size());
    if (!times.empty()) {
        stats.firstNs = times.front();
        stats.lastNs = times.back();
    }
    for (int h = 0; h < 2; ++h)
        if (seen[h])
            stats.channels.emplace_back(handName(static_cast<Hand>(h)));
    return true;
}

bool readForceCsv(CsvFile& csv, ForceSeries& out, StreamStats& stats, Diagnostics& diags) {
    std::vector<std::string> cols;
    if (!csv.readHeader(cols, diags))
        return false;
    if (cols.size() < 2 || cols[0] != "t_ns") {
        diags.error("csv.header", csv.name(), 1,
                    "the header must be 't_ns' followed by one column per force channel");
        return false;
    }
    for (size_t i = 1; i < cols.size(); ++i) {
        if (cols[i].empty()) {
            diags.error("csv.header", csv.name(), 1,
                        "force channel " + std::to_string(i) + " has no name");
            return false;
        }
    }
    out.channels.assign(cols.begin() + 1, cols.end());
    const size_t nch = out.channels.size();
    std::vector<std::string_view> f;
    std::vector<double> v(nch);
    while (csv.nextRow(f, diags)) {
        if (!checkColumns(csv, f, cols.size(), diags))
            continue;
        TimeNs t = 0;
        if (!csv.parseInt64(f[0], cols[0], t, diags) |
            !parseDoubles(csv, f, cols, 1, nch, v.data(), diags))
            continue;
        bool bad = false;
        for (size_t c = 0; c < nch; ++c) {
            if (std::abs(v[c]) > kMaxForceN) {
                csv.report(
                    diags, Severity::Error, "range.force",
                    "channel " + out.channels[c] +
                        fmt(" reads %.4g N, beyond the plausible ±%.0f N", v[c], kMaxForceN));
                bad = true;
                break;
            }
        }
        if (bad)
            continue;
        if (!checkOrder(csv, out.tNs.empty() ? 0 : out.tNs.back(), !out.tNs.empty(), t, diags))
            continue;
        out.tNs.push_back(t);
        out.values.insert(out.values.end(), v.begin(), v.end());
    }
    if (out.tNs.empty() && !diags.hasErrors())
        diags.error("csv.empty", csv.name(), -1, "the file has a header but no samples");
    finishTiming(csv, out.tNs, stats, diags);
    stats.channels = out.channels;
    return true;
}

} // namespace ts::core
