// Project Aria MPS hand landmarks and their mapping onto the canonical 21-joint hand
// (model/handjoints.h). Aria lists the five fingertips first, the wrist at 5, two thumb joints,
// three joints per finger and the palm centre at 20; it has no thumb CMC. The table below is the
// contract (docs/importers.md) and is checked by tests.
#pragma once

#include "model/series.h"

#include <array>
#include <string_view>

namespace ts::core::importers {

// Aria's landmark indices (projectaria_tools mps::HandLandmark).
enum AriaLandmark : int {
    AriaThumbTip = 0,
    AriaIndexTip = 1,
    AriaMiddleTip = 2,
    AriaRingTip = 3,
    AriaPinkyTip = 4,
    AriaWrist = 5,
    AriaThumbIntermediate = 6, // the thumb's MCP joint
    AriaThumbDistal = 7,       // the thumb's IP joint
    AriaIndexProximal = 8,     // MCP
    AriaIndexIntermediate = 9, // PIP
    AriaIndexDistal = 10,      // DIP
    AriaMiddleProximal = 11,
    AriaMiddleIntermediate = 12,
    AriaMiddleDistal = 13,
    AriaRingProximal = 14,
    AriaRingIntermediate = 15,
    AriaRingDistal = 16,
    AriaPinkyProximal = 17,
    AriaPinkyIntermediate = 18,
    AriaPinkyDistal = 19,
    AriaPalmCenter = 20,
};
constexpr int kAriaLandmarkCount = 21;

std::string_view ariaLandmarkName(int landmark);

// For each canonical joint, the Aria landmark it is copied from, or -1 when it is derived
// (only the thumb CMC, which Aria does not track).
extern const std::array<int, kHandJointCount> kAriaToCanonical;

// Aria has no thumb CMC. It is placed on the segment from the wrist to the thumb MCP at this
// fraction, which is where MediaPipe's CMC sits on average (its wrist→CMC and CMC→MCP bones are
// of about equal length); docs/importers.md says why and what it costs.
constexpr double kThumbCmcFraction = 0.5;

// Maps one hand's 21 Aria landmarks (device frame, metres) onto the canonical order. The palm
// centre is dropped (the canonical hand has no such joint; the importer keeps it in the
// Aria hand table beside the bundle).
std::array<Vec3, kHandJointCount> ariaToCanonical(const std::array<Vec3, kAriaLandmarkCount>& aria);

} // namespace ts::core::importers
