#include "sync/fingerpaths.h"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace ts::core::sync::fingerpaths {

namespace {
constexpr double kNs = 1e9;
constexpr std::array<int, 6> kPalmJoints{0, 1, 5, 9, 13, 17}; // rigid in the hand
// M x = B for a symmetric positive definite M that is zero beyond two off the diagonal (the
// pooled path's normal equations: linear interpolation and second differences), by Cholesky
// within the band: O(n) where a dense factorisation is O(n³) (2 500 of them on ten minutes).
// M is given by its lower band, M(i, d) = M[i, i − d] for d = 0, 1, 2 (n × 3: the normal
// equations are summed and differenced per event, and a dense n × n for each cost more than
// the solve). Falls back to a dense LDLT should M not be positive definite.
Eigen::MatrixXd solvePentadiagonal(const Eigen::MatrixXd& M, const Eigen::MatrixXd& B) {
    const Eigen::Index n = M.rows();
    Eigen::MatrixXd L = Eigen::MatrixXd::Zero(n, 3); // L(i, d) = factor (i, i − d)
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index d = std::min<Eigen::Index>(2, i); d >= 0; --d) {
            const Eigen::Index j = i - d;
            double sum = M(i, d);
            for (Eigen::Index k = std::max<Eigen::Index>(0, i - 2); k < j; ++k)
                sum -= L(i, i - k) * L(j, j - k);
            if (d == 0) {
                if (sum <= 0) {
                    Eigen::MatrixXd dense = Eigen::MatrixXd::Zero(n, n); // lower triangle
                    for (Eigen::Index r = 0; r < n; ++r)
                        for (Eigen::Index e = 0; e <= std::min<Eigen::Index>(2, r); ++e)
                            dense(r, r - e) = M(r, e);
                    return dense.ldlt().solve(B);
                }
                L(i, 0) = std::sqrt(sum);
            } else {
                L(i, d) = sum / L(j, 0);
            }
        }
    Eigen::MatrixXd x = B;
    for (Eigen::Index i = 0; i < n; ++i) { // L y = B
        for (Eigen::Index k = std::max<Eigen::Index>(0, i - 2); k < i; ++k)
            x.row(i) -= L(i, i - k) * x.row(k);
        x.row(i) /= L(i, 0);
    }
    for (Eigen::Index i = n - 1; i >= 0; --i) { // Lᵀ x = y
        for (Eigen::Index k = i + 1; k <= std::min<Eigen::Index>(n - 1, i + 2); ++k)
            x.row(i) -= L(k, k - i) * x.row(k);
        x.row(i) /= L(i, 0);
    }
    return x;
}

// How long before an arrival (after a departure) the pooled path `g` (nodes × 3, node k at
// −halfWidth + k·step from the event) has covered 95 % of its travel from its rest 50 ms on
// the resting side: where the move toward the event began, but for its slow start;
// halfWidthNs when the path does not move.
double moveExtent(const Eigen::MatrixXd& g, bool onset, double halfWidthNs, double stepNs) {
    const auto nodes = static_cast<int>(g.rows());
    auto node = [&](double tau) {
        return std::clamp(static_cast<int>(std::lround((tau + halfWidthNs) / stepNs)), 0,
                          nodes - 1);
    };
    const int dir = onset ? -1 : 1; // towards the moving side
    const Eigen::RowVector3d rest = g.row(node(-dir * 50e6));
    double travel = 0;
    for (int k = node(0); k >= 0 && k < nodes; k += dir)
        travel = std::max(travel, (g.row(k) - rest).norm());
    if (travel <= 0)
        return halfWidthNs;
    for (int k = node(0); k >= 0 && k < nodes; k += dir)
        if ((g.row(k) - rest).norm() >= 0.95 * travel)
            return std::abs(-halfWidthNs + k * stepNs);
    return halfWidthNs;
}

} // namespace

FingerTracks fingerTracks(const std::vector<HandSample>& all, Hand hand, TimeNs palmSmoothNs) {
    FingerTracks tr;
    std::vector<const HandSample*> hs;
    for (const HandSample& h : all)
        if (h.hand == hand)
            hs.push_back(&h);
    std::stable_sort(hs.begin(), hs.end(),
                     [](const HandSample* a, const HandSample* b) { return a->tNs < b->tNs; });
    if (hs.empty())
        return tr;
    auto joint = [](const HandSample& h, int j) {
        const Vec3& v = h.joints[static_cast<size_t>(j)];
        return Eigen::Vector3d(v[0], v[1], v[2]);
    };
    // The palm of the first sample is the template each sample's palm is rotated onto.
    std::array<Eigen::Vector3d, 6> tmpl;
    Eigen::Vector3d c0 = Eigen::Vector3d::Zero();
    for (size_t k = 0; k < 6; ++k)
        c0 += tmpl[k] = joint(*hs.front(), kPalmJoints[k]);
    c0 /= 6;
    for (auto& p : tmpl)
        p -= c0;
    // Per sample the palm's centroid and its cross-covariance with the template.
    std::vector<const HandSample*> kept;
    std::vector<Eigen::Vector3d> centroid;
    std::vector<Eigen::Matrix3d> cross;
    kept.reserve(hs.size());
    centroid.reserve(hs.size());
    cross.reserve(hs.size());
    for (const HandSample* h : hs) {
        if (!kept.empty() && h->tNs <= kept.back()->tNs)
            continue; // duplicate time: keep the first
        std::array<Eigen::Vector3d, 6> q;
        Eigen::Vector3d c = Eigen::Vector3d::Zero();
        for (size_t k = 0; k < 6; ++k)
            c += q[k] = joint(*h, kPalmJoints[k]);
        c /= 6;
        Eigen::Matrix3d H = Eigen::Matrix3d::Zero();
        for (size_t k = 0; k < 6; ++k)
            H += tmpl[k] * (q[k] - c).transpose();
        kept.push_back(h);
        centroid.push_back(c);
        cross.push_back(H);
    }
    // The palm's rotation from the samples within ±palmSmoothNs (one Kabsch over all of their
    // palms): a rotation from one sample's six joints is noisy, and that noise, levered out
    // to the fingertip, was the larger part of a fingertip's noise in the palm frame.
    size_t lo = 0, hi = 0;
    Eigen::Matrix3d window = Eigen::Matrix3d::Zero();
    tr.t.reserve(kept.size());
    tr.palm.reserve(kept.size());
    for (auto& tip : tr.tip)
        tip.reserve(kept.size());
    for (size_t i = 0; i < kept.size(); ++i) {
        const TimeNs ti = kept[i]->tNs;
        while (hi < kept.size() && kept[hi]->tNs <= ti + palmSmoothNs)
            window += cross[hi++];
        while (kept[lo]->tNs < ti - palmSmoothNs)
            window -= cross[lo++];
        const Eigen::JacobiSVD<Eigen::Matrix3d> svd(window,
                                                    Eigen::ComputeFullU | Eigen::ComputeFullV);
        Eigen::Matrix3d D = Eigen::Matrix3d::Identity();
        D(2, 2) = (svd.matrixV() * svd.matrixU().transpose()).determinant() < 0 ? -1 : 1;
        const Eigen::Matrix3d R = svd.matrixV() * D * svd.matrixU().transpose(); // q ≈ R·tmpl
        tr.t.push_back(static_cast<double>(ti));
        tr.palm.push_back(R);
        for (size_t f = 0; f < 5; ++f)
            tr.tip[f].push_back(R.transpose() * (joint(*kept[i], kFingertips[f]) - centroid[i]));
    }
    for (size_t f = 0; f < 5; ++f) {
        auto& I = tr.speedIntegral[f];
        I.assign(tr.t.size(), 0.0);
        for (size_t i = 1; i < tr.t.size(); ++i)
            I[i] = I[i - 1] + (tr.tip[f][i] - tr.tip[f][i - 1]).norm();
    }
    return tr;
}

std::pair<double, double> footWindow(double guess, bool onset, const ForceContactOptions& o) {
    const double moving = static_cast<double>(o.handMovingNs);
    const double rest = static_cast<double>(o.handRestNs);
    const double search = static_cast<double>(o.handSearchNs);
    return onset ? std::pair(guess - search - moving, guess + search + rest)
                 : std::pair(guess - search - rest, guess + search + moving);
}

double footOfMove(const std::vector<double>& ts, const std::vector<Eigen::Vector3d>& ps,
                  double guess, bool onset, const ForceContactOptions& o, double* travel,
                  double* standardError) {
    const double moving = static_cast<double>(o.handMovingNs);
    const double search = static_cast<double>(o.handSearchNs);
    if (ts.size() < 8)
        return std::numeric_limits<double>::quiet_NaN();
    // Every sample has the basis 1; only those on the moving side (τ > 0) add τ² and τ³. So
    // Σ p and Σ |p|² are taken once, and each trial time visits just the moving side (ts is
    // ascending: a prefix before an arrival, a suffix after a departure), adding moments of τ
    // by hand rather than 3 × 3 outer products: the pooled fits of ten minutes visit a
    // thousand samples some 900 times per kind.
    Eigen::RowVector3d sumP = Eigen::RowVector3d::Zero();
    double yy = 0;
    for (const Eigen::Vector3d& p : ps) {
        sumP += p.transpose();
        yy += p.squaredNorm();
    }
    const auto n = static_cast<double>(ts.size());
    Eigen::Matrix3d coefAt;
    auto cost = [&](double te, Eigen::Vector3d* disp) {
        const auto split =
            static_cast<size_t>(std::lower_bound(ts.begin(), ts.end(), te) - ts.begin());
        const size_t b0 = onset ? 0 : split, b1 = onset ? split : ts.size();
        TauMoments mom;
        Eigen::RowVector3d p2 = Eigen::RowVector3d::Zero(), p3 = Eigen::RowVector3d::Zero();
        for (size_t i = b0; i < b1; ++i) {
            const double tau = (onset ? te - ts[i] : ts[i] - te) / kNs;
            const double t2 = tau * tau, t3 = t2 * tau;
            mom.add(t2, t3);
            p2 += t2 * ps[i].transpose();
            p3 += t3 * ps[i].transpose();
        }
        const Eigen::Matrix3d A = mom.normal(n);
        Eigen::Matrix3d B;
        B << sumP, p2, p3;
        const Eigen::Matrix3d coef = A.ldlt().solve(B);
        if (disp) {
            coefAt = coef;
            const double tm = moving / kNs;
            *disp = (coef.row(1) * tm * tm + coef.row(2) * tm * tm * tm).transpose();
        }
        return std::max(0.0, yy - coef.cwiseProduct(B).sum());
    };
    const double te = gridThenGolden(guess - search, guess + search, 2e6, 25,
                                     [&](double x) { return cost(x, nullptr); });
    Eigen::Vector3d disp;
    const double rss = cost(te, &disp);
    *travel = disp.norm();
    if (standardError) {
        // The time's Cramér–Rao standard error with the rest position and the shape free, σ²
        // from the fit's residual.
        std::vector<double> tau(ts.size());
        for (size_t i = 0; i < ts.size(); ++i)
            tau[i] = (onset ? te - ts[i] : ts[i] - te) / kNs;
        const double sigma2 = rss / std::max(1.0, 3 * n - 10);
        const double variance = footTimeVariance(tau, coefAt) * sigma2;
        *standardError = variance > 0 && std::isfinite(variance)
                             ? std::sqrt(variance) * kNs
                             : std::numeric_limits<double>::quiet_NaN(); // a singular fit
    }
    if (te <= guess - search + 1e6 || te >= guess + search - 1e6)
        return std::numeric_limits<double>::quiet_NaN(); // no minimum inside the range
    return te;
}

double footTimeVariance(const std::vector<double>& tau, const Eigen::Matrix3d& coef) {
    // Fisher information of (time, p, c2, c3 per axis); the time's derivative is the move's
    // speed, zero at rest.
    Eigen::Matrix<double, 10, 10> info = Eigen::Matrix<double, 10, 10>::Zero();
    for (const double t : tau) {
        const double u = std::max(0.0, t);
        for (int a = 0; a < 3; ++a) {
            Eigen::Matrix<double, 10, 1> g = Eigen::Matrix<double, 10, 1>::Zero();
            g(0) = -(2 * coef(1, a) * u + 3 * coef(2, a) * u * u);
            g(1 + a) = 1;
            g(4 + a) = u * u;
            g(7 + a) = u * u * u;
            info += g * g.transpose();
        }
    }
    return info.inverse()(0, 0);
}

double fitFingerFoot(const FingerTracks& tr, size_t f, double guess, bool onset,
                     const ForceContactOptions& o, double* travel) {
    const auto [a, b] = footWindow(guess, onset, o);
    const auto i0 =
        static_cast<size_t>(std::lower_bound(tr.t.begin(), tr.t.end(), a) - tr.t.begin());
    std::vector<double> ts;
    std::vector<Eigen::Vector3d> ps;
    for (size_t i = i0; i < tr.t.size() && tr.t[i] <= b; ++i) {
        ts.push_back(tr.t[i]);
        ps.push_back(tr.tip[f][i]);
    }
    return footOfMove(ts, ps, guess, onset, o, travel);
}

Eigen::Vector3d moveSpan(const FingerTracks& tr, size_t f, double te, bool onset) {
    auto meanIn = [&](double a, double b) {
        Eigen::Vector3d m = Eigen::Vector3d::Zero();
        int c = 0;
        for (auto it = std::lower_bound(tr.t.begin(), tr.t.end(), std::min(a, b));
             it != tr.t.end() && *it <= std::max(a, b); ++it, ++c)
            m += tr.tip[f][static_cast<size_t>(it - tr.t.begin())];
        return c ? Eigen::Vector3d(m / c) : Eigen::Vector3d::Zero();
    };
    const double side = onset ? -1 : 1; // towards the moving side
    return meanIn(te + side * 250e6, te + side * 350e6) -
           meanIn(te - side * 50e6, te - side * 150e6);
}

double retimeAgainstKind(const FingerTracks& tr, size_t f, bool onset, std::vector<double>& te,
                         const ForceContactOptions& o) {
    const double halfWidthNs = static_cast<double>(o.templateHalfWidthNs);
    const double stepNs = static_cast<double>(o.templateStepNs);
    const double searchNs = static_cast<double>(o.templateSearchNs);
    const size_t m = te.size();
    if (m < 3)
        return std::numeric_limits<double>::quiet_NaN();
    const int nodes = static_cast<int>(std::lround(2 * halfWidthNs / stepNs)) + 1;
    struct Ev {
        std::vector<double> t;
        std::vector<Eigen::Vector3d> p;
        Eigen::Vector3d offset = Eigen::Vector3d::Zero();
    };
    std::vector<Ev> ev(m);
    const double reach = halfWidthNs + searchNs; // room for the re-timing's ±search
    for (size_t i = 0; i < m; ++i) {
        auto it = std::lower_bound(tr.t.begin(), tr.t.end(), te[i] - reach);
        for (size_t k = static_cast<size_t>(it - tr.t.begin());
             k < tr.t.size() && tr.t[k] <= te[i] + reach; ++k) {
            ev[i].t.push_back(tr.t[k]);
            ev[i].p.push_back(tr.tip[f][k]);
        }
    }
    // A sample's place on the node grid: node index and weight of the lower node.
    auto locate = [&](double tau, int* k, double* w) {
        const double u = (tau + halfWidthNs) / stepNs;
        if (u < 0 || u > nodes - 1)
            return false;
        *k = std::min(nodes - 2, static_cast<int>(u));
        *w = 1.0 - (u - *k);
        return true;
    };
    // Normal equations per event (so that one can be left out): A_i (its lower band, nodes ×
    // 3, as solvePentadiagonal takes it), B_i (nodes × 3).
    const Eigen::Index N = nodes;
    std::vector<Eigen::MatrixXd> A(m);
    std::vector<Eigen::MatrixXd> B(m);
    auto accumulate = [&](size_t i) {
        A[i].setZero(N, 3);
        B[i].setZero(N, 3);
        for (size_t s = 0; s < ev[i].t.size(); ++s) {
            int k = 0;
            double w = 1;
            if (!locate(ev[i].t[s] - te[i], &k, &w))
                continue;
            const Eigen::Vector3d y = ev[i].p[s] - ev[i].offset;
            A[i](k, 0) += w * w;
            A[i](k + 1, 1) += w * (1 - w);
            A[i](k + 1, 0) += (1 - w) * (1 - w);
            B[i].row(k) += w * y.transpose();
            B[i].row(k + 1) += (1 - w) * y.transpose();
        }
    };
    Eigen::MatrixXd penalty = Eigen::MatrixXd::Zero(N, 3); // λ Σ (second differences)², band
    for (Eigen::Index k = 1; k + 1 < N; ++k) {
        const std::array<Eigen::Index, 3> idx{k - 1, k, k + 1};
        const std::array<double, 3> c{1, -2, 1};
        for (size_t a = 0; a < 3; ++a)
            for (size_t b = 0; b <= a; ++b)
                penalty(idx[a], idx[a] - idx[b]) += o.templateSmoothness * c[a] * c[b];
    }
    // Every event's normal equations at the current times, and their sums with the penalty.
    Eigen::MatrixXd Asum, Bsum;
    auto accumulateAll = [&] {
        Asum = penalty;
        Bsum = Eigen::MatrixXd::Zero(N, 3);
        for (size_t i = 0; i < m; ++i) {
            accumulate(i);
            Asum += A[i];
            Bsum += B[i];
        }
    };
    const std::vector<double> start = te;
    std::vector<Eigen::Vector3d> r; // one trial's residuals, reused
    for (int round = 0; round < o.templateRounds; ++round) {
        accumulateAll();
        std::vector<double> next = te;
        for (size_t i = 0; i < m; ++i) {
            const Eigen::MatrixXd g = solvePentadiagonal(Asum - A[i], Bsum - B[i]); // nodes × 3
            auto cost = [&](double x, Eigen::Vector3d* offset) {
                Eigen::Vector3d sum = Eigen::Vector3d::Zero();
                r.clear();
                for (size_t s = 0; s < ev[i].t.size(); ++s) {
                    const double tau = ev[i].t[s] - x;
                    if (tau < -halfWidthNs + stepNs || tau > halfWidthNs - stepNs)
                        continue; // the same span at every trial time, but for the edges
                    int k = 0;
                    double w = 1;
                    locate(tau, &k, &w);
                    const Eigen::Vector3d d =
                        ev[i].p[s] - (w * g.row(k) + (1 - w) * g.row(k + 1)).transpose();
                    r.push_back(d);
                    sum += d;
                }
                if (r.empty())
                    return std::numeric_limits<double>::infinity();
                const Eigen::Vector3d mean = sum / static_cast<double>(r.size());
                double c = 0;
                for (const auto& d : r)
                    c += (d - mean).squaredNorm();
                if (offset)
                    *offset = mean;
                return c / static_cast<double>(r.size());
            };
            next[i] = gridThenGolden(te[i] - searchNs, te[i] + searchNs, 1e6, 20,
                                     [&](double x) { return cost(x, nullptr); });
            cost(next[i], &ev[i].offset);
        }
        // Between rounds the kind's mean time stays where the foot fits put it.
        double shift = 0;
        for (size_t i = 0; i < m; ++i)
            shift += next[i] - start[i];
        shift /= static_cast<double>(m);
        for (size_t i = 0; i < m; ++i)
            te[i] = next[i] - shift;
    }
    // The kind's own time: the foot of the move fitted to all of its events' samples at once,
    // each at its time from its own event and less its own offset (one move sampled n times
    // as densely), rather than the mean of n fits each to a few noisy samples. The fit spans
    // only the move itself: a thumb that closes in 150 ms was at rest before, which the smooth
    // start does not model, and timing it over the usual 170 ms put its arrivals 8 ms late.
    accumulateAll();
    ForceContactOptions pooledOptions = o;
    if (const double extent =
            moveExtent(solvePentadiagonal(Asum, Bsum), onset, halfWidthNs, stepNs);
        extent - static_cast<double>(o.handSearchNs) < static_cast<double>(o.handMovingNs))
        pooledOptions.handMovingNs = static_cast<TimeNs>(std::max(
            static_cast<double>(o.handMovingNs) / 3, extent - static_cast<double>(o.handSearchNs)));
    const auto [lo, hi] = footWindow(0, onset, pooledOptions);
    std::vector<std::pair<double, Eigen::Vector3d>> pooled;
    for (size_t i = 0; i < m; ++i)
        for (size_t s = 0; s < ev[i].t.size(); ++s)
            if (const double tau = ev[i].t[s] - te[i]; tau >= lo && tau <= hi)
                pooled.emplace_back(tau, ev[i].p[s] - ev[i].offset);
    std::sort(pooled.begin(), pooled.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<double> ts;
    std::vector<Eigen::Vector3d> ps;
    for (const auto& [tau, p] : pooled) {
        ts.push_back(tau);
        ps.push_back(p);
    }
    double travel = 0;
    // How well that time is known: the fit's own standard error (the shape free). Every event
    // of the kind shares this error, so more events of the kind do not average it away; the
    // line's residual and the kind's weight in the offset need it.
    double standardError = std::numeric_limits<double>::quiet_NaN();
    const double foot = footOfMove(ts, ps, 0.0, onset, pooledOptions, &travel, &standardError);
    if (std::isnan(foot))
        return std::numeric_limits<double>::quiet_NaN();
    for (double& t : te)
        t += foot;
    return standardError;
}

} // namespace ts::core::sync::fingerpaths
