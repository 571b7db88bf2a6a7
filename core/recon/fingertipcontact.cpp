#include "recon/fingertipcontact.h"

#include "recon/contactsignal.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>

namespace ts::core::recon {

namespace {

// Squared distance from p to the segment a-b.
float segmentDistance2(const Eigen::Vector3f& p, const Eigen::Vector3f& a,
                       const Eigen::Vector3f& b) {
    const Eigen::Vector3f ab = b - a;
    const float t = std::clamp((p - a).dot(ab) / std::max(ab.squaredNorm(), 1e-12f), 0.0f, 1.0f);
    return (a + t * ab - p).squaredNorm();
}

std::array<FingertipObservation, 5> observe(const float* xyz, const BackProjector& bp,
                                            const Joints3& hand, const Joints3* other,
                                            const ContactSettings& st, bool detectHidden) {
    std::array<FingertipObservation, 5> out;
    const CameraModel& dc = bp.depthCamera();
    const Eigen::Isometry3d depthFromDevice = bp.deviceFromDepth().inverse();
    // Bones of both hands in the depth camera frame.
    std::vector<std::pair<Eigen::Vector3f, Eigen::Vector3f>> bones;
    for (const Joints3* h : {&hand, other}) {
        if (!h)
            continue;
        for (const auto& [a, b] : kHandBones)
            bones.emplace_back((depthFromDevice * (*h)[static_cast<size_t>(a)]).cast<float>(),
                               (depthFromDevice * (*h)[static_cast<size_t>(b)]).cast<float>());
    }
    const float margin2 = static_cast<float>(st.handMarginM * st.handMarginM);
    const float radius2 = static_cast<float>(st.searchRadiusM * st.searchRadiusM);
    for (size_t f = 0; f < 5; ++f) {
        const Eigen::Vector3d tipD = depthFromDevice * hand[static_cast<size_t>(kFingertips[f])];
        Eigen::Vector2d px;
        if (!dc.project(tipD, px))
            continue;
        const Eigen::Vector3f tip = tipD.cast<float>();
        auto isHand = [&](const Eigen::Vector3f& p) {
            for (const auto& [a, b] : bones)
                if (segmentDistance2(p, a, b) < margin2)
                    return true;
            return false;
        };
        bool anyFront = false; // anything, the hands included, well in front of the tip
        if (detectHidden) {
            // A non-hand surface in front of the tip, near its pixel: the tip is behind it.
            const int r = st.hiddenWindowPx;
            const int cu = static_cast<int>(std::lround(px.x())),
                      cv = static_cast<int>(std::lround(px.y()));
            const float zNear = tip.z() - static_cast<float>(st.hiddenMaxM),
                        zFar = tip.z() - static_cast<float>(st.hiddenMarginM);
            for (int v = std::max(0, cv - r); v <= std::min(dc.height() - 1, cv + r); ++v)
                for (int u = std::max(0, cu - r); u <= std::min(dc.width() - 1, cu + r); ++u) {
                    const size_t i = static_cast<size_t>(v) * static_cast<size_t>(dc.width()) +
                                     static_cast<size_t>(u);
                    const float z = xyz[3 * i + 2];
                    if (z == 0 || z < zNear || z > zFar)
                        continue;
                    anyFront = true;
                    if (!isHand({xyz[3 * i], xyz[3 * i + 1], z})) {
                        out[f].hidden = true;
                        break;
                    }
                }
            if (out[f].hidden)
                continue;
        }
        const double rpx = st.searchRadiusM * std::max(dc.fx(), dc.fy()) /
                           std::max(tipD.z() - st.searchRadiusM, 0.02);
        const int u0 = std::max(0, static_cast<int>(std::floor(px.x() - rpx)));
        const int u1 = std::min(dc.width() - 1, static_cast<int>(std::ceil(px.x() + rpx)));
        const int v0 = std::max(0, static_cast<int>(std::floor(px.y() - rpx)));
        const int v1 = std::min(dc.height() - 1, static_cast<int>(std::ceil(px.y() + rpx)));
        std::vector<Eigen::Vector3f> pts;
        float nearest2 = 1e9f;
        for (int v = v0; v <= v1; ++v)
            for (int u = u0; u <= u1; ++u) {
                const size_t i = static_cast<size_t>(v) * static_cast<size_t>(dc.width()) +
                                 static_cast<size_t>(u);
                if (xyz[3 * i + 2] == 0)
                    continue;
                const Eigen::Vector3f p(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
                const float d2 = (p - tip).squaredNorm();
                if (d2 > radius2)
                    continue;
                if (isHand(p))
                    continue;
                pts.push_back(p);
                nearest2 = std::min(nearest2, d2);
            }
        if (static_cast<int>(pts.size()) < st.minPoints) {
            // No surface near the tip and something (its own fingers, say, draped over the
            // edge of what it holds) in front of it: hidden as well.
            out[f].hidden = anyFront;
            continue;
        }
        // The surface under the tip: a plane through the points nearest to it (the nearest
        // half, so that a second face of a box corner counts less).
        std::sort(pts.begin(), pts.end(), [&](const Eigen::Vector3f& a, const Eigen::Vector3f& b) {
            return (a - tip).squaredNorm() < (b - tip).squaredNorm();
        });
        pts.resize(std::max<size_t>(static_cast<size_t>(st.minPoints), pts.size() / 2));
        Eigen::Vector3d mean = Eigen::Vector3d::Zero();
        for (const auto& p : pts)
            mean += p.cast<double>();
        mean /= static_cast<double>(pts.size());
        Eigen::Matrix3d C = Eigen::Matrix3d::Zero();
        for (const auto& p : pts) {
            const Eigen::Vector3d d = p.cast<double>() - mean;
            C += d * d.transpose();
        }
        const Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(C);
        const Eigen::Vector3d n = es.eigenvectors().col(0);
        const double planar = es.eigenvalues()[0] / std::max(es.eigenvalues()[1], 1e-12);
        const double plane = std::abs(n.dot(tipD - mean));
        // A curved or folded patch is no plane: then the nearest point is the better bound.
        out[f].distanceM = planar < 0.05 ? plane : std::sqrt(static_cast<double>(nearest2));
    }
    return out;
}

} // namespace

std::array<std::optional<double>, 5> fingertipDistances(const float* xyz, const BackProjector& bp,
                                                        const Joints3& hand, const Joints3* other,
                                                        const ContactSettings& st) {
    std::array<std::optional<double>, 5> out;
    const auto o = observe(xyz, bp, hand, other, st, false);
    for (size_t f = 0; f < 5; ++f)
        out[f] = o[f].distanceM;
    return out;
}

std::array<FingertipObservation, 5> observeFingertips(const float* xyz, const BackProjector& bp,
                                                      const Joints3& hand, const Joints3* other,
                                                      const ContactSettings& st) {
    return observe(xyz, bp, hand, other, st, true);
}

std::vector<ContactInterval> contactIntervals(Hand hand, int finger,
                                              const std::vector<TimeNs>& times,
                                              const std::vector<std::optional<double>>& distance,
                                              const ContactSettings& st) {
    // A signal of this one tip, seen only (no hidden-tip evidence), through the same rules and
    // sub-frame onsets as the episode's contact signal.
    ContactSignal s;
    const size_t n = std::min(times.size(), distance.size());
    s.times.assign(times.begin(), times.begin() + static_cast<long>(n));
    for (auto& tr : s.tracks) {
        tr.gapM.assign(n, std::nullopt);
        tr.hidden.assign(n, 0);
        tr.palmTip.assign(n, std::nullopt);
        tr.probability.assign(n, 0.0f);
    }
    FingertipTrack& tr = s.track(hand, finger);
    for (size_t i = 0; i < n; ++i)
        if (distance[i])
            tr.gapM[i] = *distance[i] - st.tipRadiusM;
    return contactIntervals(s, hand, finger, st);
}

} // namespace ts::core::recon
