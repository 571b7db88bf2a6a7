#include "synth/taskscript.h"

#include "util/error.h"

#include <cmath>

namespace ts::core::synth {

namespace {

// The script is written on a 10-unit loop; times below are in those units.
constexpr double kLoop = 10.0;
const Eigen::Vector3d kObjectHome(0.04, 0.04, 0.06); // box centre at rest on the table
constexpr double kPad = 0.007; // fingertip joint to skin surface: a touching tip sits this far out

Pose palmDownPose(const Eigen::Vector3d& p, const Eigen::Vector3d& forward) {
    const Eigen::Vector3d x = Eigen::Vector3d(forward.x(), forward.y(), 0).normalized();
    const Eigen::Vector3d z(0, 0, -1);
    Eigen::Matrix3d R;
    R.col(0) = x;
    R.col(1) = z.cross(x);
    R.col(2) = z;
    return Pose{p, Eigen::Quaterniond(R)};
}

FingerAngles solveAll(const HandSkeleton& hand, const Pose& wrist, const Eigen::Vector3d& n,
                      const std::array<double, 5>& c, bool fixReach,
                      const std::array<double, 5>& values) {
    FingerAngles a;
    for (size_t f = 0; f < 5; ++f) {
        const double residual =
            hand.solveTipOnPlane(static_cast<int>(f), wrist, n, c[f], fixReach, values[f], a[f]);
        if (residual > 1e-6) // a script geometry error, not a user error
            throw Error("synthetic task script: finger " + std::to_string(f) +
                        " cannot reach its target (" + std::to_string(residual) + " m)");
    }
    return a;
}

std::vector<TaskScript::Interval> positiveSpans(const Track<double>& force, Hand hand,
                                                int finger) {
    std::vector<TaskScript::Interval> out;
    const auto& k = force.keys();
    double start = -1;
    for (size_t i = 0; i + 1 < k.size(); ++i) {
        if (k[i].second == 0.0 && k[i + 1].second > 0.0)
            start = k[i].first;
        if (k[i].second > 0.0 && k[i + 1].second == 0.0 && start >= 0) {
            out.push_back({"contact", hand, finger, start, k[i + 1].first});
            start = -1;
        }
    }
    return out;
}

} // namespace

Eigen::Vector3d TaskScript::objectSize() { return {0.08, 0.06, 0.12}; }

TaskScript::TaskScript(double periodSeconds) : period_(periodSeconds) {
    buildRight();
    buildLeft();
    for (int f = 0; f < 5; ++f) {
        for (auto& iv : positiveSpans(rightTracks_.force[static_cast<size_t>(f)], Hand::Right, f))
            contactsOnce_.push_back(iv);
        for (auto& iv : positiveSpans(leftTracks_.force[static_cast<size_t>(f)], Hand::Left, f))
            contactsOnce_.push_back(iv);
    }
    eventsOnce_ = {{"slip", Hand::Right, -1, 4.8, 5.1},
                   {"regrasp", Hand::Right, -1, 5.1, 5.5},
                   {"recovery", Hand::Right, -1, 5.5, 6.2}};
}

void TaskScript::buildRight() {
    const HandSkeleton& h = right_;
    const Eigen::Vector3d size = objectSize();
    const Pose rest = palmDownPose({0.22, -0.14, 0.04}, {-0.26, 0.97, 0});
    // Over the box, fingers pointing away from the person: fingers close on the far face,
    // the thumb on the near face.
    const Pose grasp = palmDownPose(kObjectHome + Eigen::Vector3d(-0.004, -0.078, 0.09), {0, 1, 0});
    graspOffset_ = grasp.p - kObjectHome;
    Pose pregrasp = grasp;
    pregrasp.p += Eigen::Vector3d(0, -0.05, 0.06);

    const FingerAngles restAngles =
        solveAll(h, rest, {0, 0, 1}, {0.018, 0.018, 0.018, 0.018, 0.018}, true,
                 {0.04, 0.05, 0.05, 0.05, 0.045});
    const FingerAngles open{{{1.5, 0.05}, {0.15, 0.1}, {0.15, 0.1}, {0.15, 0.1}, {0.15, 0.1}}};
    const double farFace = kObjectHome.y() + size.y() / 2 + kPad;
    const double nearFace = kObjectHome.y() - size.y() / 2 - kPad;
    // Depth of each tip below its knuckle: lower for the long fingers, the pinky stays high.
    const FingerAngles contact =
        solveAll(h, grasp, {0, 1, 0}, {nearFace, farFace, farFace, farFace, farFace}, false,
                 {0.067, 0.065, 0.070, 0.065, 0.052});
    FingerAngles loosened; // ring and pinky let go during the slip
    for (size_t f = 0; f < 5; ++f)
        loosened[f] = contact[f] + 0.45 * (open[f] - contact[f]);

    Pose lifted = grasp;
    lifted.p.z() += 0.12;
    Pose sway = lifted;
    sway.p += Eigen::Vector3d(0.01, 0.005, 0.005);
    Pose compensate = sway;
    compensate.p.z() += 0.008;
    Pose place = grasp;
    place.p.z() += kSlip; // the box now hangs lower in the hand
    Pose retreat = place;
    retreat.p += Eigen::Vector3d(0, -0.05, 0.06);

    auto& w = rightTracks_.wrist;
    w.add(0, rest);
    w.hold(1.0);
    w.add(2.0, pregrasp);
    w.add(2.45, grasp);
    w.hold(3.2);
    w.add(4.2, lifted);
    w.add(4.8, sway);
    w.hold(5.1);
    w.add(5.5, compensate);
    w.hold(6.2);
    w.add(7.4, place);
    w.hold(7.8);
    w.add(8.2, retreat);
    w.add(9.0, rest);
    w.hold(kLoop);

    // Contact times are staggered thumb first; forces rise only once a tip has arrived.
    const std::array<double, 5> touch{2.55, 2.60, 2.63, 2.66, 2.69};
    const std::array<double, 5> grip{3.5, 3.0, 2.5, 1.8, 1.2};     // steady hold, newtons
    const std::array<double, 5> sliding{1.0, 0.9, 0.7, 0, 0};     // during the slip
    const std::array<double, 5> squeeze{6.0, 5.0, 4.0, 3.0, 2.0};  // after the regrasp
    const std::array<double, 5> settled{4.5, 4.0, 3.0, 2.2, 1.5};  // after the recovery
    const std::array<double, 5> reclose{0, 0, 0, 5.30, 5.33};
    for (size_t f = 0; f < 5; ++f) {
        auto& a = rightTracks_.fingers[f];
        auto& F = rightTracks_.force[f];
        a.add(0, restAngles[f]);
        a.hold(1.0);
        a.add(2.0, open[f]);
        a.hold(2.40);
        a.add(touch[f], contact[f]);
        F.add(0, 0.0);
        F.add(touch[f], 0.0);
        F.add(touch[f] + 0.3, grip[f]);
        F.add(4.8, grip[f]);
        if (f < 3) { // thumb, index, middle keep sliding contact through the slip
            F.add(4.95, sliding[f]);
            F.add(5.1, sliding[f]);
            F.add(5.4, squeeze[f]);
        } else { // ring and pinky lose contact, then re-close on the box
            a.hold(4.86);
            a.add(5.0, loosened[f]);
            a.hold(5.15);
            a.add(reclose[f], contact[f]);
            F.add(4.86, 0.0);
            F.add(reclose[f], 0.0);
            F.add(reclose[f] + 0.2, squeeze[f]);
        }
        F.add(5.6, squeeze[f]);
        F.add(6.2, settled[f]);
        F.add(7.3, settled[f]);
        F.add(7.55, 0.0);
        F.hold(kLoop);
        a.hold(7.55);
        a.add(7.85, open[f]);
        a.add(9.0, restAngles[f]);
        a.hold(kLoop);
    }
}

void TaskScript::buildLeft() {
    const HandSkeleton& h = left_;
    const Pose hover = palmDownPose({-0.21, -0.08, 0.045}, {0.26, 0.97, 0});
    Pose steady = hover;
    steady.p.z() = 0.036;
    const std::array<double, 5> reach{0.04, 0.05, 0.05, 0.05, 0.045};
    const FingerAngles hoverAngles =
        solveAll(h, hover, {0, 0, 1}, {0.02, 0.02, 0.02, 0.02, 0.02}, true, reach);
    const FingerAngles pressAngles =
        solveAll(h, steady, {0, 0, 1}, {kPad, kPad, kPad, kPad, kPad}, true, reach);
    const std::array<double, 5> level{0.6, 1.5, 1.8, 1.2, 0.8};

    auto& w = leftTracks_.wrist;
    w.add(0, hover);
    w.hold(1.2);
    w.add(1.6, steady);
    w.hold(8.6);
    w.add(9.0, hover);
    w.hold(kLoop);
    for (size_t f = 0; f < 5; ++f) {
        const double touch = 1.6 + 0.02 * static_cast<double>(f);
        auto& a = leftTracks_.fingers[f];
        auto& F = leftTracks_.force[f];
        a.add(0, hoverAngles[f]);
        a.hold(1.2);
        a.add(touch, pressAngles[f]);
        a.hold(8.6);
        a.add(9.0, hoverAngles[f]);
        a.hold(kLoop);
        F.add(0, 0.0);
        F.add(touch, 0.0);
        F.add(touch + 0.3, level[f]);
        F.add(3.2, level[f]);
        F.add(4.2, 1.3 * level[f]); // leans on the table while the right hand lifts
        F.add(7.4, 1.3 * level[f]);
        F.add(8.0, level[f]);
        F.add(8.4, level[f]);
        F.add(8.6, 0.0);
        F.hold(kLoop);
    }
}

double TaskScript::scriptTime(double t) const {
    const double k = std::floor(t / period_);
    return (t - k * period_) * (kLoop / period_);
}

const HandSkeleton& TaskScript::skeleton(Hand hand) const {
    return hand == Hand::Right ? right_ : left_;
}

HandJoints TaskScript::joints(Hand hand, double t) const {
    const double s = scriptTime(t);
    const HandTracks& tr = hand == Hand::Right ? rightTracks_ : leftTracks_;
    FingerAngles a;
    for (size_t f = 0; f < 5; ++f)
        a[f] = tr.fingers[f].at(s);
    return skeleton(hand).joints(tr.wrist.at(s), a);
}

Eigen::Vector3d TaskScript::objectCentre(double t) const {
    const double s = scriptTime(t);
    if (s <= 3.2 || s >= 7.4)
        return kObjectHome;
    const double slip = kSlip * smoothstep((s - 4.8) / 0.3);
    return rightTracks_.wrist.at(s).p - graspOffset_ - Eigen::Vector3d(0, 0, slip);
}

double TaskScript::force(Hand hand, int finger, double t) const {
    const HandTracks& tr = hand == Hand::Right ? rightTracks_ : leftTracks_;
    return tr.force[static_cast<size_t>(finger)].at(scriptTime(t));
}

std::vector<TaskScript::Interval> TaskScript::repeat(const std::vector<Interval>& once,
                                                     double duration) const {
    std::vector<Interval> out;
    const double scale = period_ / kLoop;
    for (int k = 0; k * period_ < duration; ++k) {
        for (const auto& iv : once) {
            Interval c = iv;
            c.start = k * period_ + iv.start * scale;
            c.end = std::min(duration, k * period_ + iv.end * scale);
            if (c.start < duration)
                out.push_back(c);
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Interval& a, const Interval& b) { return a.start < b.start; });
    return out;
}

std::vector<TaskScript::Interval> TaskScript::contacts(double duration) const {
    return repeat(contactsOnce_, duration);
}

std::vector<TaskScript::Interval> TaskScript::events(double duration) const {
    return repeat(eventsOnce_, duration);
}

} // namespace ts::core::synth
