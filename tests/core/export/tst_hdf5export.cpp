// The HDF5 export (one file per episode), read back with Debian's h5py through
// /usr/bin/python3: shapes, attributes, per-frame values against the bundle's CSV files,
// labels and events as annotated.
#include "core/export/exporttestutil.h"
#include "export/exportjob.h"
#include "store/database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ts::core;
using nlohmann::json;

namespace {

const char* kDump = R"py(
import json, sys, h5py, numpy as np
def conv(x):
    if isinstance(x, bytes): return x.decode()
    if isinstance(x, np.ndarray): return [conv(v) for v in x.tolist()] if x.dtype.kind in 'OS' else np.where(np.isnan(x), None, x).tolist() if x.dtype.kind == 'f' else x.tolist()
    if isinstance(x, np.generic): return x.item()
    return x
out = {}
with h5py.File(sys.argv[1], 'r') as f:
    out['attrs'] = {k: conv(v) for k, v in f.attrs.items()}
    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            out[name] = {'shape': list(obj.shape), 'dtype': str(obj.dtype),
                         'data': conv(obj[()]), 'attrs': {k: conv(v) for k, v in obj.attrs.items()}}
        else:
            out[name] = {'group': True, 'attrs': {k: conv(v) for k, v in obj.attrs.items()}}
    f.visititems(visit)
print(json.dumps(out))
)py";

} // namespace

class TestHdf5Export : public QObject {
    Q_OBJECT

private slots:
    void oneFilePerEpisodeWithTheAlignedStreams();
};

void TestHdf5Export::oneFilePerEpisodeWithTheAlignedStreams() {
    QTemporaryDir tmp;
    const QString project = ts::test::makeExportProject(tmp.filePath("proj"));
    QVERIFY(!project.isEmpty());
    {
        // An annotator moved the right pinky tip of the hand sample at 5.3 s (i = 9): the
        // export writes the corrected joint; the bundle keeps the raw one.
        Database db(project.toStdString(), Database::Mode::OpenExisting);
        db.exec(R"sql(
INSERT INTO keypoint_correction (episode_id, stream_id, t_ns, hand, joint, x, y, z, author_id, created_at)
  SELECT e.id, s.id, 5299999997, 'right', 20, 0.35, 0.01, 0.4, u.id, '2026-01-21T00:00:00Z'
  FROM episode e JOIN stream s ON s.episode_id = e.id AND s.name = 'hands', user_account u
  WHERE e.ident = 'ep-a' AND u.name = 'ann';
)sql");
    }
    exporting::ExportOptions o;
    o.format = "hdf5";
    o.out = tmp.filePath("h5").toStdString();
    o.actor = "admin";
    o.dataset.fps = 10;
    const auto r = exporting::runExport(project.toStdString(), o);
    QCOMPARE(r.episodes.size(), size_t(2));
    QVERIFY(QFile::exists(tmp.filePath("h5/episodes/ep-b.h5")));
    QVERIFY(QFile::exists(tmp.filePath("h5/provenance.json")));
    QVERIFY(!QFile::exists(tmp.filePath("h5/episodes/ep-c.h5")));

    QString why;
    const json h = ts::test::runPythonJson(kDump, {tmp.filePath("h5/episodes/ep-a.h5")}, &why);
    QVERIFY2(!h.is_null(), qPrintable(why));
    QCOMPARE(h["attrs"]["format"].get<std::string>(), std::string("touchstone-hdf5/1"));
    QCOMPARE(h["attrs"]["episode_id"].get<std::string>(), std::string("ep-a"));
    QCOMPARE(h["attrs"]["participant"].get<std::string>(), std::string("P-1"));
    QCOMPARE(h["attrs"]["frames"].get<int>(), 10);
    QCOMPARE(h["attrs"]["fps"].get<double>(), 10.0);
    QCOMPARE(h["observation/hands/left"]["shape"], json({10, 21, 3}));
    QCOMPARE(h["observation/pose"]["shape"], json({10, 7}));
    QCOMPARE(h["observation/force"]["attrs"]["names"], json({"right_index", "right_thumb"}));
    QCOMPARE(h["observation/imu"]["dtype"].get<std::string>(), std::string("float32"));
    for (int k = 0; k < 10; ++k) {
        QVERIFY(std::abs(h["timestamp"]["data"][k].get<double>() - k / 10.0) < 1e-12);
        QCOMPARE(h["timeline_ns"]["data"][k].get<int64_t>(),
                 ts::test::kMiniStartNs + k * 100'000'000LL);
        QCOMPARE(h["video_frame_index"]["data"][k].get<int>(), k); // 10 fps video at 10 fps
        QVERIFY(std::abs(h["observation/pose"]["data"][k][0].get<double>() - 0.01 * k) < 1e-6);
        const double pinkyX = k == 3 ? 0.35 : 0.2; // the corrected sample, else the raw ones
        QVERIFY2(
            std::abs(h["observation/hands/right"]["data"][k][20][0].get<double>() - pinkyX) < 1e-5,
            qPrintable(QString("frame %1: %2")
                           .arg(k)
                           .arg(h["observation/hands/right"]["data"][k][20][0].get<double>())));
    }
    // The IMU clock is 2.5 ms ahead: frame 0 has no IMU sample to interpolate (null = NaN).
    QVERIFY(h["observation/imu"]["data"][0][0].is_null());
    QVERIFY(!h["observation/imu"]["data"][1][0].is_null());
    QCOMPARE(h["frames/task"]["data"][2].get<std::string>(), std::string("reach for the cup"));
    QCOMPARE(h["frames/task"]["data"][7].get<std::string>(), std::string("lift the cup"));
    QCOMPARE(h["frames/language/step"]["data"][3].get<std::string>(), std::string("grasp"));
    QCOMPARE(h["frames/language/step"]["data"][8].get<std::string>(), std::string(""));
    QCOMPARE(h["frames/event/slip"]["data"], json({0, 0, 0, 1, 1, 1, 0, 0, 0, 0}));
    QCOMPARE(h["frames/event/recovery"]["data"], json({0, 0, 0, 0, 0, 0, 1, 0, 0, 0}));
    QCOMPARE(h["labels/text"]["data"], json({"reach for the cup", "grasp", "lift the cup"}));
    QCOMPARE(h["events/kind"]["data"], json({"slip", "recovery"}));
    QCOMPARE(h["events/end_ns"]["data"][1].get<int64_t>(), int64_t(-1));
    QCOMPARE(h["events/note"]["data"][0].get<std::string>(), std::string("cup slid"));
    // Provenance counts the corrections, and their author among the annotators.
    {
        QFile pf(tmp.filePath("h5/provenance.json"));
        QVERIFY(pf.open(QIODevice::ReadOnly));
        const json prov = json::parse(pf.readAll().toStdString());
        bool seen = false;
        for (const auto& e : prov["episodes"])
            if (e["episode_id"] == "ep-a") {
                seen = true;
                QCOMPARE(e["keypoint_corrections"].get<int>(), 1);
                QVERIFY(e["annotators"].dump().find("ann") != std::string::npos);
            } else {
                QCOMPARE(e["keypoint_corrections"].get<int>(), 0);
            }
        QVERIFY(seen);
    }
    QCOMPARE(h["clock_models/imu"]["attrs"]["offset_ns"].get<int64_t>(), ts::test::kImuOffsetNs);
}

QTEST_GUILESS_MAIN(TestHdf5Export)
#include "tst_hdf5export.moc"
