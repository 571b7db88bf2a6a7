#include "recon/rgbdpyramid.h"

#include <algorithm>
#include <cmath>

namespace ts::core::recon {

RgbdPyramid::RgbdPyramid(const CameraModel& cam, const float* xyz, const float* grey, int levels) {
    levels = std::max(1, levels);
    Level L0;
    L0.width = cam.width(), L0.height = cam.height();
    L0.fx = cam.fx(), L0.fy = cam.fy(), L0.cx = cam.cx(), L0.cy = cam.cy();
    const size_t n = static_cast<size_t>(L0.width) * static_cast<size_t>(L0.height);
    L0.vertex.resize(n);
    for (size_t i = 0; i < n; ++i) {
        L0.vertex[i] = Eigen::Vector3f(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
        valid_ += xyz[3 * i + 2] > 0;
    }
    if (grey)
        L0.grey.assign(grey, grey + n);
    levels_.push_back(std::move(L0));
    for (int l = 1; l < levels; ++l) {
        const Level& F = levels_.back();
        if (F.width < 16 || F.height < 16)
            break;
        Level C;
        C.width = F.width / 2, C.height = F.height / 2;
        C.fx = F.fx / 2, C.fy = F.fy / 2;
        C.cx = (F.cx + 0.5) / 2 - 0.5, C.cy = (F.cy + 0.5) / 2 - 0.5;
        const size_t m = static_cast<size_t>(C.width) * static_cast<size_t>(C.height);
        C.vertex.assign(m, Eigen::Vector3f::Zero());
        if (!F.grey.empty())
            C.grey.assign(m, -1.0f);
        for (int v = 0; v < C.height; ++v)
            for (int u = 0; u < C.width; ++u) {
                // Average the 2×2 block only when it lies on one surface: averaging across a
                // depth edge would invent points in mid-air.
                Eigen::Vector3f sum = Eigen::Vector3f::Zero();
                float zmin = 1e9f, zmax = 0, g = 0;
                int k = 0, kg = 0;
                for (int dv = 0; dv < 2; ++dv)
                    for (int du = 0; du < 2; ++du) {
                        const size_t j = static_cast<size_t>(2 * v + dv) * F.width + (2 * u + du);
                        if (F.vertex[j].z() > 0) {
                            sum += F.vertex[j];
                            zmin = std::min(zmin, F.vertex[j].z());
                            zmax = std::max(zmax, F.vertex[j].z());
                            ++k;
                            if (!F.grey.empty() && F.grey[j] >= 0)
                                g += F.grey[j], ++kg;
                        }
                    }
                const size_t i = static_cast<size_t>(v) * C.width + u;
                if (k >= 3 && zmax - zmin < 0.03f * zmin) {
                    C.vertex[i] = sum / static_cast<float>(k);
                    if (!C.grey.empty() && kg == k)
                        C.grey[i] = g / static_cast<float>(kg);
                }
            }
        levels_.push_back(std::move(C));
    }
    for (Level& L : levels_) {
        computeNormals(L);
        if (!L.grey.empty())
            computeGradients(L);
    }
}

void RgbdPyramid::computeNormals(Level& L) {
    const int w = L.width, h = L.height;
    L.normal.assign(L.vertex.size(), Eigen::Vector3f::Zero());
    for (int v = 1; v + 1 < h; ++v)
        for (int u = 1; u + 1 < w; ++u) {
            const size_t i = static_cast<size_t>(v) * w + u;
            const Eigen::Vector3f& c = L.vertex[i];
            if (!(c.z() > 0))
                continue;
            const Eigen::Vector3f &l = L.vertex[i - 1], &r = L.vertex[i + 1], &t = L.vertex[i - w],
                                  &b = L.vertex[i + w];
            if (!(l.z() > 0 && r.z() > 0 && t.z() > 0 && b.z() > 0))
                continue;
            const float lim = 0.05f * c.z(); // a depth edge: no normal across it
            if (std::abs(l.z() - r.z()) > lim || std::abs(t.z() - b.z()) > lim)
                continue;
            Eigen::Vector3f nrm = (r - l).cross(b - t);
            const float len = nrm.norm();
            if (!(len > 0))
                continue;
            nrm /= len;
            if (nrm.dot(c) > 0) // facing the camera
                nrm = -nrm;
            L.normal[i] = nrm;
        }
}

void RgbdPyramid::computeGradients(Level& L) {
    const int w = L.width, h = L.height;
    L.gradU.assign(L.grey.size(), 0.0f);
    L.gradV.assign(L.grey.size(), 0.0f);
    for (int v = 1; v + 1 < h; ++v)
        for (int u = 1; u + 1 < w; ++u) {
            const size_t i = static_cast<size_t>(v) * w + u;
            const float l = L.grey[i - 1], r = L.grey[i + 1], t = L.grey[i - w], b = L.grey[i + w];
            if (L.grey[i] < 0 || l < 0 || r < 0 || t < 0 || b < 0)
                continue;
            L.gradU[i] = 0.5f * (r - l);
            L.gradV[i] = 0.5f * (b - t);
        }
}

} // namespace ts::core::recon
