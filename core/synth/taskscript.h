// The scripted manipulation task of a synthetic episode: the right hand reaches for a box,
// grasps it, lifts it, lets it slip, regrasps, recovers, puts it back and returns, while the
// left hand steadies itself on the table. It gives world-frame hand joints, the box pose,
// fingertip forces and the true contact and event intervals, all as functions of time.
#pragma once

#include "synth/handskeleton.h"
#include "synth/track.h"

#include <string>
#include <vector>

namespace ts::core::synth {

class TaskScript {
public:
    // periodSeconds: the task repeats with this period (10 s in a normal episode).
    explicit TaskScript(double periodSeconds);

    // t: seconds since the start of the timeline. World frame: table top z = 0, z up.
    HandJoints joints(Hand hand, double t) const;
    Eigen::Vector3d objectCentre(double t) const; // the box never rotates
    static Eigen::Vector3d objectSize();          // x, y, z extents, metres
    double force(Hand hand, int finger, double t) const; // noise-free normal force, newtons

    struct Interval {
        std::string kind; // contact | slip | regrasp | recovery
        Hand hand = Hand::Right;
        int finger = -1;  // 0..4 thumb..pinky for contacts
        double start = 0, end = 0; // seconds since the start of the timeline
    };
    // Every interval of an episode of the given length, clipped to it, in start order.
    std::vector<Interval> contacts(double duration) const;
    std::vector<Interval> events(double duration) const;

    const HandSkeleton& skeleton(Hand hand) const;
    double slipDistance() const { return kSlip; }

private:
    static constexpr double kSlip = 0.015; // how far the box slides down in the hand, metres

    struct HandTracks {
        Track<Pose> wrist;
        std::array<Track<Eigen::Vector2d>, 5> fingers;
        std::array<Track<double>, 5> force;
    };
    double scriptTime(double t) const; // the time within one 10-unit script loop
    std::vector<Interval> repeat(const std::vector<Interval>& once, double duration) const;
    void buildRight();
    void buildLeft();

    double period_;
    HandSkeleton right_{Hand::Right}, left_{Hand::Left};
    HandTracks rightTracks_, leftTracks_;
    Eigen::Vector3d graspOffset_; // right wrist minus box centre while held, before the slip
    std::vector<Interval> contactsOnce_, eventsOnce_;
};

} // namespace ts::core::synth
