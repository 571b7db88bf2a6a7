#include "io/importers/hdf5file.h"

#include "util/error.h"

#include <hdf5.h>

#include <charconv>

namespace ts::core::importers {

namespace {

// Closes an HDF5 handle when it goes out of scope.
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle(hid_t id, Closer close) : id_(id), close_(close) {}
    ~Handle() {
        if (id_ >= 0)
            close_(id_);
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    hid_t get() const { return id_; }
    bool ok() const { return id_ >= 0; }

private:
    hid_t id_;
    Closer close_;
};

void silenceHdf5() {
    static const bool once = [] {
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
        return true;
    }();
    (void)once;
}

} // namespace

Hdf5File::Hdf5File(const std::filesystem::path& file, std::string displayName)
    : name_(std::move(displayName)) {
    silenceHdf5();
    if (H5Fis_hdf5(file.c_str()) <= 0)
        throw Error(name_, "is not an HDF5 file (or cannot be read)");
    file_ = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file_ < 0)
        throw Error(name_, "the HDF5 file cannot be opened (damaged or truncated?)");
}

Hdf5File::~Hdf5File() {
    if (file_ >= 0)
        H5Fclose(file_);
}

bool Hdf5File::exists(const std::string& path) const {
    // H5Lexists needs each parent to exist; walk the path one link at a time.
    std::string partial;
    size_t start = path.front() == '/' ? 1 : 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        partial = path.substr(0, slash == std::string::npos ? path.size() : slash);
        if (H5Lexists(file_, partial.c_str(), H5P_DEFAULT) <= 0)
            return false;
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return true;
}

std::vector<std::string> Hdf5File::members(const std::string& group) const {
    std::vector<std::string> out;
    Handle g(H5Gopen2(file_, group.c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.ok())
        return out;
    H5G_info_t info;
    if (H5Gget_info(g.get(), &info) < 0)
        return out;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t n = H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr,
                                             0, H5P_DEFAULT);
        if (n <= 0)
            continue;
        std::string name(static_cast<size_t>(n), '\0');
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                           static_cast<size_t>(n) + 1, H5P_DEFAULT);
        out.push_back(std::move(name));
    }
    return out;
}

Hdf5File::Array Hdf5File::readArray(const std::string& dataset) const {
    if (!exists(dataset))
        throw Error(name_, "has no dataset '" + dataset + "'");
    Handle d(H5Dopen2(file_, dataset.c_str(), H5P_DEFAULT), H5Dclose);
    if (!d.ok())
        throw Error(name_, "'" + dataset + "' is not a dataset");
    Handle type(H5Dget_type(d.get()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER)
        throw Error(name_, "dataset '" + dataset + "' is not numeric");
    Handle space(H5Dget_space(d.get()), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0)
        throw Error(name_, "dataset '" + dataset + "' has no simple shape");
    Array a;
    a.shape.resize(static_cast<size_t>(rank));
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    uint64_t count = 1;
    for (int i = 0; i < rank; ++i) {
        a.shape[static_cast<size_t>(i)] = dims[static_cast<size_t>(i)];
        count *= dims[static_cast<size_t>(i)];
    }
    a.values.resize(count);
    if (count > 0 &&
        H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.values.data()) < 0)
        throw Error(name_, "dataset '" + dataset + "' cannot be read (damaged file?)");
    return a;
}

std::optional<std::string> Hdf5File::rootStringAttribute(const std::string& name) const {
    if (H5Aexists(file_, name.c_str()) <= 0)
        return std::nullopt;
    Handle attr(H5Aopen(file_, name.c_str(), H5P_DEFAULT), H5Aclose);
    if (!attr.ok())
        return std::nullopt;
    Handle type(H5Aget_type(attr.get()), H5Tclose);
    if (H5Tget_class(type.get()) != H5T_STRING)
        return std::nullopt;
    Handle space(H5Aget_space(attr.get()), H5Sclose);
    if (H5Sget_simple_extent_npoints(space.get()) != 1)
        throw Error(name_, "attribute '" + name + "' holds several strings, one is expected");
    if (H5Tis_variable_str(type.get()) > 0) {
        Handle mem(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(mem.get(), H5T_VARIABLE);
        H5Tset_cset(mem.get(), H5Tget_cset(type.get()));
        char* value = nullptr;
        if (H5Aread(attr.get(), mem.get(), &value) < 0)
            throw Error(name_, "attribute '" + name + "' cannot be read");
        std::string out = value ? value : "";
        H5free_memory(value);
        return out;
    }
    const size_t size = H5Tget_size(type.get());
    std::string out(size, '\0');
    if (H5Aread(attr.get(), type.get(), out.data()) < 0)
        throw Error(name_, "attribute '" + name + "' cannot be read");
    out.resize(out.find('\0') == std::string::npos ? out.size() : out.find('\0'));
    while (!out.empty() && out.back() == ' ')
        out.pop_back(); // space-padded fixed strings
    return out;
}

std::optional<double> Hdf5File::rootNumberAttribute(const std::string& name) const {
    if (H5Aexists(file_, name.c_str()) <= 0)
        return std::nullopt;
    Handle attr(H5Aopen(file_, name.c_str(), H5P_DEFAULT), H5Aclose);
    Handle type(H5Aget_type(attr.get()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls == H5T_STRING) {
        const auto s = rootStringAttribute(name);
        double v = 0;
        if (s && std::from_chars(s->data(), s->data() + s->size(), v).ec == std::errc())
            return v;
        return std::nullopt;
    }
    if (cls != H5T_FLOAT && cls != H5T_INTEGER)
        return std::nullopt;
    double v = 0;
    if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &v) < 0)
        throw Error(name_, "attribute '" + name + "' cannot be read");
    return v;
}

} // namespace ts::core::importers
