#include "io/bundlewriter.h"

#include "util/error.h"
#include "util/pngwrite.h"

#include <nlohmann/json.hpp>

#include <bit>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

namespace ts::core {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json transformToJson(const RigidTransform& t) {
    return json{{"t", {t.t[0], t.t[1], t.t[2]}}, {"q", {t.q[0], t.q[1], t.q[2], t.q[3]}}};
}

json clockModelToJson(const ClockModel& m) {
    return json{{"offset_ns", m.offsetNs}, {"drift_ppm", m.drift * 1e6}, {"t0_ns", m.t0Ns}};
}

void ensureParent(const fs::path& file) {
    std::error_code ec;
    if (file.has_parent_path())
        fs::create_directories(file.parent_path(), ec);
    if (ec)
        throw Error(file.parent_path().string(), "cannot create folder: " + ec.message());
}

} // namespace

BundleWriter::BundleWriter(fs::path root) : root_(std::move(root)) {}

fs::path BundleWriter::absolute(const std::string& relative) const {
    return root_ / fs::path(relative);
}

json BundleWriter::manifestToJson(const Manifest& m) {
    json consent{{"id", m.consent.id},
                 {"form_version", m.consent.formVersion},
                 {"terms", m.consent.terms},
                 {"scope", m.consent.scope},
                 {"compensation", m.consent.compensation},
                 {"signed_at", m.consent.signedAt},
                 {"withdrawn_at", nullptr}};
    if (m.consent.withdrawnAt)
        consent["withdrawn_at"] = *m.consent.withdrawnAt;
    json clocks = json::array();
    for (const auto& c : m.clocks) {
        json j{{"name", c.name}};
        if (c.timeline)
            j["timeline"] = true;
        if (!c.description.empty())
            j["description"] = c.description;
        if (c.model)
            j["model"] = clockModelToJson(*c.model);
        clocks.push_back(std::move(j));
    }
    json streams = json::array();
    for (const auto& s : m.streams) {
        json j{{"name", s.name}, {"kind", std::string(streamKindName(s.kind))}, {"path", s.path}};
        if (!s.timestamps.empty())
            j["timestamps"] = s.timestamps;
        j["clock"] = s.clock;
        if (!s.units.empty())
            j["units"] = s.units;
        if (s.nominalRateHz)
            j["rate_hz"] = *s.nominalRateHz;
        streams.push_back(std::move(j));
    }
    json out{{"format", m.format.empty() ? std::string("touchstone-episode/1") : m.format},
             {"id", m.id}};
    if (!m.task.empty())
        out["task"] = m.task;
    out["participant"] = m.participant;
    out["consent"] = std::move(consent);
    if (!m.device.model.empty() || !m.device.serial.empty())
        out["device"] = json{{"model", m.device.model}, {"serial", m.device.serial}};
    if (!m.calibration.empty())
        out["calibration"] = m.calibration;
    out["clocks"] = std::move(clocks);
    out["streams"] = std::move(streams);
    if (!m.attachments.empty()) {
        json attachments = json::array();
        for (const auto& a : m.attachments) {
            json j{{"name", a.name}, {"kind", a.kind}, {"path", a.path}};
            if (!a.stream.empty())
                j["stream"] = a.stream;
            if (!a.description.empty())
                j["description"] = a.description;
            attachments.push_back(std::move(j));
        }
        out["attachments"] = std::move(attachments);
    }
    out["notes"] = m.notes;
    return out;
}

json BundleWriter::calibrationToJson(const Calibration& c) {
    json cameras = json::object();
    for (const auto& [name, k] : c.cameras) {
        cameras[name] = json{{"width", k.width}, {"height", k.height}, {"fx", k.fx},
                             {"fy", k.fy},       {"cx", k.cx},         {"cy", k.cy},
                             {"distortion", {{"model", k.distortionModel},
                                             {"coeffs", k.distortion}}}};
    }
    json out{{"format", "touchstone-calibration/1"}, {"cameras", std::move(cameras)}};
    if (c.depthScaleM)
        out["depth_scale_m"] = *c.depthScaleM;
    json extrinsics = json::object();
    for (const auto& [name, t] : c.extrinsics)
        extrinsics[name] = transformToJson(t);
    out["extrinsics"] = std::move(extrinsics);
    return out;
}

void BundleWriter::writeManifest(const Manifest& m, const std::string& relative) const {
    writeJson(relative, manifestToJson(m));
}

void BundleWriter::writeCalibration(const Calibration& c, const std::string& relative) const {
    writeJson(relative, calibrationToJson(c));
}

void BundleWriter::writeJson(const std::string& relative, const json& j) const {
    const fs::path file = absolute(relative);
    ensureParent(file);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error(file.string(), "cannot open for writing");
    out << j.dump(2) << '\n';
    out.close();
    if (!out)
        throw Error(file.string(), "write failed (disk full?)");
}

void BundleWriter::writePng16(const std::string& relative, int width, int height,
                              const uint16_t* pixels, int compressionLevel) const {
    const fs::path file = absolute(relative);
    ensureParent(file);
    writePng(file, width, height, PngFormat::Gray16, pixels, compressionLevel);
}

BundleWriter::Csv BundleWriter::openCsv(const std::string& relative,
                                        const std::vector<std::string>& header,
                                        int significantDigits) const {
    const fs::path file = absolute(relative);
    ensureParent(file);
    return Csv(file, header, significantDigits);
}

// ---- Csv ----

BundleWriter::Csv::Csv(const fs::path& file, const std::vector<std::string>& header,
                       int significantDigits)
    : file_(file), columns_(header.size()), digits_(significantDigits) {
    f_ = std::fopen(file.c_str(), "wb");
    if (!f_)
        throw Error(file.string(), std::string("cannot open for writing: ") + std::strerror(errno));
    buffer_.reserve(1 << 20);
    for (size_t i = 0; i < header.size(); ++i) {
        if (i)
            buffer_ += ',';
        buffer_ += header[i];
    }
    buffer_ += '\n';
}

BundleWriter::Csv::~Csv() {
    if (f_) {
        std::fwrite(buffer_.data(), 1, buffer_.size(), f_);
        std::fclose(f_);
    }
}

void BundleWriter::Csv::separator() {
    if (fieldInRow_ >= columns_)
        throw Error(file_.string(), rows_ + 2, "more fields than header columns");
    if (fieldInRow_++)
        buffer_ += ',';
}

BundleWriter::Csv& BundleWriter::Csv::time(int64_t tNs) {
    if (fieldInRow_ != 0)
        throw Error(file_.string(), rows_ + 2, "t_ns must be the first field of a row");
    return integer(tNs);
}

BundleWriter::Csv& BundleWriter::Csv::integer(int64_t v) {
    separator();
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    buffer_.append(buf, r.ptr);
    return *this;
}

BundleWriter::Csv& BundleWriter::Csv::value(double v) {
    if (!std::isfinite(v))
        throw Error(file_.string(), rows_ + 2, "value is not finite");
    separator();
    char buf[64];
    // to_chars is locale-independent and exact, so equal values always give equal bytes.
    auto r = digits_ > 0 ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general,
                                         digits_)
                         : std::to_chars(buf, buf + sizeof buf, v);
    buffer_.append(buf, r.ptr);
    return *this;
}

BundleWriter::Csv& BundleWriter::Csv::text(std::string_view s) {
    separator();
    buffer_.append(s);
    return *this;
}

void BundleWriter::Csv::endRow() {
    if (fieldInRow_ != columns_)
        throw Error(file_.string(), rows_ + 2,
                    "row has " + std::to_string(fieldInRow_) + " fields, header has " +
                        std::to_string(columns_));
    buffer_ += '\n';
    fieldInRow_ = 0;
    ++rows_;
    if (buffer_.size() > (1u << 20) - 4096)
        flush();
}

void BundleWriter::Csv::flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), f_) != buffer_.size())
        throw Error(file_.string(), "write failed (disk full?)");
    buffer_.clear();
}

void BundleWriter::Csv::close() {
    if (!f_)
        return;
    flush();
    const bool ok = std::fclose(f_) == 0;
    f_ = nullptr;
    if (!ok)
        throw Error(file_.string(), "write failed (disk full?)");
}

} // namespace ts::core
