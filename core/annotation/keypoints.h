// Corrections of hand keypoints: a corrected position of one joint of one hand in one sample
// of the hands stream, stored beside the raw data (which is never overwritten), and the
// effective joints at a time (raw with the corrections applied). Interpolation fills the
// samples between two corrected ones of a joint with the correction offsets blended linearly.
// Every edit commits at once and returns its Edit (edit.h). Thread ownership: the store's thread.
#pragma once

#include "annotation/edit.h"
#include "annotation/episodetiming.h"

#include <array>
#include <string>
#include <vector>

namespace ts::core::annotation {

struct KeypointCorrection {
    int64_t id = 0;
    std::string episode;
    std::string stream; // the hands stream
    TimeNs rawNs = 0;   // the corrected sample's time on the stream's raw clock
    Hand hand = Hand::Right;
    int joint = 0; // canonical order (model/handjoints.h)
    Vec3 position{}; // device frame, metres, like the raw joints
    std::string author;
    std::string createdAt;
};

std::vector<KeypointCorrection> keypointCorrections(ProjectStore& store, const std::string& episode);

// Sets (adds or replaces) the correction of one joint in the sample of `hand` at rawNs, which
// must be a sample of the episode's hands stream (streams loaded by EpisodeStreams::load).
Edit correctKeypoint(ProjectStore& store, const std::string& actor, const std::string& episode,
                     const EpisodeStreams& streams, Hand hand, int joint, TimeNs rawNs,
                     const Vec3& position);
Edit deleteKeypointCorrection(ProjectStore& store, const std::string& actor, int64_t id);
// Corrects `joint` of `hand` in every sample strictly between the corrected samples at fromRaw
// and toRaw (both must have a correction of that joint), blending their offsets from the raw
// position linearly in time. One edit.
Edit interpolateCorrections(ProjectStore& store, const std::string& actor,
                            const std::string& episode, const EpisodeStreams& streams, Hand hand,
                            int joint, TimeNs fromRaw, TimeNs toRaw);

struct EffectiveHand {
    Hand hand = Hand::Right;
    TimeNs tNs = 0;   // the sample's time on the timeline
    TimeNs rawNs = 0; // and on the stream's clock
    double confidence = 0;
    std::array<Vec3, kHandJointCount> joints{};
    std::array<bool, kHandJointCount> corrected{};
};

// For each hand, its sample nearest to timeline time t (within maxDistanceNs) with the
// corrections applied. Pure; corrections as returned by keypointCorrections().
std::vector<EffectiveHand> effectiveHandsAt(const EpisodeStreams& streams,
                                            const std::vector<KeypointCorrection>& corrections,
                                            TimeNs t, TimeNs maxDistanceNs = 50 * kNsPerMs);

} // namespace ts::core::annotation
