#include "io/importers/ariampsimporter.h"

#include "io/bundlewriter.h"
#include "io/importers/arialandmarks.h"
#include "io/importers/sourcemedia.h"
#include "io/importers/sourcetable.h"
#include "io/streamreaders.h"
#include "util/error.h"

#include <cmath>

namespace ts::core::importers {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDeviceClock = "device";

// Strictly increasing source times, checked at the source line (the bundle reader would only
// name the converted file).
class TimeOrder {
public:
    explicit TimeOrder(const SourceTable& t) : t_(t) {}
    void check(TimeNs tNs) {
        if (any_ && tNs <= last_)
            t_.fail(tNs == last_ ? "the timestamp repeats the previous row's"
                                 : "the timestamp goes back in time");
        last_ = tNs;
        any_ = true;
    }

private:
    const SourceTable& t_;
    TimeNs last_ = 0;
    bool any_ = false;
};

// One trajectory file (closed or open loop) → a pose stream and its dynamics table.
struct TrajectoryColumns {
    const char* frame;    // "world" or "odometry"
    const char* velFrame; // frame of the linear velocity columns
    const char* gravity;  // frame of the gravity columns
};

int64_t convertTrajectory(const fs::path& file, const std::string& name, bool closedLoop,
                          const BundleWriter& w, const std::string& posePath,
                          const std::string& dynamicsPath, bool& wroteDynamics) {
    const TrajectoryColumns c = closedLoop ? TrajectoryColumns{"world", "device", "world"}
                                           : TrajectoryColumns{"odometry", "odometry", "odometry"};
    SourceTable t = SourceTable::load(file, name);
    const std::string f = c.frame;
    const size_t ts = t.column("tracking_timestamp_us");
    const size_t tx = t.column("tx_" + f + "_device"), ty = t.column("ty_" + f + "_device"),
                 tz = t.column("tz_" + f + "_device");
    const size_t qx = t.column("qx_" + f + "_device"), qy = t.column("qy_" + f + "_device"),
                 qz = t.column("qz_" + f + "_device"), qw = t.column("qw_" + f + "_device");
    // Dynamics: kept when the file has them (older MPS versions lack gravity and quality).
    std::vector<std::pair<std::string, size_t>> extra;
    auto optional = [&](const std::string& source, const std::string& out) {
        if (t.has(source))
            extra.emplace_back(out, t.column(source));
    };
    for (const char* axis : {"x", "y", "z"})
        optional(std::string("device_linear_velocity_") + axis + "_" + c.velFrame,
                 std::string("v") + axis + "_" + c.velFrame);
    for (const char* axis : {"x", "y", "z"})
        optional(std::string("angular_velocity_") + axis + "_device",
                 std::string("w") + axis + "_device");
    for (const char* axis : {"x", "y", "z"})
        optional(std::string("gravity_") + axis + "_" + c.gravity,
                 std::string("g") + axis + "_" + c.gravity);
    optional("quality_score", "quality");

    auto pose = w.openCsv(posePath, {"t_ns", "tx", "ty", "tz", "qx", "qy", "qz", "qw"}, 10);
    std::optional<BundleWriter::Csv> dyn;
    if (!extra.empty()) {
        std::vector<std::string> header{"t_ns"};
        for (const auto& e : extra)
            header.push_back(e.first);
        dyn.emplace(w.absolute(dynamicsPath), header, 9);
    }
    TimeOrder order(t);
    while (t.next()) {
        const TimeNs tNs = t.microsecondsToNs(ts);
        order.check(tNs);
        const double q[4] = {t.number(qx), t.number(qy), t.number(qz), t.number(qw)};
        const double norm = std::sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
        if (std::abs(norm - 1.0) > kQuatNormTolerance)
            t.fail("the quaternion's norm is " + std::to_string(norm) +
                   "; a rotation needs a unit quaternion");
        pose.time(tNs).value(t.number(tx)).value(t.number(ty)).value(t.number(tz));
        for (double v : q)
            pose.value(v / norm);
        pose.endRow();
        if (dyn) {
            dyn->time(tNs);
            for (const auto& e : extra)
                dyn->value(t.number(e.second));
            dyn->endRow();
        }
    }
    if (pose.rows() == 0)
        throw Error(name, 2, "the trajectory has no rows");
    pose.close();
    if (dyn)
        dyn->close();
    wroteDynamics = dyn.has_value();
    return pose.rows();
}

int64_t convertPoints(const fs::path& file, const std::string& name, const BundleWriter& w,
                      const std::string& outPath) {
    SourceTable t = SourceTable::load(file, name);
    const size_t px = t.column("px_world"), py = t.column("py_world"), pz = t.column("pz_world");
    std::vector<std::string> header{"x", "y", "z"};
    std::vector<size_t> extra;
    for (const char* c : {"inv_dist_std", "dist_std"})
        if (t.has(c)) {
            header.emplace_back(c);
            extra.push_back(t.column(c));
        }
    BundleWriter::Csv out(w.absolute(outPath), header, 9);
    while (t.next()) {
        // Points are written as plain rows; Csv::time is for t_ns, so the first value uses value().
        out.value(t.number(px)).value(t.number(py)).value(t.number(pz));
        for (size_t c : extra)
            out.value(t.number(c));
        out.endRow();
    }
    if (out.rows() == 0)
        throw Error(name, 2, "the point cloud has no points");
    out.close();
    return out.rows();
}

// Reads a confidence that is -1 when the hand is absent; anything else outside [0, 1] is damage.
std::optional<double> handConfidence(const SourceTable& t, size_t col) {
    const double c = t.number(col);
    if (c == -1.0)
        return std::nullopt;
    if (c < 0.0 || c > 1.0)
        t.failAt(col, "a tracking confidence must be -1 (hand absent) or within [0, 1], not " +
                          std::to_string(c));
    return c;
}

struct HandCounts {
    int64_t rows = 0, left = 0, right = 0, absent = 0;
    bool normals = false;
};

HandCounts convertHandResults(const fs::path& file, const std::string& name, const BundleWriter& w,
                              const std::string& handsPath, const std::string& extraPath) {
    SourceTable t = SourceTable::load(file, name);
    const size_t ts = t.column("tracking_timestamp_us");
    HandCounts counts;
    counts.normals = t.has("nx_left_palm_device");
    struct Side {
        Hand hand;
        size_t conf;
        std::array<std::array<size_t, 3>, kAriaLandmarkCount> lm;
        std::optional<std::array<size_t, 7>> wrist; // tx..tz, qx..qw device_from_wrist
        std::optional<std::array<size_t, 6>> normals;
    };
    std::vector<Side> sides;
    for (Hand h : {Hand::Left, Hand::Right}) {
        const std::string s(handName(h));
        Side side{h, t.column(s + "_tracking_confidence"), {}, std::nullopt, std::nullopt};
        for (int i = 0; i < kAriaLandmarkCount; ++i)
            for (int k = 0; k < 3; ++k)
                side.lm[i][k] = t.column(std::string("t") + "xyz"[k] + "_" + s + "_landmark_" +
                                         std::to_string(i) + "_device");
        if (t.has("tx_" + s + "_device_wrist")) {
            std::array<size_t, 7> c{};
            const char* names[7] = {"tx", "ty", "tz", "qx", "qy", "qz", "qw"};
            for (int k = 0; k < 7; ++k)
                c[k] = t.column(std::string(names[k]) + "_" + s + "_device_wrist");
            side.wrist = c;
        }
        if (counts.normals) {
            std::array<size_t, 6> c{};
            const char* names[6] = {"nx_", "ny_", "nz_", "nx_", "ny_", "nz_"};
            for (int k = 0; k < 6; ++k)
                c[k] = t.column(std::string(names[k]) + s +
                                (k < 3 ? "_palm_device" : "_wrist_device"));
            side.normals = c;
        }
        sides.push_back(side);
    }

    std::vector<std::string> header{"t_ns", "hand", "confidence"};
    for (int j = 0; j < kHandJointCount; ++j)
        for (char a : {'x', 'y', 'z'})
            header.push_back(std::string(1, a) + std::to_string(j));
    auto hands = w.openCsv(handsPath, header, 9);
    std::vector<std::string> extraHeader{"t_ns",   "hand",   "confidence",
                                         "palm_x", "palm_y", "palm_z"};
    if (sides[0].wrist)
        for (const char* c :
             {"wrist_tx", "wrist_ty", "wrist_tz", "wrist_qx", "wrist_qy", "wrist_qz", "wrist_qw"})
            extraHeader.emplace_back(c);
    if (counts.normals)
        for (const char* c : {"palm_nx", "palm_ny", "palm_nz", "wrist_nx", "wrist_ny", "wrist_nz"})
            extraHeader.emplace_back(c);
    auto extra = w.openCsv(extraPath, extraHeader, 9);

    TimeOrder order(t);
    while (t.next()) {
        ++counts.rows;
        const TimeNs tNs = t.microsecondsToNs(ts);
        order.check(tNs);
        for (const Side& side : sides) {
            const auto conf = handConfidence(t, side.conf);
            if (!conf) {
                ++counts.absent;
                continue;
            }
            std::array<Vec3, kAriaLandmarkCount> aria{};
            for (int i = 0; i < kAriaLandmarkCount; ++i)
                for (int k = 0; k < 3; ++k) {
                    aria[i][k] = t.number(side.lm[i][k]);
                    if (std::abs(aria[i][k]) > kMaxJointDistance)
                        t.failAt(side.lm[i][k], "a landmark " + std::to_string(aria[i][k]) +
                                                    " m from the device (units mistaken?)");
                }
            const auto joints = ariaToCanonical(aria);
            hands.time(tNs).text(handName(side.hand)).value(*conf);
            for (const auto& p : joints)
                hands.value(p[0]).value(p[1]).value(p[2]);
            hands.endRow();
            (side.hand == Hand::Left ? counts.left : counts.right)++;

            extra.time(tNs).text(handName(side.hand)).value(*conf);
            for (int k = 0; k < 3; ++k)
                extra.value(aria[AriaPalmCenter][k]);
            if (side.wrist)
                for (size_t c : *side.wrist)
                    extra.value(t.number(c));
            if (side.normals)
                for (size_t c : *side.normals)
                    extra.value(t.number(c));
            extra.endRow();
        }
    }
    hands.close();
    extra.close();
    if (counts.rows == 0)
        throw Error(name, 2, "the hand tracking results have no rows");
    return counts;
}

int64_t convertWristPalm(const fs::path& file, const std::string& name, const BundleWriter& w,
                         const std::string& outPath, bool& normals) {
    SourceTable t = SourceTable::load(file, name);
    const size_t ts = t.column("tracking_timestamp_us");
    normals = t.has("nx_left_palm_device");
    std::vector<std::string> header{"t_ns",    "hand",   "confidence", "wrist_x", "wrist_y",
                                    "wrist_z", "palm_x", "palm_y",     "palm_z"};
    if (normals)
        for (const char* c : {"palm_nx", "palm_ny", "palm_nz", "wrist_nx", "wrist_ny", "wrist_nz"})
            header.emplace_back(c);
    struct Side {
        Hand hand;
        size_t conf;
        std::vector<size_t> cols;
    };
    std::vector<Side> sides;
    for (Hand h : {Hand::Left, Hand::Right}) {
        const std::string s(handName(h));
        Side side{h, t.column(s + "_tracking_confidence"), {}};
        for (const char* part : {"wrist", "palm"})
            for (const char* a : {"tx_", "ty_", "tz_"})
                side.cols.push_back(t.column(std::string(a) + s + "_" + part + "_device"));
        if (normals)
            for (const char* part : {"palm", "wrist"})
                for (const char* a : {"nx_", "ny_", "nz_"})
                    side.cols.push_back(t.column(std::string(a) + s + "_" + part + "_device"));
        sides.push_back(std::move(side));
    }
    auto out = w.openCsv(outPath, header, 9);
    TimeOrder order(t);
    int64_t rows = 0;
    while (t.next()) {
        ++rows;
        const TimeNs tNs = t.microsecondsToNs(ts);
        order.check(tNs);
        for (const Side& side : sides) {
            const auto conf = handConfidence(t, side.conf);
            if (!conf)
                continue;
            out.time(tNs).text(handName(side.hand)).value(*conf);
            for (size_t c : side.cols)
                out.value(t.number(c));
            out.endRow();
        }
    }
    out.close();
    if (rows == 0)
        throw Error(name, 2, "the wrist and palm poses have no rows");
    return out.rows();
}

} // namespace

AriaMpsImporter::AriaMpsImporter(fs::path source, AriaMpsLayout layout)
    : source_(std::move(source)), layout_(std::move(layout)) {}

std::string AriaMpsImporter::rel(const fs::path& p) const {
    return p.lexically_relative(source_).generic_string();
}

ConversionReport AriaMpsImporter::convert(const fs::path& bundle, const ImportOptions& options) {
    ConversionReport report;
    report.format = SourceFormat::AriaMps;
    report.source = source_;
    report.bundle = bundle;
    BundleWriter w(bundle);
    Manifest m = baseManifest(options, sourceName(source_));
    if (m.id == "episode" || m.id == "-")
        m.id = "aria-mps";
    report.id = m.id;
    m.device.model = "Project Aria (MPS)";
    m.notes = "converted from Project Aria MPS output " + source_.filename().string() +
              " by touchstone " TS_VERSION;

    const bool video = layout_.video.has_value();
    if (video)
        m.clocks.push_back(
            {"camera", "RGB video, presentation times of the exported file", true, std::nullopt});
    m.clocks.push_back({kDeviceClock,
                        "Aria device time (tracking_timestamp_us), shared by SLAM and hand "
                        "tracking",
                        !video, std::nullopt});

    // Trajectories.
    bool dynamics = false;
    if (layout_.closedLoop) {
        report.counts["pose"] =
            convertTrajectory(*layout_.closedLoop, rel(*layout_.closedLoop), true, w, "pose.csv",
                              "pose_dynamics.csv", dynamics);
        m.streams.push_back({"pose", StreamKind::Pose, "pose.csv", "", kDeviceClock, {}, {}});
        if (dynamics)
            m.attachments.push_back({"pose_dynamics", "table", "pose_dynamics.csv", "pose",
                                     "MPS closed-loop velocities (device frame, m/s and rad/s), "
                                     "gravity (world frame, m/s²) and quality score"});
    }
    if (layout_.openLoop) {
        const std::string name = layout_.closedLoop ? "pose_odometry" : "pose";
        report.counts[name] = convertTrajectory(*layout_.openLoop, rel(*layout_.openLoop), false, w,
                                                name + ".csv", name + "_dynamics.csv", dynamics);
        m.streams.push_back({name, StreamKind::Pose, name + ".csv", "", kDeviceClock, {}, {}});
        if (dynamics)
            m.attachments.push_back({name + "_dynamics", "table", name + "_dynamics.csv", name,
                                     "MPS open-loop velocities (odometry frame), angular velocity "
                                     "(device frame), gravity (odometry frame) and quality"});
    }
    if (layout_.points) {
        if (!layout_.closedLoop)
            report.notes.warning("import.points_frame", rel(*layout_.points), -1,
                                 "the points are in the closed-loop world frame but there is no "
                                 "closed-loop trajectory; they are kept all the same");
        report.counts["world_points"] =
            convertPoints(*layout_.points, rel(*layout_.points), w, "world_points.csv");
        m.attachments.push_back({"world_points", "points", "world_points.csv",
                                 layout_.closedLoop ? "pose" : "",
                                 "MPS semi-dense points in the closed-loop world frame, metres, "
                                 "with their distance uncertainty"});
    }

    // Hands.
    if (layout_.handResults) {
        const HandCounts c = convertHandResults(*layout_.handResults, rel(*layout_.handResults), w,
                                                "hands.csv", "hands_aria.csv");
        if (c.left + c.right == 0)
            throw Error(rel(*layout_.handResults),
                        "no hand is tracked in any row (every confidence is -1)");
        report.counts["hands"] = c.left + c.right;
        m.streams.push_back({"hands", StreamKind::Hands, "hands.csv", "", kDeviceClock, {}, {}});
        m.attachments.push_back(
            {"hands_aria", "table", "hands_aria.csv", "hands",
             std::string("what MPS tracks beyond the 21 canonical joints: palm centre, ") +
                 "device_from_wrist pose" + (c.normals ? ", palm and wrist normals" : "") +
                 " (device frame)"});
        if (c.absent > 0)
            report.notes.warning("import.hand_absent", rel(*layout_.handResults), -1,
                                 std::to_string(c.absent) +
                                     " hand observation(s) have confidence -1 (hand not seen) "
                                     "and have no row in hands.csv");
    }
    if (layout_.wristPalm) {
        bool normals = false;
        report.counts["wrist_and_palm"] = convertWristPalm(
            *layout_.wristPalm, rel(*layout_.wristPalm), w, "wrist_and_palm.csv", normals);
        m.attachments.push_back(
            {"wrist_and_palm", "table", "wrist_and_palm.csv", layout_.handResults ? "hands" : "",
             std::string("MPS wrist and palm positions") + (normals ? " and normals" : "") +
                 " per hand, device frame, on the device clock"});
    }
    if (m.streams.empty())
        throw Error(source_.string(), "has no trajectory and no hand tracking results to import");

    // Video.
    if (video) {
        const std::string name = rel(*layout_.video);
        const VideoFrameTimes v = readVideoFrameTimes(*layout_.video, name);
        placeFile(*layout_.video, w.absolute("rgb.mp4"));
        auto frames = w.openCsv("rgb_frames.csv", {"frame_index", "t_ns"});
        for (size_t i = 0; i < v.tNs.size(); ++i)
            frames.integer(static_cast<int64_t>(i)).integer(v.tNs[i]).endRow();
        frames.close();
        report.counts["rgb"] = static_cast<int64_t>(v.tNs.size());
        m.streams.insert(m.streams.begin(),
                         {"rgb", StreamKind::Video, "rgb.mp4", "rgb_frames.csv", "camera", {}, {}});
        report.notes.warning("import.clock_unlinked", name, -1,
                             "the video's frame times are its presentation times; the Aria "
                             "device clock is not linked to them until the episode is synced");
    }
    w.writeManifest(m);
    return report;
}

} // namespace ts::core::importers
