// A read-only HDF5 file through the HDF5 C library, for importers: numeric datasets read as
// doubles with their shape, and string attributes (fixed or variable length). Errors throw
// ts::core::Error naming the file and the object; HDF5's own error printing is silenced.
// One Hdf5File per thread (Debian's serial HDF5 is not thread-safe: use it from one thread).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ts::core::importers {

class Hdf5File {
public:
    Hdf5File(const std::filesystem::path& file, std::string displayName);
    ~Hdf5File();
    Hdf5File(const Hdf5File&) = delete;
    Hdf5File& operator=(const Hdf5File&) = delete;

    bool exists(const std::string& path) const; // a dataset or group at this path
    std::vector<std::string> members(const std::string& group) const;

    struct Array {
        std::vector<uint64_t> shape;
        std::vector<double> values; // row-major
    };
    // Reads a numeric dataset (any integer or float type) converted to double.
    Array readArray(const std::string& dataset) const;

    // A string attribute of the root group, or nullopt when there is none.
    std::optional<std::string> rootStringAttribute(const std::string& name) const;
    // A numeric (or numeric-looking string) attribute of the root group.
    std::optional<double> rootNumberAttribute(const std::string& name) const;

    const std::string& name() const { return name_; }

private:
    int64_t file_ = -1;
    std::string name_;
};

} // namespace ts::core::importers
