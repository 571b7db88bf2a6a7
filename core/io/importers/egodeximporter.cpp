#include "io/importers/egodeximporter.h"

#include "io/bundlewriter.h"
#include "io/importers/egodexjoints.h"
#include "io/importers/hdf5file.h"
#include "io/importers/sourcemedia.h"
#include "io/streamreaders.h"
#include "util/error.h"

#include <Eigen/Geometry>

#include <cmath>

namespace ts::core::importers {

namespace fs = std::filesystem;

namespace {

// A (N, 4, 4) stack of transforms.
struct TransformStack {
    std::string dataset;
    Hdf5File::Array a;
    Eigen::Matrix4d at(uint64_t i) const {
        Eigen::Matrix4d m;
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                m(r, c) = a.values[i * 16 + static_cast<uint64_t>(r * 4 + c)];
        return m;
    }
};

TransformStack readTransforms(const Hdf5File& f, const std::string& dataset, uint64_t frames) {
    TransformStack s{dataset, f.readArray(dataset)};
    const auto& sh = s.a.shape;
    if (sh.size() != 3 || sh[1] != 4 || sh[2] != 4)
        throw Error(f.name(), "dataset '" + dataset + "' is not a stack of 4×4 transforms");
    if (frames != 0 && sh[0] != frames)
        throw Error(f.name(), "dataset '" + dataset + "' has " + std::to_string(sh[0]) +
                                  " frames but transforms/camera has " + std::to_string(frames));
    for (uint64_t i = 0; i < s.a.values.size(); ++i)
        if (!std::isfinite(s.a.values[i]))
            throw Error(f.name(), "dataset '" + dataset + "' frame " + std::to_string(i / 16) +
                                      ": the transform has a value that is not finite");
    return s;
}

std::string taskFromAttributes(const Hdf5File& f, const fs::path& hdf5) {
    const auto which = f.rootNumberAttribute("which_llm_description");
    if (which && *which == 2.0)
        if (auto d = f.rootStringAttribute("llm_description2"); d && !d->empty())
            return *d;
    for (const char* key : {"llm_description", "description"})
        if (auto d = f.rootStringAttribute(key); d && !d->empty())
            return *d;
    // EgoDex folders are named after the task ("basic_pick_place/0.hdf5").
    std::string folder = fs::absolute(hdf5).parent_path().filename().string();
    for (char& c : folder)
        if (c == '_')
            c = ' ';
    return folder;
}

} // namespace

EgoDexImporter::EgoDexImporter(EgoDexLayout layout) : layout_(std::move(layout)) {}

ConversionReport EgoDexImporter::convert(const fs::path& bundle, const ImportOptions& options) {
    ConversionReport report;
    report.format = SourceFormat::EgoDex;
    report.source = layout_.hdf5;
    report.bundle = bundle;
    const std::string h5name = layout_.hdf5.filename().string();
    const std::string mp4name = layout_.video.filename().string();
    Hdf5File f(layout_.hdf5, h5name);

    // The episode id: "<task folder>-<i>".
    const fs::path abs = fs::absolute(layout_.hdf5).lexically_normal();
    Manifest m = baseManifest(options, sourceName(abs.parent_path()) + "-" + abs.stem().string());
    report.id = m.id;
    if (m.task.empty())
        m.task = taskFromAttributes(f, layout_.hdf5);
    m.device.model = "Apple Vision Pro (EgoDex)";
    m.notes = "converted from EgoDex " + abs.parent_path().filename().string() + "/" + h5name +
              " by touchstone " TS_VERSION;
    for (const char* key : {"environment", "object", "llm_type"})
        if (auto v = f.rootStringAttribute(key); v && !v->empty())
            m.notes += std::string("; ") + key + ": " + *v;
    m.clocks.push_back(
        {"camera", "video presentation times; EgoDex poses are one per frame", true, std::nullopt});

    const TransformStack camera = readTransforms(f, "transforms/camera", 0);
    const uint64_t n = camera.a.shape[0];
    if (n == 0)
        throw Error(h5name, "transforms/camera has no frames");
    const VideoFrameTimes video = readVideoFrameTimes(layout_.video, mp4name);
    if (video.tNs.size() != n)
        throw Error(h5name, "has " + std::to_string(n) + " frames of poses but " + mp4name +
                                " has " + std::to_string(video.tNs.size()) +
                                " video frames; EgoDex has one pose per frame");

    BundleWriter w(bundle);
    placeFile(layout_.video, w.absolute("rgb.mp4"));
    {
        auto csv = w.openCsv("rgb_frames.csv", {"frame_index", "t_ns"});
        for (uint64_t i = 0; i < n; ++i)
            csv.integer(static_cast<int64_t>(i)).integer(video.tNs[i]).endRow();
        csv.close();
    }
    m.streams.push_back({"rgb", StreamKind::Video, "rgb.mp4", "rgb_frames.csv", "camera", {}, {}});
    report.counts["rgb"] = static_cast<int64_t>(n);

    // Camera intrinsics.
    const auto k = f.readArray("camera/intrinsic");
    if (k.shape.size() != 2 || k.shape[0] != 3 || k.shape[1] != 3)
        throw Error(h5name, "camera/intrinsic is not a 3×3 matrix");
    CameraIntrinsics rgb;
    rgb.width = video.width;
    rgb.height = video.height;
    rgb.fx = k.values[0];
    rgb.fy = k.values[4];
    rgb.cx = k.values[2];
    rgb.cy = k.values[5];
    if (!(rgb.fx > 0 && rgb.fy > 0) || rgb.cx < 0 || rgb.cy < 0 || rgb.cx > rgb.width ||
        rgb.cy > rgb.height)
        throw Error(h5name, "camera/intrinsic does not fit the " + std::to_string(rgb.width) + "×" +
                                std::to_string(rgb.height) +
                                " video (focal lengths must be positive, the principal point "
                                "inside the image)");
    Calibration cal;
    cal.cameras["rgb"] = rgb;
    cal.extrinsics["device_from_rgb"] = arkitDeviceFromOpenCvCamera();
    m.calibration = "calibration.json";

    // Camera pose (world_from_device; the device frame is ARKit's camera frame).
    std::vector<Eigen::Matrix3d> rot(n);
    std::vector<Eigen::Vector3d> pos(n);
    {
        auto pose = w.openCsv("pose.csv", {"t_ns", "tx", "ty", "tz", "qx", "qy", "qz", "qw"}, 10);
        for (uint64_t i = 0; i < n; ++i) {
            const Eigen::Matrix4d T = camera.at(i);
            rot[i] = T.block<3, 3>(0, 0);
            pos[i] = T.block<3, 1>(0, 3);
            const double orth = (rot[i].transpose() * rot[i] - Eigen::Matrix3d::Identity()).norm();
            if (orth > 1e-3 || rot[i].determinant() < 0)
                throw Error(h5name, "transforms/camera frame " + std::to_string(i) +
                                        " is not a rotation plus translation (its 3×3 part is "
                                        "not orthonormal)");
            Eigen::Quaterniond q(rot[i]);
            q.normalize();
            if (q.w() < 0)
                q.coeffs() *= -1.0;
            pose.time(video.tNs[i]).value(pos[i].x()).value(pos[i].y()).value(pos[i].z());
            pose.value(q.x()).value(q.y()).value(q.z()).value(q.w()).endRow();
        }
        pose.close();
    }
    m.streams.push_back({"pose", StreamKind::Pose, "pose.csv", "", "camera", {}, {}});
    report.counts["pose"] = static_cast<int64_t>(n);

    // Hands: both are required (EgoDex always tracks both); a joint missing is an error.
    std::vector<std::string> header{"t_ns", "hand", "confidence"};
    for (int j = 0; j < kHandJointCount; ++j)
        for (char a : {'x', 'y', 'z'})
            header.push_back(std::string(1, a) + std::to_string(j));
    auto hands = w.openCsv("hands.csv", header, 9);
    struct Side {
        Hand hand;
        std::vector<TransformStack> joints;
        std::vector<Hdf5File::Array> conf; // empty when the file has no confidences
    };
    std::vector<Side> sides;
    bool anyConfidence = false;
    for (Hand h : {Hand::Left, Hand::Right}) {
        Side s{h, {}, {}};
        for (std::string_view suffix : kEgoDexToCanonical) {
            const std::string joint = egoDexJointName(h, suffix);
            if (!f.exists("transforms/" + joint))
                throw Error(h5name, "has no dataset 'transforms/" + joint +
                                        "' (EgoDex tracks 25 joints per hand)");
            s.joints.push_back(readTransforms(f, "transforms/" + joint, n));
            if (f.exists("confidences/" + joint)) {
                auto c = f.readArray("confidences/" + joint);
                if (c.shape.size() != 1 || c.shape[0] != n)
                    throw Error(h5name, "confidences/" + joint + " has " +
                                            std::to_string(c.shape.empty() ? 0 : c.shape[0]) +
                                            " values for " + std::to_string(n) + " frames");
                for (uint64_t i = 0; i < n; ++i)
                    if (!(c.values[i] >= 0.0 && c.values[i] <= 1.0))
                        throw Error(h5name, "confidences/" + joint + " frame " + std::to_string(i) +
                                                ": " + std::to_string(c.values[i]) +
                                                " is not a confidence in [0, 1]");
                s.conf.push_back(std::move(c));
                anyConfidence = true;
            }
        }
        if (!s.conf.empty() && s.conf.size() != s.joints.size())
            throw Error(h5name, "has confidences for some joints of the " +
                                    std::string(handName(h)) + " hand but not for all");
        sides.push_back(std::move(s));
    }
    if (!anyConfidence)
        report.notes.warning("import.no_confidence", h5name, -1,
                             "the file has no confidences/ group; every hand is written with "
                             "confidence 1");
    int64_t handRows = 0;
    for (uint64_t i = 0; i < n; ++i) {
        for (const Side& s : sides) {
            double conf = 1.0;
            if (!s.conf.empty()) {
                conf = 0;
                for (const auto& c : s.conf)
                    conf += c.values[i];
                conf /= static_cast<double>(s.conf.size());
            }
            hands.time(video.tNs[i]).text(handName(s.hand)).value(conf);
            for (const TransformStack& j : s.joints) {
                const Eigen::Vector3d world = j.at(i).block<3, 1>(0, 3);
                const Eigen::Vector3d dev = rot[i].transpose() * (world - pos[i]);
                if (dev.norm() > kMaxJointDistance)
                    throw Error(h5name, j.dataset + " frame " + std::to_string(i) +
                                            ": the joint is " + std::to_string(dev.norm()) +
                                            " m from the camera (units mistaken?)");
                hands.value(dev.x()).value(dev.y()).value(dev.z());
            }
            hands.endRow();
            ++handRows;
        }
    }
    hands.close();
    m.streams.push_back({"hands", StreamKind::Hands, "hands.csv", "", "camera", {}, {}});
    report.counts["hands"] = handRows;

    w.writeCalibration(cal);
    w.writeManifest(m);
    return report;
}

} // namespace ts::core::importers
