// Writing the files of an episode bundle (docs/bundle-format.md): manifest, calibration, CSV
// streams with exact integer t_ns, 16-bit PNG frames and free-form JSON, relative to one folder.
#pragma once

#include "model/calibration.h"
#include "model/manifest.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ts::core {

// Every method throws ts::core::Error naming the file when it cannot be written. Paths are
// relative to the bundle root and use '/'; parent folders are created as needed. One writer may
// be shared by threads only for writePng16 on distinct files (it keeps no mutable state).
class BundleWriter {
public:
    explicit BundleWriter(std::filesystem::path root);

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path absolute(const std::string& relative) const;

    void writeManifest(const Manifest& manifest, const std::string& relative = "episode.json") const;
    void writeCalibration(const Calibration& calibration,
                          const std::string& relative = "calibration.json") const;
    void writeJson(const std::string& relative, const nlohmann::json& json) const;
    // Single-channel 16-bit grey; level is zlib's 0..9 (1 is fast and still shrinks depth well).
    void writePng16(const std::string& relative, int width, int height, const uint16_t* pixels,
                    int compressionLevel = 1) const;

    static nlohmann::json manifestToJson(const Manifest& manifest);
    static nlohmann::json calibrationToJson(const Calibration& calibration);

    // A CSV stream written row by row through a buffer, so that a long recording never sits in
    // memory. Times are written as exact integers, values in shortest round-trip form or with
    // a fixed number of significant digits.
    class Csv {
    public:
        Csv(const std::filesystem::path& file, const std::vector<std::string>& header,
            int significantDigits = 9);
        ~Csv();
        Csv(const Csv&) = delete;
        Csv& operator=(const Csv&) = delete;

        Csv& time(int64_t tNs);         // first field of a row
        Csv& value(double v);           // throws for nan/inf: the format forbids them
        Csv& text(std::string_view s);  // a plain field (no quoting: callers pass simple words)
        Csv& integer(int64_t v);
        void endRow();
        void close();                   // flushes and checks; the destructor closes silently
        int64_t rows() const { return rows_; }

    private:
        void separator();
        void flush();

        std::filesystem::path file_;
        std::FILE* f_ = nullptr;
        std::string buffer_;
        size_t columns_ = 0;
        size_t fieldInRow_ = 0;
        int digits_ = 9;
        int64_t rows_ = 0;
    };

    Csv openCsv(const std::string& relative, const std::vector<std::string>& header,
                int significantDigits = 9) const;

private:
    std::filesystem::path root_;
};

} // namespace ts::core
