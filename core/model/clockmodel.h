// The mapping of one stream's raw clock onto the episode timeline (the RGB camera clock):
// t = t_raw + offset + drift * (t_raw - t0), with how it was obtained and how sure we are.
#pragma once

#include "model/time.h"

#include <cmath>
#include <string>

namespace ts::core {

struct ClockModel {
    TimeNs offsetNs = 0;
    double drift = 0.0;              // dimensionless rate error (20 ppm = 20e-6)
    TimeNs t0Ns = 0;                 // raw time at which the drift term is zero
    std::string method = "identity"; // identity | file | estimated | manual
    double confidence = 1.0;         // 0 = cannot tell, 1 = certain
    double residualNs = 0.0;         // RMS misfit of the evidence after alignment
    std::string author;              // user name, or "touchstone" for the engine

    // The same raw → timeline mapping (how it was obtained, and by whom, aside).
    bool sameMapping(const ClockModel& o) const {
        return offsetNs == o.offsetNs && drift == o.drift && t0Ns == o.t0Ns;
    }

    // The same mapping as a person sets it (method "manual"): they vouch for it, so sync keeps
    // it and QC passes it (confidence 1, no residual). No author: the store names the user who
    // stores it (an estimate's "touchstone" would otherwise stay).
    ClockModel setByHand() const {
        ClockModel m = *this;
        m.method = "manual";
        m.confidence = 1.0;
        m.residualNs = 0.0;
        m.author.clear();
        return m;
    }

    TimeNs toTimeline(TimeNs raw) const {
        return raw + offsetNs +
               static_cast<TimeNs>(std::llround(drift * static_cast<double>(raw - t0Ns)));
    }
    // Exact inverse up to rounding (the drift term is tiny).
    TimeNs toRaw(TimeNs timeline) const {
        double r = (static_cast<double>(timeline - offsetNs) + drift * static_cast<double>(t0Ns)) /
                   (1.0 + drift);
        return static_cast<TimeNs>(std::llround(r));
    }
};

} // namespace ts::core
