#include "util/buildinfo.h"

#include <Eigen/Core>
#include <H5public.h>
#include <nlohmann/json.hpp>
#include <opencv2/core/version.hpp>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <png.h>
#include <sqlite3.h>
#include <zlib.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

#include <sys/utsname.h>

#include <sstream>

#ifndef TS_GIT_COMMIT
#define TS_GIT_COMMIT "unknown"
#endif
#ifndef TS_BUILD_TYPE
#define TS_BUILD_TYPE "unknown"
#endif

namespace ts::core {

namespace {

std::string avVersion(unsigned v) {
    return std::to_string(AV_VERSION_MAJOR(v)) + "." + std::to_string(AV_VERSION_MINOR(v)) + "." +
           std::to_string(AV_VERSION_MICRO(v));
}

std::string join3(long a, long b, long c) {
    return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c);
}

} // namespace

BuildInfo buildInfo() {
    BuildInfo b;
    b.version = TS_VERSION;
    b.commit = TS_GIT_COMMIT;
    b.buildType = TS_BUILD_TYPE;
#if defined(__clang__)
    b.compiler = "clang " __clang_version__;
#elif defined(__GNUC__)
    b.compiler = "gcc " __VERSION__;
#else
    b.compiler = "unknown";
#endif
    b.cxxStandard = "C++" + std::to_string(__cplusplus / 100 % 100);
    utsname u{};
    if (uname(&u) == 0)
        b.system = std::string(u.sysname) + " " + u.release + " " + u.machine;

    auto& l = b.libraries;
    l.push_back({"FFmpeg", "", av_version_info()});
    l.push_back({"libavcodec", avVersion(LIBAVCODEC_VERSION_INT), avVersion(avcodec_version())});
    l.push_back({"libavformat", avVersion(LIBAVFORMAT_VERSION_INT), avVersion(avformat_version())});
    l.push_back({"libavutil", avVersion(LIBAVUTIL_VERSION_INT), avVersion(avutil_version())});
    l.push_back({"libswscale", avVersion(LIBSWSCALE_VERSION_INT), avVersion(swscale_version())});
    l.push_back({"OpenCV", CV_VERSION, ""});
    l.push_back({"SQLite", SQLITE_VERSION, sqlite3_libversion()});
    unsigned h5maj = 0, h5min = 0, h5rel = 0;
    H5get_libversion(&h5maj, &h5min, &h5rel);
    l.push_back({"HDF5", join3(H5_VERS_MAJOR, H5_VERS_MINOR, H5_VERS_RELEASE),
                 join3(h5maj, h5min, h5rel)});
    l.push_back({"OpenSSL", OPENSSL_VERSION_TEXT, OpenSSL_version(OPENSSL_VERSION)});
    l.push_back({"libpng", PNG_LIBPNG_VER_STRING, png_get_libpng_ver(nullptr)});
    l.push_back({"zlib", ZLIB_VERSION, zlibVersion()});
    l.push_back({"Eigen", join3(EIGEN_WORLD_VERSION, EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION), ""});
    l.push_back({"nlohmann_json",
                 join3(NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
                       NLOHMANN_JSON_VERSION_PATCH),
                 ""});
    return b;
}

std::string toText(const BuildInfo& b) {
    std::ostringstream s;
    s << "Touchstone " << b.version << "\n"
      << "commit: " << b.commit << "\n"
      << "build type: " << b.buildType << "\n"
      << "compiler: " << b.compiler << " (" << b.cxxStandard << ")\n"
      << "system: " << b.system << "\n";
    for (const LibraryVersion& l : b.libraries) {
        s << l.name << ": ";
        if (!l.running.empty() && !l.compiled.empty() && l.running != l.compiled)
            s << l.running << " (built with " << l.compiled << ")";
        else
            s << (l.running.empty() ? l.compiled : l.running);
        s << "\n";
    }
    return s.str();
}

} // namespace ts::core
