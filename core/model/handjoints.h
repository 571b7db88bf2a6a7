// The canonical 21-joint hand (MediaPipe order, DESIGN.md "Hands"): every importer maps onto it.
#pragma once

#include <array>
#include <string_view>
#include <utility>

namespace ts::core {

enum class Hand { Left = 0, Right = 1 };
std::string_view handName(Hand h); // "left" / "right"

constexpr int kHandJointCount = 21;

// 0 wrist; 1-4 thumb CMC, MCP, IP, tip; 5-8 index MCP, PIP, DIP, tip; 9-12 middle; 13-16 ring;
// 17-20 pinky.
enum HandJoint : int {
    Wrist = 0,
    ThumbCmc = 1,
    ThumbMcp = 2,
    ThumbIp = 3,
    ThumbTip = 4,
    IndexMcp = 5,
    IndexPip = 6,
    IndexDip = 7,
    IndexTip = 8,
    MiddleMcp = 9,
    MiddlePip = 10,
    MiddleDip = 11,
    MiddleTip = 12,
    RingMcp = 13,
    RingPip = 14,
    RingDip = 15,
    RingTip = 16,
    PinkyMcp = 17,
    PinkyPip = 18,
    PinkyDip = 19,
    PinkyTip = 20,
};

std::string_view handJointName(int joint); // "wrist", "thumb_cmc", ...

// The five fingertips in finger order thumb..pinky.
constexpr std::array<int, 5> kFingertips{ThumbTip, IndexTip, MiddleTip, RingTip, PinkyTip};
constexpr std::array<std::string_view, 5> kFingerNames{"thumb", "index", "middle", "ring", "pinky"};

// The 20 bones as (parent, child) joint pairs, for drawing and anatomy checks.
extern const std::array<std::pair<int, int>, 20> kHandBones;

} // namespace ts::core
