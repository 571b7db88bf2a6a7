// The continuous fingertip-contact signal of an episode on the camera clock (the timeline): per
// depth frame and fingertip, the skin-to-surface gap measured against the depth, whether the
// tip is hidden behind a surface, the tip in its palm frame, and a contact probability; and
// contact intervals from it with onsets interpolated between frames. The sync engine
// correlates it with force (force-clock estimation); annotators get contact events from it.
//
// API contract (stable; docs/recon.md "Contact signal"):
// - ContactSignal::times are the depth frames' timeline times, increasing; every track of
//   every fingertip has exactly one entry per time.
// - gapM = tip-joint-to-surface distance − pad radius (≈ 0 touching, > 0 apart); nullopt when
//   the hand is not seen at that time, too few surface points lie near the tip, or the tip is
//   hidden (then the surface it may touch is unseen).
// - probability in [0, 1]; NaN when nothing is known (no hand, or neither a gap nor a hidden
//   tip with palm-frame motion).
//
// Threads: computeContactSignal() runs on the calling thread (a worker) and owns its sources;
// a finished ContactSignal is a plain value, any thread may read it.
#pragma once

#include "recon/episodesources.h"
#include "recon/fingertipcontact.h"
#include "recon/handsinworld.h"

#include <Eigen/Core>

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ts::core::recon {

// One fingertip over the depth frames of an episode.
struct FingertipTrack {
    std::vector<std::optional<double>> gapM;
    std::vector<uint8_t> hidden; // 1: a non-hand surface hides the tip
    // The tip in the palm frame (origin the palm's centre, x along wrist → index knuckle, z
    // normal to the palm); nullopt when the hand is not seen. Its motion tells a finger closing on an object
    // from one at rest, where the depth cannot see the surface.
    std::vector<std::optional<Eigen::Vector3f>> palmTip;
    std::vector<float> probability;
};

struct ContactSignal {
    std::vector<TimeNs> times; // timeline (camera clock)
    std::array<FingertipTrack, 10> tracks; // hand * 5 + finger (Left = 0, Right = 1)

    FingertipTrack& track(Hand h, int finger) {
        return tracks[static_cast<size_t>(static_cast<int>(h) * 5 + finger)];
    }
    const FingertipTrack& track(Hand h, int finger) const {
        return tracks[static_cast<size_t>(static_cast<int>(h) * 5 + finger)];
    }
    // Probability at any timeline time, linear between frames; NaN outside the frames or where
    // either neighbour is unknown.
    double probabilityAt(Hand h, int finger, TimeNs t) const;
};

// Per depth frame: back-projection, the hands at the frame's time (masked from the surface),
// observeFingertips() and the palm-frame tips; then probabilities from contactIntervals().
// `progress` gets the fraction done; `cancel` is polled per frame (throws Error "cancelled").
// Throws Error naming the file and frame for undecodable depth (EpisodeSources).
ContactSignal computeContactSignal(EpisodeSources& sources, const HandsInWorld& hands,
                                   const ContactSettings& settings = {},
                                   const std::atomic<bool>* cancel = nullptr,
                                   const std::function<void(double)>& progress = {});

// Appends one frame at timeline time t: per hand (Left, Right) its device-frame joints
// (nullopt: not seen) and what observeFingertips() found. computeContactSignal() is this per
// frame; it is public for callers that already hold back-projected frames.
void appendContactFrame(ContactSignal& signal, TimeNs t,
                        const std::array<std::optional<Joints3>, 2>& joints,
                        const std::array<std::array<FingertipObservation, 5>, 2>& observed,
                        const ContactSettings& settings = {});

// Contact intervals of one fingertip. Seen surface: starts when the gap falls below onM, ends
// above offM (hysteresis). Hidden tip: starts when the finger, after closing, comes to rest in
// the palm frame; ends when it opens again. Onsets are interpolated between frames: an
// approach that brakes to a stop has its remaining distance quadratic in time, so the square
// root of (gap − contact gap) is fitted as a line and its zero crossing is the onset.
std::vector<ContactInterval> contactIntervals(const ContactSignal& signal, Hand hand, int finger,
                                              const ContactSettings& settings = {});

// Fills every track's probability from the gaps and the intervals (computeContactSignal does).
void updateContactProbabilities(ContactSignal& signal, const ContactSettings& settings = {});

} // namespace ts::core::recon
