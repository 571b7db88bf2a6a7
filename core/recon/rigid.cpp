#include "recon/rigid.h"

#include <algorithm>
#include <cmath>

namespace ts::core::recon {

Eigen::Isometry3d toIsometry(const RigidTransform& t) {
    Eigen::Isometry3d m = Eigen::Isometry3d::Identity();
    m.linear() = Eigen::Quaterniond(t.q[3], t.q[0], t.q[1], t.q[2]).normalized().toRotationMatrix();
    m.translation() = Eigen::Vector3d(t.t[0], t.t[1], t.t[2]);
    return m;
}

Eigen::Isometry3d toIsometry(const PoseSample& p) {
    return toIsometry(RigidTransform{p.t, p.q});
}

PoseSample toPoseSample(TimeNs t, const Eigen::Isometry3d& pose) {
    Eigen::Quaterniond q(pose.linear());
    q.normalize();
    if (q.w() < 0)
        q.coeffs() *= -1;
    PoseSample s;
    s.tNs = t;
    s.t = {pose.translation().x(), pose.translation().y(), pose.translation().z()};
    s.q = {q.x(), q.y(), q.z(), q.w()};
    return s;
}

Eigen::Isometry3d interpolate(const Eigen::Isometry3d& a, const Eigen::Isometry3d& b, double s) {
    const Eigen::Quaterniond qa(a.linear()), qb(b.linear());
    Eigen::Isometry3d m = Eigen::Isometry3d::Identity();
    m.linear() = qa.slerp(s, qb).toRotationMatrix();
    m.translation() = (1 - s) * a.translation() + s * b.translation();
    return m;
}

Eigen::Isometry3d expTwist(const Eigen::Matrix<double, 6, 1>& xi) {
    const Eigen::Vector3d w = xi.head<3>(), v = xi.tail<3>();
    const double th = w.norm();
    Eigen::Matrix3d K;
    K << 0, -w.z(), w.y(), w.z(), 0, -w.x(), -w.y(), w.x(), 0;
    Eigen::Matrix3d R, V;
    if (th < 1e-4) { // Taylor series: 1 − cos θ loses every digit for tiny angles
        const double t2 = th * th;
        R = Eigen::Matrix3d::Identity() + (1 - t2 / 6) * K + (0.5 - t2 / 24) * K * K;
        V = Eigen::Matrix3d::Identity() + (0.5 - t2 / 24) * K + (1.0 / 6 - t2 / 120) * K * K;
    } else {
        const double a = std::sin(th) / th, b = (1 - std::cos(th)) / (th * th),
                     c = (th - std::sin(th)) / (th * th * th);
        R = Eigen::Matrix3d::Identity() + a * K + b * K * K;
        V = Eigen::Matrix3d::Identity() + b * K + c * K * K;
    }
    Eigen::Isometry3d m = Eigen::Isometry3d::Identity();
    m.linear() = R;
    m.translation() = V * v;
    return m;
}

Eigen::Isometry3d orthonormalised(const Eigen::Isometry3d& t) {
    Eigen::Isometry3d m = t;
    m.linear() = Eigen::Quaterniond(t.linear()).normalized().toRotationMatrix();
    return m;
}

double rotationAngle(const Eigen::Isometry3d& t) {
    const double c = (t.linear().trace() - 1) / 2;
    return std::acos(std::clamp(c, -1.0, 1.0));
}

} // namespace ts::core::recon
