#include "io/mpstrajectory.h"

#include "util/error.h"

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace ts::core {

namespace {
std::vector<std::string> splitFields(const std::string& line) {
    std::vector<std::string> out;
    std::string f;
    std::istringstream s(line);
    while (std::getline(s, f, ','))
        out.push_back(f);
    return out;
}
} // namespace

MpsTrajectory readMpsTrajectory(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in)
        throw Error(file.string(), "cannot read the MPS trajectory");
    std::string line;
    if (!std::getline(in, line))
        throw Error(file.string(), 1, "empty file, expected a header");
    std::map<std::string, size_t> col;
    const auto header = splitFields(line);
    for (size_t i = 0; i < header.size(); ++i)
        col[header[i]] = i;
    const char* needed[] = {
        "tracking_timestamp_us",     "tx_world_device",          "ty_world_device",
        "tz_world_device",           "qx_world_device",          "qy_world_device",
        "qz_world_device",           "qw_world_device",          "angular_velocity_x_device",
        "angular_velocity_y_device", "angular_velocity_z_device"};
    std::vector<size_t> idx;
    for (const char* n : needed) {
        const auto it = col.find(n);
        if (it == col.end())
            throw Error(file.string(), 1, std::string("no column '") + n + "'");
        idx.push_back(it->second);
    }
    MpsTrajectory t;
    int64_t lineNo = 1;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.empty() || line == "\r")
            continue;
        const auto f = splitFields(line);
        double v[11];
        for (size_t k = 0; k < 11; ++k) {
            if (idx[k] >= f.size())
                throw Error(file.string(), lineNo, "too few fields");
            try {
                size_t used = 0;
                v[k] = std::stod(f[idx[k]], &used);
            } catch (const std::exception&) {
                throw Error(file.string(), lineNo,
                            std::string("'") + needed[k] + "' is not a number");
            }
        }
        PoseSample p;
        p.tNs = static_cast<TimeNs>(std::llround(v[0] * 1000.0));
        p.t = {v[1], v[2], v[3]};
        p.q = {v[4], v[5], v[6], v[7]};
        t.pose.push_back(p);
        t.angularTimeNs.push_back(p.tNs);
        t.angularVelocity.push_back({v[8], v[9], v[10]});
    }
    return t;
}

} // namespace ts::core
