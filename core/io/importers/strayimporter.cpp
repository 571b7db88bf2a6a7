#include "io/importers/strayimporter.h"

#include "io/bundlewriter.h"
#include "io/csvfile.h"
#include "io/importers/sourcemedia.h"
#include "io/importers/sourcetable.h"
#include "io/pngcheck.h"
#include "io/streamreaders.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ts::core::importers {

namespace fs = std::filesystem;

namespace {

constexpr double kStandardGravity = 9.80665;

std::string frameName(int64_t index) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06lld.png", static_cast<long long>(index));
    return buf;
}

CameraIntrinsics readCameraMatrix(const fs::path& file) {
    SourceTable t = SourceTable::load(file, "camera_matrix.csv", false);
    double k[3][3];
    int rows = 0;
    while (t.next()) {
        if (rows == 3)
            t.fail("a camera matrix has 3 rows; this is row 4");
        if (t.fieldCount() != 3)
            t.fail("a camera matrix row has 3 numbers, this one has " +
                   std::to_string(t.fieldCount()));
        for (size_t c = 0; c < 3; ++c)
            k[rows][c] = t.number(c);
        ++rows;
    }
    if (rows != 3)
        throw Error("camera_matrix.csv", rows + 1,
                    "a camera matrix has 3 rows; the file ends after " + std::to_string(rows));
    if (!(k[0][0] > 0 && k[1][1] > 0) || k[1][0] != 0 || k[2][0] != 0 || k[2][1] != 0 ||
        k[2][2] != 1)
        throw Error("camera_matrix.csv",
                    "is not a pinhole camera matrix [fx 0 cx; 0 fy cy; 0 0 1] with positive "
                    "focal lengths");
    CameraIntrinsics cam;
    cam.fx = k[0][0];
    cam.fy = k[1][1];
    cam.cx = k[0][2];
    cam.cy = k[1][2];
    return cam;
}

struct OdometryRow {
    TimeNs tNs;
    int64_t frame;
    int64_t line;
};

} // namespace

StrayImporter::StrayImporter(fs::path source, StrayLayout layout)
    : source_(std::move(source)), layout_(std::move(layout)) {}

ConversionReport StrayImporter::convert(const fs::path& bundle, const ImportOptions& options) {
    ConversionReport report;
    report.format = SourceFormat::Stray;
    report.source = source_;
    report.bundle = bundle;
    BundleWriter w(bundle);
    Manifest m = baseManifest(options, sourceName(source_));
    report.id = m.id;
    m.device.model = "iPhone/iPad LiDAR (Stray Scanner)";
    m.notes = "converted from Stray Scanner export " + source_.filename().string() +
              " by touchstone " TS_VERSION;
    m.clocks.push_back({"device",
                        "the phone's clock (seconds since boot): ARKit frames, odometry and IMU",
                        true, std::nullopt});

    // Odometry: one row per video frame, giving its time and the camera pose.
    SourceTable odo = SourceTable::load(layout_.odometry, "odometry.csv");
    const size_t cT = odo.column("timestamp"), cF = odo.column("frame");
    const size_t cx = odo.column("x"), cy = odo.column("y"), cz = odo.column("z");
    const size_t cqx = odo.column("qx"), cqy = odo.column("qy"), cqz = odo.column("qz"),
                 cqw = odo.column("qw");
    std::vector<OdometryRow> frames;
    {
        auto pose = w.openCsv("pose.csv", {"t_ns", "tx", "ty", "tz", "qx", "qy", "qz", "qw"}, 10);
        while (odo.next()) {
            OdometryRow r{odo.secondsToNs(cT), odo.integer(cF), odo.line()};
            if (r.frame != static_cast<int64_t>(frames.size()))
                odo.failAt(cF, "frame " + std::to_string(r.frame) + " where " +
                                   std::to_string(frames.size()) +
                                   " is expected (one row per video frame, counting from 0)");
            if (!frames.empty() && r.tNs <= frames.back().tNs)
                odo.failAt(cT, "the timestamp does not increase");
            const double q[4] = {odo.number(cqx), odo.number(cqy), odo.number(cqz),
                                 odo.number(cqw)};
            const double n = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
            if (std::abs(n - 1.0) > kQuatNormTolerance)
                odo.fail("the quaternion's norm is " + std::to_string(n) +
                         "; a rotation needs a unit quaternion");
            pose.time(r.tNs).value(odo.number(cx)).value(odo.number(cy)).value(odo.number(cz));
            for (double v : q)
                pose.value(v / n);
            pose.endRow();
            frames.push_back(r);
        }
        if (frames.empty())
            throw Error("odometry.csv", 2, "the odometry has no rows");
        pose.close();
    }
    report.counts["pose"] = static_cast<int64_t>(frames.size());

    // Video: its frames are the odometry's frames.
    const VideoFrameTimes video = readVideoFrameTimes(layout_.video, "rgb.mp4");
    if (video.tNs.size() != frames.size())
        throw Error("rgb.mp4", "the video has " + std::to_string(video.tNs.size()) +
                                   " frames but odometry.csv lists " +
                                   std::to_string(frames.size()) +
                                   " (one row per frame is expected)");
    placeFile(layout_.video, w.absolute("rgb.mp4"));
    {
        auto csv = w.openCsv("rgb_frames.csv", {"frame_index", "t_ns"});
        for (const auto& f : frames)
            csv.integer(f.frame).integer(f.tNs).endRow();
        csv.close();
    }
    report.counts["rgb"] = static_cast<int64_t>(frames.size());
    m.streams.push_back({"rgb", StreamKind::Video, "rgb.mp4", "rgb_frames.csv", "device", {}, {}});
    m.streams.push_back({"pose", StreamKind::Pose, "pose.csv", "", "device", {}, {}});

    Calibration cal;
    CameraIntrinsics rgb = readCameraMatrix(layout_.cameraMatrix);
    rgb.width = video.width;
    rgb.height = video.height;
    if (rgb.cx < 0 || rgb.cy < 0 || rgb.cx > rgb.width || rgb.cy > rgb.height)
        throw Error("camera_matrix.csv", "the principal point (" + std::to_string(rgb.cx) + ", " +
                                             std::to_string(rgb.cy) + ") lies outside the " +
                                             std::to_string(rgb.width) + "×" +
                                             std::to_string(rgb.height) +
                                             " video; the matrix belongs to another image size");
    cal.cameras["rgb"] = rgb;
    cal.extrinsics["device_from_rgb"] = arkitDeviceFromOpenCvCamera();

    // Depth (and its confidence), renumbered from 0 over the frames that have a depth image.
    if (layout_.depth) {
        int64_t written = 0, missing = 0, confidences = 0;
        PngInfo first;
        std::string bytes, why;
        auto csv = w.openCsv("depth_frames.csv", {"frame_index", "t_ns"});
        for (const auto& f : frames) {
            const fs::path src = *layout_.depth / frameName(f.frame);
            std::error_code ec;
            if (!fs::is_regular_file(src, ec)) {
                ++missing;
                continue;
            }
            if (written == 0) {
                if (!readWholeFile(src, bytes, &why))
                    throw Error("depth/" + frameName(f.frame), "cannot be read: " + why);
                const std::string bad = checkPng(bytes, first);
                if (!bad.empty())
                    throw Error("depth/" + frameName(f.frame), bad);
            }
            placeFile(src, w.absolute("depth/" + frameName(written)));
            if (layout_.confidence) {
                const fs::path conf = *layout_.confidence / frameName(f.frame);
                if (fs::is_regular_file(conf, ec)) {
                    placeFile(conf, w.absolute("depth_confidence/" + frameName(written)));
                    ++confidences;
                }
            }
            csv.integer(written).integer(f.tNs).endRow();
            ++written;
        }
        csv.close();
        if (written == 0)
            throw Error("depth/", "none of the " + std::to_string(frames.size()) +
                                      " frames listed in odometry.csv has a depth image "
                                      "(expected depth/000000.png …)");
        if (missing > 0)
            report.notes.warning("import.depth_missing", "depth/", -1,
                                 std::to_string(missing) + " of " + std::to_string(frames.size()) +
                                     " frames have no depth image; depth is written for the "
                                     "others, renumbered from 0");
        CameraIntrinsics d = rgb;
        d.width = first.width;
        d.height = first.height;
        const double sx = static_cast<double>(d.width) / rgb.width;
        const double sy = static_cast<double>(d.height) / rgb.height;
        d.fx = rgb.fx * sx;
        d.fy = rgb.fy * sy;
        d.cx = (rgb.cx + 0.5) * sx - 0.5; // pixel centres at integer coordinates
        d.cy = (rgb.cy + 0.5) * sy - 0.5;
        cal.cameras["depth"] = d;
        cal.depthScaleM = 0.001;
        cal.extrinsics["device_from_depth"] = arkitDeviceFromOpenCvCamera();
        m.streams.push_back({"depth",
                             StreamKind::Depth,
                             "depth",
                             "depth_frames.csv",
                             "device",
                             {{"depth", "mm"}},
                             {}});
        report.counts["depth"] = written;
        if (confidences > 0) {
            m.attachments.push_back({"depth_confidence", "frames", "depth_confidence", "depth",
                                     "ARKit depth confidence per depth pixel: 0 low, 1 medium, "
                                     "2 high; NNNNNN.png matches the depth frame index"});
            report.counts["depth_confidence"] = confidences;
        }
    }

    // IMU.
    if (layout_.imu) {
        SourceTable imu = SourceTable::load(*layout_.imu, "imu.csv");
        const size_t t = imu.column("timestamp");
        const size_t a[3] = {imu.column("a_x"), imu.column("a_y"), imu.column("a_z")};
        const size_t g[3] = {imu.column("alpha_x"), imu.column("alpha_y"), imu.column("alpha_z")};
        struct Row {
            TimeNs t;
            double v[6];
        };
        std::vector<Row> rows;
        std::vector<double> norms;
        while (imu.next()) {
            Row r{imu.secondsToNs(t), {}};
            if (!rows.empty() && r.t <= rows.back().t)
                imu.failAt(t, "the timestamp does not increase");
            for (int k = 0; k < 3; ++k) {
                r.v[k] = imu.number(a[k]);
                r.v[3 + k] = imu.number(g[k]);
            }
            norms.push_back(std::sqrt(r.v[0] * r.v[0] + r.v[1] * r.v[1] + r.v[2] * r.v[2]));
            rows.push_back(r);
        }
        if (rows.empty())
            throw Error("imu.csv", 2, "the IMU file has no rows");
        // The documented unit is m/s²; a recording whose resting norm is about 1 is in g.
        std::nth_element(norms.begin(), norms.begin() + static_cast<long>(norms.size() / 2),
                         norms.end());
        const double median = norms[norms.size() / 2];
        double scale = 1.0;
        if (median > 0.5 && median < 2.0) {
            scale = kStandardGravity;
            report.notes.warning("import.imu_units", "imu.csv", -1,
                                 "the median acceleration is " + std::to_string(median) +
                                     ", which is 1 g, not 9.81 m/s²: the values are taken as g "
                                     "and converted to m/s²");
        }
        auto csv = w.openCsv("imu.csv", {"t_ns", "ax", "ay", "az", "gx", "gy", "gz"});
        for (const Row& r : rows) {
            csv.time(r.t);
            for (int k = 0; k < 3; ++k)
                csv.value(r.v[k] * scale);
            for (int k = 3; k < 6; ++k)
                csv.value(r.v[k]);
            csv.endRow();
        }
        csv.close();
        m.streams.push_back({"imu",
                             StreamKind::Imu,
                             "imu.csv",
                             "",
                             "device",
                             {{"accel", "m/s^2"}, {"gyro", "rad/s"}},
                             {}});
        report.counts["imu"] = static_cast<int64_t>(rows.size());
    }

    m.calibration = "calibration.json";
    w.writeCalibration(cal);
    w.writeManifest(m);
    return report;
}

} // namespace ts::core::importers
