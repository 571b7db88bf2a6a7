#include "export/lerobotwriter.h"

#include "export/exportcancelled.h"
#include "export/featurestats.h"
#include "media/videoreader.h"
#include "util/error.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

namespace ts::core::exporting {

using nlohmann::json;
using namespace parquet;

namespace {

constexpr int kStateDims = 7 + 63 + 63;

struct Cursor {
    int chunk = 0, file = 0;
    void advance(int chunksSize) {
        if (++file >= chunksSize) {
            file = 0;
            ++chunk;
        }
    }
};

std::string numbered(const char* fmt, int v) {
    char b[32];
    std::snprintf(b, sizeof b, fmt, v);
    return b;
}

std::filesystem::path filePath(const std::filesystem::path& dir, const Cursor& c, const char* ext) {
    return dir / numbered("chunk-%03d", c.chunk) / (numbered("file-%03d", c.file) + ext);
}

ColumnSpec scalar(const std::string& name, PhysicalType t, bool dict = false) {
    ColumnSpec s{name, t};
    s.dictionary = dict;
    return s;
}

ColumnSpec list(const std::string& name, PhysicalType t) {
    ColumnSpec s{name, t};
    s.list = true;
    return s;
}

void writeJson(const std::filesystem::path& file, const json& j) {
    std::ofstream out(file);
    out << j.dump(4) << "\n";
    if (!out)
        throw Error(file.string(), "cannot write");
}

// What every episode of the dataset shares: the task list, the force channels, label tiers
// and event kinds found in any episode.
struct Plan {
    std::vector<std::string> tasks;
    std::map<std::string, int64_t> taskIndex;
    std::vector<std::string> forceChannels;
    std::vector<std::string> tiers;
    std::vector<std::string> eventKinds;
};

template <typename T> void addUnique(std::vector<T>& v, const T& x) {
    if (std::find(v.begin(), v.end(), x) == v.end())
        v.push_back(x);
}

Plan makePlan(const std::vector<PreparedEpisode>& eps) {
    Plan p;
    for (const auto& e : eps) {
        for (const std::string& t : e.frames.task)
            if (!p.taskIndex.count(t)) {
                p.taskIndex[t] = static_cast<int64_t>(p.tasks.size());
                p.tasks.push_back(t);
            }
        for (const std::string& c : e.frames.forceChannels)
            addUnique(p.forceChannels, c);
        for (const auto& [tier, _] : e.frames.labels)
            addUnique(p.tiers, tier);
        for (const auto& [kind, _] : e.frames.events)
            addUnique(p.eventKinds, kind);
    }
    return p;
}

std::vector<std::string> jointNames(const std::string& hand) {
    std::vector<std::string> out;
    for (int j = 0; j < 21; ++j)
        for (const char* a : {"x", "y", "z"})
            out.push_back(hand + "_" + a + std::to_string(j));
    return out;
}

} // namespace

std::vector<std::string> LeRobotWriter::stateNames() {
    std::vector<std::string> n{"tx", "ty", "tz", "qx", "qy", "qz", "qw"};
    for (const auto& h : {"left", "right"})
        for (auto& x : jointNames(h))
            n.push_back(x);
    return n;
}

LeRobotWriter::LeRobotWriter(std::filesystem::path root, DatasetSettings settings)
    : root_(std::move(root)), settings_(std::move(settings)) {}

std::vector<WrittenEpisode> LeRobotWriter::write(const std::vector<PreparedEpisode>& episodes,
                                                 const FrameProgress& progress) {
    const Plan plan = makePlan(episodes);
    const double fps = settings_.fps;
    const size_t forceDims = plan.forceChannels.size();
    namespace fs = std::filesystem;
    fs::create_directories(root_ / "meta" / "episodes" / "chunk-000");

    // ---- the data file's schema -------------------------------------------------------
    std::vector<ColumnSpec> schema{
        scalar("index", PhysicalType::Int64),
        scalar("episode_index", PhysicalType::Int64, true),
        scalar("frame_index", PhysicalType::Int64),
        scalar("timestamp", PhysicalType::Float),
        scalar("task_index", PhysicalType::Int64, true),
        list("observation.state", PhysicalType::Float),
        list("action", PhysicalType::Float),
        list("observation.pose", PhysicalType::Float),
        list("observation.imu", PhysicalType::Float),
        list("observation.hand.left", PhysicalType::Float),
        list("observation.hand.right", PhysicalType::Float),
        scalar("observation.hand.left_confidence", PhysicalType::Float),
        scalar("observation.hand.right_confidence", PhysicalType::Float),
    };
    if (forceDims)
        schema.push_back(list("observation.force", PhysicalType::Float));
    for (const auto& tier : plan.tiers) {
        ColumnSpec s{"language." + tier, PhysicalType::ByteArray, LogicalType::String, true};
        s.dictionary = true;
        schema.push_back(s);
    }
    for (const auto& kind : plan.eventKinds)
        schema.push_back(scalar("event." + kind, PhysicalType::Boolean));

    // Features (info.json) and their statistics, in schema order; strings have no stats.
    json features = json::object();
    auto feature = [&](const std::string& key, const std::string& dtype, std::vector<int> shape,
                       json names) {
        features[key] = {{"dtype", dtype}, {"shape", shape}, {"names", names}};
    };
    feature("index", "int64", {1}, nullptr);
    feature("episode_index", "int64", {1}, nullptr);
    feature("frame_index", "int64", {1}, nullptr);
    feature("timestamp", "float32", {1}, nullptr);
    feature("task_index", "int64", {1}, nullptr);
    feature("observation.state", "float32", {kStateDims}, stateNames());
    feature("action", "float32", {kStateDims}, stateNames());
    feature("observation.pose", "float32", {7}, json{"tx", "ty", "tz", "qx", "qy", "qz", "qw"});
    feature("observation.imu", "float32", {6}, json{"ax", "ay", "az", "gx", "gy", "gz"});
    feature("observation.hand.left", "float32", {63}, jointNames("left"));
    feature("observation.hand.right", "float32", {63}, jointNames("right"));
    feature("observation.hand.left_confidence", "float32", {1}, nullptr);
    feature("observation.hand.right_confidence", "float32", {1}, nullptr);
    if (forceDims)
        feature("observation.force", "float32", {static_cast<int>(forceDims)}, plan.forceChannels);
    for (const auto& tier : plan.tiers)
        feature("language." + tier, "string", {1}, nullptr);
    for (const auto& kind : plan.eventKinds)
        feature("event." + kind, "bool", {1}, nullptr);

    const std::vector<std::pair<std::string, size_t>> numeric{
        {"index", 1}, {"episode_index", 1}, {"frame_index", 1}, {"timestamp", 1},
        {"task_index", 1}, {"observation.state", kStateDims}, {"action", kStateDims},
        {"observation.pose", 7}, {"observation.imu", 6}, {"observation.hand.left", 63},
        {"observation.hand.right", 63}, {"observation.hand.left_confidence", 1},
        {"observation.hand.right_confidence", 1}};
    std::vector<std::pair<std::string, size_t>> statKeys = numeric;
    if (forceDims)
        statKeys.push_back({"observation.force", forceDims});
    std::map<std::string, FeatureStats> total;
    for (const auto& [k, d] : statKeys)
        total.emplace(k, FeatureStats(d));
    std::array<double, 3> pixMin{1, 1, 1}, pixMax{0, 0, 0}, pixSum{}, pixSq{};
    int64_t pixCount = 0;

    // ---- episodes ----------------------------------------------------------------------
    WriterOptions popts;
    popts.compression = settings_.compression;
    Cursor dataCursor, videoCursor;
    std::unique_ptr<ParquetWriter> data;
    std::unique_ptr<VideoEncoder> video;
    int64_t videoFramesInFile = 0;
    int width = 0, height = 0; // of the dataset's video: the first episode's
    int64_t globalIndex = 0, written = 0;
    std::vector<WrittenEpisode> out;

    struct EpisodeMeta {
        int64_t index, length, from, to;
        std::vector<std::string> tasks;
        Cursor data, video;
        double fromTs, toTs;
        std::map<std::string, FeatureStats> stats;
        std::string id;
    };
    std::vector<EpisodeMeta> metas;

    for (size_t ei = 0; ei < episodes.size(); ++ei) {
        const PreparedEpisode& pe = episodes[ei];
        const EpisodeFrames& f = pe.frames;
        const size_t n = static_cast<size_t>(f.count);
        EpisodeMeta m;
        m.id = pe.episode->id;
        m.index = static_cast<int64_t>(ei);
        m.length = f.count;
        m.from = globalIndex;
        m.to = globalIndex + f.count;
        for (const auto& [k, d] : statKeys)
            m.stats.emplace(k, FeatureStats(d));
        for (const std::string& t : f.task)
            addUnique(m.tasks, t);

        // Columns of this episode (one row group).
        if (!data) {
            const fs::path p = filePath(root_ / "data", dataCursor, ".parquet");
            fs::create_directories(p.parent_path());
            data = std::make_unique<ParquetWriter>(p, schema, popts);
        }
        m.data = dataCursor;
        std::vector<ColumnData> cols(schema.begin(), schema.end());
        std::vector<float> state(kStateDims), action(kStateDims), force(forceDims);
        auto stateOf = [&](size_t k, std::vector<float>& s) {
            std::copy_n(&f.pose[k * 7], 7, s.begin());
            std::copy_n(&f.hands[0][k * 63], 63, s.begin() + 7);
            std::copy_n(&f.hands[1][k * 63], 63, s.begin() + 70);
        };
        for (size_t k = 0; k < n; ++k) {
            const int64_t idx = globalIndex + static_cast<int64_t>(k);
            const float ts = static_cast<float>(static_cast<double>(k) / fps);
            const int64_t task = plan.taskIndex.at(f.task[k]);
            stateOf(k, state);
            stateOf(std::min(k + 1, n - 1), action); // the next frame's state: what the doer did
            for (size_t c = 0; c < forceDims; ++c) {
                force[c] = std::numeric_limits<float>::quiet_NaN();
                for (size_t j = 0; j < f.forceChannels.size(); ++j)
                    if (f.forceChannels[j] == plan.forceChannels[c])
                        force[c] = f.force[k * f.forceChannels.size() + j];
            }
            size_t c = 0;
            cols[c++].push(idx);
            cols[c++].push(m.index);
            cols[c++].push(static_cast<int64_t>(k));
            cols[c++].push(ts);
            cols[c++].push(task);
            cols[c++].pushList(std::span<const float>(state));
            cols[c++].pushList(std::span<const float>(action));
            cols[c++].pushList(std::span<const float>(&f.pose[k * 7], 7));
            cols[c++].pushList(std::span<const float>(&f.imu[k * 6], 6));
            cols[c++].pushList(std::span<const float>(&f.hands[0][k * 63], 63));
            cols[c++].pushList(std::span<const float>(&f.hands[1][k * 63], 63));
            cols[c++].push(f.handConfidence[0][k]);
            cols[c++].push(f.handConfidence[1][k]);
            if (forceDims)
                cols[c++].pushList(std::span<const float>(force));
            for (const auto& tier : plan.tiers) {
                auto it = f.labels.find(tier);
                if (it != f.labels.end() && it->second[k])
                    cols[c++].push(std::string_view(*it->second[k]));
                else
                    cols[c++].pushNull();
            }
            for (const auto& kind : plan.eventKinds) {
                auto it = f.events.find(kind);
                cols[c++].push(it != f.events.end() && it->second[k] != 0);
            }
            auto& st = m.stats;
            st.at("index").add(static_cast<double>(idx));
            st.at("episode_index").add(static_cast<double>(m.index));
            st.at("frame_index").add(static_cast<double>(k));
            st.at("timestamp").add(static_cast<double>(ts));
            st.at("task_index").add(static_cast<double>(task));
            st.at("observation.state").add(state.data());
            st.at("action").add(action.data());
            st.at("observation.pose").add(&f.pose[k * 7]);
            st.at("observation.imu").add(&f.imu[k * 6]);
            st.at("observation.hand.left").add(&f.hands[0][k * 63]);
            st.at("observation.hand.right").add(&f.hands[1][k * 63]);
            st.at("observation.hand.left_confidence").add(static_cast<double>(f.handConfidence[0][k]));
            st.at("observation.hand.right_confidence").add(static_cast<double>(f.handConfidence[1][k]));
            if (forceDims)
                st.at("observation.force").add(force.data());
        }
        data->writeRowGroup(cols);
        if (static_cast<double>(data->bytesWritten()) > settings_.dataFilesSizeMb * 1e6) {
            data->close();
            data.reset();
            dataCursor.advance(settings_.chunksSize);
        }

        // Video: the RGB frame nearest each dataset frame, re-encoded at the dataset fps.
        auto reader = media::VideoReader::open(pe.video);
        media::VideoFrame cur = reader->next();
        for (size_t k = 0; k < n; ++k) {
            while (cur.index < f.videoFrame[k])
                cur = reader->next();
            if (!video) {
                const fs::path p = filePath(root_ / "videos" / kVideoKey, videoCursor, ".mp4");
                fs::create_directories(p.parent_path());
                if (!width) {
                    width = cur.width;
                    height = cur.height;
                }
                video = std::make_unique<VideoEncoder>(p, width, height, fps, settings_.video);
                videoFramesInFile = 0;
            }
            if (cur.width != video->width() || cur.height != video->height() || cur.channels != 3)
                throw Error(pe.video.string(),
                            "frame " + std::to_string(cur.index) + " is " + std::to_string(cur.width) +
                                "×" + std::to_string(cur.height) + "; the dataset's video is " +
                                std::to_string(video->width()) + "×" + std::to_string(video->height()) +
                                " (episode " + m.id + ")");
            video->write(cur.rgb.data());
            if (k % 10 == 0) { // colour statistics from a sample of frames and pixels
                for (size_t p = 0; p + 2 < cur.rgb.size(); p += 3 * 7) {
                    for (int ch = 0; ch < 3; ++ch) {
                        const double v = cur.rgb[p + ch] / 255.0;
                        pixMin[ch] = std::min(pixMin[ch], v);
                        pixMax[ch] = std::max(pixMax[ch], v);
                        pixSum[ch] += v;
                        pixSq[ch] += v * v;
                    }
                    ++pixCount;
                }
            }
            ++written;
            if (progress && !progress(written))
                throw ExportCancelled();
        }
        m.video = videoCursor;
        m.fromTs = static_cast<double>(videoFramesInFile) / fps;
        videoFramesInFile += f.count;
        m.toTs = static_cast<double>(videoFramesInFile) / fps;
        const fs::path videoFile = filePath(root_ / "videos" / kVideoKey, videoCursor, ".mp4");
        std::error_code ec;
        if (static_cast<double>(fs::file_size(videoFile, ec)) > settings_.videoFilesSizeMb * 1e6) {
            video->finish();
            video.reset();
            videoCursor.advance(settings_.chunksSize);
        }
        for (auto& [k, s] : m.stats)
            total.at(k).merge(s);
        globalIndex += f.count;
        out.push_back({m.id, m.index, m.length, m.tasks});
        metas.push_back(std::move(m));
    }
    if (data)
        data->close();
    if (video)
        video->finish();

    // ---- meta/episodes -------------------------------------------------------------------
    const std::string vk = std::string("videos/") + kVideoKey + "/";
    std::vector<ColumnSpec> epSchema{
        scalar("episode_index", PhysicalType::Int64),
        list("tasks", PhysicalType::ByteArray),
        scalar("length", PhysicalType::Int64),
        scalar("data/chunk_index", PhysicalType::Int64),
        scalar("data/file_index", PhysicalType::Int64),
        scalar("dataset_from_index", PhysicalType::Int64),
        scalar("dataset_to_index", PhysicalType::Int64),
        scalar(vk + "chunk_index", PhysicalType::Int64),
        scalar(vk + "file_index", PhysicalType::Int64),
        scalar(vk + "from_timestamp", PhysicalType::Double),
        scalar(vk + "to_timestamp", PhysicalType::Double),
        scalar("meta/episodes/chunk_index", PhysicalType::Int64),
        scalar("meta/episodes/file_index", PhysicalType::Int64),
        ColumnSpec{"source/episode_id", PhysicalType::ByteArray, LogicalType::String},
    };
    epSchema[1].logical = LogicalType::String;
    const std::vector<std::string> statNames{"min", "max", "mean", "std", "count"};
    for (const auto& [k, d] : statKeys)
        for (const auto& s : statNames)
            epSchema.push_back(list("stats/" + k + "/" + s,
                                    s == "count" ? PhysicalType::Int64 : PhysicalType::Double));
    {
        ParquetWriter w(root_ / "meta" / "episodes" / "chunk-000" / "file-000.parquet", epSchema, popts);
        std::vector<ColumnData> cols(epSchema.begin(), epSchema.end());
        for (const EpisodeMeta& m : metas) {
            size_t c = 0;
            cols[c++].push(m.index);
            cols[c++].pushList(std::span<const std::string>(m.tasks));
            cols[c++].push(m.length);
            cols[c++].push(static_cast<int64_t>(m.data.chunk));
            cols[c++].push(static_cast<int64_t>(m.data.file));
            cols[c++].push(m.from);
            cols[c++].push(m.to);
            cols[c++].push(static_cast<int64_t>(m.video.chunk));
            cols[c++].push(static_cast<int64_t>(m.video.file));
            cols[c++].push(m.fromTs);
            cols[c++].push(m.toTs);
            cols[c++].push(int64_t(0));
            cols[c++].push(int64_t(0));
            cols[c++].push(std::string_view(m.id));
            for (const auto& [k, d] : statKeys) {
                const FeatureStats& s = m.stats.at(k);
                for (const auto& v : {s.min(), s.max(), s.mean(), s.std()})
                    cols[c++].pushList(std::span<const double>(v));
                const auto cnt = s.count();
                cols[c++].pushList(std::span<const int64_t>(cnt));
            }
        }
        w.writeRowGroup(cols);
        w.close();
    }

    // ---- meta/tasks.parquet: the task string is the pandas index, as LeRobot writes it -----
    {
        ColumnSpec ti{"task_index", PhysicalType::Int64};
        ti.optional = true;
        ColumnSpec tk{"task", PhysicalType::ByteArray, LogicalType::String, true};
        ParquetWriter w(root_ / "meta" / "tasks.parquet", {ti, tk}, popts);
        std::vector<ColumnData> cols{ColumnData(ti), ColumnData(tk)};
        for (size_t i = 0; i < plan.tasks.size(); ++i) {
            cols[0].push(static_cast<int64_t>(i));
            cols[1].push(std::string_view(plan.tasks[i]));
        }
        w.writeRowGroup(cols);
        const json pandas{
            {"index_columns", {"task"}},
            {"column_indexes",
             {{{"name", nullptr}, {"field_name", nullptr}, {"pandas_type", "unicode"},
               {"numpy_type", "object"}, {"metadata", {{"encoding", "UTF-8"}}}}}},
            {"columns",
             {{{"name", "task_index"}, {"field_name", "task_index"}, {"pandas_type", "int64"},
               {"numpy_type", "int64"}, {"metadata", nullptr}},
              {{"name", "task"}, {"field_name", "task"}, {"pandas_type", "unicode"},
               {"numpy_type", "object"}, {"metadata", nullptr}}}},
            {"creator", {{"library", "touchstone"}, {"version", TS_VERSION}}},
            {"pandas_version", "1.5.3"}};
        w.setKeyValue("pandas", pandas.dump());
        w.close();
    }

    // ---- meta/info.json and meta/stats.json ----------------------------------------------
    features[kVideoKey] = {
        {"dtype", "video"},
        {"shape", {height, width, 3}},
        {"names", {"height", "width", "channels"}},
        {"info",
         {{"video.height", height}, {"video.width", width}, {"video.codec", settings_.video.codecName},
          {"video.pix_fmt", settings_.video.pixFmt}, {"video.is_depth_map", false},
          {"video.fps", fps}, {"video.channels", 3}, {"video.g", settings_.video.gop},
          {"video.crf", settings_.video.crf}, {"has_audio", false}}}};
    const int64_t totalEpisodes = static_cast<int64_t>(episodes.size());
    const json info{
        {"codebase_version", "v3.0"},
        {"robot_type", "human_hands"},
        {"total_episodes", totalEpisodes},
        {"total_frames", globalIndex},
        {"total_tasks", plan.tasks.size()},
        {"chunks_size", settings_.chunksSize},
        {"data_files_size_in_mb", settings_.dataFilesSizeMb},
        {"video_files_size_in_mb", settings_.videoFilesSizeMb},
        {"fps", fps},
        {"splits", {{"train", "0:" + std::to_string(totalEpisodes)}}},
        {"data_path", "data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"},
        {"video_path", "videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4"},
        {"features", features}};
    writeJson(root_ / "meta" / "info.json", info);

    json stats = json::object();
    for (const auto& [k, d] : statKeys)
        stats[k] = total.at(k).toJson();
    json vstats = json::object();
    auto perChannel = [](const std::array<double, 3>& v) {
        return json{{json{v[0]}}, {json{v[1]}}, {json{v[2]}}}; // shape [3, 1, 1]
    };
    std::array<double, 3> mean{}, sd{};
    for (int ch = 0; ch < 3; ++ch) {
        mean[ch] = pixCount ? pixSum[ch] / static_cast<double>(pixCount) : 0;
        sd[ch] = pixCount ? std::sqrt(std::max(0.0, pixSq[ch] / static_cast<double>(pixCount) -
                                                        mean[ch] * mean[ch]))
                          : 0;
    }
    vstats["min"] = perChannel(pixMin);
    vstats["max"] = perChannel(pixMax);
    vstats["mean"] = perChannel(mean);
    vstats["std"] = perChannel(sd);
    vstats["count"] = {pixCount};
    stats[kVideoKey] = vstats;
    writeJson(root_ / "meta" / "stats.json", stats);
    return out;
}

} // namespace ts::core::exporting
