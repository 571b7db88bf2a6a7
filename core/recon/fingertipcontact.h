// Fingertip contact from geometry: how far each fingertip is from the reconstructed surface
// (the depth frame's points that do not belong to either hand), and contact intervals from
// that distance with hysteresis. A signal that the sync engine (force onsets against contact
// onsets) and the annotators (contact events) can use.
//
// Pure functions on plain values; any thread.
#pragma once

#include "model/handjoints.h"
#include "recon/backprojector.h"
#include "recon/handsinworld.h"

#include <array>
#include <optional>
#include <vector>

namespace ts::core::recon {

struct ContactSettings {
    double searchRadiusM = 0.035; // surface points this close to a tip are considered
    double handMarginM = 0.013;   // points this close to a bone of either hand are the hand
    double onM = 0.0095;          // tip-to-surface distance below which contact starts
    double offM = 0.0125;         // … and above which it ends (hysteresis)
    int minPoints = 12;           // fewer surface points: distance unknown
};

// Distance (metres) of each fingertip (thumb..pinky) of `hand` to the surface seen in one
// depth frame; nullopt where too few surface points are near. Joints in the device frame at
// the depth frame's time; `other` is the other hand (masked too) when seen. The surface near
// the tip is fitted with a plane, so the skin that hides the surface under the tip does not
// hide the contact.
std::array<std::optional<double>, 5> fingertipDistances(const float* xyz,
                                                        const BackProjector& projector,
                                                        const Joints3& hand, const Joints3* other,
                                                        const ContactSettings& settings = {});

struct ContactInterval {
    Hand hand = Hand::Right;
    int finger = 0;
    TimeNs startNs = 0, endNs = 0; // [start, end) on the timeline
};

// Contact intervals from a per-frame distance series of one fingertip (times increasing,
// nullopt = unknown, which neither starts nor ends a contact).
std::vector<ContactInterval> contactIntervals(Hand hand, int finger,
                                              const std::vector<TimeNs>& times,
                                              const std::vector<std::optional<double>>& distance,
                                              const ContactSettings& settings = {});

} // namespace ts::core::recon
