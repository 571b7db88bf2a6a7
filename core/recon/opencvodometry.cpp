#include "recon/opencvodometry.h"

#include <opencv2/core.hpp>
#include <opencv2/core/eigen.hpp>
#include <opencv2/rgbd.hpp>

namespace ts::core::recon {

struct OpenCvOdometry::Impl {
    cv::Ptr<cv::rgbd::RgbdICPOdometry> odometry;
    cv::Ptr<cv::rgbd::OdometryFrame> prev, cur;
    int width = 0, height = 0;
    Eigen::Isometry3d pose = Eigen::Isometry3d::Identity();
};

OpenCvOdometry::OpenCvOdometry(const CameraModel& cam, double minDepthM, double maxDepthM)
    : d_(std::make_unique<Impl>()) {
    cv::Mat K =
        (cv::Mat_<float>(3, 3) << static_cast<float>(cam.fx()), 0, static_cast<float>(cam.cx()), 0,
         static_cast<float>(cam.fy()), static_cast<float>(cam.cy()), 0, 0, 1);
    d_->odometry = cv::makePtr<cv::rgbd::RgbdICPOdometry>(K);
    d_->odometry->setMinDepth(minDepthM);
    d_->odometry->setMaxDepth(maxDepthM);
    d_->width = cam.width();
    d_->height = cam.height();
}

OpenCvOdometry::~OpenCvOdometry() = default;

bool OpenCvOdometry::track(TimeNs t, const float* xyz, const float* grey) {
    const int w = d_->width, h = d_->height;
    cv::Mat depth(h, w, CV_32FC1), image(h, w, CV_8UC1), mask(h, w, CV_8UC1);
    for (int i = 0; i < w * h; ++i) {
        const float z = xyz[3 * i + 2];
        depth.at<float>(i) = z > 0 ? z : std::numeric_limits<float>::quiet_NaN();
        mask.at<uint8_t>(i) = z > 0 ? 255 : 0;
        image.at<uint8_t>(i) =
            grey && grey[i] >= 0 ? static_cast<uint8_t>(grey[i] * 255.0f + 0.5f) : 0;
    }
    d_->cur = cv::makePtr<cv::rgbd::OdometryFrame>(image, depth, mask);
    bool ok = true;
    if (d_->prev) {
        cv::Mat Rt;
        // compute(src = current, dst = previous): Rt maps current-frame points into the
        // previous frame (dst_p = Rt · src_p), so pose_cur = pose_prev · Rt.
        ok = d_->odometry->compute(d_->cur, d_->prev, Rt);
        if (ok) {
            Eigen::Matrix4d M;
            cv::cv2eigen(Rt, M);
            Eigen::Isometry3d step;
            step.matrix() = M;
            d_->pose = d_->pose * step;
        } else {
            ++failures_;
        }
    }
    trajectory_.add(t, d_->pose);
    std::swap(d_->prev, d_->cur);
    d_->cur.release();
    return ok;
}

} // namespace ts::core::recon
