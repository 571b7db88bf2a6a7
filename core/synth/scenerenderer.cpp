#include "synth/scenerenderer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <thread>

namespace ts::core::synth {

namespace {

const Eigen::Vector3d kLight = Eigen::Vector3d(0.3, -0.4, 1.0).normalized();

float lambert(const Eigen::Vector3d& n) {
    return static_cast<float>(0.35 + 0.65 * std::max(0.0, n.dot(kLight)));
}

uint8_t toByte(float v) {
    return static_cast<uint8_t>(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f);
}

} // namespace

SceneRenderer::SceneRenderer(const ProceduralTexture& texture, const Eigen::Vector3d& objectSize)
    : texture_(texture), half_(objectSize / 2) {}

void SceneRenderer::addHandSpheres(const HandJoints& j, const Rgb& skin, std::vector<Sphere>& out) {
    for (const auto& [a, b] : kHandBones) {
        const bool palm = a == Wrist;
        const bool tip = b == ThumbTip || b == IndexTip || b == MiddleTip || b == RingTip ||
                         b == PinkyTip;
        const double ra = palm ? 0.011 : 0.0085;
        const double rb = palm ? 0.0095 : (tip ? 0.007 : 0.008);
        const Eigen::Vector3d& pa = j[static_cast<size_t>(a)];
        const Eigen::Vector3d& pb = j[static_cast<size_t>(b)];
        const double len = (pb - pa).norm();
        const int n = std::max(1, static_cast<int>(std::ceil(len / (0.35 * std::min(ra, rb)))));
        for (int i = 0; i <= n; ++i) {
            const double s = static_cast<double>(i) / n;
            out.push_back({pa + s * (pb - pa), ra + s * (rb - ra), skin});
        }
    }
}

void SceneRenderer::render(const PinholeCamera& cam, const SceneState& scene, uint8_t* rgb,
                           float* depth, int threads) const {
    const Eigen::Matrix3d Rt = scene.R.transpose();
    // Screen rectangle of the box: only those pixels run the slab test.
    int box[4] = {0, -1, 0, -1}; // u0, u1, v0, v1 (empty when u1 < u0)
    {
        double u0 = 1e30, u1 = -1e30, v0 = 1e30, v1 = -1e30;
        bool behind = false;
        for (int i = 0; i < 8; ++i) {
            const Eigen::Vector3d corner =
                scene.objectCentre + Eigen::Vector3d((i & 1) ? half_.x() : -half_.x(),
                                                     (i & 2) ? half_.y() : -half_.y(),
                                                     (i & 4) ? half_.z() : -half_.z());
            const Eigen::Vector3d c = Rt * (corner - scene.p);
            if (c.z() < 1e-3) {
                behind = true;
                break;
            }
            const double u = cam.fx * c.x() / c.z() + cam.cx, v = cam.fy * c.y() / c.z() + cam.cy;
            u0 = std::min(u0, u), u1 = std::max(u1, u), v0 = std::min(v0, v), v1 = std::max(v1, v);
        }
        if (behind) {
            box[0] = 0, box[1] = cam.width - 1, box[2] = 0, box[3] = cam.height - 1;
        } else {
            box[0] = std::max(0, static_cast<int>(std::floor(u0)) - 1);
            box[1] = std::min(cam.width - 1, static_cast<int>(std::ceil(u1)) + 1);
            box[2] = std::max(0, static_cast<int>(std::floor(v0)) - 1);
            box[3] = std::min(cam.height - 1, static_cast<int>(std::ceil(v1)) + 1);
        }
    }
    std::vector<ScreenSphere> spheres;
    spheres.reserve(scene.spheres.size());
    for (const Sphere& s : scene.spheres) {
        const Eigen::Vector3d c = Rt * (s.centre - scene.p);
        if (c.z() - s.radius < 0.02)
            continue; // too close to the lens to bound its footprint: skip it
        // A conservative screen circle: the silhouette lies within f*r/(z-r) of the centre.
        const double u = cam.fx * c.x() / c.z() + cam.cx, v = cam.fy * c.y() / c.z() + cam.cy;
        const double ru = cam.fx * s.radius / (c.z() - s.radius) + 1.5;
        const double rv = cam.fy * s.radius / (c.z() - s.radius) + 1.5;
        const int u0 = std::max(0, static_cast<int>(std::floor(u - ru)));
        const int u1 = std::min(cam.width - 1, static_cast<int>(std::ceil(u + ru)));
        const int v0 = std::max(0, static_cast<int>(std::floor(v - rv)));
        const int v1 = std::min(cam.height - 1, static_cast<int>(std::ceil(v + rv)));
        if (u0 <= u1 && v0 <= v1)
            spheres.push_back({u0, u1, v0, v1, &s});
    }
    const int n = std::clamp(threads, 1, cam.height);
    if (n == 1) {
        renderRows(cam, scene, spheres, box, rgb, depth, 0, 1);
        return;
    }
    std::vector<std::thread> pool;
    for (int i = 0; i < n; ++i)
        pool.emplace_back([&, i] { renderRows(cam, scene, spheres, box, rgb, depth, i, n); });
    for (auto& t : pool)
        t.join();
}

void SceneRenderer::renderRows(const PinholeCamera& cam, const SceneState& scene,
                               const std::vector<ScreenSphere>& spheres, const int box[4],
                               uint8_t* rgb, float* depth, int firstRow, int rowStep) const {
    // Surfaces: what a pixel hit decides its texture scale, tint and (constant) shading.
    enum Surface : uint8_t { None, Table, Floor, BackWall, SideWallPos, SideWallNeg, BoxFace };
    struct Look {
        float r, g, b;
    };
    static const std::array<Look, 7> looks = [] {
        std::array<Look, 7> l{};
        auto shaded = [](float r, float g, float b, const Eigen::Vector3d& n) {
            const float k = lambert(n);
            return Look{r * k, g * k, b * k};
        };
        l[None] = {0.62f, 0.70f, 0.80f};
        l[Table] = shaded(1.0f, 1.0f, 1.0f, Eigen::Vector3d::UnitZ());
        l[Floor] = shaded(0.55f, 0.6f, 0.7f, Eigen::Vector3d::UnitZ());
        l[BackWall] = shaded(0.8f, 0.75f, 0.7f, -Eigen::Vector3d::UnitY());
        l[SideWallPos] = shaded(0.7f, 0.75f, 0.8f, -Eigen::Vector3d::UnitX());
        l[SideWallNeg] = shaded(0.7f, 0.75f, 0.8f, Eigen::Vector3d::UnitX());
        l[BoxFace] = {0.55f, 0.75f, 1.1f}; // times the face's own shading
        return l;
    }();

    const Eigen::Vector3d o = scene.p;
    const Eigen::Vector3d du = scene.R.col(0) / cam.fx; // ray direction step per pixel in u
    const Eigen::Vector3d bmin = scene.objectCentre - half_, bmax = scene.objectCentre + half_;
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const size_t w = static_cast<size_t>(cam.width);
    std::vector<Rgb> colour(w);
    std::vector<uint8_t> surface(w);
    std::vector<float> tu(w), tv(w), boxShade(w);
    for (int v = firstRow; v < cam.height; v += rowStep) {
        const Eigen::Vector3d d0 =
            scene.R * Eigen::Vector3d(-cam.cx / cam.fx, (v - cam.cy) / cam.fy, 1.0);
        float* zrow = depth + static_cast<size_t>(v) * w;
        const bool boxRow = v >= box[2] && v <= box[3];
        for (int u = 0; u < cam.width; ++u) {
            const double dx = d0.x() + u * du.x(), dy = d0.y() + u * du.y(),
                         dz = d0.z() + u * du.z();
            // Because the camera-frame ray has z = 1, the ray parameter t is the z-depth.
            double t = kInf;
            uint8_t surf = None;
            double a = 0, b = 0; // texture coordinates in metres on the surface hit
            if (dz < 0) {
                const double tt = -o.z() / dz;
                const double x = o.x() + tt * dx, y = o.y() + tt * dy;
                if (x >= kTableMinX && x <= kTableMaxX && y >= kTableMinY && y <= kTableMaxY) {
                    t = tt, surf = Table, a = x - kTableMinX, b = y - kTableMinY;
                } else {
                    const double tf = (kFloorZ - o.z()) / dz;
                    const double fx = o.x() + tf * dx, fy = o.y() + tf * dy;
                    if (std::abs(fx) <= kSideWallX && fy <= kBackWallY)
                        t = tf, surf = Floor, a = fx, b = fy;
                }
            }
            // The room is convex and holds the table, so a table hit is nearer than any wall.
            if (surf != Table) {
                if (dy > 0) {
                    const double tw = (kBackWallY - o.y()) / dy;
                    if (tw < t) {
                        const double x = o.x() + tw * dx, z = o.z() + tw * dz;
                        if (std::abs(x) <= kSideWallX && z >= kFloorZ)
                            t = tw, surf = BackWall, a = x, b = z;
                    }
                }
                if (dx != 0) {
                    const double wx = dx > 0 ? kSideWallX : -kSideWallX;
                    const double ts = (wx - o.x()) / dx;
                    if (ts > 0 && ts < t) {
                        const double y = o.y() + ts * dy, z = o.z() + ts * dz;
                        if (z >= kFloorZ && y <= kBackWallY)
                            t = ts, surf = dx > 0 ? SideWallPos : SideWallNeg, a = y, b = z;
                    }
                }
            }
            if (boxRow && u >= box[0] && u <= box[1]) {
                // Slab test against the axis-aligned box.
                const double d[3] = {dx, dy, dz};
                double tn = -kInf, tx = kInf;
                int axis = 0;
                for (int k = 0; k < 3; ++k) {
                    if (d[k] == 0) {
                        if (o[k] < bmin[k] || o[k] > bmax[k])
                            tn = kInf;
                        continue;
                    }
                    double ta = (bmin[k] - o[k]) / d[k], tb = (bmax[k] - o[k]) / d[k];
                    if (ta > tb)
                        std::swap(ta, tb);
                    if (ta > tn)
                        tn = ta, axis = k;
                    tx = std::min(tx, tb);
                }
                if (tn <= tx && tn > 0 && tn < t) {
                    t = tn;
                    surf = BoxFace;
                    Eigen::Vector3d nrm = Eigen::Vector3d::Zero();
                    nrm[axis] = d[axis] > 0 ? -1 : 1;
                    const int a1 = axis == 0 ? 1 : 0, a2 = axis == 2 ? 1 : 2;
                    const double h[3] = {o.x() + tn * dx - bmin.x(), o.y() + tn * dy - bmin.y(),
                                         o.z() + tn * dz - bmin.z()};
                    a = h[a1] + 0.01 * axis, b = h[a2];
                    boxShade[static_cast<size_t>(u)] = lambert(nrm);
                }
            }
            zrow[u] = t == kInf ? 0.0f : static_cast<float>(t);
            surface[static_cast<size_t>(u)] = surf;
            tu[static_cast<size_t>(u)] = static_cast<float>(a);
            tv[static_cast<size_t>(u)] = static_cast<float>(b);
        }
        if (rgb) { // texture once per pixel, only for the surface finally seen
            for (size_t u = 0; u < w; ++u) {
                const Look& l = looks[surface[u]];
                Rgb c;
                switch (surface[u]) {
                case Table: c = texture_.sample(tu[u] * (1 / 0.0012f), tv[u] * (1 / 0.0012f)); break;
                case Floor: c = texture_.sample(tu[u] * (1 / 0.004f), tv[u] * (1 / 0.004f)); break;
                case BackWall:
                    c = texture_.sample(tu[u] * (1 / 0.003f) + 300, tv[u] * (1 / 0.003f));
                    break;
                case SideWallPos:
                case SideWallNeg:
                    c = texture_.sample(tu[u] * (1 / 0.003f), tv[u] * (1 / 0.003f) + 500);
                    break;
                case BoxFace:
                    c = texture_.sample(tu[u] * (1 / 0.00025f), tv[u] * (1 / 0.00025f) + 600);
                    c = {c.r * boxShade[u], c.g * boxShade[u], c.b * boxShade[u]};
                    break;
                default: c = {1, 1, 1}; break;
                }
                colour[u] = {c.r * l.r, c.g * l.g, c.b * l.b};
            }
        }
        // Hands: exact ray-sphere hits, only inside each sphere's screen rectangle.
        for (const ScreenSphere& s : spheres) {
            if (v < s.v0 || v > s.v1)
                continue;
            const Eigen::Vector3d oc = o - s.sphere->centre;
            const double r2 = s.sphere->radius * s.sphere->radius;
            const double cc = oc.squaredNorm() - r2;
            for (int u = s.u0; u <= s.u1; ++u) {
                const Eigen::Vector3d d = d0 + u * du;
                const double qa = d.squaredNorm(), qb = d.dot(oc);
                const double disc = qb * qb - qa * cc;
                if (disc < 0)
                    continue;
                const double t = (-qb - std::sqrt(disc)) / qa;
                const float z = static_cast<float>(t);
                if (t <= 0 || (zrow[u] > 0 && z >= zrow[u]))
                    continue;
                zrow[u] = z;
                if (rgb) {
                    const Eigen::Vector3d nrm = (oc + t * d) / s.sphere->radius;
                    const float sh = lambert(nrm);
                    const Rgb& k = s.sphere->colour;
                    colour[static_cast<size_t>(u)] = {k.r * sh, k.g * sh, k.b * sh};
                }
            }
        }
        if (rgb) {
            uint8_t* row = rgb + 3 * static_cast<size_t>(v) * w;
            for (size_t u = 0; u < w; ++u) {
                const Rgb& c = colour[u];
                row[3 * u] = toByte(c.r);
                row[3 * u + 1] = toByte(c.g);
                row[3 * u + 2] = toByte(c.b);
            }
        }
    }
}

} // namespace ts::core::synth
