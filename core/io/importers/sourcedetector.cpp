#include "io/importers/sourcedetector.h"

#include <algorithm>

namespace ts::core::importers {

namespace fs = std::filesystem;

namespace {

bool isFile(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

bool isDir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

std::string joinList(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
        out += (i == 0 ? "" : (i + 1 == items.size() ? " and " : ", ")) + items[i];
    return out;
}

// The first of several candidate places that exists, recorded in `found`.
std::optional<fs::path> firstOf(const fs::path& root, std::initializer_list<const char*> rels,
                                std::vector<std::string>& found) {
    for (const char* rel : rels)
        if (isFile(root / rel)) {
            found.emplace_back(rel);
            return root / rel;
        }
    return std::nullopt;
}

std::vector<fs::path> filesWithExtension(const fs::path& dir, const std::string& ext) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ext)
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

void inspectAria(const fs::path& root, SourceInspection& s) {
    auto& a = s.aria;
    a.closedLoop = firstOf(root,
                           {"trajectory/closed_loop_trajectory.csv",
                            "slam/closed_loop_trajectory.csv", "closed_loop_trajectory.csv"},
                           s.found);
    a.openLoop = firstOf(root,
                         {"trajectory/open_loop_trajectory.csv", "slam/open_loop_trajectory.csv",
                          "open_loop_trajectory.csv"},
                         s.found);
    a.points = firstOf(root,
                       {"trajectory/semidense_points.csv.gz", "slam/semidense_points.csv.gz",
                        "trajectory/global_points.csv.gz", "slam/global_points.csv.gz",
                        "semidense_points.csv.gz", "global_points.csv.gz"},
                       s.found);
    a.handResults = firstOf(
        root, {"hand_tracking/hand_tracking_results.csv", "hand_tracking_results.csv"}, s.found);
    a.wristPalm = firstOf(
        root, {"hand_tracking/wrist_and_palm_poses.csv", "wrist_and_palm_poses.csv"}, s.found);
    // An RGB video exported next to the MPS folders (rgb.mp4, or the only .mp4 there is); a
    // video alone does not make a folder an MPS output.
    if (!s.found.empty()) {
        if (isFile(root / "rgb.mp4"))
            a.video = root / "rgb.mp4";
        else if (auto mp4 = filesWithExtension(root, ".mp4"); mp4.size() == 1)
            a.video = mp4[0];
    }
    if (a.video)
        s.found.push_back(a.video->filename().string());
    s.complete = a.closedLoop || a.openLoop || a.handResults;
    if (!s.complete)
        s.missing.push_back("trajectory/closed_loop_trajectory.csv (or open_loop_trajectory.csv) "
                            "or hand_tracking/hand_tracking_results.csv");
}

void inspectStray(const fs::path& root, SourceInspection& s) {
    auto& l = s.stray;
    auto need = [&](const char* rel, fs::path& out) {
        if (isFile(root / rel)) {
            s.found.emplace_back(rel);
            out = root / rel;
        } else {
            s.missing.emplace_back(rel);
        }
    };
    need("rgb.mp4", l.video);
    need("odometry.csv", l.odometry);
    need("camera_matrix.csv", l.cameraMatrix);
    if (isDir(root / "depth")) {
        l.depth = root / "depth";
        s.found.emplace_back("depth/");
    }
    if (isDir(root / "confidence")) {
        l.confidence = root / "confidence";
        s.found.emplace_back("confidence/");
    }
    if (isFile(root / "imu.csv")) {
        l.imu = root / "imu.csv";
        s.found.emplace_back("imu.csv");
    }
    s.complete = s.missing.empty();
}

void inspectEgoDex(const fs::path& path, SourceInspection& s) {
    fs::path hdf5;
    if (isFile(path) && (path.extension() == ".hdf5" || path.extension() == ".h5")) {
        hdf5 = path;
        s.found.push_back(path.filename().string());
    } else if (isDir(path)) {
        auto files = filesWithExtension(path, ".hdf5");
        for (const auto& f : files)
            s.found.push_back(f.filename().string());
        if (files.empty()) {
            s.missing.emplace_back("an EgoDex <i>.hdf5 file");
            return;
        }
        if (files.size() > 1) {
            s.missing.emplace_back("a single episode: the folder holds " +
                                   std::to_string(files.size()) +
                                   " .hdf5 files; give one of them as the PATH");
            return;
        }
        hdf5 = files[0];
    } else {
        s.missing.emplace_back("an EgoDex <i>.hdf5 file");
        return;
    }
    s.egodex.hdf5 = hdf5;
    fs::path video = hdf5;
    video.replace_extension(".mp4");
    if (isFile(video)) {
        s.egodex.video = video;
        s.found.push_back(video.filename().string());
    } else {
        s.missing.push_back(video.filename().string() + " (the episode's video, beside the .hdf5)");
    }
    s.complete = s.missing.empty();
}

void inspectBundle(const fs::path& path, SourceInspection& s) {
    if (isFile(path / "episode.json")) {
        s.found.emplace_back("episode.json");
        s.complete = true;
    } else {
        s.missing.emplace_back("episode.json");
    }
}

SourceInspection inspectAs(const fs::path& path, SourceFormat f) {
    SourceInspection s;
    s.format = f;
    const bool folder = isDir(path);
    switch (f) {
    case SourceFormat::Bundle:
        if (folder)
            inspectBundle(path, s);
        break;
    case SourceFormat::AriaMps:
        if (folder)
            inspectAria(path, s);
        break;
    case SourceFormat::Stray:
        if (folder)
            inspectStray(path, s);
        break;
    case SourceFormat::EgoDex:
        inspectEgoDex(path, s);
        break;
    case SourceFormat::Unknown:
        break;
    }
    if (!folder && f != SourceFormat::EgoDex && s.missing.empty())
        s.missing.emplace_back("a folder (the path is not one)");
    return s;
}

void describe(const fs::path& path, SourceInspection& s) {
    const std::string name(sourceFormatName(s.format));
    if (s.complete) {
        s.message = path.string() + ": " + name + " (found " + joinList(s.found) + ")";
        return;
    }
    s.message =
        path.string() + ": not a complete " + name + " source: " +
        (s.found.empty() ? std::string("nothing of it was found") : "found " + joinList(s.found)) +
        "; missing " + joinList(s.missing);
}

} // namespace

SourceInspection inspectSource(const fs::path& path, std::optional<SourceFormat> as) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        SourceInspection s;
        s.format = as.value_or(SourceFormat::Unknown);
        s.missing.emplace_back("the path itself");
        s.message = path.string() + ": does not exist";
        return s;
    }
    if (as) {
        SourceInspection s = inspectAs(path, *as);
        describe(path, s);
        return s;
    }
    // Try every format; a complete match wins, else the one with most recognised parts.
    std::optional<SourceInspection> best;
    for (SourceFormat f :
         {SourceFormat::Bundle, SourceFormat::AriaMps, SourceFormat::Stray, SourceFormat::EgoDex}) {
        SourceInspection s = inspectAs(path, f);
        if (s.complete) {
            describe(path, s);
            return s;
        }
        if (!s.found.empty() && (!best || s.found.size() > best->found.size()))
            best = std::move(s);
    }
    if (best) {
        describe(path, *best);
        return *best;
    }
    SourceInspection s;
    std::vector<std::string> present;
    if (isDir(path)) {
        for (const auto& e : fs::directory_iterator(path, ec)) {
            present.push_back(e.path().filename().string() + (e.is_directory() ? "/" : ""));
            if (present.size() == 8)
                break;
        }
        std::sort(present.begin(), present.end());
    }
    s.message = path.string() + ": not a recognised capture (found " +
                (present.empty() ? std::string("nothing") : joinList(present)) +
                "); expected episode.json (bundle), trajectory/ or hand_tracking/ from Project "
                "Aria MPS, rgb.mp4 + odometry.csv + camera_matrix.csv (Stray Scanner), or an "
                "EgoDex .hdf5 with its .mp4";
    s.missing.emplace_back("any recognised format");
    return s;
}

} // namespace ts::core::importers
