#include "recon/handsinworld.h"

#include <algorithm>
#include <cmath>

namespace ts::core::recon {

HandsInWorld::HandsInWorld(const std::vector<HandSample>& samples, const ClockModel& clock,
                           TimeNs maxGapNs)
    : maxGapNs_(maxGapNs) {
    for (const HandSample& s : samples) {
        const size_t h = static_cast<size_t>(s.hand);
        const TimeNs t = clock.toTimeline(s.tNs);
        if (!times_[h].empty() && t <= times_[h].back())
            continue;
        Joints3 j;
        for (int k = 0; k < kHandJointCount; ++k) {
            const Vec3& v = s.joints[static_cast<size_t>(k)];
            j[static_cast<size_t>(k)] = Eigen::Vector3d(v[0], v[1], v[2]);
        }
        times_[h].push_back(t);
        joints_[h].push_back(j);
    }
}

std::optional<Joints3> HandsInWorld::deviceJoints(Hand hand, TimeNs t) const {
    const auto& T = times_[static_cast<size_t>(hand)];
    const auto& J = joints_[static_cast<size_t>(hand)];
    if (T.empty() || t < T.front() || t > T.back())
        return std::nullopt;
    const size_t i = static_cast<size_t>(std::lower_bound(T.begin(), T.end(), t) - T.begin());
    if (T[i] == t)
        return J[i];
    if (T[i] - T[i - 1] > maxGapNs_)
        return std::nullopt;
    const double s = static_cast<double>(t - T[i - 1]) / static_cast<double>(T[i] - T[i - 1]);
    Joints3 out;
    for (size_t k = 0; k < out.size(); ++k)
        out[k] = (1 - s) * J[i - 1][k] + s * J[i][k];
    return out;
}

std::optional<Joints3> HandsInWorld::worldJoints(Hand hand, TimeNs t,
                                                 const Trajectory& trajectory) const {
    const auto d = deviceJoints(hand, t);
    const auto pose = trajectory.at(t);
    if (!d || !pose)
        return std::nullopt;
    Joints3 out;
    for (size_t k = 0; k < out.size(); ++k)
        out[k] = *pose * (*d)[k];
    return out;
}

Joints2 HandsInWorld::reproject(const Joints3& device, const BackProjector& bp) {
    Joints2 out;
    if (!bp.hasRgb())
        return out;
    const Eigen::Isometry3d rgbFromDevice = bp.deviceFromRgb().inverse();
    const CameraModel& cam = bp.rgbCamera();
    for (size_t k = 0; k < device.size(); ++k) {
        Eigen::Vector2d px;
        if (cam.project(rgbFromDevice * device[k], px) && px.x() >= -0.5 && px.y() >= -0.5 &&
            px.x() <= cam.width() - 0.5 && px.y() <= cam.height() - 0.5)
            out[k] = px;
    }
    return out;
}

std::optional<Eigen::Vector3d> HandsInWorld::lift(const Eigen::Vector2d& pixel, const float* xyz,
                                                  const BackProjector& bp, double radiusPx,
                                                  double behindM) {
    if (!bp.hasRgb())
        return std::nullopt;
    const CameraModel& rgb = bp.rgbCamera();
    const CameraModel& dc = bp.depthCamera();
    const Eigen::Isometry3d depthFromRgb = bp.rgbFromDepth().inverse();
    // Where the pixel's ray crosses the depth image: search the depth pixels along it at the
    // depths the scene can have, then keep those that land near the RGB pixel.
    const Eigen::Vector2d r = rgb.ray(pixel.x(), pixel.y());
    const Eigen::Vector3d dir(r.x(), r.y(), 1.0);
    std::vector<double> z;
    int u0 = dc.width(), u1 = -1, v0 = dc.height(), v1 = -1;
    for (double d : {bp.settings().minDepthM, 0.3, 1.0, bp.settings().maxDepthM}) {
        Eigen::Vector2d q;
        if (!dc.project(depthFromRgb * (d * dir), q))
            continue;
        u0 = std::min(u0, static_cast<int>(std::floor(q.x())) - 2);
        u1 = std::max(u1, static_cast<int>(std::ceil(q.x())) + 2);
        v0 = std::min(v0, static_cast<int>(std::floor(q.y())) - 2);
        v1 = std::max(v1, static_cast<int>(std::ceil(q.y())) + 2);
    }
    u0 = std::max(u0, 0), v0 = std::max(v0, 0);
    u1 = std::min(u1, dc.width() - 1), v1 = std::min(v1, dc.height() - 1);
    const Eigen::Isometry3d rgbFromDepth = bp.rgbFromDepth();
    for (int v = v0; v <= v1; ++v)
        for (int u = u0; u <= u1; ++u) {
            const size_t i =
                static_cast<size_t>(v) * static_cast<size_t>(dc.width()) + static_cast<size_t>(u);
            if (xyz[3 * i + 2] == 0)
                continue;
            const Eigen::Vector3d p =
                rgbFromDepth * Eigen::Vector3d(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
            Eigen::Vector2d q;
            if (rgb.project(p, q) && (q - pixel).norm() <= radiusPx)
                z.push_back(p.z());
        }
    if (z.empty())
        return std::nullopt;
    std::nth_element(z.begin(), z.begin() + static_cast<long>(z.size() / 2), z.end());
    const double zm = z[z.size() / 2];
    // behindM along the ray: z grows by behindM · cos(angle to the axis).
    const Eigen::Vector3d surface = zm * dir;
    const Eigen::Vector3d joint = surface + behindM * surface.normalized();
    return bp.deviceFromRgb() * joint;
}

} // namespace ts::core::recon
