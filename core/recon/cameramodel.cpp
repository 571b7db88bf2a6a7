#include "recon/cameramodel.h"

#include "util/error.h"

#include <cmath>

namespace ts::core::recon {

CameraModel::CameraModel(const CameraIntrinsics& k, const std::string& source) : k_(k) {
    if (k.width <= 0 || k.height <= 0 || !(k.fx > 0) || !(k.fy > 0) || !std::isfinite(k.cx) ||
        !std::isfinite(k.cy))
        throw Error(source, "unusable intrinsics (size " + std::to_string(k.width) + "x" +
                                std::to_string(k.height) + ", fx " + std::to_string(k.fx) +
                                ", fy " + std::to_string(k.fy) + ")");
    if (k.distortionModel == "radtan") {
        const auto c = [&](size_t i) { return i < k.distortion.size() ? k.distortion[i] : 0.0; };
        k1_ = c(0), k2_ = c(1), p1_ = c(2), p2_ = c(3), k3_ = c(4);
        distorted_ = k1_ != 0 || k2_ != 0 || p1_ != 0 || p2_ != 0 || k3_ != 0;
    } else if (k.distortionModel != "none" && !k.distortionModel.empty()) {
        throw Error(source,
                    "unknown distortion model '" + k.distortionModel + "' (known: none, radtan)");
    }
    rays_.resize(2 * static_cast<size_t>(k.width) * static_cast<size_t>(k.height));
    size_t i = 0;
    for (int v = 0; v < k.height; ++v)
        for (int u = 0; u < k.width; ++u) {
            const Eigen::Vector2d r = ray(u, v);
            rays_[i++] = static_cast<float>(r.x());
            rays_[i++] = static_cast<float>(r.y());
        }
}

Eigen::Vector2d CameraModel::distort(const Eigen::Vector2d& xn) const {
    if (!distorted_)
        return xn;
    const double x = xn.x(), y = xn.y(), r2 = x * x + y * y;
    const double radial = 1 + r2 * (k1_ + r2 * (k2_ + r2 * k3_));
    return {x * radial + 2 * p1_ * x * y + p2_ * (r2 + 2 * x * x),
            y * radial + p1_ * (r2 + 2 * y * y) + 2 * p2_ * x * y};
}

Eigen::Vector2d CameraModel::undistort(const Eigen::Vector2d& xd) const {
    if (!distorted_)
        return xd;
    Eigen::Vector2d x = xd;
    for (int it = 0; it < 50; ++it) {
        const Eigen::Vector2d e = distort(x) - xd;
        if (e.squaredNorm() < 1e-24)
            break;
        // Numerical Jacobian of the distortion: a Newton step converges where the plain
        // fixed-point iteration oscillates (strong barrel distortion near the corners).
        const double h = 1e-7;
        Eigen::Matrix2d J;
        J.col(0) = (distort(x + Eigen::Vector2d(h, 0)) - distort(x)) / h;
        J.col(1) = (distort(x + Eigen::Vector2d(0, h)) - distort(x)) / h;
        x -= J.inverse() * e;
    }
    return x;
}

Eigen::Vector2d CameraModel::ray(double u, double v) const {
    return undistort({(u - k_.cx) / k_.fx, (v - k_.cy) / k_.fy});
}

bool CameraModel::project(const Eigen::Vector3d& p, Eigen::Vector2d& pixel) const {
    if (!(p.z() > 0))
        return false;
    const Eigen::Vector2d d = distort({p.x() / p.z(), p.y() / p.z()});
    pixel = {k_.fx * d.x() + k_.cx, k_.fy * d.y() + k_.cy};
    return true;
}

} // namespace ts::core::recon
