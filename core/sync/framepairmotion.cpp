#include "sync/framepairmotion.h"

#include <Eigen/Geometry>

#include <cmath>
#include <limits>

namespace ts::core::sync {

namespace {

Eigen::Matrix3d kabsch(const std::vector<Eigen::Vector3d>& a, const std::vector<Eigen::Vector3d>& b,
                       const std::vector<double>& w) {
    Eigen::Matrix3d h = Eigen::Matrix3d::Zero();
    for (size_t k = 0; k < a.size(); ++k)
        if (w[k] > 0)
            h += w[k] * b[k] * a[k].transpose();
    Eigen::JacobiSVD<Eigen::Matrix3d> svd(h, Eigen::ComputeFullU | Eigen::ComputeFullV);
    Eigen::Matrix3d d = Eigen::Matrix3d::Identity();
    d(2, 2) = (svd.matrixV() * svd.matrixU().transpose()).determinant() < 0 ? -1 : 1;
    return svd.matrixV() * d * svd.matrixU().transpose();
}

// The pose (R, t) with q ≈ π(R·P + t) for 3-D points P and normalized image positions q
// (π: divide by z), by Gauss–Newton on the reprojection error from the given start. A 6 × 6
// problem over a few hundred points: a few microseconds an iteration (solvePnP's general
// Levenberg–Marquardt cost half the tracking stage for the same minimum).
bool refinePose(const std::vector<Eigen::Vector3d>& p, const std::vector<Eigen::Vector2d>& q,
                Eigen::Matrix3d& r, Eigen::Vector3d& t) {
    for (int iter = 0; iter < 20; ++iter) {
        Eigen::Matrix<double, 6, 6> h = Eigen::Matrix<double, 6, 6>::Zero();
        Eigen::Matrix<double, 6, 1> g = Eigen::Matrix<double, 6, 1>::Zero();
        int used = 0;
        for (size_t k = 0; k < p.size(); ++k) {
            const Eigen::Vector3d rp = r * p[k];
            const Eigen::Vector3d x = rp + t;
            if (x.z() <= 1e-6)
                continue;
            const double iz = 1 / x.z();
            const Eigen::Vector2d res(x.x() * iz - q[k].x(), x.y() * iz - q[k].y());
            Eigen::Matrix<double, 2, 3> dpi;
            dpi << iz, 0, -x.x() * iz * iz, 0, iz, -x.y() * iz * iz;
            Eigen::Matrix<double, 3, 6> dx;
            // Left perturbation R ← exp(ω)·R: d(R·P)/dω = −[R·P]×.
            dx << 0, rp.z(), -rp.y(), 1, 0, 0, -rp.z(), 0, rp.x(), 0, 1, 0, rp.y(), -rp.x(), 0, 0,
                0, 1;
            const Eigen::Matrix<double, 2, 6> j = dpi * dx;
            h.noalias() += j.transpose() * j;
            g.noalias() += j.transpose() * res;
            ++used;
        }
        if (used < 6)
            return false;
        const Eigen::Matrix<double, 6, 1> step = h.ldlt().solve(-g);
        if (!step.allFinite())
            return false;
        const Eigen::Vector3d w = step.head<3>();
        if (w.norm() > 0)
            r = Eigen::AngleAxisd(w.norm(), w.normalized()).toRotationMatrix() * r;
        t += step.tail<3>();
        if (w.norm() < 1e-9 && step.tail<3>().norm() < 1e-9)
            break;
    }
    return r.allFinite() && t.allFinite();
}

} // namespace

PairFit fitRotation(const std::vector<Eigen::Vector3d>& a, const std::vector<Eigen::Vector3d>& b,
                    double focalPx, double huberPx, int minTracks, uint64_t seed,
                    std::vector<char>& inlier) {
    PairFit fit;
    const size_t n = a.size();
    inlier.assign(n, 0);
    if (static_cast<int>(n) < minTracks)
        return fit;
    const double cut = 3 * huberPx;
    auto residual = [&](const Eigen::Matrix3d& r, size_t k) {
        return (a[k] - r * b[k]).norm() * focalPx;
    };
    uint64_t state = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    auto pick = [&]() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<size_t>((state >> 33) % n);
    };
    Eigen::Matrix3d best = Eigen::Matrix3d::Identity();
    size_t bestCount = 0;
    std::vector<double> w(n, 0.0);
    for (int h = 0; h < 48; ++h) {
        const size_t i = pick(), j = pick();
        if (i == j)
            continue;
        std::fill(w.begin(), w.end(), 0.0);
        w[i] = w[j] = 1;
        const Eigen::Matrix3d r = kabsch(a, b, w);
        size_t count = 0;
        for (size_t k = 0; k < n; ++k)
            count += residual(r, k) <= cut;
        if (count > bestCount) {
            bestCount = count;
            best = r;
        }
    }
    Eigen::Matrix3d r = best;
    for (int iter = 0; iter < 5; ++iter) {
        for (size_t k = 0; k < n; ++k) {
            const double res = residual(r, k);
            w[k] = res <= huberPx ? 1.0 : res <= cut ? huberPx / res : 0.0;
        }
        r = kabsch(a, b, w);
    }
    double sum = 0;
    int good = 0;
    for (size_t k = 0; k < n; ++k) {
        const double res = residual(r, k);
        if (res <= cut) {
            sum += res * res;
            ++good;
            inlier[k] = 1;
        }
    }
    fit.tracks = good;
    fit.rmsPx = good > 0 ? std::sqrt(sum / good) : 0;
    fit.ok = good >= minTracks;
    fit.r = r;
    return fit;
}

void solveWithDepth(PairFit& fit, const std::vector<cv::Point3f>& pts,
                    const std::vector<cv::Point2f>& other, bool fromFirst, double focal,
                    double huberPx, int minTracks, std::vector<size_t>* kept) {
    std::vector<Eigen::Vector3d> p(pts.size());
    std::vector<Eigen::Vector2d> q(other.size());
    std::vector<size_t> index(pts.size());
    for (size_t k = 0; k < pts.size(); ++k) {
        p[k] = Eigen::Vector3d(pts[k].x, pts[k].y, pts[k].z);
        q[k] = Eigen::Vector2d(other[k].x, other[k].y);
        index[k] = k;
    }
    // Start from the rotation-only fit (P_B = R P_A): first_from_second is fit.r.
    Eigen::Matrix3d r = fromFirst ? Eigen::Matrix3d(fit.r.transpose()) : fit.r;
    Eigen::Vector3d t = Eigen::Vector3d::Zero();
    auto reprojectionPx = [&](size_t k) {
        const Eigen::Vector3d x = r * p[k] + t;
        if (x.z() <= 1e-6)
            return std::numeric_limits<double>::infinity();
        return (x.head<2>() / x.z() - q[k]).norm() * focal;
    };
    for (int round = 0; round < 3; ++round) {
        if (static_cast<int>(p.size()) < minTracks)
            return;
        if (!refinePose(p, q, r, t))
            return;
        size_t n = 0;
        for (size_t k = 0; k < p.size(); ++k)
            if (reprojectionPx(k) <= 2 * huberPx) {
                p[n] = p[k];
                q[n] = q[k];
                index[n] = index[k];
                ++n;
            }
        if (n == p.size())
            break;
        p.resize(n);
        q.resize(n);
        index.resize(n);
    }
    if (static_cast<int>(p.size()) < minTracks)
        return;
    double sum = 0;
    for (size_t k = 0; k < p.size(); ++k) {
        const double d = reprojectionPx(k);
        sum += d * d;
    }
    fit.rmsPx = std::sqrt(sum / static_cast<double>(p.size()));
    fit.r = fromFirst ? Eigen::Matrix3d(r.transpose()) : r;
    fit.t = t;
    fit.tracks = static_cast<int>(p.size());
    if (kept)
        *kept = std::move(index);
}

bool refineRotation(const std::vector<Eigen::Vector3d>& p, const std::vector<Eigen::Vector2d>& q,
                    const Eigen::Vector3d& t, double focal, double huberPx, int iterations,
                    Eigen::Matrix3d& r) {
    const double huber = huberPx / focal, huber2 = huber * huber; // normalized units
    for (int iter = 0; iter < iterations; ++iter) {
        // Upper triangle of JᵀWJ and JᵀWr, written out: this runs for every point of every
        // pair of a recording (a generic 2 × 3 product cost twice as much).
        double h00 = 0, h01 = 0, h02 = 0, h11 = 0, h12 = 0, h22 = 0, g0 = 0, g1 = 0, g2 = 0;
        int used = 0;
        for (size_t k = 0; k < p.size(); ++k) {
            const Eigen::Vector3d a = r * p[k];
            const Eigen::Vector3d x = a + t;
            if (x.z() <= 1e-6)
                continue;
            const double iz = 1 / x.z(), u = x.x() * iz, v = x.y() * iz;
            const double ru = u - q[k].x(), rv = v - q[k].y();
            const double d2 = ru * ru + rv * rv;
            const double w = d2 <= huber2 ? 1.0 : huber / std::sqrt(d2);
            // J = dπ/dx · d(R·P)/dω with d(R·P)/dω = −[R·P]× (left perturbation).
            const double j00 = -iz * u * a.y(), j01 = iz * (a.z() + u * a.x()), j02 = -iz * a.y();
            const double j10 = -iz * (a.z() + v * a.y()), j11 = iz * v * a.x(), j12 = iz * a.x();
            h00 += w * (j00 * j00 + j10 * j10);
            h01 += w * (j00 * j01 + j10 * j11);
            h02 += w * (j00 * j02 + j10 * j12);
            h11 += w * (j01 * j01 + j11 * j11);
            h12 += w * (j01 * j02 + j11 * j12);
            h22 += w * (j02 * j02 + j12 * j12);
            g0 += w * (j00 * ru + j10 * rv);
            g1 += w * (j01 * ru + j11 * rv);
            g2 += w * (j02 * ru + j12 * rv);
            ++used;
        }
        if (used < 3)
            return false;
        Eigen::Matrix3d h;
        h << h00, h01, h02, h01, h11, h12, h02, h12, h22;
        const Eigen::Vector3d step = h.ldlt().solve(-Eigen::Vector3d(g0, g1, g2));
        if (!step.allFinite())
            return false;
        if (step.norm() > 0)
            r = Eigen::AngleAxisd(step.norm(), step.normalized()).toRotationMatrix() * r;
        if (step.norm() < 1e-9)
            break;
    }
    return r.allFinite();
}

} // namespace ts::core::sync
