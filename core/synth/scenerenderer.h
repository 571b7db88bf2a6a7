// Ray-casting renderer of the synthetic tabletop scene (table, floor, walls, the box and the
// two hands as spheres) into an RGB image and a z-depth image for a pinhole camera, exactly
// consistent with the pose and intrinsics written to the bundle.
#pragma once

#include "synth/handskeleton.h"
#include "synth/proceduraltexture.h"

#include <Eigen/Geometry>

#include <cstdint>
#include <vector>

namespace ts::core::synth {

struct PinholeCamera { // OpenCV convention: x right, y down, z forward, pixel centres integer
    int width = 0, height = 0;
    double fx = 0, fy = 0, cx = 0, cy = 0;
};

struct Sphere {
    Eigen::Vector3d centre;
    double radius = 0;
    Rgb colour;
};

struct SceneState {
    Eigen::Matrix3d R = Eigen::Matrix3d::Identity(); // world_from_camera rotation
    Eigen::Vector3d p = Eigen::Vector3d::Zero();     // camera centre in the world
    Eigen::Vector3d objectCentre = Eigen::Vector3d::Zero();
    std::vector<Sphere> spheres;                     // the hands
};

class SceneRenderer {
public:
    // The renderer keeps a reference to the texture; it must outlive the renderer.
    SceneRenderer(const ProceduralTexture& texture, const Eigen::Vector3d& objectSize);

    // rgb: width*height*3 bytes or null; depth: width*height floats, z along the optical axis
    // in metres, 0 where nothing was hit. Rows are shared among `threads` threads.
    void render(const PinholeCamera& camera, const SceneState& scene, uint8_t* rgb, float* depth,
                int threads) const;

    // Skin-coloured spheres along every bone of a 21-joint hand (world frame).
    static void addHandSpheres(const HandJoints& joints, const Rgb& skin,
                               std::vector<Sphere>& out);

    // World geometry, shared with tests that check depth independently.
    static constexpr double kTableMinX = -0.6, kTableMaxX = 0.6;
    static constexpr double kTableMinY = -0.45, kTableMaxY = 0.55;
    static constexpr double kFloorZ = -0.74, kBackWallY = 1.6, kSideWallX = 1.6;

private:
    struct ScreenSphere {
        int u0, u1, v0, v1;
        const Sphere* sphere;
    };
    void renderRows(const PinholeCamera& cam, const SceneState& scene,
                    const std::vector<ScreenSphere>& spheres, const int box[4], uint8_t* rgb,
                    float* depth, int firstRow, int rowStep) const;

    const ProceduralTexture& texture_;
    Eigen::Vector3d half_;
};

} // namespace ts::core::synth
