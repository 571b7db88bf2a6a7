// EgoDex (Apple Vision Pro / ARKit hand skeleton) joint names and their mapping onto the
// canonical 21-joint hand. EgoDex tracks 25 joints per hand: the wrist ("hand"), four thumb
// joints from the CMC ("ThumbKnuckle") to the tip, and five joints per finger from the
// metacarpal base to the tip. The canonical hand drops the four finger metacarpal bases.
#pragma once

#include "model/handjoints.h"

#include <array>
#include <string>
#include <string_view>

namespace ts::core::importers {

constexpr int kEgoDexHandJointCount = 25;

// The 25 per-hand names without the "left"/"right" prefix, wrist first ("Hand").
extern const std::array<std::string_view, kEgoDexHandJointCount> kEgoDexHandJoints;

// For each canonical joint, the EgoDex name (without side prefix) it is copied from.
extern const std::array<std::string_view, kHandJointCount> kEgoDexToCanonical;

// "left" + "IndexFingerKnuckle" → "leftIndexFingerKnuckle"; the wrist is "leftHand".
std::string egoDexJointName(Hand hand, std::string_view suffix);

} // namespace ts::core::importers
