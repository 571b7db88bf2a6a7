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
    double searchRadiusM = 0.05; // surface points this close to a tip are considered
    double handMarginM = 0.0115; // points this close to a bone of either hand are the hand
    // The fingertip joint sits inside the finger: a touching tip is about one pad radius from
    // the surface (7 mm for an adult index finger). Contact starts below radius + onM and
    // ends above radius + offM (hysteresis against depth noise).
    double tipRadiusM = 0.007;
    double onM = 0.0004;
    double offM = 0.0015;
    double skinM = 0.002; // distances below tipRadius − skin are unknown (unmasked skin)
    int minPoints = 8;    // fewer surface points: distance unknown
    // A tip is hidden when a surface that is not a hand lies nearer the camera than the tip by
    // more than hiddenMarginM (and less than hiddenMaxM), within hiddenWindowPx of the tip's
    // pixel: the face it may touch is then unseen, and the distance to what is seen near it
    // says nothing about contact.
    double hiddenMarginM = 0.015;
    double hiddenMaxM = 0.15;
    int hiddenWindowPx = 3;
    // A hidden tip is taken as touching once its finger, closing, comes to rest in the palm
    // frame (moves less than restSpeedMps); the contact ends when it opens again.
    double restSpeedMps = 0.015;
};

// What one depth frame says about one fingertip.
struct FingertipObservation {
    // Joint to the seen surface's plane (metres); nullopt when too few surface points are near
    // or the tip is hidden.
    std::optional<double> distanceM;
    bool hidden = false; // a non-hand surface hides the tip from the camera
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

// Like fingertipDistances, with the hidden test; distanceM is nullopt for hidden tips.
std::array<FingertipObservation, 5> observeFingertips(const float* xyz,
                                                      const BackProjector& projector,
                                                      const Joints3& hand, const Joints3* other,
                                                      const ContactSettings& settings = {});

struct ContactInterval {
    Hand hand = Hand::Right;
    int finger = 0;
    TimeNs startNs = 0, endNs = 0; // [start, end) on the timeline
};

// Contact intervals from a per-frame distance series of one fingertip (times increasing,
// nullopt = unknown, which neither starts nor ends a contact): the seen-surface rules of
// contactIntervals(const ContactSignal&, …) in contactsignal.h, sub-frame onsets included.
std::vector<ContactInterval> contactIntervals(Hand hand, int finger,
                                              const std::vector<TimeNs>& times,
                                              const std::vector<std::optional<double>>& distance,
                                              const ContactSettings& settings = {});

} // namespace ts::core::recon
