#include "workspace/geometry.h"

namespace ts::widgets {

Rigid Rigid::inverse() const {
    Rigid r;
    r.q = q.conjugate();
    r.t = -(r.q * t);
    return r;
}

Rigid Rigid::operator*(const Rigid& o) const {
    Rigid r;
    r.q = q * o.q;
    r.t = q * o.t + t;
    return r;
}

Rigid toRigid(const core::RigidTransform& x) {
    Rigid r;
    r.q = Eigen::Quaterniond(x.q[3], x.q[0], x.q[1], x.q[2]).normalized();
    r.t = {x.t[0], x.t[1], x.t[2]};
    return r;
}

Rigid toRigid(const core::PoseSample& p) {
    Rigid r;
    r.q = Eigen::Quaterniond(p.q[3], p.q[0], p.q[1], p.q[2]).normalized();
    r.t = toVec(p.t);
    return r;
}

Rigid extrinsic(const core::Calibration& c, const std::string& name) {
    auto it = c.extrinsics.find(name);
    return it == c.extrinsics.end() ? Rigid{} : toRigid(it->second);
}

Vec3d applyPose(const core::PoseSample& worldFromDevice, const Vec3d& p) {
    return toRigid(worldFromDevice).apply(p);
}

core::PoseSample interpolatePose(const core::PoseSample& a, const core::PoseSample& b, double f,
                                 int64_t t) {
    const Rigid ra = toRigid(a), rb = toRigid(b);
    core::PoseSample out;
    out.tNs = t;
    const Vec3d p = ra.t + f * (rb.t - ra.t);
    const Eigen::Quaterniond q = ra.q.slerp(f, rb.q);
    out.t = {p.x(), p.y(), p.z()};
    out.q = {q.x(), q.y(), q.z(), q.w()};
    return out;
}

CameraProjector::CameraProjector(const core::CameraIntrinsics& k, const Rigid& deviceFromCamera,
                                 int imageWidth, int imageHeight)
    : k_(k), cameraFromDevice_(deviceFromCamera.inverse()), deviceFromCamera_(deviceFromCamera) {
    if (imageWidth > 0 && k.width > 0)
        sx_ = double(imageWidth) / k.width;
    if (imageHeight > 0 && k.height > 0)
        sy_ = double(imageHeight) / k.height;
}

std::optional<Eigen::Vector2d> CameraProjector::project(const Vec3d& pDevice) const {
    const Vec3d p = cameraFromDevice_.apply(pDevice);
    if (p.z() <= 1e-6)
        return std::nullopt;
    double x = p.x() / p.z(), y = p.y() / p.z();
    if (k_.distortionModel == "radtan" && k_.distortion.size() >= 4) {
        const auto& d = k_.distortion;
        const double k1 = d[0], k2 = d[1], p1 = d[2], p2 = d[3], k3 = d.size() > 4 ? d[4] : 0;
        const double r2 = x * x + y * y;
        const double radial = 1 + r2 * (k1 + r2 * (k2 + r2 * k3));
        const double xd = x * radial + 2 * p1 * x * y + p2 * (r2 + 2 * x * x);
        const double yd = y * radial + p1 * (r2 + 2 * y * y) + 2 * p2 * x * y;
        x = xd;
        y = yd;
    }
    return Eigen::Vector2d((k_.fx * x + k_.cx) * sx_, (k_.fy * y + k_.cy) * sy_);
}

Vec3d CameraProjector::backProject(double u, double v, double z) const {
    const double x = (u / sx_ - k_.cx) / k_.fx * z;
    const double y = (v / sy_ - k_.cy) / k_.fy * z;
    return deviceFromCamera_.apply(Vec3d(x, y, z));
}

Vec3d CameraProjector::unproject(double u, double v, double z) const {
    // Start from the pinhole ray and move the pixel aimed at by the error left after
    // distortion; the map is close to identity near the centre, so this converges fast.
    double au = u, av = v;
    Vec3d p = backProject(au, av, z);
    for (int i = 0; i < 20; ++i) {
        const auto uv = project(p);
        if (!uv)
            break;
        const double du = u - uv->x(), dv = v - uv->y();
        if (du * du + dv * dv < 1e-6)
            break;
        au += du;
        av += dv;
        p = backProject(au, av, z);
    }
    return p;
}

} // namespace ts::widgets
