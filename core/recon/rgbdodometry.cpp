#include "recon/rgbdodometry.h"

#include "recon/rigid.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace ts::core::recon {

namespace {

using Vec6 = Eigen::Matrix<double, 6, 1>;
using Mat6 = Eigen::Matrix<double, 6, 6>;

// Upper triangle of the normal equations, accumulated in double from float Jacobians.
struct Normal {
    double H[21] = {};
    double b[6] = {};
    double cost = 0;
    void add(const float J[6], float r, float w) {
        int k = 0;
        for (int i = 0; i < 6; ++i) {
            const double wi = static_cast<double>(w * J[i]);
            for (int j = i; j < 6; ++j)
                H[k++] += wi * J[j];
            b[i] += wi * r;
        }
        cost += static_cast<double>(w * r * r);
    }
    Mat6 matrix() const {
        Mat6 M;
        int k = 0;
        for (int i = 0; i < 6; ++i)
            for (int j = i; j < 6; ++j)
                M(i, j) = M(j, i) = H[k++];
        return M;
    }
};

inline float huber(float r, float k) { // weight of a normalised residual
    const float a = std::abs(r);
    return a <= k ? 1.0f : k / a;
}

} // namespace

RgbdOdometry::RgbdOdometry(const CameraModel& camera, OdometrySettings settings)
    : camera_(camera), settings_(settings) {}

RgbdOdometry::~RgbdOdometry() = default;

RgbdOdometry::Alignment RgbdOdometry::align(const RgbdPyramid& ref, const RgbdPyramid& cur,
                                            const Eigen::Isometry3d& guess) const {
    Alignment out;
    Eigen::Isometry3d T = guess;
    const int levels = std::min(ref.levels(), cur.levels());
    const bool photo = settings_.photometric && ref.hasGrey() && cur.hasGrey();
    const bool distorted = camera_.distorted();
    const float sg = static_cast<float>(settings_.geometricSigmaM);
    const float sp = static_cast<float>(settings_.photometricSigma);
    Mat6 lastH = Mat6::Zero();
    size_t lastInliers = 0, lastSampled = 0;
    double lastSq = 0;
    for (int l = levels - 1; l >= 0; --l) {
        const RgbdPyramid::Level& R = ref.level(l);
        const RgbdPyramid::Level& C = cur.level(l);
        const int stride = l == 0 ? std::max(1, settings_.fineStride) : 1;
        const float scale = static_cast<float>(1 << l);
        // Coarse levels accept farther pairs: the guess may be a few centimetres off.
        const float maxDist = static_cast<float>(settings_.maxCorrespondenceM) * (1 + 0.5f * l);
        const int iters = settings_.iterations[static_cast<size_t>(std::min(l, 3))];
        for (int it = 0; it < iters; ++it) {
            const Eigen::Matrix3f Rm = T.linear().cast<float>();
            const Eigen::Vector3f tv = T.translation().cast<float>();
            Normal ng, np;
            size_t inliers = 0, sampled = 0, matched = 0;
            double sq = 0;
            for (int v = 0; v < C.height; v += stride)
                for (int u = 0; u < C.width; u += stride) {
                    const size_t i = static_cast<size_t>(v) * C.width + u;
                    if (!(C.vertex[i].z() > 0))
                        continue;
                    ++sampled;
                    const Eigen::Vector3f p = Rm * C.vertex[i] + tv;
                    if (!(p.z() > 0.01f))
                        continue;
                    float xn = p.x() / p.z(), yn = p.y() / p.z();
                    if (distorted) {
                        const Eigen::Vector2d d = camera_.distort({xn, yn});
                        xn = static_cast<float>(d.x()), yn = static_cast<float>(d.y());
                    }
                    // Level-0 pixel, then this level's (pixel centres at integers).
                    const float u0 =
                        static_cast<float>(camera_.fx()) * xn + static_cast<float>(camera_.cx());
                    const float v0 =
                        static_cast<float>(camera_.fy()) * yn + static_cast<float>(camera_.cy());
                    const float ur = (u0 + 0.5f) / scale - 0.5f, vr = (v0 + 0.5f) / scale - 0.5f;
                    const int ui = static_cast<int>(std::lround(ur)),
                              vi = static_cast<int>(std::lround(vr));
                    if (ui < 1 || vi < 1 || ui >= R.width - 1 || vi >= R.height - 1)
                        continue;
                    const size_t j = static_cast<size_t>(vi) * R.width + ui;
                    const Eigen::Vector3f& q = R.vertex[j];
                    const Eigen::Vector3f& nr = R.normal[j];
                    if (!(q.z() > 0) || nr.isZero())
                        continue;
                    const Eigen::Vector3f d = p - q;
                    if (d.squaredNorm() > maxDist * maxDist)
                        continue;
                    ++matched;
                    const float rg = nr.dot(d);
                    const Eigen::Vector3f pxn = p.cross(nr);
                    const float Jg[6] = {pxn.x(), pxn.y(), pxn.z(), nr.x(), nr.y(), nr.z()};
                    const float wg = huber(rg / sg, 1.345f) / (sg * sg);
                    ng.add(Jg, rg, wg);
                    if (std::abs(rg) < 3 * sg) {
                        ++inliers;
                        sq += static_cast<double>(rg * rg);
                    }
                    if (!photo || C.grey[i] < 0)
                        continue;
                    // Photometric term: bilinear grey and gradient of the reference.
                    const int x0 = static_cast<int>(std::floor(ur)),
                              y0 = static_cast<int>(std::floor(vr));
                    if (x0 < 1 || y0 < 1 || x0 + 2 >= R.width || y0 + 2 >= R.height)
                        continue;
                    const size_t k00 = static_cast<size_t>(y0) * R.width + x0;
                    const float g00 = R.grey[k00], g01 = R.grey[k00 + 1],
                                g10 = R.grey[k00 + R.width], g11 = R.grey[k00 + R.width + 1];
                    if (g00 < 0 || g01 < 0 || g10 < 0 || g11 < 0)
                        continue;
                    const float a = ur - x0, bb = vr - y0;
                    const float gr =
                        (1 - bb) * ((1 - a) * g00 + a * g01) + bb * ((1 - a) * g10 + a * g11);
                    const float gu =
                        (1 - bb) * ((1 - a) * R.gradU[k00] + a * R.gradU[k00 + 1]) +
                        bb * ((1 - a) * R.gradU[k00 + R.width] + a * R.gradU[k00 + R.width + 1]);
                    const float gv =
                        (1 - bb) * ((1 - a) * R.gradV[k00] + a * R.gradV[k00 + 1]) +
                        bb * ((1 - a) * R.gradV[k00 + R.width] + a * R.gradV[k00 + R.width + 1]);
                    if (gu == 0 && gv == 0)
                        continue;
                    const float rp = gr - C.grey[i];
                    const float iz = 1.0f / p.z();
                    const float fxl = static_cast<float>(R.fx), fyl = static_cast<float>(R.fy);
                    // Gradient of the grey level with respect to the point (pinhole).
                    const Eigen::Vector3f gw(gu * fxl * iz, gv * fyl * iz,
                                             -(gu * fxl * p.x() + gv * fyl * p.y()) * iz * iz);
                    const Eigen::Vector3f pxg = p.cross(gw);
                    const float Jp[6] = {pxg.x(), pxg.y(), pxg.z(), gw.x(), gw.y(), gw.z()};
                    const float wp = huber(rp / sp, 1.345f) / (sp * sp);
                    np.add(Jp, rp, wp);
                }
            if (matched < 50)
                return out;
            const Mat6 H = ng.matrix() + np.matrix();
            Vec6 b;
            for (int k = 0; k < 6; ++k)
                b[k] = ng.b[k] + np.b[k];
            const Vec6 xi = -(H + 1e-6 * H.diagonal().asDiagonal().toDenseMatrix()).ldlt().solve(b);
            if (!xi.allFinite())
                return out;
            T = expTwist(xi) * T;
            ++out.iterations;
            lastH = H;
            lastInliers = inliers;
            lastSampled = sampled;
            lastSq = sq;
            if (xi.head<3>().norm() < 1e-6 && xi.tail<3>().norm() < 1e-6)
                break;
        }
    }
    out.refFromCur = orthonormalised(T);
    out.inlierFraction =
        lastSampled ? static_cast<double>(lastInliers) / static_cast<double>(lastSampled) : 0;
    out.residualM = lastInliers ? std::sqrt(lastSq / static_cast<double>(lastInliers)) : 0;
    // Covariance of the translation from the normal equations, scaled so that the residuals'
    // own spread (not the nominal sigma) sets it.
    const Eigen::SelfAdjointEigenSolver<Mat6> es(lastH);
    if (es.eigenvalues().minCoeff() > 0) {
        const Mat6 cov = es.eigenvectors() * es.eigenvalues().cwiseInverse().asDiagonal() *
                         es.eigenvectors().transpose();
        const double k = std::max(1.0, out.residualM / settings_.geometricSigmaM);
        out.sigmaTranslationM =
            std::sqrt(Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(cov.bottomRightCorner<3, 3>())
                          .eigenvalues()
                          .maxCoeff()) *
            k;
        out.ok = true;
    }
    return out;
}

OdometryFrame RgbdOdometry::track(TimeNs t, const float* xyz, const float* grey) {
    return track(t, std::make_shared<const RgbdPyramid>(camera_, xyz, grey, settings_.levels));
}

OdometryFrame RgbdOdometry::track(TimeNs t, std::shared_ptr<const RgbdPyramid> frame) {
    OdometryFrame f;
    f.tNs = t;
    if (!keyframe_) {
        keyframe_ = std::move(frame);
        keyPose_ = lastPose_ = Eigen::Isometry3d::Identity();
        f.keyframe = true;
        f.confidence = keyframe_->validPixels() > 0 ? 1.0 : 0.0;
        f.inlierFraction = 1;
        ++keyframes_;
        trajectory_.add(t, lastPose_);
        return f;
    }
    const Eigen::Isometry3d predicted = orthonormalised(lastPose_ * velocity_);
    const Alignment a = align(*keyframe_, *frame, keyPose_.inverse() * predicted);
    f.iterations = a.iterations;
    f.inlierFraction = a.inlierFraction;
    f.residualM = a.residualM;
    f.sigmaTranslationM = a.sigmaTranslationM;
    Eigen::Isometry3d pose = orthonormalised(keyPose_ * a.refFromCur);
    const Eigen::Isometry3d jump = predicted.inverse() * pose;
    if (!a.ok) {
        f.failed = true;
        f.note = "too few matching points to align the frame";
    } else if (a.inlierFraction < settings_.minInlierFraction) {
        f.failed = true;
        f.note = "only " + std::to_string(static_cast<int>(100 * a.inlierFraction)) +
                 " % of the points match the keyframe";
    } else if (jump.translation().norm() > settings_.maxJumpM ||
               rotationAngle(jump) * 180 / M_PI > settings_.maxJumpDeg) {
        f.failed = true;
        f.note = "the alignment jumped " +
                 std::to_string(static_cast<int>(std::lround(jump.translation().norm() * 1000))) +
                 " mm away from the predicted motion";
    }
    if (f.failed) {
        ++failures_;
        pose = predicted;
        f.confidence = 0;
    } else {
        const double overlap =
            std::clamp((a.inlierFraction - settings_.minInlierFraction) /
                           (settings_.keyframeMinOverlap - settings_.minInlierFraction),
                       0.0, 1.0);
        const double s = a.sigmaTranslationM / 0.002; // 2 mm of 1-σ uncertainty halves it
        f.confidence = overlap / (1 + s * s);
    }
    f.worldFromDepth = pose;
    velocity_ =
        f.failed ? Eigen::Isometry3d::Identity() : orthonormalised(lastPose_.inverse() * pose);
    lastPose_ = pose;
    const Eigen::Isometry3d fromKey = keyPose_.inverse() * pose;
    if (f.failed || a.inlierFraction < settings_.keyframeMinOverlap ||
        fromKey.translation().norm() > settings_.keyframeMaxTranslationM ||
        rotationAngle(fromKey) * 180 / M_PI > settings_.keyframeMaxRotationDeg) {
        keyframe_ = std::move(frame);
        keyPose_ = pose;
        f.keyframe = true;
        ++keyframes_;
    }
    trajectory_.add(t, pose);
    return f;
}

} // namespace ts::core::recon
