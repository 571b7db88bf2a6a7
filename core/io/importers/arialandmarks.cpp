#include "io/importers/arialandmarks.h"

namespace ts::core::importers {

const std::array<int, kHandJointCount> kAriaToCanonical{
    AriaWrist, // 0 wrist
    -1,
    AriaThumbIntermediate,
    AriaThumbDistal,
    AriaThumbTip, // 1-4 thumb
    AriaIndexProximal,
    AriaIndexIntermediate,
    AriaIndexDistal,
    AriaIndexTip, // 5-8 index
    AriaMiddleProximal,
    AriaMiddleIntermediate,
    AriaMiddleDistal,
    AriaMiddleTip, // 9-12 middle
    AriaRingProximal,
    AriaRingIntermediate,
    AriaRingDistal,
    AriaRingTip, // 13-16 ring
    AriaPinkyProximal,
    AriaPinkyIntermediate,
    AriaPinkyDistal,
    AriaPinkyTip, // 17-20 pinky
};

std::string_view ariaLandmarkName(int landmark) {
    static constexpr std::array<std::string_view, kAriaLandmarkCount> names{
        "thumb_fingertip",     "index_fingertip", "middle_fingertip",
        "ring_fingertip",      "pinky_fingertip", "wrist",
        "thumb_intermediate",  "thumb_distal",    "index_proximal",
        "index_intermediate",  "index_distal",    "middle_proximal",
        "middle_intermediate", "middle_distal",   "ring_proximal",
        "ring_intermediate",   "ring_distal",     "pinky_proximal",
        "pinky_intermediate",  "pinky_distal",    "palm_center"};
    return landmark >= 0 && landmark < kAriaLandmarkCount ? names[landmark] : "?";
}

std::array<Vec3, kHandJointCount>
ariaToCanonical(const std::array<Vec3, kAriaLandmarkCount>& aria) {
    std::array<Vec3, kHandJointCount> out{};
    for (int j = 0; j < kHandJointCount; ++j)
        if (kAriaToCanonical[j] >= 0)
            out[j] = aria[kAriaToCanonical[j]];
    const Vec3& w = aria[AriaWrist];
    const Vec3& mcp = aria[AriaThumbIntermediate];
    for (int k = 0; k < 3; ++k)
        out[ThumbCmc][k] = w[k] + kThumbCmcFraction * (mcp[k] - w[k]);
    return out;
}

} // namespace ts::core::importers
