// readBundle(): checks the manifest and calibration on the calling thread, then reads every
// stream, depth frame and media hash on a few worker threads (one job per stream, depth in
// chunks), and merges the findings in manifest order so the report is deterministic.
#include "io/bundle.h"

#include "io/attachmentcheck.h"
#include "io/csvfile.h"
#include "io/manifestreader.h"
#include "io/pathguard.h"
#include "io/pngcheck.h"
#include "io/streamreaders.h"
#include "io/timingstats.h"
#include "io/videoprobe.h"
#include "util/error.h"
#include "util/sha256.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <functional>
#include <mutex>
#include <thread>

namespace ts::core {

namespace fs = std::filesystem;

const StreamStats* Bundle::statsFor(const std::string& stream) const {
    for (const auto& s : stats)
        if (s.name == stream)
            return &s;
    return nullptr;
}

namespace {

constexpr size_t kDepthChunk = 256;

std::string depthFrameName(const std::string& folder, int64_t index) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%06lld.png", static_cast<long long>(index));
    return folder + (folder.empty() || folder.back() == '/' ? "" : "/") + buf;
}

// The result slot of one job; merged in job order.
struct JobResult {
    Diagnostics diags;
    std::vector<MediaFile> media;
};

struct Job {
    uint64_t bytes = 0; // for progress
    std::function<void(JobResult&)> run;
};

class Reader {
public:
    Reader(const fs::path& dir, const BundleReadOptions& o) : opt_(o) { b_.root = dir; }

    Bundle read() {
        std::error_code ec;
        if (!fs::is_directory(b_.root, ec)) {
            b_.diagnostics.error("manifest.missing", b_.root.string(), -1,
                                 fs::exists(b_.root, ec) ? "the bundle path is not a folder"
                                                         : "the bundle folder does not exist");
            return std::move(b_);
        }
        if (!readManifest())
            return std::move(b_);
        readCalibration();
        planStreams();
        if (opt_.sampleStreams)
            planAttachments();
        runJobs();
        return std::move(b_);
    }

private:
    // Reads a small JSON file of the bundle, hashing the same bytes.
    bool loadSmall(const std::string& rel, const std::string& role, std::string& text,
                   Diagnostics& diags) {
        std::string why;
        auto path = resolveInside(b_.root, rel, &why);
        if (!path) {
            diags.error("path.escapes_bundle", rel, -1, why);
            return false;
        }
        if (!fs::exists(*path)) {
            diags.error(role == "manifest" ? "manifest.missing" : "file.missing", rel, -1,
                        "the file does not exist");
            return false;
        }
        if (!readWholeFile(*path, text, &why)) {
            diags.error("file.unreadable", rel, -1, "the file cannot be read: " + why);
            return false;
        }
        b_.media.push_back({rel, role, text.size(), opt_.hashMedia ? Sha256::hex(text) : ""});
        return true;
    }

    bool readManifest() {
        std::string text;
        if (!loadSmall("episode.json", "manifest", text, b_.diagnostics))
            return false;
        nlohmann::json j;
        if (!parseJsonText(text, "episode.json", "manifest.json", j, b_.diagnostics))
            return false;
        parseManifest(j, "episode.json", b_.manifest, b_.diagnostics);
        // A wrong version means the rest cannot be trusted to mean what we think.
        return !b_.diagnostics.contains("manifest.version");
    }

    void readCalibration() {
        const auto& m = b_.manifest;
        const bool needs = std::any_of(m.streams.begin(), m.streams.end(), [](const StreamDecl& s) {
            return s.kind == StreamKind::Depth;
        });
        if (m.calibration.empty()) {
            if (needs)
                b_.diagnostics.error(
                    "manifest.field", "episode.json", -1,
                    "a depth stream needs 'calibration' (intrinsics and depth scale)");
            return;
        }
        std::string text;
        if (!loadSmall(m.calibration, "calibration", text, b_.diagnostics))
            return;
        nlohmann::json j;
        if (!parseJsonText(text, m.calibration, "calibration.json", j, b_.diagnostics))
            return;
        parseCalibration(j, m.calibration, b_.calibration, b_.diagnostics);
        if (needs && !b_.calibration.depthScaleM &&
            !b_.diagnostics.contains("calibration.depth_scale"))
            b_.diagnostics.error("calibration.field", m.calibration, -1,
                                 "'depth_scale_m' is required when the bundle has depth");
    }

    std::optional<fs::path> resolve(const std::string& rel, Diagnostics& diags) {
        std::string why;
        auto p = resolveInside(b_.root, rel, &why);
        if (!p)
            diags.error("path.escapes_bundle", rel, -1, why);
        return p;
    }

    // Loads a CSV through CsvFile and records it as media, hashing the bytes already in memory.
    bool loadCsv(const std::string& rel, const std::string& role, CsvFile& csv, JobResult& r) {
        auto p = resolve(rel, r.diags);
        if (!p || !csv.load(*p, rel, r.diags))
            return false;
        r.media.push_back({rel, role, csv.text().size(),
                           opt_.hashMedia ? Sha256::hex(csv.text()) : std::string()});
        return true;
    }

    static uint64_t sizeOf(const fs::path& p) {
        std::error_code ec;
        auto s = fs::file_size(p, ec);
        return ec ? 0 : s;
    }

    void planStreams() {
        const auto& streams = b_.manifest.streams;
        b_.stats.resize(streams.size());
        for (size_t i = 0; i < streams.size(); ++i) {
            const StreamDecl& d = streams[i];
            StreamStats& st = b_.stats[i];
            st.name = d.name;
            st.kind = d.kind;
            st.clock = d.clock;
            if (d.path.empty())
                continue;
            if (!opt_.sampleStreams && d.kind != StreamKind::Video && d.kind != StreamKind::Depth)
                continue;
            const std::string role = "stream:" + d.name;
            std::string why;
            auto full = resolveInside(b_.root, d.path, &why);
            const uint64_t bytes = full ? sizeOf(*full) : 0;
            switch (d.kind) {
            case StreamKind::Imu:
                addJob(bytes, [this, &d, &st, role](JobResult& r) {
                    CsvFile csv;
                    std::vector<ImuSample> s;
                    if (loadCsv(d.path, role, csv, r) && readImuCsv(csv, s, st, r.diags) &&
                        opt_.keepSamples)
                        store(b_.imu[d.name], std::move(s));
                });
                break;
            case StreamKind::Pose:
                addJob(bytes, [this, &d, &st, role](JobResult& r) {
                    CsvFile csv;
                    std::vector<PoseSample> s;
                    if (loadCsv(d.path, role, csv, r) && readPoseCsv(csv, s, st, r.diags) &&
                        opt_.keepSamples)
                        store(b_.pose[d.name], std::move(s));
                });
                break;
            case StreamKind::Hands:
                addJob(bytes, [this, &d, &st, role](JobResult& r) {
                    CsvFile csv;
                    std::vector<HandSample> s;
                    if (loadCsv(d.path, role, csv, r) && readHandsCsv(csv, s, st, r.diags) &&
                        opt_.keepSamples)
                        store(b_.hands[d.name], std::move(s));
                });
                break;
            case StreamKind::Force:
                addJob(bytes, [this, &d, &st, role](JobResult& r) {
                    CsvFile csv;
                    ForceSeries s;
                    if (loadCsv(d.path, role, csv, r) && readForceCsv(csv, s, st, r.diags) &&
                        opt_.keepSamples)
                        store(b_.force[d.name], std::move(s));
                });
                break;
            case StreamKind::Video:
                planVideo(d, st, bytes);
                break;
            case StreamKind::Depth:
                planDepth(d, st);
                break;
            }
        }
    }

    // Attachments are checked and hashed like streams; a frames folder is hashed file by file.
    void planAttachments() {
        for (const AttachmentDecl& a : b_.manifest.attachments) {
            if (a.path.empty())
                continue;
            const std::string role = "attachment:" + a.name;
            if (a.kind == "frames") {
                addJob(1, [this, &a, role](JobResult& r) {
                    auto folder = resolve(a.path, r.diags);
                    if (!folder)
                        return;
                    std::error_code ec;
                    if (!fs::is_directory(*folder, ec)) {
                        r.diags.error("file.missing", a.path, -1,
                                      "the attachment folder does not exist (or is not a folder)");
                        return;
                    }
                    std::vector<std::string> names;
                    for (const auto& e : fs::directory_iterator(*folder, ec))
                        if (e.is_regular_file())
                            names.push_back(e.path().filename().string());
                    std::sort(names.begin(), names.end());
                    std::string bytes, why;
                    for (const auto& n : names) {
                        const std::string rel = a.path + "/" + n;
                        auto p = resolve(rel, r.diags);
                        if (!p)
                            continue;
                        if (!readWholeFile(*p, bytes, &why)) {
                            r.diags.error("file.unreadable", rel, -1,
                                          "the file cannot be read: " + why);
                            continue;
                        }
                        r.media.push_back({rel, role, bytes.size(),
                                           opt_.hashMedia ? Sha256::hex(bytes) : std::string()});
                    }
                });
                continue;
            }
            std::string why;
            auto full = resolveInside(b_.root, a.path, &why);
            addJob(full ? sizeOf(*full) : 1, [this, &a, role](JobResult& r) {
                CsvFile csv;
                if (loadCsv(a.path, role, csv, r))
                    checkAttachmentCsv(csv, a.kind, r.diags);
            });
        }
    }

    // Frame times are read now, on this thread: the video and depth jobs need them.
    bool readFrames(const StreamDecl& d, StreamStats& st, FrameTimes& ft) {
        JobResult r;
        CsvFile csv;
        bool ok = loadCsv(d.timestamps, "stream:" + d.name, csv, r) &&
                  readFrameTimesCsv(csv, ft, st, r.diags);
        b_.diagnostics.append(r.diags);
        b_.media.insert(b_.media.end(), r.media.begin(), r.media.end());
        return ok;
    }

    void planVideo(const StreamDecl& d, StreamStats& st, uint64_t bytes) {
        FrameTimes ft;
        readFrames(d, st, ft);
        const int64_t listed = static_cast<int64_t>(ft.tNs.size());
        if (opt_.keepSamples)
            b_.frames[d.name] = std::move(ft);
        addJob(bytes, [this, &d, &st, listed](JobResult& r) {
            auto p = resolve(d.path, r.diags);
            if (!p)
                return;
            if (!fs::exists(*p)) {
                r.diags.error("file.missing", d.path, -1, "the video file does not exist");
                return;
            }
            MediaFile mf{d.path, "stream:" + d.name, 0, {}};
            if (opt_.hashMedia) {
                try {
                    mf.sha256 = Sha256::hexOfFile(*p, &mf.size);
                } catch (const Error& e) {
                    r.diags.error("file.unreadable", d.path, -1, e.what());
                    return;
                }
            } else {
                mf.size = sizeOf(*p);
            }
            r.media.push_back(mf);
            VideoProbe v = probeVideo(*p, d.path, opt_.checkVideoFrames, r.diags);
            if (!v.opened)
                return;
            st.width = v.width;
            st.height = v.height;
            st.codec = v.codec;
            const int64_t frames = v.frames >= 0 ? v.frames : v.declaredFrames;
            if (frames > 0 && listed > 0 && frames != listed &&
                !r.diags.contains("video.truncated"))
                r.diags.error("video.frame_count", d.path, -1,
                              "the video has " + std::to_string(frames) + " frames but " +
                                  d.timestamps + " lists " + std::to_string(listed));
        });
    }

    void planDepth(const StreamDecl& d, StreamStats& st) {
        FrameTimes ft;
        readFrames(d, st, ft);
        auto folder = resolve(d.path, b_.diagnostics);
        if (!folder)
            return;
        if (!fs::is_directory(*folder)) {
            b_.diagnostics.error("file.missing", d.path, -1,
                                 "the depth folder does not exist (or is not a folder)");
            return;
        }
        const CameraIntrinsics* cam = nullptr;
        if (auto it = b_.calibration.cameras.find("depth"); it != b_.calibration.cameras.end())
            cam = &it->second;
        const size_t n = opt_.checkDepthFrames ? ft.frameIndex.size()
                                               : std::min<size_t>(ft.frameIndex.size(), 1);
        auto indices = std::make_shared<std::vector<int64_t>>(ft.frameIndex);
        for (size_t start = 0; start < n; start += kDepthChunk) {
            const size_t end = std::min(n, start + kDepthChunk);
            uint64_t bytes = 0;
            for (size_t i = start; i < end; i += 16) // sample sizes for the progress estimate
                bytes += sizeOf(b_.root / depthFrameName(d.path, (*indices)[i])) * 16;
            addJob(bytes, [this, &d, &st, cam, indices, start, end](JobResult& r) {
                std::string bytesRead, why;
                for (size_t i = start; i < end; ++i) {
                    const int64_t idx = (*indices)[i];
                    const std::string rel = depthFrameName(d.path, idx);
                    auto p = resolve(rel, r.diags);
                    if (!p)
                        continue;
                    if (!readWholeFile(*p, bytesRead, &why)) {
                        r.diags.errorAtFrame(
                            fs::exists(*p) ? "file.unreadable" : "depth.frame_missing", rel, idx,
                            "depth frame " + std::to_string(idx) + " cannot be read: " + why);
                        continue;
                    }
                    PngInfo info;
                    std::string bad = checkPng(bytesRead, info);
                    if (bad.empty() && cam &&
                        (info.width != cam->width || info.height != cam->height))
                        bad = "the frame is " + std::to_string(info.width) + "×" +
                              std::to_string(info.height) +
                              " but the depth camera is calibrated at " +
                              std::to_string(cam->width) + "×" + std::to_string(cam->height);
                    if (!bad.empty())
                        r.diags.errorAtFrame("depth.format", rel, idx, bad);
                    if (i == 0) {
                        st.width = info.width;
                        st.height = info.height;
                    }
                    r.media.push_back({rel, "stream:" + d.name, bytesRead.size(),
                                       opt_.hashMedia ? Sha256::hex(bytesRead) : std::string()});
                }
            });
        }
        if (opt_.keepSamples)
            b_.frames[d.name] = std::move(ft);
    }

    template <typename T> void store(T& slot, T&& value) {
        std::lock_guard lock(mutex_);
        slot = std::move(value);
    }

    void addJob(uint64_t bytes, std::function<void(JobResult&)> fn) {
        jobs_.push_back({std::max<uint64_t>(bytes, 1), std::move(fn)});
    }

    void runJobs() {
        std::vector<JobResult> results(jobs_.size());
        uint64_t total = 0;
        for (const auto& j : jobs_)
            total += j.bytes;
        std::atomic<size_t> next{0};
        std::atomic<uint64_t> done{0};
        std::atomic<bool> cancelled{false};
        auto worker = [&] {
            for (;;) {
                const size_t i = next.fetch_add(1);
                if (i >= jobs_.size())
                    return;
                if (opt_.cancel && opt_.cancel->load()) {
                    cancelled = true;
                    return;
                }
                jobs_[i].run(results[i]);
                const uint64_t d = done.fetch_add(jobs_[i].bytes) + jobs_[i].bytes;
                if (opt_.progress)
                    opt_.progress(static_cast<double>(d) / static_cast<double>(total));
            }
        };
        const int n = std::clamp(opt_.threads, 1, 16);
        std::vector<std::thread> threads;
        for (int t = 1; t < n && static_cast<size_t>(t) < jobs_.size(); ++t)
            threads.emplace_back(worker);
        worker();
        for (auto& t : threads)
            t.join();
        for (auto& r : results) {
            b_.diagnostics.append(r.diags);
            b_.media.insert(b_.media.end(), std::make_move_iterator(r.media.begin()),
                            std::make_move_iterator(r.media.end()));
        }
        if (cancelled)
            b_.diagnostics.error("read.cancelled", b_.root.string(), -1, "reading was cancelled");
        // Streams whose file could not be read have no statistics worth keeping.
        std::erase_if(b_.stats, [](const StreamStats& s) { return s.count == 0; });
    }

    BundleReadOptions opt_;
    Bundle b_;
    std::vector<Job> jobs_;
    std::mutex mutex_;
};

} // namespace

Bundle readBundle(const fs::path& dir, const BundleReadOptions& options) {
    return Reader(dir, options).read();
}

} // namespace ts::core
