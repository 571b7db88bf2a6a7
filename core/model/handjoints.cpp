#include "model/handjoints.h"

namespace ts::core {

std::string_view handName(Hand h) {
    return h == Hand::Left ? "left" : "right";
}

std::string_view handJointName(int joint) {
    static constexpr std::array<std::string_view, kHandJointCount> names{
        "wrist",      "thumb_cmc", "thumb_mcp", "thumb_ip",   "thumb_tip",  "index_mcp",
        "index_pip",  "index_dip", "index_tip", "middle_mcp", "middle_pip", "middle_dip",
        "middle_tip", "ring_mcp",  "ring_pip",  "ring_dip",   "ring_tip",   "pinky_mcp",
        "pinky_pip",  "pinky_dip", "pinky_tip"};
    if (joint < 0 || joint >= kHandJointCount)
        return "invalid";
    return names[static_cast<size_t>(joint)];
}

const std::array<std::pair<int, int>, 20> kHandBones{{
    {Wrist, ThumbCmc},  {ThumbCmc, ThumbMcp},   {ThumbMcp, ThumbIp},    {ThumbIp, ThumbTip},
    {Wrist, IndexMcp},  {IndexMcp, IndexPip},   {IndexPip, IndexDip},   {IndexDip, IndexTip},
    {Wrist, MiddleMcp}, {MiddleMcp, MiddlePip}, {MiddlePip, MiddleDip}, {MiddleDip, MiddleTip},
    {Wrist, RingMcp},   {RingMcp, RingPip},     {RingPip, RingDip},     {RingDip, RingTip},
    {Wrist, PinkyMcp},  {PinkyMcp, PinkyPip},   {PinkyPip, PinkyDip},   {PinkyDip, PinkyTip},
}};

} // namespace ts::core
