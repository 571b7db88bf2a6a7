#include "io/importers/egodexjoints.h"

namespace ts::core::importers {

const std::array<std::string_view, kEgoDexHandJointCount> kEgoDexHandJoints{
    "Hand",
    "ThumbKnuckle",
    "ThumbIntermediateBase",
    "ThumbIntermediateTip",
    "ThumbTip",
    "IndexFingerMetacarpal",
    "IndexFingerKnuckle",
    "IndexFingerIntermediateBase",
    "IndexFingerIntermediateTip",
    "IndexFingerTip",
    "MiddleFingerMetacarpal",
    "MiddleFingerKnuckle",
    "MiddleFingerIntermediateBase",
    "MiddleFingerIntermediateTip",
    "MiddleFingerTip",
    "RingFingerMetacarpal",
    "RingFingerKnuckle",
    "RingFingerIntermediateBase",
    "RingFingerIntermediateTip",
    "RingFingerTip",
    "LittleFingerMetacarpal",
    "LittleFingerKnuckle",
    "LittleFingerIntermediateBase",
    "LittleFingerIntermediateTip",
    "LittleFingerTip",
};

const std::array<std::string_view, kHandJointCount> kEgoDexToCanonical{
    "Hand", // 0 wrist
    "ThumbKnuckle",
    "ThumbIntermediateBase",
    "ThumbIntermediateTip", // 1-3 thumb CMC, MCP, IP
    "ThumbTip",             // 4
    "IndexFingerKnuckle",
    "IndexFingerIntermediateBase", // 5-6 index MCP, PIP
    "IndexFingerIntermediateTip",
    "IndexFingerTip", // 7-8 DIP, tip
    "MiddleFingerKnuckle",
    "MiddleFingerIntermediateBase", // 9-10
    "MiddleFingerIntermediateTip",
    "MiddleFingerTip", // 11-12
    "RingFingerKnuckle",
    "RingFingerIntermediateBase", // 13-14
    "RingFingerIntermediateTip",
    "RingFingerTip", // 15-16
    "LittleFingerKnuckle",
    "LittleFingerIntermediateBase", // 17-18 pinky
    "LittleFingerIntermediateTip",
    "LittleFingerTip", // 19-20
};

std::string egoDexJointName(Hand hand, std::string_view suffix) {
    return std::string(handName(hand)) + std::string(suffix);
}

} // namespace ts::core::importers
