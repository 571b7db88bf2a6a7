#include "io/manifestreader.h"

#include "io/bundle.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <regex>
#include <set>

namespace ts::core {

using nlohmann::json;

bool parseJsonText(const std::string& text, const std::string& file, const std::string& code,
                   json& out, Diagnostics& diags) {
    try {
        out = json::parse(text);
        return true;
    } catch (const json::parse_error& e) {
        int64_t line = 1, col = 1;
        for (size_t i = 0; i < e.byte && i < text.size(); ++i) {
            if (text[i] == '\n') {
                ++line;
                col = 1;
            } else {
                ++col;
            }
        }
        std::string what = e.what();
        // nlohmann's message starts with "[json.exception.parse_error.101] parse error at …: "
        auto p = what.find(": ");
        if (p != std::string::npos && what.find("parse error") < p)
            what = what.substr(p + 2);
        diags.error(code, file, line,
                    "the file is not valid JSON (column " + std::to_string(col) + "): " + what);
        return false;
    }
}

namespace {

class Fields {
public:
    Fields(const json& j, std::string file, std::string where, Diagnostics& d)
        : j_(j), file_(std::move(file)), where_(std::move(where)), d_(d) {}

    bool ok() const { return ok_; }

    std::string str(const char* key, bool required, const std::string& code = "manifest.field") {
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) {
            if (required)
                fail(code, std::string("the required key '") + key + "' is missing" + in());
            return {};
        }
        if (!it->is_string()) {
            fail(code, std::string("'") + key + "' must be a string" + in());
            return {};
        }
        return it->get<std::string>();
    }

    std::optional<double> num(const char* key, bool required,
                              const std::string& code = "manifest.field") {
        auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) {
            if (required)
                fail(code, std::string("the required key '") + key + "' is missing" + in());
            return std::nullopt;
        }
        if (!it->is_number()) {
            fail(code, std::string("'") + key + "' must be a number" + in());
            return std::nullopt;
        }
        double v = it->get<double>();
        if (!std::isfinite(v)) {
            fail(code, std::string("'") + key + "' must be finite" + in());
            return std::nullopt;
        }
        return v;
    }

    void fail(const std::string& code, const std::string& msg) {
        ok_ = false;
        d_.error(code, file_, -1, msg);
    }

private:
    std::string in() const { return where_.empty() ? "" : " in " + where_; }
    const json& j_;
    std::string file_, where_;
    Diagnostics& d_;
    bool ok_ = true;
};

bool parseClockModel(const json& m, const std::string& file, const std::string& where,
                     ClockModel& out, Diagnostics& diags) {
    if (!m.is_object()) {
        diags.error("manifest.clock", file, -1,
                    "the clock model of " + where + " must be an object");
        return false;
    }
    Fields f(m, file, "the model of " + where, diags);
    auto off = f.num("offset_ns", true, "manifest.clock");
    auto drift = f.num("drift_ppm", false, "manifest.clock");
    auto t0 = f.num("t0_ns", false, "manifest.clock");
    if (!f.ok())
        return false;
    out.offsetNs = static_cast<TimeNs>(std::llround(*off));
    if (m["offset_ns"].is_number_integer())
        out.offsetNs = m["offset_ns"].get<int64_t>();
    out.drift = drift.value_or(0.0) * 1e-6;
    out.t0Ns = t0 ? static_cast<TimeNs>(std::llround(*t0)) : 0;
    if (t0 && m["t0_ns"].is_number_integer())
        out.t0Ns = m["t0_ns"].get<int64_t>();
    out.method = "file";
    out.confidence = 1.0;
    out.author = "recording";
    return true;
}

} // namespace

bool parseManifest(const json& j, const std::string& file, Manifest& out, Diagnostics& diags) {
    const size_t before = diags.errorCount();
    if (!j.is_object()) {
        diags.error("manifest.field", file, -1, "the manifest must be a JSON object");
        return false;
    }
    Fields top(j, file, "", diags);
    out.format = top.str("format", true, "manifest.version");
    if (!out.format.empty()) {
        const std::string prefix = "touchstone-episode/";
        if (out.format.rfind(prefix, 0) != 0) {
            diags.error("manifest.version", file, -1,
                        "format '" + out.format +
                            "' is not a Touchstone episode bundle (expected '" + kBundleFormat +
                            "')");
        } else {
            const std::string v = out.format.substr(prefix.size());
            if (v != std::to_string(kBundleFormatVersion))
                diags.error("manifest.version", file, -1,
                            "format version '" + v +
                                "' is not known to this Touchstone, which reads version " +
                                std::to_string(kBundleFormatVersion));
            else
                out.formatVersion = kBundleFormatVersion;
        }
    }
    out.id = top.str("id", true);
    static const std::regex idPattern("[A-Za-z0-9._-]{1,128}");
    if (!out.id.empty() && !std::regex_match(out.id, idPattern))
        diags.error("manifest.field", file, -1,
                    "id '" + out.id.substr(0, 60) +
                        "' may only use letters, digits, '.', '_' and '-' (at most 128)");
    out.task = top.str("task", false);
    out.participant = top.str("participant", true);
    out.calibration = top.str("calibration", false);
    out.notes = top.str("notes", false);

    if (auto c = j.find("consent"); c == j.end() || !c->is_object()) {
        diags.error("manifest.field", file, -1, "the required object 'consent' is missing");
    } else {
        Fields f(*c, file, "consent", diags);
        out.consent.id = f.str("id", true);
        out.consent.formVersion = f.str("form_version", true);
        out.consent.terms = f.str("terms", false);
        out.consent.compensation = f.str("compensation", false);
        out.consent.signedAt = f.str("signed_at", true);
        std::string w = f.str("withdrawn_at", false);
        if (!w.empty())
            out.consent.withdrawnAt = w;
        if (auto s = c->find("scope"); s != c->end()) {
            if (!s->is_array())
                diags.error("manifest.field", file, -1,
                            "'scope' in consent must be a list of strings");
            else
                for (const auto& e : *s)
                    if (e.is_string())
                        out.consent.scope.push_back(e.get<std::string>());
        }
    }
    if (auto d = j.find("device"); d != j.end() && d->is_object()) {
        Fields f(*d, file, "device", diags);
        out.device.model = f.str("model", false);
        out.device.serial = f.str("serial", false);
    }

    // Clocks.
    auto clocks = j.find("clocks");
    if (clocks == j.end() || !clocks->is_array() || clocks->empty()) {
        diags.error("manifest.clock", file, -1, "'clocks' must be a non-empty list of clocks");
    } else {
        int timelines = 0;
        std::set<std::string> names;
        for (size_t i = 0; i < clocks->size(); ++i) {
            const json& c = (*clocks)[i];
            const std::string where = "clocks[" + std::to_string(i) + "]";
            if (!c.is_object()) {
                diags.error("manifest.clock", file, -1, where + " must be an object");
                continue;
            }
            Fields f(c, file, where, diags);
            ClockDecl decl;
            decl.name = f.str("name", true, "manifest.clock");
            decl.description = f.str("description", false);
            if (auto t = c.find("timeline"); t != c.end() && t->is_boolean())
                decl.timeline = t->get<bool>();
            if (decl.timeline)
                ++timelines;
            if (!decl.name.empty() && !names.insert(decl.name).second)
                diags.error("manifest.clock", file, -1,
                            "clock '" + decl.name + "' is declared twice");
            if (auto m = c.find("model"); m != c.end() && !m->is_null()) {
                ClockModel cm;
                if (parseClockModel(*m, file, "clock '" + decl.name + "'", cm, diags))
                    decl.model = cm;
            }
            out.clocks.push_back(std::move(decl));
        }
        if (timelines != 1)
            diags.error("manifest.clock", file, -1,
                        timelines == 0
                            ? "no clock is marked \"timeline\": true (the RGB camera clock, or the "
                              "reference clock when there is no video)"
                            : "more than one clock is marked \"timeline\": true");
    }

    // Streams.
    auto streams = j.find("streams");
    if (streams == j.end() || !streams->is_array() || streams->empty()) {
        diags.error("manifest.field", file, -1, "'streams' must be a non-empty list of streams");
    } else {
        std::set<std::string> names;
        for (size_t i = 0; i < streams->size(); ++i) {
            const json& s = (*streams)[i];
            std::string where = "streams[" + std::to_string(i) + "]";
            if (!s.is_object()) {
                diags.error("manifest.field", file, -1, where + " must be an object");
                continue;
            }
            Fields f(s, file, where, diags);
            StreamDecl decl;
            decl.name = f.str("name", true);
            if (!decl.name.empty())
                where = "stream '" + decl.name + "'";
            Fields g(s, file, where, diags);
            const std::string kind = g.str("kind", true);
            decl.path = g.str("path", true);
            decl.timestamps = g.str("timestamps", false);
            decl.clock = g.str("clock", true, "manifest.clock");
            decl.nominalRateHz = g.num("rate_hz", false);
            if (auto k = streamKindFromName(kind))
                decl.kind = *k;
            else if (!kind.empty())
                diags.error("manifest.field", file, -1,
                            "kind '" + kind + "' of " + where +
                                " is not one of video, depth, pose, imu, hands, force");
            if ((decl.kind == StreamKind::Video || decl.kind == StreamKind::Depth) &&
                decl.timestamps.empty() && !kind.empty())
                diags.error("manifest.field", file, -1,
                            where + " needs 'timestamps', the CSV of its frame times");
            if (auto u = s.find("units"); u != s.end() && u->is_object())
                for (auto it = u->begin(); it != u->end(); ++it)
                    if (it->is_string())
                        decl.units[it.key()] = it->get<std::string>();
            if (!decl.name.empty() && !names.insert(decl.name).second)
                diags.error("manifest.duplicate_stream", file, -1,
                            "two streams are named '" + decl.name + "'");
            if (!decl.clock.empty() && !out.clock(decl.clock) && !out.clocks.empty())
                diags.error("manifest.clock", file, -1,
                            where + " is on clock '" + decl.clock +
                                "', which 'clocks' does not declare");
            out.streams.push_back(std::move(decl));
        }
    }

    // Attachments (optional; a later minor addition to version 1).
    if (auto a = j.find("attachments"); a != j.end() && !a->is_null()) {
        if (!a->is_array()) {
            diags.error("manifest.field", file, -1, "'attachments' must be a list");
        } else {
            std::set<std::string> names;
            for (size_t i = 0; i < a->size(); ++i) {
                const json& x = (*a)[i];
                std::string where = "attachments[" + std::to_string(i) + "]";
                if (!x.is_object()) {
                    diags.error("manifest.field", file, -1, where + " must be an object");
                    continue;
                }
                Fields f(x, file, where, diags);
                AttachmentDecl decl;
                decl.name = f.str("name", true);
                decl.kind = f.str("kind", true);
                decl.path = f.str("path", true);
                decl.stream = f.str("stream", false);
                decl.description = f.str("description", false);
                if (!decl.kind.empty() && decl.kind != "points" && decl.kind != "table" &&
                    decl.kind != "frames")
                    diags.error("manifest.field", file, -1,
                                "kind '" + decl.kind + "' of " + where +
                                    " is not one of points, table, frames");
                if (!decl.name.empty() && !names.insert(decl.name).second)
                    diags.error("manifest.field", file, -1,
                                "two attachments are named '" + decl.name + "'");
                if (!decl.stream.empty() && !out.stream(decl.stream))
                    diags.error("manifest.field", file, -1,
                                where + " belongs to stream '" + decl.stream +
                                    "', which 'streams' does not declare");
                out.attachments.push_back(std::move(decl));
            }
        }
    }
    return diags.errorCount() == before;
}

namespace {

bool parseCamera(const json& c, const std::string& file, const std::string& name,
                 CameraIntrinsics& cam, Diagnostics& diags) {
    Fields f(c, file, "camera '" + name + "'", diags);
    auto w = f.num("width", true, "calibration.field");
    auto h = f.num("height", true, "calibration.field");
    auto fx = f.num("fx", true, "calibration.field");
    auto fy = f.num("fy", true, "calibration.field");
    auto cx = f.num("cx", true, "calibration.field");
    auto cy = f.num("cy", true, "calibration.field");
    if (!f.ok())
        return false;
    cam.width = static_cast<int>(*w);
    cam.height = static_cast<int>(*h);
    cam.fx = *fx;
    cam.fy = *fy;
    cam.cx = *cx;
    cam.cy = *cy;
    if (cam.width <= 0 || cam.height <= 0 || cam.fx <= 0 || cam.fy <= 0 || cam.cx < -0.5 ||
        cam.cy < -0.5 || cam.cx > cam.width || cam.cy > cam.height) {
        diags.error("calibration.intrinsics", file, -1,
                    "camera '" + name +
                        "' has implausible intrinsics: focal lengths and size must be positive "
                        "and the principal point inside the image");
        return false;
    }
    if (auto d = c.find("distortion"); d != c.end() && d->is_object()) {
        cam.distortionModel = d->value("model", std::string("none"));
        if (auto k = d->find("coeffs"); k != d->end() && k->is_array())
            for (const auto& v : *k)
                if (v.is_number())
                    cam.distortion.push_back(v.get<double>());
        if (cam.distortionModel != "none" && cam.distortionModel != "radtan") {
            diags.error("calibration.field", file, -1,
                        "camera '" + name + "' has distortion model '" + cam.distortionModel +
                            "'; known are 'none' and 'radtan'");
            return false;
        }
    }
    return true;
}

} // namespace

bool parseCalibration(const json& j, const std::string& file, Calibration& out,
                      Diagnostics& diags) {
    const size_t before = diags.errorCount();
    if (!j.is_object()) {
        diags.error("calibration.field", file, -1, "the calibration must be a JSON object");
        return false;
    }
    if (auto c = j.find("cameras"); c != j.end()) {
        if (!c->is_object()) {
            diags.error("calibration.field", file, -1, "'cameras' must be an object");
        } else {
            for (auto it = c->begin(); it != c->end(); ++it) {
                CameraIntrinsics cam;
                if (it->is_object() && parseCamera(*it, file, it.key(), cam, diags))
                    out.cameras[it.key()] = cam;
            }
        }
    }
    Fields f(j, file, "", diags);
    if (auto s = f.num("depth_scale_m", false, "calibration.field")) {
        if (*s < 1e-5 || *s > 0.1)
            diags.error("calibration.depth_scale", file, -1,
                        "depth_scale_m " + std::to_string(*s) +
                            " is outside the plausible 0.00001 … 0.1 metres per unit (0.001 for "
                            "millimetres)");
        else
            out.depthScaleM = *s;
    }
    if (auto e = j.find("extrinsics"); e != j.end() && e->is_object()) {
        for (auto it = e->begin(); it != e->end(); ++it) {
            RigidTransform t;
            const json& x = *it;
            bool good = x.is_object() && x.contains("t") && x.contains("q") && x["t"].is_array() &&
                        x["q"].is_array() && x["t"].size() == 3 && x["q"].size() == 4;
            if (good) {
                for (size_t i = 0; i < 3; ++i)
                    good = good && x["t"][i].is_number();
                for (size_t i = 0; i < 4; ++i)
                    good = good && x["q"][i].is_number();
            }
            if (!good) {
                diags.error("calibration.field", file, -1,
                            "extrinsic '" + it.key() +
                                "' needs \"t\": [x, y, z] and \"q\": [x, y, z, w]");
                continue;
            }
            double n = 0;
            for (size_t i = 0; i < 3; ++i)
                t.t[i] = x["t"][i].get<double>();
            for (size_t i = 0; i < 4; ++i) {
                t.q[i] = x["q"][i].get<double>();
                n += t.q[i] * t.q[i];
            }
            n = std::sqrt(n);
            if (std::abs(n - 1.0) > 0.01) {
                diags.error("range.quaternion", file, -1,
                            "extrinsic '" + it.key() + "' has a quaternion of norm " +
                                std::to_string(n) + "; a rotation needs a unit quaternion");
                continue;
            }
            for (auto& q : t.q)
                q /= n;
            out.extrinsics[it.key()] = t;
        }
    }
    return diags.errorCount() == before;
}

} // namespace ts::core
