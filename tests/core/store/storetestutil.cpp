#include "storetestutil.h"

#include "util/error.h"
#include "util/sha256.h"

#include <sqlite3.h>

#include <fstream>
#include <stdexcept>

namespace tstest {

namespace fs = std::filesystem;
using namespace ts::core;

void writeFile(const fs::path& file, const std::string& bytes) {
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out)
        throw std::runtime_error("cannot write " + file.string());
}

namespace {

MediaFile media(const fs::path& root, const std::string& rel, const std::string& role) {
    MediaFile m;
    m.path = rel;
    m.role = role;
    uint64_t n = 0;
    m.sha256 = Sha256::hexOfFile(root / rel, &n);
    m.size = n;
    return m;
}

StreamStats stats(const std::string& name, StreamKind kind, const std::string& clock, int64_t count,
                  TimeNs first, TimeNs interval) {
    StreamStats s;
    s.name = name;
    s.kind = kind;
    s.clock = clock;
    s.count = count;
    s.firstNs = first;
    s.lastNs = first + (count - 1) * interval;
    s.medianIntervalNs = interval;
    s.rateHz = 1e9 / static_cast<double>(interval);
    return s;
}

} // namespace

Bundle writeTestBundle(const fs::path& root, const std::string& episodeId, const BundleOptions& o) {
    writeFile(root / "episode.json",
              "{\"format\": \"touchstone-episode/1\", \"id\": \"" + episodeId + "\"}\n");
    std::string video(4096, '\0');
    for (size_t i = 0; i < video.size(); ++i)
        video[i] = static_cast<char>((i * 131 + episodeId.size()) % 256);
    writeFile(root / "rgb.mp4", video);
    std::string frames = "frame_index,t_ns\n";
    for (int i = 0; i < 30; ++i)
        frames += std::to_string(i) + "," + std::to_string(1'000'000'000 + i * 33'333'333LL) + "\n";
    writeFile(root / "rgb_frames.csv", frames);
    std::string imu = "t_ns,ax,ay,az,gx,gy,gz\n";
    for (int i = 0; i < 100; ++i)
        imu += std::to_string(i * 10'000'000LL) + ",0,0,9.81,0,0,0\n";
    writeFile(root / "imu.csv", imu);
    std::string pose = "t_ns,tx,ty,tz,qx,qy,qz,qw\n";
    for (int i = 0; i < 30; ++i)
        pose += std::to_string(i * 33'333'333LL) + ",0,0,0,0,0,0,1\n";
    writeFile(root / "pose.csv", pose);

    Bundle b;
    b.root = root;
    Manifest& m = b.manifest;
    m.format = "touchstone-episode/1";
    m.formatVersion = 1;
    m.id = episodeId;
    m.task = "open the drawer";
    m.participant = o.participant;
    m.consent.id = o.consentId;
    m.consent.formVersion = o.formVersion;
    m.consent.terms = "research use";
    m.consent.scope = {"research"};
    m.consent.compensation = "EUR 20 voucher";
    m.consent.signedAt = "2026-01-15";
    m.device = {"touchstone-test", "T-1"};

    ClockDecl camera;
    camera.name = "camera";
    camera.timeline = true;
    ClockDecl imuClock;
    imuClock.name = "imu";
    ClockDecl slam;
    slam.name = "slam";
    ClockModel model;
    model.offsetNs = 5'000'000;
    model.drift = 20e-6;
    model.t0Ns = 0;
    slam.model = model;
    m.clocks = {camera, imuClock, slam};

    StreamDecl rgb{"rgb", StreamKind::Video, "rgb.mp4", "rgb_frames.csv", "camera", {}, 30.0};
    StreamDecl imuS{"imu", StreamKind::Imu, "imu.csv",
                    "",    "imu",           {{"accel", "m/s^2"}, {"gyro", "rad/s"}},
                    100.0};
    StreamDecl poseS{"pose", StreamKind::Pose, "pose.csv", "", "slam", {}, std::nullopt};
    m.streams = {rgb, imuS, poseS};

    StreamStats rgbStats = stats("rgb", StreamKind::Video, "camera", 30, 1'000'000'000, 33'333'333);
    rgbStats.width = 640;
    rgbStats.height = 480;
    rgbStats.codec = "h264";
    StreamStats imuStats = stats("imu", StreamKind::Imu, "imu", 100, 0, 10'000'000);
    imuStats.gaps = 1;
    imuStats.droppedEstimate = 2;
    imuStats.maxGapNs = 30'000'000;
    imuStats.jitterNs = 1500.0;
    StreamStats poseStats = stats("pose", StreamKind::Pose, "slam", 30, 0, 33'333'333);
    if (o.corruptStats)
        poseStats.count = -1; // a reader never says so; the schema's CHECK refuses it
    b.stats = {rgbStats, imuStats, poseStats};

    b.media = {media(root, "episode.json", "manifest"), media(root, "rgb.mp4", "stream:rgb"),
               media(root, "rgb_frames.csv", "stream:rgb"), media(root, "imu.csv", "stream:imu"),
               media(root, "pose.csv", "stream:pose")};
    b.diagnostics.warning("timestamps.gap", "imu.csv", 42,
                          "an interval of 30 ms is longer than 1.5x the median (10 ms)");
    if (o.withError)
        b.diagnostics.error("csv.number", "pose.csv", 7, "field 'tx' is not a number");
    return b;
}

namespace {

struct Raw {
    explicit Raw(const fs::path& file) {
        if (sqlite3_open_v2(file.string().c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) != SQLITE_OK)
            throw std::runtime_error("raw open failed: " + file.string());
    }
    ~Raw() { sqlite3_close(db); }
    sqlite3* db = nullptr;
};

} // namespace

void rawExec(const fs::path& file, const std::string& sql) {
    Raw r(file);
    char* err = nullptr;
    if (sqlite3_exec(r.db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "?";
        sqlite3_free(err);
        throw std::runtime_error("raw SQL failed: " + msg + " in " + sql);
    }
}

namespace {
template <typename F> void rawQuery(const fs::path& file, const std::string& sql, F&& f) {
    Raw r(file);
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(r.db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("raw prepare failed: ") + sqlite3_errmsg(r.db));
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        throw std::runtime_error("raw query returned no row: " + sql);
    }
    f(st);
    sqlite3_finalize(st);
}
} // namespace

int64_t rawInt(const fs::path& file, const std::string& sql) {
    int64_t v = 0;
    rawQuery(file, sql, [&](sqlite3_stmt* st) { v = sqlite3_column_int64(st, 0); });
    return v;
}

std::string rawText(const fs::path& file, const std::string& sql) {
    std::string v;
    rawQuery(file, sql, [&](sqlite3_stmt* st) {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        v = p ? p : "";
    });
    return v;
}

int64_t totalRows(const fs::path& file) {
    int64_t total = 0;
    for (const char* t :
         {"project", "user_account", "participant", "consent", "episode", "stream", "clock_model",
          "media_file", "label", "event", "keypoint_correction", "review", "qc_metric",
          "export_record", "export_episode", "audit_log", "settings"})
        total += rawInt(file, std::string("SELECT count(*) FROM ") + t);
    return total;
}

} // namespace tstest
