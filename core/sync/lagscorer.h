// How alike two timestamped 3-vector signals are at a given lag, the building block of the clock
// estimator: the sparser signal's samples against the denser one's mean over each sample's
// interval (box means from a running integral), optional per-sample weights (the signal's own,
// times robust weights), and a fit of offset + drift over every sample at once. Holds
// references to both signals, which must outlive it. One object per estimate; any thread.
#pragma once

#include "sync/signals.h"

#include <optional>
#include <vector>

namespace ts::core::sync {

// Similarity of ref(t) and other(t − lag) over ref times [a, b): 1 − Σ|d|² / Σ(|x|² + |y|²),
// with x sampled on the sparser signal and the denser one interpolated (its interpolation error
// is the smaller). Empty when too few samples pair up.
class LagScorer {
public:
    LagScorer(const VectorSignal& ref, const VectorSignal& other, bool removeMean);

    // A constant that the other signal carries on top of the reference (a gyro bias): it is
    // subtracted before comparing, because it would otherwise pull the best lag.
    void setOtherBias(const Vec3& b) { bias_ = b; }

    // Weights the sparse samples of ref range [a, b) by how well they match at `lag`
    // (Cauchy: 1 / (1 + (r / c)²), c = 2 × the median mismatch). A measured signal with bursts
    // of error (a visual rotation while a hand sweeps through the view) then pulls the lag
    // by its good stretches. The weights depend on |mismatch| only, so they do not favour a
    // side of the lag they were taken at.
    void setRobustWeights(double lag, double a, double b);

    // Mean of other(t − lag) − ref(t) over the pairs of ref range [a, b), or empty.
    std::optional<Vec3> meanDifference(double lag, double a, double b) const;

    std::optional<double> score(double lag, double a, double b, double minOverlap) const;

    // Offset and drift of the lag line lag(x) = o + d·(x − t0) (x on the other clock) fitted
    // to every sample of ref range [a, b) at once, from a start close to it: Gauss–Newton on
    // Σ w·|x − y|², the lag derivative of the dense signal's box mean being the difference of
    // its values at the two box ends over the box. Each sample weighs by its own evidence (how
    // steeply the signal changes there, and its prior weight), where a line through windowed
    // lags gives every window the same say. robust: Cauchy weights from each block's own median
    // mismatch, re-taken at every step, so that bursts of error count less wherever the line
    // goes. Empty when too few samples pair up.
    struct JointLine {
        double offset = 0, drift = 0;
        size_t samples = 0;
    };
    std::optional<JointLine> fitJoint(double o, double d, double t0, double a, double b,
                                      bool robust, double block, int iterations) const;

private:
    // Calls f(x, y) for each sample x of the sparse signal whose time maps into ref range
    // [a, b) and lies inside the dense signal, y being the dense signal there (bias removed).
    template <typename F> void forPairs(double lag, double a, double b, F&& f, size_t* total) const;

    // The dense signal averaged over one sparse interval around t. Comparing box means rather
    // than point values matters twice: a pose-derived rate is itself the mean over its interval,
    // and point interpolation lets the dense signal's white noise weigh differently at
    // on-sample and between-sample lags, which pulls the optimum to a sub-sample phase.
    Vec3 boxMean(const VectorSignal& d, double t, size_t* hint, double box) const;

    Vec3 integralAt(const VectorSignal& d, double t) const;

    const VectorSignal& sparse() const { return refSparse_ ? ref_ : other_; }
    const VectorSignal& dense() const { return refSparse_ ? other_ : ref_; }
    // The interval sparse sample i averages over: its own where the signal says (a frame pair
    // spanning a dropped frame is a mean over twice the period), else the mean period.
    double boxOf(size_t i) const {
        const VectorSignal& s = sparse();
        return s.interval.size() == s.size() ? static_cast<double>(s.interval[i]) : box_;
    }
    // The sample's prior trust (the signal's own weights) times its robust weight.
    double weightOf(size_t i) const {
        const VectorSignal& s = sparse();
        const double prior = s.weight.size() == s.size() ? s.weight[i] : 1.0;
        return weight_.empty() ? prior : prior * weight_[i];
    }
    static double spanOf(const VectorSignal& s) {
        return s.size() < 2 ? 1.0 : static_cast<double>(s.t.back() - s.t.front());
    }
    const VectorSignal& ref_;
    const VectorSignal& other_;
    bool removeMean_;
    bool refSparse_ = true;
    Vec3 bias_{0, 0, 0};
    std::vector<double> weight_;   // per sparse sample; empty: all 1
    double box_ = 0;               // the sparse signal's mean interval, ns
    std::vector<Vec3> cum_;        // running integral of the dense signal (signal·ns)
    double bucket_ = 1;            // the dense signal's mean interval, ns
    double perBucket_ = 1;         // 1 / bucket_
    std::vector<size_t> atBucket_; // last dense sample at or before t0 + k·bucket_
};

} // namespace ts::core::sync
