#include "sync/visualrotation.h"

#include "media/depthreader.h"
#include "media/videoreader.h"
#include "sync/framepairmotion.h"
#include "util/error.h"

#include <Eigen/Dense>
#include <Eigen/Geometry>
#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <exception>
#include <future>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <time.h>

namespace ts::core::sync {

namespace {

double median(std::vector<double> v) {
    if (v.empty())
        return 0;
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// Up to maxFeatures corners spread over an 8 × 6 grid, so that a textured object filling part
// of the view cannot outnumber the rest of the scene. `gray` may be a level of the pyramid
// (`scale` = its size relative to the frame's): the corners come back in frame pixels. Lucas–
// Kanade tracks the texture around a point, so a corner found at half size, a pixel off the
// exact corner, is tracked as well, and finding it costs a quarter.
std::vector<cv::Point2f> spreadCorners(const cv::Mat& gray, int maxFeatures, double scale) {
    // Shi–Tomasi corners (as goodFeaturesToTrack: the smaller eigenvalue of the gradient
    // matrix, local maxima above 0.005 of the strongest), chosen cell by cell: each cell keeps
    // its strongest, at least minDist apart within the cell. goodFeaturesToTrack sorted and spaced
    // every candidate of the frame (several hundred) to keep 600 of which the cells took 240.
    thread_local cv::Mat eig; // reused from frame to frame
    cv::cornerMinEigenVal(gray, eig, scale < 1 ? 3 : 5, 3);
    double maxVal = 0;
    cv::minMaxLoc(eig, nullptr, &maxVal);
    const float thresh = static_cast<float>(0.005 * maxVal);
    const int gx = 8, gy = 6;
    const int perCell = std::max(1, (maxFeatures + gx * gy - 1) / (gx * gy));
    const float minDist = static_cast<float>(std::max(3.0 * scale, gray.cols / 60.0));
    struct Candidate {
        float v;
        int x, y;
    };
    thread_local std::vector<std::vector<Candidate>> cells;
    cells.resize(static_cast<size_t>(gx * gy));
    for (auto& c : cells)
        c.clear();
    // Local maxima: equal to the 3 × 3 maximum (dilation, vectorized) and above the threshold.
    thread_local cv::Mat dil;
    cv::dilate(eig, dil, cv::Mat());
    for (int y = 1; y + 1 < eig.rows; ++y) {
        const float* row = eig.ptr<float>(y);
        const float* top = dil.ptr<float>(y);
        const int cy = std::min(gy - 1, y * gy / eig.rows);
        for (int x = 1; x + 1 < eig.cols; ++x) {
            const float v = row[x];
            if ((v > thresh) & (v >= top[x])) {
                const int cx = std::min(gx - 1, x * gx / eig.cols);
                cells[static_cast<size_t>(cy * gx + cx)].push_back({v, x, y});
            }
        }
    }
    thread_local std::vector<Candidate> chosen;
    chosen.clear();
    for (auto& cell : cells) {
        std::sort(cell.begin(), cell.end(),
                  [](const Candidate& a, const Candidate& b) { return a.v > b.v; });
        const size_t first = chosen.size();
        for (const Candidate& c : cell) {
            if (static_cast<int>(chosen.size() - first) >= perCell)
                break;
            bool free = true;
            for (size_t k = first; k < chosen.size() && free; ++k) {
                const float dx = static_cast<float>(chosen[k].x - c.x);
                const float dy = static_cast<float>(chosen[k].y - c.y);
                free = dx * dx + dy * dy >= minDist * minDist;
            }
            if (free)
                chosen.push_back(c);
        }
    }
    std::sort(chosen.begin(), chosen.end(), [](const Candidate& a, const Candidate& b) {
        return a.v > b.v; // strongest first
    });
    std::vector<cv::Point2f> out;
    out.reserve(chosen.size());
    for (const Candidate& c : chosen)
        out.emplace_back(static_cast<float>(c.x / scale), static_cast<float>(c.y / scale));
    return out;
}

// The depth, along the RGB camera's z axis, of the surface a normalized RGB ray hits, looked up
// in the depth frame: the point at a guessed depth is moved into the depth camera, projected,
// and the depth found there gives the next guess, until it settles (one step when the cameras
// share a centre; a few for a baseline of centimetres). 0 when the ray leaves the depth image,
// meets no depth, or does not settle (an occlusion edge, where the depth is ambiguous). Looking
// up only the tracked points costs a few hundred probes instead of registering every depth
// pixel into the RGB view.
class DepthAlongRay {
public:
    explicit DepthAlongRay(const VisualDepth& vd) : k_(vd.intrinsics) {
        const Eigen::Matrix3d rgbFromDepth =
            Eigen::Quaterniond(vd.rgbFromDepthQ[3], vd.rgbFromDepthQ[0], vd.rgbFromDepthQ[1],
                               vd.rgbFromDepthQ[2])
                .normalized()
                .toRotationMatrix();
        const Eigen::Vector3d t(vd.rgbFromDepthT[0], vd.rgbFromDepthT[1], vd.rgbFromDepthT[2]);
        depthFromRgbR_ = rgbFromDepth.transpose();
        depthFromRgbT_ = -(depthFromRgbR_ * t);
        rgbFromDepthR_ = rgbFromDepth;
        rgbFromDepthT_ = t;
    }

    float operator()(const media::DepthFrame& d, double x, double y) const {
        const Eigen::Vector3d ray(x, y, 1);
        // First guess: far away (the direction alone), then iterate.
        Eigen::Vector3d pd = depthFromRgbR_ * ray * 1e3 + depthFromRgbT_;
        double z = -1;
        for (int it = 0; it < 6; ++it) {
            if (pd.z() <= 0)
                return 0;
            const int u = static_cast<int>(std::lround(k_.fx * pd.x() / pd.z() + k_.cx));
            const int v = static_cast<int>(std::lround(k_.fy * pd.y() / pd.z() + k_.cy));
            const float zd = d.metres(u, v);
            if (zd <= 0)
                return 0;
            const Eigen::Vector3d q((u - k_.cx) / k_.fx * zd, (v - k_.cy) / k_.fy * zd, zd);
            const double zn = (rgbFromDepthR_ * q + rgbFromDepthT_).z();
            if (zn <= 0.05)
                return 0;
            if (z > 0 && std::abs(zn - z) <= 2e-3 * zn)
                return static_cast<float>(zn);
            z = zn;
            pd = depthFromRgbR_ * (ray * z) + depthFromRgbT_;
        }
        return 0;
    }

private:
    CameraIntrinsics k_;
    Eigen::Matrix3d depthFromRgbR_, rgbFromDepthR_;
    Eigen::Vector3d depthFromRgbT_, rgbFromDepthT_;
};

} // namespace

namespace {

// CPU seconds spent by the calling thread so far (for the pass's own cost breakdown).
double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// What the tracker needs of the scaled frames: the scaled RGB camera.
struct ScaledCamera {
    cv::Mat camera, dist;
    double focal = 1;
    double scale = 1; // scaled width / calibrated width
};

// Where points of the first frame, given undistorted (normalized), land in the second if the
// camera turns by `r` (first camera from second camera, as PairFit::r) scaled by `fraction` (the
// pair's length over the pair `r` was measured on): pixels, back through the distortion.
std::vector<cv::Point2f> predictTracks(const std::vector<cv::Point2f>& n, const Eigen::Matrix3d& r,
                                       const ScaledCamera& cam, double fraction) {
    Eigen::AngleAxisd aa(r);
    aa.angle() *= std::clamp(fraction, 0.0, 4.0);
    const Eigen::Matrix3d secondFromFirst = aa.toRotationMatrix().transpose();
    std::vector<cv::Point3f> rays(n.size());
    for (size_t k = 0; k < n.size(); ++k) {
        const Eigen::Vector3d b = secondFromFirst * Eigen::Vector3d(n[k].x, n[k].y, 1);
        rays[k] = cv::Point3f(static_cast<float>(b.x()), static_cast<float>(b.y()),
                              static_cast<float>(std::max(b.z(), 1e-3)));
    }
    std::vector<cv::Point2f> out;
    if (rays.empty())
        return out;
    const cv::Mat zero = cv::Mat::zeros(3, 1, CV_64F);
    cv::projectPoints(rays, zero, zero, cam.camera, cam.dist, out);
    return out;
}

// One frame made ready for tracking by the decoding stage: everything that depends on this
// frame alone (pyramid, corners to track into the next frame, depth seen from the RGB view).
struct PreparedFrame {
    int64_t index = 0;
    bool decoded = false;
    TimeNs t = -1; // capture time on the raw clock; -1: the CSV has no row
    int width = 0, height = 0;
    std::shared_ptr<const ScaledCamera> cam;
    std::vector<cv::Mat> pyramid;
    std::vector<cv::Point2f> corners;
    std::vector<cv::Point2f> cornersNormalized; // the same, undistorted (for seeding and fitting)
    std::optional<media::DepthFrame> depth;     // the depth frame captured with it, if any
};

// A frame as decoded (gray, scaled), or the failure to decode it.
struct DecodedFrame {
    int64_t index = 0;
    bool decoded = false;
    media::VideoFrame frame;
};

// A bounded hand-over from one stage to the next, in frame order.
template <typename T> class FrameQueue {
public:
    explicit FrameQueue(size_t capacity) : capacity_(capacity) {}
    // false when the consumer has stopped.
    bool push(T&& f) {
        std::unique_lock lock(m_);
        notFull_.wait(lock, [&] { return q_.size() < capacity_ || stopped_; });
        if (stopped_)
            return false;
        q_.push_back(std::move(f));
        notEmpty_.notify_one();
        return true;
    }
    // false when the producer has finished and nothing is left.
    bool pop(T& f) {
        std::unique_lock lock(m_);
        notEmpty_.wait(lock, [&] { return !q_.empty() || finished_; });
        if (q_.empty())
            return false;
        f = std::move(q_.front());
        q_.pop_front();
        notFull_.notify_one();
        return true;
    }
    void finish(std::exception_ptr error) {
        std::lock_guard lock(m_);
        finished_ = true;
        error_ = error;
        notEmpty_.notify_all();
    }
    void stop() {
        std::lock_guard lock(m_);
        stopped_ = true;
        notFull_.notify_all();
    }
    std::exception_ptr error() {
        std::lock_guard lock(m_);
        return error_;
    }

private:
    std::mutex m_;
    std::condition_variable notFull_, notEmpty_;
    std::deque<T> q_;
    size_t capacity_;
    bool finished_ = false, stopped_ = false;
    std::exception_ptr error_;
};

} // namespace

VisualRotation visualRotationRate(const std::filesystem::path& video, const FrameTimes& times,
                                  const CameraIntrinsics& in, const VisualRotationOptions& opt,
                                  const VisualDepth* depth) {
    if (in.width <= 0 || in.height <= 0 || in.fx <= 0 || in.fy <= 0)
        throw Error(video.string(), "the RGB camera has no usable intrinsics in calibration.json "
                                    "(width, height, fx, fy must be positive)");
    media::VideoReaderOptions ro;
    ro.threads = opt.decoderThreads;
    ro.cancel = opt.cancel;
    ro.grayMaxWidth = opt.maxWidth;
    ro.skipLoopFilter = opt.fastDecode;
    auto reader = media::VideoReader::open(video, ro);
    const int64_t count = reader->frameCount();

    // Display index → capture time (raw clock); -1 where the CSV has no row.
    std::vector<TimeNs> tOf(static_cast<size_t>(std::max<int64_t>(count, 0)), -1);
    for (size_t k = 0; k < times.frameIndex.size() && k < times.tNs.size(); ++k)
        if (times.frameIndex[k] >= 0 && times.frameIndex[k] < count)
            tOf[static_cast<size_t>(times.frameIndex[k])] = times.tNs[k];
    std::vector<TimeNs> steps;
    for (size_t k = 1; k < times.tNs.size(); ++k)
        steps.push_back(times.tNs[k] - times.tNs[k - 1]);
    std::vector<double> stepsD(steps.begin(), steps.end());
    const double period = median(stepsD);
    const double maxGap = opt.maxGapPeriods * (period > 0 ? period : 1e18);

    VisualRotation out;
    const double dispW = reader->info().width;
    if (std::abs(dispW - in.width) > 1 || std::abs(reader->info().height - in.height) > 1)
        throw Error(video.string(),
                    "the video is " + std::to_string(reader->info().width) + "×" +
                        std::to_string(reader->info().height) +
                        " as displayed but calibration.json describes the RGB camera as " +
                        std::to_string(in.width) + "×" + std::to_string(in.height));

    const cv::Size win(opt.windowPx, opt.windowPx);
    const int levels = 3;

    // Three stages on three threads, in frame order: decode (with the decoder's threads) to
    // gray; everything that depends on one frame alone; on the calling thread, track and fit
    // each pair. They overlap, so the pass costs about the slowest stage rather than their
    // sum; the result is the same as doing all in turn. A decoder on one thread of its own
    // spends less than one that splits frames over two (no hand-over between its threads).
    FrameQueue<DecodedFrame> decodedQueue(6);
    auto decode = [&]() {
        try {
            for (int64_t i = 0; i < count; ++i) {
                if (opt.cancel && opt.cancel->load())
                    throw Error(video.string(), "cancelled at frame " + std::to_string(i));
                DecodedFrame d;
                d.index = i;
                try {
                    d.frame = reader->frame(i); // sequential: decodes forward, no seek
                    d.decoded = true;
                } catch (const Error&) {
                    // A frame that cannot be decoded costs its two pairs, not the pass.
                }
                if (!decodedQueue.push(std::move(d)))
                    break;
            }
            decodedQueue.finish(nullptr);
        } catch (...) {
            decodedQueue.finish(std::current_exception());
        }
    };
    FrameQueue<PreparedFrame> queue(6);
    double prepareCpu = 0; // written by the producer, read after it has been joined
    auto produce = [&]() {
        std::shared_ptr<ScaledCamera> cam;
        std::thread decoder(decode);
        struct JoinDecoder {
            FrameQueue<DecodedFrame>& q;
            std::thread& t;
            ~JoinDecoder() {
                q.stop();
                t.join();
            }
        } joinDecoder{decodedQueue, decoder};
        try {
            DecodedFrame d;
            while (decodedQueue.pop(d)) {
                const int64_t i = d.index;
                PreparedFrame p;
                p.index = i;
                p.t = tOf[static_cast<size_t>(i)];
                p.decoded = d.decoded;
                media::VideoFrame& f = d.frame;
                const double prepStart = threadCpuSeconds();
                if (p.decoded) {
                    if (!cam) {
                        cam = std::make_shared<ScaledCamera>();
                        const double sc = static_cast<double>(f.width) / in.width;
                        cam->scale = sc;
                        cam->camera =
                            (cv::Mat_<double>(3, 3) << in.fx * sc, 0, (in.cx + 0.5) * sc - 0.5, 0,
                             in.fy * sc, (in.cy + 0.5) * sc - 0.5, 0, 0, 1);
                        if (in.distortionModel == "radtan" && !in.distortion.empty())
                            cam->dist = cv::Mat(in.distortion, true).reshape(1, 1);
                        cam->focal = 0.5 * (in.fx + in.fy) * sc;
                    }
                    p.cam = cam;
                    p.width = f.width;
                    p.height = f.height;
                    const cv::Mat gray(f.height, f.width, CV_8UC1, f.rgb.data());
                    // Images only: Lucas–Kanade takes the derivatives of the levels it uses
                    // (seeded tracks: the full-size level alone), not of all four.
                    cv::buildOpticalFlowPyramid(gray, p.pyramid, win, levels, false);
                    const int level = std::clamp(opt.detectLevel, 0, levels);
                    p.corners = spreadCorners(p.pyramid[static_cast<size_t>(level)],
                                              opt.maxFeatures, std::ldexp(1.0, -level));
                    if (!p.corners.empty())
                        cv::undistortPoints(p.corners, p.cornersNormalized, cam->camera, cam->dist);
                    if (depth && depth->reader && p.t >= 0) {
                        const int64_t di = depth->reader->indexAtTime(p.t + depth->maxTimeDiffNs);
                        if (di >= 0 &&
                            std::llabs(depth->reader->frameTimes()[static_cast<size_t>(di)] -
                                       p.t) <= depth->maxTimeDiffNs) {
                            try {
                                p.depth = depth->reader->frame(di);
                            } catch (const Error&) {
                                p.depth.reset(); // a bad depth frame costs its depth only
                            }
                        }
                    }
                }
                prepareCpu += threadCpuSeconds() - prepStart;
                if (!queue.push(std::move(p)))
                    break;
            }
            if (const std::exception_ptr e = decodedQueue.error())
                std::rethrow_exception(e);
            queue.finish(nullptr);
        } catch (...) {
            queue.finish(std::current_exception());
        }
    };
    std::thread producer(produce);
    struct Join {
        FrameQueue<PreparedFrame>& q;
        std::thread& t;
        ~Join() {
            q.stop();
            if (t.joinable())
                t.join();
        }
    } join{queue, producer};

    std::optional<DepthAlongRay> depthAlong;
    if (depth && depth->reader)
        depthAlong.emplace(*depth);
    std::vector<double> trackCounts, residuals;
    std::vector<DepthPairPoints> depthPoints; // VisualRotationOptions::keepDepthPoints
    const cv::TermCriteria lkCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 30, 0.01);
    std::optional<Eigen::Matrix3d> lastRotation; // of the last pair, if it had one
    TimeNs lastRotationT = -1;                   // that pair's second frame
    double lastRotationDt = 1;                   // and its length (ns)
    PreparedFrame prev, cur;
    bool havePrev = false;
    while (queue.pop(cur)) {
        const int64_t i = cur.index;
        if (opt.cancel && opt.cancel->load())
            throw Error(video.string(), "cancelled at frame " + std::to_string(i));
        if (!cur.decoded) {
            havePrev = false;
            ++out.undecodableFrames;
            continue;
        }
        ++out.frames;
        out.scale = cur.cam->scale;
        out.focalPx = cur.cam->focal;
        const cv::Mat& camera = cur.cam->camera;
        const cv::Mat& dist = cur.cam->dist;
        const double focal = cur.cam->focal;
        const TimeNs t = cur.t;
        const TimeNs prevT = havePrev ? prev.t : -1;

        const double trackStart = threadCpuSeconds();
        if (havePrev && !prev.corners.empty() && prevT >= 0 && t > prevT &&
            static_cast<double>(t - prevT) <= maxGap) {
            const std::vector<cv::Point2f>& prevPts = prev.corners;
            std::vector<cv::Point2f> next;
            std::vector<uchar> status;
            std::vector<float> err;
            // Seeded with the last pair's rotation, the tracks start within a few pixels of
            // where they end, and the pyramid's coarse levels have nothing left to do. A pair
            // whose seeds lose too many tracks (the head turning faster, a bad last pair) is
            // tracked again from the coarsest level.
            bool tracked = false;
            if (opt.seededLevels >= 0 && lastRotation && lastRotationT == prevT) {
                next = predictTracks(prev.cornersNormalized, *lastRotation, *cur.cam,
                                     static_cast<double>(t - prevT) / lastRotationDt);
                cv::calcOpticalFlowPyrLK(prev.pyramid, cur.pyramid, prevPts, next, status, err, win,
                                         std::min(opt.seededLevels, levels), lkCriteria,
                                         cv::OPTFLOW_USE_INITIAL_FLOW);
                const auto kept = std::count(status.begin(), status.end(), uchar(1));
                tracked = static_cast<double>(kept) >= 0.8 * static_cast<double>(prevPts.size());
                ++(tracked ? out.seededPairs : out.reseededPairs);
            }
            if (!tracked)
                cv::calcOpticalFlowPyrLK(prev.pyramid, cur.pyramid, prevPts, next, status, err, win,
                                         levels, lkCriteria);
            std::vector<cv::Point2f> n0, p1; // undistorted in the first frame, pixels in the second
            for (size_t k = 0; k < prevPts.size(); ++k)
                if (status[k] && next[k].x >= 0 && next[k].y >= 0 && next[k].x < cur.width &&
                    next[k].y < cur.height) {
                    n0.push_back(prev.cornersNormalized[k]);
                    p1.push_back(next[k]);
                }
            PairFit fit;
            bool skipped = false;
            if (static_cast<int>(n0.size()) >= opt.minTracks) {
                std::vector<cv::Point2f> n1;
                cv::undistortPoints(p1, n1, camera, dist);
                std::vector<Eigen::Vector3d> a(n0.size()), b(n1.size());
                for (size_t k = 0; k < n0.size(); ++k) {
                    a[k] = Eigen::Vector3d(n0[k].x, n0[k].y, 1).normalized();
                    b[k] = Eigen::Vector3d(n1[k].x, n1[k].y, 1).normalized();
                }
                std::vector<char> inlier;
                fit = fitRotation(a, b, focal, opt.huberPixels, opt.minTracks,
                                  static_cast<uint64_t>(i), inlier);
                // Depth of either frame turns the tracks into 3-D points: solve the motion
                // with its translation.
                const bool fromFirst = prev.depth.has_value();
                const media::DepthFrame* dm = fromFirst   ? &*prev.depth
                                              : cur.depth ? &*cur.depth
                                                          : nullptr;
                if (fit.ok && dm) {
                    std::vector<cv::Point3f> pts;
                    std::vector<cv::Point2f> other;
                    const auto& srcN = fromFirst ? n0 : n1;
                    const auto& dstN = fromFirst ? n1 : n0;
                    for (size_t k = 0; k < srcN.size(); ++k) {
                        if (!inlier[k])
                            continue;
                        const float z = (*depthAlong)(*dm, srcN[k].x, srcN[k].y);
                        if (z <= 0)
                            continue;
                        pts.emplace_back(srcN[k].x * z, srcN[k].y * z, z);
                        other.push_back(dstN[k]);
                    }
                    if (static_cast<int>(pts.size()) >= opt.minTracks) {
                        std::vector<size_t> kept;
                        solveWithDepth(fit, pts, other, fromFirst, focal, opt.huberPixels,
                                       opt.minTracks, &kept);
                        ++out.depthPairs;
                        if (opt.keepDepthPoints && fit.ok) {
                            DepthPairPoints d{out.rate.size(), prevT, t, fromFirst, {}, {}, {}};
                            d.translation = {static_cast<float>(fit.t.x()),
                                             static_cast<float>(fit.t.y()),
                                             static_cast<float>(fit.t.z())};
                            d.points.reserve(kept.size());
                            d.other.reserve(kept.size());
                            for (const size_t k : kept) {
                                d.points.push_back({pts[k].x, pts[k].y, pts[k].z});
                                d.other.push_back({other[k].x, other[k].y});
                            }
                            depthPoints.push_back(std::move(d));
                        }
                    }
                } else if (fit.ok && depth && depth->reader) {
                    // With depth for other pairs, a rotation-only fit here would mix a
                    // parallax-biased sample into a clean signal.
                    fit.ok = false;
                    skipped = true;
                    ++out.skippedPairs;
                }
            }
            lastRotation.reset();
            if (fit.ok) {
                lastRotation = fit.r;
                lastRotationT = t;
                lastRotationDt = static_cast<double>(t - prevT);
                const Eigen::AngleAxisd aa(fit.r);
                const double dt = static_cast<double>(t - prevT) * 1e-9;
                const Eigen::Vector3d w = aa.axis() * (aa.angle() / dt);
                out.rate.t.push_back(prevT + (t - prevT) / 2);
                out.rate.v.push_back({w.x(), w.y(), w.z()});
                out.rate.interval.push_back(t - prevT);
                out.pairTracks.push_back(fit.tracks);
                out.pairResidualPx.push_back(fit.rmsPx);
                ++out.pairs;
                trackCounts.push_back(fit.tracks);
                residuals.push_back(fit.rmsPx);
            } else if (!skipped) {
                ++out.failedPairs;
            }
        }

        out.trackCpuSeconds += threadCpuSeconds() - trackStart;
        std::swap(prev, cur);
        havePrev = true;
        if (opt.progress && (i % 32 == 0 || i + 1 == count))
            opt.progress(static_cast<double>(i + 1) / static_cast<double>(count));
    }
    if (const std::exception_ptr e = queue.error())
        std::rethrow_exception(e);
    queue.stop();
    producer.join();
    out.prepareCpuSeconds = prepareCpu;
    if (opt.keepDepthPoints)
        out.depthPairPoints =
            std::make_shared<const std::vector<DepthPairPoints>>(std::move(depthPoints));
    out.medianTracks = median(trackCounts);
    out.medianResidualPx = median(residuals);
    if (out.undecodableFrames > 0)
        out.note = std::to_string(out.undecodableFrames) + " frame(s) could not be decoded";
    if (out.pairs == 0)
        out.note = "no frame pair had enough trackable texture to measure the camera's rotation";
    else if (out.failedPairs > out.pairs / 4)
        out.note = std::to_string(out.failedPairs) + " of " +
                   std::to_string(out.pairs + out.failedPairs) +
                   " frame pairs had too little texture to track";
    return out;
}

namespace {

// The pose's translation between a kept pair's frames, in that pair's convention (P_other =
// R·P + t from the camera whose points were lifted); false where poseAt does not know it.
bool poseTranslation(const DepthPairPoints& d, const CameraPoseAt& poseAt, Eigen::Vector3d& t) {
    Eigen::Quaterniond q1, q2;
    Eigen::Vector3d p1, p2;
    if (!poseAt(d.firstT, q1, p1) || !poseAt(d.secondT, q2, p2))
        return false;
    t = d.fromFirst ? Eigen::Vector3d(q2.conjugate() * (p1 - p2))
                    : Eigen::Vector3d(q1.conjugate() * (p2 - p1));
    return true;
}

} // namespace

double translationScale(const VisualRotation& visual, const CameraPoseAt& poseAt, double minMoveM) {
    double st = 0, tt = 0;
    int n = 0;
    if (visual.depthPairPoints)
        for (const DepthPairPoints& d : *visual.depthPairPoints) {
            Eigen::Vector3d t;
            if (!poseTranslation(d, poseAt, t) || t.norm() < minMoveM)
                continue;
            const Eigen::Vector3d m(d.translation[0], d.translation[1], d.translation[2]);
            st += m.dot(t);
            tt += t.squaredNorm();
            ++n;
        }
    return n >= 30 ? st / tt : std::numeric_limits<double>::quiet_NaN();
}

namespace {

// rateWithKnownTranslation for the pairs [begin, end) of visual.depthPairPoints.
int64_t resolvePairs(const VisualRotation& visual, const CameraPoseAt& poseAt, double huberPx,
                     int minTracks, size_t begin, size_t end, VectorSignal& rate) {
    int64_t count = 0;
    std::vector<Eigen::Vector3d> p;
    std::vector<Eigen::Vector2d> q;
    for (size_t i = begin; i < end; ++i) {
        const DepthPairPoints& d = (*visual.depthPairPoints)[i];
        if (d.sample >= rate.size() || d.secondT <= d.firstT ||
            static_cast<int>(d.points.size()) < minTracks || d.other.size() != d.points.size())
            continue;
        Eigen::Vector3d t;
        if (!poseTranslation(d, poseAt, t))
            continue;
        p.resize(d.points.size());
        q.resize(d.points.size());
        for (size_t k = 0; k < d.points.size(); ++k) {
            p[k] = Eigen::Vector3d(d.points[k][0], d.points[k][1], d.points[k][2]);
            q[k] = Eigen::Vector2d(d.other[k][0], d.other[k][1]);
        }
        // Start from the rotation solved with the translation (first camera from second).
        const double dt = static_cast<double>(d.secondT - d.firstT) * 1e-9;
        const Vec3& v = rate.v[d.sample];
        const Eigen::Vector3d w(v[0], v[1], v[2]);
        const Eigen::Matrix3d firstFromSecond =
            w.norm() > 0 ? Eigen::AngleAxisd(w.norm() * dt, w.normalized()).toRotationMatrix()
                         : Eigen::Matrix3d::Identity();
        Eigen::Matrix3d r =
            d.fromFirst ? Eigen::Matrix3d(firstFromSecond.transpose()) : firstFromSecond;
        // The points are those that solve kept: two Huber-weighted steps settle the rotation
        // (four gave the same figures on the bench).
        if (!refineRotation(p, q, t, visual.focalPx, huberPx, 2, r))
            continue;
        const Eigen::AngleAxisd aa(d.fromFirst ? Eigen::Matrix3d(r.transpose()) : r);
        const Eigen::Vector3d rw = aa.axis() * (aa.angle() / dt);
        rate.v[d.sample] = {rw.x(), rw.y(), rw.z()};
        ++count;
    }
    return count;
}

} // namespace

VectorSignal rateWithKnownTranslation(const VisualRotation& visual, const CameraPoseAt& poseAt,
                                      double huberPx, int minTracks, int64_t* resolved) {
    VectorSignal rate = visual.rate;
    // Two halves side by side (each pair writes its own sample; poseAt must allow calls from
    // two threads at once).
    const size_t n = visual.depthPairPoints ? visual.depthPairPoints->size() : 0, half = n / 2;
    auto second = std::async(std::launch::async, [&] {
        return resolvePairs(visual, poseAt, huberPx, minTracks, half, n, rate);
    });
    int64_t count = resolvePairs(visual, poseAt, huberPx, minTracks, 0, half, rate);
    count += second.get();
    if (resolved)
        *resolved = count;
    return rate;
}

} // namespace ts::core::sync
