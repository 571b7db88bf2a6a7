// A LeRobot v3.0 export of a small project, read back by independent readers: npm's
// hyparquet for every Parquet file, ffprobe for the video, plain JSON for meta/*.json and the
// provenance. Values are compared with the bundles' CSV files, resampled here on their own.
#include "core/export/exporttestutil.h"
#include "export/exportjob.h"
#include "store/database.h"
#include "store/statement.h"
#include "support/minibundle.h"
#include "util/sha256.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <fstream>

using namespace ts::core;
using nlohmann::json;

namespace {

constexpr double kFps = 20;

// Rows of a numeric CSV (header skipped; a non-numeric cell becomes NaN).
std::vector<std::vector<double>> readCsv(const QString& file) {
    std::vector<std::vector<double>> rows;
    const QStringList lines = ts::test::readText(file).split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        std::vector<double> r;
        for (const QString& c : lines[i].split(',')) {
            bool ok = false;
            const double v = c.toDouble(&ok);
            r.push_back(ok ? v : std::nan(""));
        }
        rows.push_back(r);
    }
    return rows;
}

// Column `col` of the CSV at raw time t, linearly interpolated; NaN outside.
double lerpAt(const std::vector<std::vector<double>>& rows, double t, size_t col) {
    for (size_t i = 0; i + 1 < rows.size(); ++i)
        if (rows[i][0] <= t && t <= rows[i + 1][0]) {
            const double w = (t - rows[i][0]) / (rows[i + 1][0] - rows[i][0]);
            return rows[i][col] + w * (rows[i + 1][col] - rows[i][col]);
        }
    return std::nan("");
}

json readJsonFile(const QString& file) {
    std::ifstream in(file.toStdString());
    return json::parse(in);
}

float num(const json& v) {
    return v.is_string() ? std::nanf("") : v.get<float>();
}

} // namespace

class TestLeRobotExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void layoutAndRecords();
    void dataValuesMatchTheSources();
    void metaFilesAsLeRobotReadsThem();
    void videoHasEveryFrameAtTheDatasetRate();
    void provenanceNamesEveryone();
    void filesRollOverBySize();

private:
    QTemporaryDir tmp_;
    QString project_, out_;
    exporting::ExportReport report_;
    json parquet_; // every Parquet file, read by hyparquet
    json file(const std::string& suffix) const {
        for (const json& f : parquet_["files"])
            if (f["file"].get<std::string>().ends_with(suffix))
                return f;
        return nullptr;
    }
};

void TestLeRobotExport::initTestCase() {
    project_ = ts::test::makeExportProject(tmp_.filePath("proj"));
    QVERIFY(!project_.isEmpty());
    out_ = tmp_.filePath("datasets/kitchen");
    exporting::ExportOptions o;
    o.format = "lerobot";
    o.out = out_.toStdString();
    o.actor = "lee";
    o.dataset.fps = kFps;
    std::vector<double> fractions;
    exporting::ExportCallbacks cb;
    cb.progress = [&](double f, const std::string&) { fractions.push_back(f); };
    report_ = exporting::runExport(project_.toStdString(), o, cb);
    QVERIFY(!fractions.empty());
    QCOMPARE(fractions.back(), 1.0);
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));

    QStringList files;
    for (const std::string& f : report_.files)
        if (f.ends_with(".parquet"))
            files << out_ + "/" + QString::fromStdString(f);
    QCOMPARE(files.size(), 3);
    QString why;
    parquet_ = ts::test::readParquetFiles(files, &why);
    QVERIFY2(!parquet_.is_null(), qPrintable(why));
}

void TestLeRobotExport::layoutAndRecords() {
    QCOMPARE(report_.episodes.size(), size_t(2));
    QCOMPARE(report_.episodes[0].id, std::string("ep-a"));
    QCOMPARE(report_.episodes[1].id, std::string("ep-b"));
    QCOMPARE(report_.totalFrames, int64_t(38)); // 0.9 s of video at 20 fps: 19 frames each
    QCOMPARE(report_.excluded.size(), size_t(2));
    QVERIFY(report_.excluded[0].reason.find("submitted") != std::string::npos);
    QVERIFY(report_.excluded[1].reason.find("withdrawn") != std::string::npos);
    for (const char* f : {"meta/info.json", "meta/stats.json", "meta/tasks.parquet",
                          "meta/episodes/chunk-000/file-000.parquet",
                          "data/chunk-000/file-000.parquet",
                          "videos/observation.images.rgb/chunk-000/file-000.mp4",
                          "provenance.json", "PROVENANCE.md"})
        QVERIFY2(QFile::exists(out_ + "/" + f), f);
    // Nothing but the dataset beside it: the hidden partial folder was renamed.
    QCOMPARE(QDir(tmp_.filePath("datasets")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{"kitchen"});

    Database db(project_.toStdString(), Database::Mode::OpenExisting);
    Statement q(db, "SELECT status, format, manifest_sha256, finished_at IS NOT NULL FROM export_record");
    QVERIFY(q.step());
    QCOMPARE(q.text(0), std::string("completed"));
    QCOMPARE(q.text(1), std::string("lerobot"));
    QCOMPARE(q.text(2), report_.manifestSha256);
    QCOMPARE(q.int64(3), int64_t(1));
    QCOMPARE(Sha256::hexOfFile((out_ + "/provenance.json").toStdString()), report_.manifestSha256);
    QCOMPARE(db.queryInt("SELECT count(*) FROM export_episode"), int64_t(2));
    QCOMPARE(db.queryInt("SELECT count(*) FROM audit_log WHERE action = 'export.complete'"), int64_t(1));
}

void TestLeRobotExport::dataValuesMatchTheSources() {
    const json d = file("data/chunk-000/file-000.parquet");
    QVERIFY(!d.is_null());
    QCOMPARE(d["num_rows"].get<int>(), 38);
    std::map<std::string, std::string> types;
    for (const json& s : d["schema"])
        if (!s["type"].is_null())
            types[s["name"]] = s["type"];
    QCOMPARE(types["index"], std::string("INT64"));
    QCOMPARE(types["timestamp"], std::string("FLOAT"));
    QCOMPARE(types["element"], std::string("FLOAT"));
    QCOMPARE(types["language.step"], std::string("BYTE_ARRAY"));
    QCOMPARE(types["event.slip"], std::string("BOOLEAN"));

    const json tasks = file("meta/tasks.parquet");
    std::map<int64_t, std::string> taskOf;
    for (const json& r : tasks["rows"])
        taskOf[r["task_index"].get<int64_t>()] = r["task"];

    const auto imu = readCsv(tmp_.filePath("proj/bundles/ep-a/imu.csv"));
    const auto force = readCsv(tmp_.filePath("proj/bundles/ep-a/force.csv"));
    const auto imuB = readCsv(tmp_.filePath("proj/bundles/ep-b/imu.csv"));
    int imuChecked = 0, imuMissing = 0;
    for (size_t i = 0; i < d["rows"].size(); ++i) {
        const json& r = d["rows"][i];
        const int64_t ep = r["episode_index"], k = r["frame_index"];
        QCOMPARE(r["index"].get<int64_t>(), int64_t(i));
        QCOMPARE(ep, int64_t(i < 19 ? 0 : 1));
        QCOMPARE(k, int64_t(i < 19 ? i : i - 19));
        QVERIFY(std::abs(r["timestamp"].get<double>() - double(k) / kFps) < 1e-4);
        const double t = ts::test::kMiniStartNs + double(k) * 1e9 / kFps; // timeline ns

        // IMU: ep-a's clock is 2.5 ms ahead, so frame t reads the IMU at raw t − 2.5 ms.
        const auto& src = ep == 0 ? imu : imuB;
        const double raw = t - (ep == 0 ? ts::test::kImuOffsetNs : 0);
        const double gx = lerpAt(src, raw, 4);
        const float got = num(r["observation.imu"][3]);
        if (std::isnan(gx)) {
            QVERIFY2(std::isnan(got), qPrintable(QString("frame %1: IMU outside its samples must be NaN").arg(k)));
            ++imuMissing;
        } else {
            QVERIFY2(std::abs(got - gx) < 1e-6, qPrintable(QString("frame %1: gx %2 vs %3").arg(k).arg(got).arg(gx)));
            ++imuChecked;
        }
        if (!std::isnan(gx))
            QCOMPARE(num(r["observation.imu"][1]), -9.81f);
        // Pose: tx = 0.001 per 10 ms sample, i.e. 0.1 m/s from the start.
        QVERIFY(std::abs(num(r["observation.pose"][0]) - 0.1 * (t - ts::test::kMiniStartNs) / 1e9) < 1e-6);
        const double norm = std::hypot(num(r["observation.pose"][3]), num(r["observation.pose"][6]));
        QVERIFY(std::abs(norm - 1.0) < 1e-6);
        // Hands: constant joints; state = pose, left, right; action = the next frame's state.
        QCOMPARE(num(r["observation.hand.left"][0]), -0.1f);
        QCOMPARE(num(r["observation.hand.right"][60]), float(0.1 + 0.005 * 20));
        QVERIFY(std::abs(r["observation.hand.left_confidence"].get<double>() - 0.9) < 1e-6);
        QCOMPARE(r["observation.state"].size(), size_t(133));
        QCOMPARE(num(r["observation.state"][7]), -0.1f);
        QCOMPARE(num(r["observation.state"][0]), num(r["observation.pose"][0]));
        const json& next = d["rows"][k < 18 ? i + 1 : i];
        QCOMPARE(num(r["action"][0]), num(next["observation.pose"][0]));
        if (ep == 0)
            QVERIFY(std::abs(num(r["observation.force"][0]) - lerpAt(force, t, 1)) < 1e-6);

        // Tasks, labels and events of ep-a; ep-b falls back to the manifest's task.
        const std::string task = taskOf.at(r["task_index"].get<int64_t>());
        const double s = (t - ts::test::kMiniStartNs) / 1e9;
        if (ep == 1) {
            QCOMPARE(task, std::string("pick up the cup"));
            QVERIFY(r["language.step"].is_null());
            QCOMPARE(r["event.slip"].get<bool>(), false);
            continue;
        }
        QCOMPARE(task, std::string(s <= 0.4 + 1e-9 ? "reach for the cup" : "lift the cup"));
        const bool grasp = s >= 0.2 - 1e-9 && s <= 0.5 + 1e-9;
        QCOMPARE(r["language.step"].is_null(), !grasp);
        if (grasp)
            QCOMPARE(r["language.step"].get<std::string>(), std::string("grasp"));
        QCOMPARE(r["event.slip"].get<bool>(), s >= 0.3 - 1e-9 && s <= 0.5 + 1e-9);
        QCOMPARE(r["event.recovery"].get<bool>(), std::abs(s - 0.6) < 1e-9);
        QCOMPARE(r["event.regrasp"].get<bool>(), false);
    }
    QVERIFY(imuChecked >= 30);
    QVERIFY(imuMissing >= 1); // ep-a frame 0 reads the IMU 2.5 ms before its first sample
}

void TestLeRobotExport::metaFilesAsLeRobotReadsThem() {
    const json info = readJsonFile(out_ + "/meta/info.json");
    QCOMPARE(info["codebase_version"].get<std::string>(), std::string("v3.0"));
    QCOMPARE(info["total_episodes"].get<int>(), 2);
    QCOMPARE(info["total_frames"].get<int>(), 38);
    QCOMPARE(info["total_tasks"].get<int>(), 3);
    QCOMPARE(info["fps"].get<double>(), kFps);
    QCOMPARE(info["data_path"].get<std::string>(),
             std::string("data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet"));
    QCOMPARE(info["features"]["observation.state"]["shape"][0].get<int>(), 133);
    QCOMPARE(info["features"]["observation.state"]["names"].size(), size_t(133));
    QCOMPARE(info["features"]["observation.images.rgb"]["dtype"].get<std::string>(), std::string("video"));
    QCOMPARE(info["features"]["observation.images.rgb"]["shape"], json({48, 64, 3}));
    QCOMPARE(info["features"]["observation.force"]["names"], json({"right_index", "right_thumb"}));

    // tasks.parquet: the task string is the pandas index, as LeRobot writes it.
    const json tasks = file("meta/tasks.parquet");
    QCOMPARE(tasks["num_rows"].get<int>(), 3);
    const json pandas = json::parse(tasks["key_value_metadata"]["pandas"].get<std::string>());
    QCOMPARE(pandas["index_columns"], json({"task"}));
    QCOMPARE(tasks["rows"][0]["task"].get<std::string>(), std::string("reach for the cup"));
    QCOMPARE(tasks["rows"][0]["task_index"].get<int>(), 0);
    QCOMPARE(tasks["rows"][2]["task"].get<std::string>(), std::string("pick up the cup"));

    const json eps = file("meta/episodes/chunk-000/file-000.parquet");
    QCOMPARE(eps["num_rows"].get<int>(), 2);
    const json& e0 = eps["rows"][0];
    const json& e1 = eps["rows"][1];
    QCOMPARE(e0["length"].get<int>(), 19);
    QCOMPARE(e0["tasks"], json({"reach for the cup", "lift the cup"}));
    QCOMPARE(e1["dataset_from_index"].get<int>(), 19);
    QCOMPARE(e1["dataset_to_index"].get<int>(), 38);
    QCOMPARE(e0["videos/observation.images.rgb/from_timestamp"].get<double>(), 0.0);
    QVERIFY(std::abs(e1["videos/observation.images.rgb/from_timestamp"].get<double>() - 0.95) < 1e-9);
    QVERIFY(std::abs(e1["videos/observation.images.rgb/to_timestamp"].get<double>() - 1.9) < 1e-9);
    QCOMPARE(e1["data/file_index"].get<int>(), 0);
    QCOMPARE(e0["stats/observation.hand.left/count"][0].get<int>(), 19);
    QVERIFY(std::abs(e0["stats/observation.hand.left/mean"][0].get<double>() + 0.1) < 1e-6);

    const json stats = readJsonFile(out_ + "/meta/stats.json");
    QCOMPARE(stats["frame_index"]["max"][0].get<double>(), 18.0);
    QCOMPARE(stats["index"]["count"][0].get<int>(), 38);
    QVERIFY(std::abs(stats["observation.imu"]["mean"][1].get<double>() + 9.81) < 1e-5);
    QCOMPARE(stats["observation.images.rgb"]["mean"].size(), size_t(3));
    const double red = stats["observation.images.rgb"]["mean"][0][0][0];
    QVERIFY(red > 0.05 && red < 0.95);
}

void TestLeRobotExport::videoHasEveryFrameAtTheDatasetRate() {
    QString why;
    const json p = ts::test::ffprobe(out_ + "/videos/observation.images.rgb/chunk-000/file-000.mp4", &why);
    QVERIFY2(!p.is_null(), qPrintable(why));
    const json& s = p["streams"][0];
    QCOMPARE(s["codec_name"].get<std::string>(), std::string("h264"));
    QCOMPARE(s["width"].get<int>(), 64);
    QCOMPARE(s["height"].get<int>(), 48);
    QCOMPARE(s["r_frame_rate"].get<std::string>(), std::string("20/1"));
    QCOMPARE(std::stoi(s["nb_read_frames"].get<std::string>()), 38);
    QVERIFY(std::abs(std::stod(p["format"]["duration"].get<std::string>()) - 1.9) < 0.06);
}

void TestLeRobotExport::provenanceNamesEveryone() {
    const json p = readJsonFile(out_ + "/provenance.json");
    QCOMPARE(p["tool_version"].get<std::string>(), std::string(TS_VERSION));
    QCOMPARE(p["exported_by"].get<std::string>(), std::string("lee"));
    QCOMPARE(p["settings"]["fps"].get<double>(), kFps);
    QCOMPARE(p["episodes"].size(), size_t(2));
    const json& a = p["episodes"][0];
    QCOMPARE(a["participant"].get<std::string>(), std::string("P-1"));
    QCOMPARE(a["consent"]["id"].get<std::string>(), std::string("C-P-1"));
    QCOMPARE(a["consent"]["terms"].get<std::string>(), std::string("research use"));
    QCOMPARE(a["annotators"], json({"ann"}));
    QCOMPARE(a["reviews"][0]["reviewer"].get<std::string>(), std::string("rev"));
    QCOMPARE(a["reviews"][0]["verdict"].get<std::string>(), std::string("approved"));
    bool imuClock = false;
    for (const json& c : a["clock_models"])
        if (c["stream"] == "imu") {
            QCOMPARE(c["offset_ns"].get<int64_t>(), ts::test::kImuOffsetNs);
            imuClock = true;
        }
    QVERIFY(imuClock);
    // The source media hashes are the store's, and they match the files.
    bool sawImu = false;
    for (const json& m : a["source_media"])
        if (m["path"].get<std::string>().ends_with("ep-a/imu.csv")) {
            QCOMPARE(m["sha256"].get<std::string>(),
                     Sha256::hexOfFile(tmp_.filePath("proj/bundles/ep-a/imu.csv").toStdString()));
            sawImu = true;
        }
    QVERIFY(sawImu);
    // Every dataset file is listed with its hash.
    bool sawData = false;
    for (const json& f : p["files"])
        if (f["path"] == "data/chunk-000/file-000.parquet") {
            QCOMPARE(f["sha256"].get<std::string>(),
                     Sha256::hexOfFile((out_ + "/data/chunk-000/file-000.parquet").toStdString()));
            sawData = true;
        }
    QVERIFY(sawData);
    const QString md = ts::test::readText(out_ + "/PROVENANCE.md");
    QVERIFY(md.contains("ep-a") && md.contains("P-1") && md.contains("rev: approved"));
    QVERIFY(md.contains("ep-d: the participant's consent C-P-4 was withdrawn"));
}

void TestLeRobotExport::filesRollOverBySize() {
    // With tiny size limits every episode starts a new data and video file, as LeRobot does.
    exporting::ExportOptions o;
    o.format = "lerobot";
    o.out = tmp_.filePath("datasets/rolled").toStdString();
    o.actor = "admin";
    o.dataset.fps = kFps;
    o.dataset.dataFilesSizeMb = 1e-6;
    o.dataset.videoFilesSizeMb = 1e-6;
    const auto r = exporting::runExport(project_.toStdString(), o);
    const QString root = tmp_.filePath("datasets/rolled");
    QString why;
    const json j = ts::test::readParquetFiles({root + "/data/chunk-000/file-000.parquet",
                                               root + "/data/chunk-000/file-001.parquet",
                                               root + "/meta/episodes/chunk-000/file-000.parquet"},
                                              &why);
    QVERIFY2(!j.is_null(), qPrintable(why));
    QCOMPARE(j["files"][0]["num_rows"].get<int>(), 19);
    QCOMPARE(j["files"][1]["num_rows"].get<int>(), 19);
    QCOMPARE(j["files"][1]["rows"][0]["index"].get<int>(), 19); // the global index goes on
    const json& e1 = j["files"][2]["rows"][1];
    QCOMPARE(e1["data/file_index"].get<int>(), 1);
    QCOMPARE(e1["videos/observation.images.rgb/file_index"].get<int>(), 1);
    QCOMPARE(e1["videos/observation.images.rgb/from_timestamp"].get<double>(), 0.0);
    const json p = ts::test::ffprobe(root + "/videos/observation.images.rgb/chunk-000/file-001.mp4", &why);
    QVERIFY2(!p.is_null(), qPrintable(why));
    QCOMPARE(std::stoi(p["streams"][0]["nb_read_frames"].get<std::string>()), 19);
    QCOMPARE(r.totalFrames, int64_t(38));
}

QTEST_GUILESS_MAIN(TestLeRobotExport)
#include "tst_lerobotexport.moc"
