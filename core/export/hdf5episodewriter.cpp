#include "export/hdf5episodewriter.h"

#include "util/error.h"

#include <hdf5.h>

#include <cstring>
#include <vector>

namespace ts::core::exporting {

namespace {

// Closes an HDF5 id with its matching close function.
class Hid {
public:
    Hid(hid_t id, herr_t (*close)(hid_t), const std::string& file, const std::string& what)
        : id_(id), close_(close) {
        if (id_ < 0)
            throw Error(file, "HDF5 could not " + what);
    }
    ~Hid() {
        if (id_ >= 0)
            close_(id_);
    }
    Hid(const Hid&) = delete;
    Hid& operator=(const Hid&) = delete;
    operator hid_t() const { return id_; }

private:
    hid_t id_;
    herr_t (*close_)(hid_t);
};

class H5Writer {
public:
    explicit H5Writer(const std::filesystem::path& file)
        : name_(file.string()),
          file_(H5Fcreate(name_.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose, name_,
                "create the file") {}

    hid_t file() const { return file_; }

    void group(const std::string& path) {
        Hid g(H5Gcreate2(file_, path.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose,
              name_, "create group " + path);
    }

    template <typename T>
    void dataset(const std::string& path, hid_t type, const std::vector<hsize_t>& dims,
                 const T* data) {
        Hid space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
                  name_, "make the space of " + path);
        Hid dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, name_, "make properties");
        hsize_t total = 1;
        for (hsize_t d : dims)
            total *= d;
        if (total > 0 && dims[0] > 0) { // chunked + deflate for the per-frame arrays
            std::vector<hsize_t> chunk = dims;
            chunk[0] = std::min<hsize_t>(dims[0], 1024);
            H5Pset_chunk(dcpl, static_cast<int>(chunk.size()), chunk.data());
            H5Pset_deflate(dcpl, 4);
        }
        Hid d(H5Dcreate2(file_, path.c_str(), type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT),
              H5Dclose, name_, "create dataset " + path);
        if (total > 0 && H5Dwrite(d, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
            throw Error(name_, "HDF5 could not write dataset " + path);
    }

    void strings(const std::string& path, const std::vector<std::string>& v) {
        Hid type(stringType(), H5Tclose, name_, "make a string type");
        std::vector<const char*> p;
        for (const auto& s : v)
            p.push_back(s.c_str());
        dataset(path, type, {v.size()}, p.data());
    }

    void attr(const std::string& object, const std::string& name, const std::string& value) {
        Hid type(stringType(), H5Tclose, name_, "make a string type");
        Hid space(H5Screate(H5S_SCALAR), H5Sclose, name_, "make a scalar space");
        Hid a(H5Acreate_by_name(file_, object.c_str(), name.c_str(), type, space, H5P_DEFAULT,
                                H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, name_, "create attribute " + name);
        const char* p = value.c_str();
        if (H5Awrite(a, type, &p) < 0)
            throw Error(name_, "HDF5 could not write attribute " + name);
    }

    template <typename T> void attr(const std::string& object, const std::string& name, hid_t type, T v) {
        Hid space(H5Screate(H5S_SCALAR), H5Sclose, name_, "make a scalar space");
        Hid a(H5Acreate_by_name(file_, object.c_str(), name.c_str(), type, space, H5P_DEFAULT,
                                H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, name_, "create attribute " + name);
        if (H5Awrite(a, type, &v) < 0)
            throw Error(name_, "HDF5 could not write attribute " + name);
    }

    void names(const std::string& object, const std::vector<std::string>& v) {
        Hid type(stringType(), H5Tclose, name_, "make a string type");
        const hsize_t n = v.size();
        Hid space(H5Screate_simple(1, &n, nullptr), H5Sclose, name_, "make a space");
        Hid a(H5Acreate_by_name(file_, object.c_str(), "names", type, space, H5P_DEFAULT,
                                H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, name_, "create attribute names");
        std::vector<const char*> p;
        for (const auto& s : v)
            p.push_back(s.c_str());
        if (n && H5Awrite(a, type, p.data()) < 0)
            throw Error(name_, "HDF5 could not write attribute names");
    }

    void close() {
        if (H5Fflush(file_, H5F_SCOPE_GLOBAL) < 0)
            throw Error(name_, "HDF5 could not flush the file");
    }

private:
    static hid_t stringType() {
        const hid_t t = H5Tcopy(H5T_C_S1);
        H5Tset_size(t, H5T_VARIABLE);
        H5Tset_cset(t, H5T_CSET_UTF8);
        return t;
    }

    std::string name_;
    Hid file_;
};

} // namespace

std::string safeFileStem(const std::string& id) {
    std::string s = id;
    for (char& c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'))
            c = '_';
    if (s.empty() || s[0] == '.')
        s = "_" + s;
    return s;
}

void writeHdf5Episode(const std::filesystem::path& file, const ExportEpisode& e,
                      const EpisodeFrames& f, const Hdf5EpisodeInfo& info) {
    H5Writer w(file);
    const hsize_t n = static_cast<hsize_t>(f.count);
    w.attr("/", "format", "touchstone-hdf5/1");
    w.attr("/", "tool_version", std::string("touchstone ") + TS_VERSION);
    w.attr("/", "episode_id", e.id);
    w.attr("/", "task", e.task);
    w.attr("/", "participant", e.participant);
    w.attr("/", "consent_id", e.consent.id);
    w.attr("/", "video_source", info.videoSource);
    w.attr("/", "fps", H5T_NATIVE_DOUBLE, f.fps);
    w.attr("/", "frames", H5T_NATIVE_INT64, static_cast<int64_t>(f.count));
    w.attr("/", "dataset_index", H5T_NATIVE_INT64, info.datasetIndex);
    w.attr("/", "timeline_start_ns", H5T_NATIVE_INT64, f.timelineNs.empty() ? 0 : f.timelineNs.front());

    std::vector<double> ts(n);
    for (hsize_t k = 0; k < n; ++k)
        ts[k] = static_cast<double>(k) / f.fps;
    w.dataset("/timestamp", H5T_NATIVE_DOUBLE, {n}, ts.data());
    w.dataset("/timeline_ns", H5T_NATIVE_INT64, {n}, f.timelineNs.data());
    w.dataset("/video_frame_index", H5T_NATIVE_INT64, {n}, f.videoFrame.data());

    w.group("/observation");
    w.dataset("/observation/pose", H5T_NATIVE_FLOAT, {n, 7}, f.pose.data());
    w.names("/observation/pose", {"tx", "ty", "tz", "qx", "qy", "qz", "qw"});
    w.dataset("/observation/imu", H5T_NATIVE_FLOAT, {n, 6}, f.imu.data());
    w.names("/observation/imu", {"ax", "ay", "az", "gx", "gy", "gz"});
    w.group("/observation/hands");
    const char* handNames[2] = {"left", "right"};
    for (int h = 0; h < 2; ++h) {
        const std::string p = std::string("/observation/hands/") + handNames[h];
        w.dataset(p, H5T_NATIVE_FLOAT, {n, 21, 3}, f.hands[h].data());
        w.dataset(p + "_confidence", H5T_NATIVE_FLOAT, {n}, f.handConfidence[h].data());
    }
    if (!f.forceChannels.empty()) {
        w.dataset("/observation/force", H5T_NATIVE_FLOAT, {n, f.forceChannels.size()}, f.force.data());
        w.names("/observation/force", f.forceChannels);
    }

    w.group("/frames");
    w.strings("/frames/task", f.task);
    w.group("/frames/language");
    for (const auto& [tier, col] : f.labels) {
        std::vector<std::string> v(n);
        for (hsize_t k = 0; k < n; ++k)
            v[k] = col[k].value_or("");
        w.strings("/frames/language/" + safeFileStem(tier), v);
    }
    w.group("/frames/event");
    for (const auto& [kind, col] : f.events)
        w.dataset("/frames/event/" + safeFileStem(kind), H5T_NATIVE_UINT8, {n}, col.data());

    w.group("/labels");
    {
        std::vector<std::string> tier, text, author;
        std::vector<int64_t> start, end;
        for (const auto& l : e.labels) {
            tier.push_back(l.tier);
            text.push_back(l.text);
            author.push_back(l.author);
            start.push_back(l.startNs);
            end.push_back(l.endNs);
        }
        w.strings("/labels/tier", tier);
        w.strings("/labels/text", text);
        w.strings("/labels/author", author);
        w.dataset("/labels/start_ns", H5T_NATIVE_INT64, {start.size()}, start.data());
        w.dataset("/labels/end_ns", H5T_NATIVE_INT64, {end.size()}, end.data());
    }
    w.group("/events");
    {
        std::vector<std::string> kind, hand, note, author;
        std::vector<int64_t> start, end;
        for (const auto& ev : e.events) {
            kind.push_back(ev.kind);
            hand.push_back(ev.hand);
            note.push_back(ev.note);
            author.push_back(ev.author);
            start.push_back(ev.startNs);
            end.push_back(ev.endNs.value_or(-1));
        }
        w.strings("/events/kind", kind);
        w.strings("/events/hand", hand);
        w.strings("/events/note", note);
        w.strings("/events/author", author);
        w.dataset("/events/start_ns", H5T_NATIVE_INT64, {start.size()}, start.data());
        w.dataset("/events/end_ns", H5T_NATIVE_INT64, {end.size()}, end.data());
    }
    w.group("/clock_models");
    for (const auto& c : e.clocks) {
        const std::string g = "/clock_models/" + safeFileStem(c.stream);
        w.group(g);
        w.attr(g, "kind", c.kind);
        w.attr(g, "method", c.model.method);
        w.attr(g, "offset_ns", H5T_NATIVE_INT64, static_cast<int64_t>(c.model.offsetNs));
        w.attr(g, "drift", H5T_NATIVE_DOUBLE, c.model.drift);
        w.attr(g, "t0_ns", H5T_NATIVE_INT64, static_cast<int64_t>(c.model.t0Ns));
        w.attr(g, "confidence", H5T_NATIVE_DOUBLE, c.model.confidence);
    }
    w.close();
}

} // namespace ts::core::exporting
