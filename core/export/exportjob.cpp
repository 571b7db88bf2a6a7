#include "export/exportjob.h"

#include "export/exportcancelled.h"
#include "export/hdf5episodewriter.h"
#include "export/provenance.h"
#include "io/bundle.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "store/transaction.h"
#include "store/usertable.h"
#include "util/error.h"

#include <chrono>
#include <random>
#include <unistd.h>

namespace ts::core::exporting {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path partialDirFor(const fs::path& out) {
    std::random_device rd;
    return out.parent_path() /
           ("." + out.filename().string() + ".partial-" + std::to_string(::getpid()) + "-" +
            std::to_string(rd() % 1000000));
}

// Removes what crashed exports to the same destination left behind: hidden partial folders
// whose process is gone. A partial folder of a running export (another process) is kept.
void removeStalePartials(const fs::path& out) {
    const std::string prefix = "." + out.filename().string() + ".partial-";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(out.parent_path(), ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) != 0)
            continue;
        const std::string pid = name.substr(prefix.size(), name.find('-', prefix.size()) - prefix.size());
        if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos)
            continue;
        if (!fs::exists("/proc/" + pid, ec))
            fs::remove_all(entry.path(), ec);
    }
}

void checkDestination(const fs::path& out) {
    std::error_code ec;
    if (!fs::exists(out, ec))
        return;
    if (!fs::is_directory(out, ec))
        throw Error(out.string(), "exists and is not a folder; choose a new destination");
    if (!fs::is_empty(out, ec))
        throw Error(out.string(), "is not empty; an export never overwrites (choose a new folder)");
}

json settingsJson(const ExportOptions& o) {
    return {{"format", o.format},
            {"fps", o.dataset.fps},
            {"episodes_requested", o.episodes},
            {"parquet_compression", o.dataset.compression == parquet::Compression::Zstd ? "zstd"
                                    : o.dataset.compression == parquet::Compression::Snappy
                                        ? "snappy"
                                        : "none"},
            {"video", {{"encoder", o.dataset.video.codec}, {"codec", o.dataset.video.codecName},
                       {"crf", o.dataset.video.crf}, {"gop", o.dataset.video.gop},
                       {"preset", o.dataset.video.preset}, {"pix_fmt", o.dataset.video.pixFmt}}},
            {"chunks_size", o.dataset.chunksSize},
            {"data_files_size_in_mb", o.dataset.dataFilesSizeMb},
            {"video_files_size_in_mb", o.dataset.videoFilesSizeMb}};
}

const StreamDecl* firstVideo(const Bundle& b) {
    for (const StreamDecl& s : b.manifest.streams)
        if (s.kind == StreamKind::Video)
            return &s;
    return nullptr;
}

} // namespace

ExportReport runExport(const fs::path& projectFile, const ExportOptions& options,
                       const ExportCallbacks& cb) {
    const auto t0 = std::chrono::steady_clock::now();
    auto progress = [&](double f, const std::string& stage) {
        if (cb.progress)
            cb.progress(f, stage);
    };
    auto checkCancel = [&] {
        if (cb.cancelled && cb.cancelled())
            throw ExportCancelled();
    };
    if (options.format != "lerobot" && options.format != "hdf5")
        throw Error("export format '" + options.format + "' is not one of lerobot, hdf5");
    if (options.out.empty())
        throw Error("an export needs a destination folder");

    // The store checks the file is a healthy project; the export then reads with its own
    // queries on its own connection.
    const ProjectStore store = ProjectStore::open(projectFile);
    const std::string projectName = store.info().name;
    const fs::path projectDir = store.projectDir();
    Database db(projectFile, Database::Mode::OpenExisting);
    db.applyConnectionPragmas();
    UserTable users(db);
    const UserInfo actor = users.requireActor(options.actor);
    users.requirePermission(actor, actor.role == Role::Lead || actor.role == Role::Admin,
                            "export datasets", "leads and admins");

    Selection sel = selectEpisodes(db, projectDir, options.episodes);
    if (sel.episodes.empty()) {
        std::string why;
        for (const auto& x : sel.excluded)
            why += "\n  " + x.episode + ": " + x.reason;
        throw Error(projectFile.string(), "no episode can be exported (approved, with consent " +
                                              std::string("recorded and not withdrawn)") + why);
    }
    const fs::path out = fs::absolute(options.out).lexically_normal();
    checkDestination(out);
    fs::create_directories(out.parent_path());
    removeStalePartials(out);

    const json settings = settingsJson(options);
    ExportReport report;
    report.format = options.format;
    report.out = out;
    report.excluded = sel.excluded;
    {
        Transaction tx(db);
        db.prepare("INSERT INTO export_record (format, destination, status, options, tool_version, "
                   "exported_by, started_at) VALUES (?, ?, 'started', ?, ?, ?, ?)")
            .bindAll(options.format, out.string(), settings.dump(), std::string(TS_VERSION),
                     actor.id, utcNowIso8601())
            .run();
        report.exportId = db.lastInsertRowId();
        AuditLog(db).append(actor.name, "export.start", "export", std::to_string(report.exportId),
                            nullptr, {{"format", options.format}, {"destination", out.string()},
                                      {"episodes", sel.episodes.size()}});
        tx.commit();
    }

    const fs::path partial = partialDirFor(out);
    try {
        fs::create_directories(partial);
        // Read every episode and bring its streams onto the dataset's frames.
        std::vector<PreparedEpisode> prepared;
        int64_t totalFrames = 0;
        for (size_t i = 0; i < sel.episodes.size(); ++i) {
            checkCancel();
            const ExportEpisode& e = sel.episodes[i];
            progress(0.1 * static_cast<double>(i) / static_cast<double>(sel.episodes.size()),
                     "reading " + e.id);
            BundleReadOptions ro;
            ro.hashMedia = false;
            ro.checkVideoFrames = false;
            const Bundle b = readBundle(e.bundleDir, ro);
            if (!b.ok()) {
                for (const Diagnostic& d : b.diagnostics.all())
                    if (d.severity == Severity::Error)
                        throw Error("episode " + e.id + ": its bundle no longer reads: " + d.toString());
            }
            PreparedEpisode p;
            p.episode = &e;
            p.frames = sampleEpisode(e, b, options.dataset.fps);
            if (const StreamDecl* v = firstVideo(b))
                p.video = e.bundleDir / v->path;
            totalFrames += p.frames.count;
            prepared.push_back(std::move(p));
        }

        const double total = static_cast<double>(std::max<int64_t>(totalFrames, 1));
        if (options.format == "lerobot") {
            LeRobotWriter w(partial, options.dataset);
            report.episodes = w.write(prepared, [&](int64_t done) {
                progress(0.1 + 0.85 * static_cast<double>(done) / total, "writing frames");
                return !(cb.cancelled && cb.cancelled());
            });
        } else {
            fs::create_directories(partial / "episodes");
            for (size_t i = 0; i < prepared.size(); ++i) {
                checkCancel();
                const PreparedEpisode& p = prepared[i];
                Hdf5EpisodeInfo info;
                info.datasetIndex = static_cast<int64_t>(i);
                info.videoSource = fs::relative(p.video, projectDir).generic_string();
                writeHdf5Episode(partial / "episodes" / (safeFileStem(p.episode->id) + ".h5"),
                                 *p.episode, p.frames, info);
                std::vector<std::string> tasks;
                for (const auto& t : p.frames.task)
                    if (std::find(tasks.begin(), tasks.end(), t) == tasks.end())
                        tasks.push_back(t);
                report.episodes.push_back({p.episode->id, static_cast<int64_t>(i), p.frames.count, tasks});
                progress(0.1 + 0.85 * static_cast<double>(i + 1) / static_cast<double>(prepared.size()),
                         "writing " + p.episode->id);
            }
        }
        report.totalFrames = totalFrames;
        checkCancel();

        progress(0.96, "provenance");
        ProvenanceInput pin;
        pin.projectName = projectName;
        pin.format = options.format;
        pin.exportedBy = actor.name;
        pin.exportedAt = utcNowIso8601();
        pin.settings = settings;
        for (const auto& p : prepared) {
            pin.episodes.push_back(p.episode);
            pin.frames.push_back(p.frames.count);
        }
        pin.excluded = sel.excluded;
        report.manifestSha256 = writeProvenance(partial, pin);
        for (const auto& entry : fs::recursive_directory_iterator(partial))
            if (entry.is_regular_file())
                report.files.push_back(fs::relative(entry.path(), partial).generic_string());
        std::sort(report.files.begin(), report.files.end());
        checkCancel();

        // Complete: the rename is what makes the dataset appear, whole.
        std::error_code ec;
        if (fs::exists(out, ec))
            fs::remove(out); // an empty folder (checked above)
        fs::rename(partial, out);
    } catch (...) {
        std::error_code ec;
        fs::remove_all(partial, ec);
        try {
            Transaction tx(db);
            db.prepare("UPDATE export_record SET status = 'failed', finished_at = ? WHERE id = ?")
                .bindAll(utcNowIso8601(), report.exportId)
                .run();
            AuditLog(db).append(actor.name, "export.fail", "export", std::to_string(report.exportId),
                                {{"status", "started"}}, {{"status", "failed"}});
            tx.commit();
        } catch (const std::exception&) {
            // The record stays 'started'; the original error is what the user must see.
        }
        throw;
    }

    {
        Transaction tx(db);
        db.prepare("UPDATE export_record SET status = 'completed', manifest_sha256 = ?, "
                   "finished_at = ? WHERE id = ?")
            .bindAll(report.manifestSha256, utcNowIso8601(), report.exportId)
            .run();
        json ids = json::array();
        for (const ExportEpisode& e : sel.episodes) {
            db.prepare("INSERT INTO export_episode (export_id, episode_id) VALUES (?, ?)")
                .bindAll(report.exportId, e.rowId)
                .run();
            ids.push_back(e.id);
        }
        AuditLog(db).append(actor.name, "export.complete", "export", std::to_string(report.exportId),
                            {{"status", "started"}},
                            {{"status", "completed"}, {"format", options.format},
                             {"destination", out.string()}, {"episodes", ids},
                             {"frames", report.totalFrames},
                             {"manifest_sha256", report.manifestSha256}});
        tx.commit();
    }
    progress(1.0, "done");
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

} // namespace ts::core::exporting
