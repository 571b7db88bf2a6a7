// Helpers shared by the synthetic-generator tests: read back CSV, JSON, 16-bit PNG and the
// video's luma planes with independent code (libav, libpng), and interpolate ground truth.
#pragma once

#include "model/clockmodel.h"

#include <Eigen/Geometry>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace synthtest {

struct Csv {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    int col(const std::string& name) const {
        for (size_t i = 0; i < header.size(); ++i)
            if (header[i] == name)
                return static_cast<int>(i);
        throw std::runtime_error("no column " + name);
    }
    int64_t i64(size_t row, int c) const { return std::stoll(rows[row][static_cast<size_t>(c)]); }
    double d(size_t row, int c) const { return std::stod(rows[row][static_cast<size_t>(c)]); }
};

inline std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream s(line);
    while (std::getline(s, field, ','))
        out.push_back(field);
    return out;
}

inline Csv readCsv(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in)
        throw std::runtime_error("cannot open " + file.string());
    Csv csv;
    std::string line;
    std::getline(in, line);
    csv.header = split(line);
    while (std::getline(in, line))
        csv.rows.push_back(split(line));
    return csv;
}

inline nlohmann::json readJson(const std::filesystem::path& file) {
    std::ifstream in(file);
    return nlohmann::json::parse(in);
}

inline std::string readBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

inline ts::core::ClockModel clockOf(const nlohmann::json& gt, const std::string& stream) {
    const auto& c = gt.at("clocks").at(stream);
    ts::core::ClockModel m;
    m.offsetNs = c.at("offset_ns").get<int64_t>();
    m.drift = c.at("drift_ppm").get<double>() * 1e-6;
    m.t0Ns = c.at("t0_ns").get<int64_t>();
    return m;
}

// A ground-truth pose sample [t, tx, ty, tz, qx, qy, qz, qw].
struct GtPose {
    int64_t t;
    Eigen::Vector3d p;
    Eigen::Quaterniond q;
};

inline std::vector<GtPose> gtPoses(const nlohmann::json& samples) {
    std::vector<GtPose> out;
    for (const auto& s : samples)
        out.push_back({s[0].get<int64_t>(), {s[1].get<double>(), s[2].get<double>(), s[3].get<double>()},
                       Eigen::Quaterniond(s[7].get<double>(), s[4].get<double>(), s[5].get<double>(),
                                          s[6].get<double>())});
    return out;
}

// Linear/slerp interpolation of 100 Hz ground truth at a timeline time.
inline GtPose interpolate(const std::vector<GtPose>& poses, int64_t t) {
    size_t i = 0;
    while (i + 2 < poses.size() && poses[i + 1].t <= t)
        ++i;
    const double s = std::clamp(double(t - poses[i].t) / double(poses[i + 1].t - poses[i].t), 0.0, 1.0);
    return {t, poses[i].p + s * (poses[i + 1].p - poses[i].p), poses[i].q.slerp(s, poses[i + 1].q)};
}

// Decodes the video; returns the number of frames and keeps the luma planes of `keep` frames.
struct Luma {
    int width = 0, height = 0;
    std::vector<uint8_t> y;
    double at(double u, double v) const { // bilinear
        const int u0 = static_cast<int>(std::floor(u)), v0 = static_cast<int>(std::floor(v));
        const double a = u - u0, b = v - v0;
        auto px = [&](int x, int yy) { return double(y[static_cast<size_t>(yy * width + x)]); };
        return (1 - a) * (1 - b) * px(u0, v0) + a * (1 - b) * px(u0 + 1, v0) +
               (1 - a) * b * px(u0, v0 + 1) + a * b * px(u0 + 1, v0 + 1);
    }
};
int64_t decodeVideo(const std::filesystem::path& file, const std::vector<int64_t>& keep,
                    std::map<int64_t, Luma>& frames);

// Reads a 16-bit grey PNG; throws if it is anything else.
std::vector<uint16_t> readPng16(const std::filesystem::path& file, int& width, int& height);

} // namespace synthtest
