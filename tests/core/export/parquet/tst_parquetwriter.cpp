// The Parquet writer, checked byte for byte where the spec gives examples (Thrift compact,
// RLE/bit-packed hybrid) and end to end by an independent reader (npm's hyparquet): every
// physical type, optional values, LIST columns with null and empty lists, dictionary
// encoding, several pages and row groups, snappy/zstd/none, statistics, key-value metadata.
#include "core/export/exporttestutil.h"
#include "export/parquet/parquetwriter.h"
#include "export/parquet/rlehybrid.h"
#include "export/parquet/thriftcompact.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace ts::core::parquet;
using nlohmann::json;

namespace {

std::string hex(const std::string& s) {
    std::string out;
    char b[4];
    for (unsigned char c : s) {
        std::snprintf(b, sizeof b, "%02x", c);
        out += b;
    }
    return out;
}

json readOne(const QString& file) {
    QString why;
    json j = ts::test::readParquetFiles({file}, &why);
    if (j.is_null())
        qWarning("%s", qPrintable(why));
    return j.is_null() ? j : j["files"][0];
}

const json* columnMeta(const json& f, size_t rowGroup, const std::string& path) {
    for (const json& c : f["row_groups"][rowGroup]["columns"])
        if (c["path"] == path)
            return &c;
    return nullptr;
}

bool hasEncoding(const json& c, const std::string& e) {
    for (const json& x : c["encodings"])
        if (x == e)
            return true;
    return false;
}

} // namespace

class TestParquetWriter : public QObject {
    Q_OBJECT

private slots:
    void thriftCompactMatchesTheSpec();
    void rleHybridMatchesTheSpec();
    void everyTypeRoundTrips_data();
    void everyTypeRoundTrips();
    void listsWithNullsAndEmptyRoundTrip();
    void dictionaryAndPagesRoundTrip();
    void mismatchedRowGroupIsRefused();
};

void TestParquetWriter::thriftCompactMatchesTheSpec() {
    ThriftCompactWriter w;
    w.beginStruct();
    w.fieldI32(1, 1);          // delta 1, type i32 (5): 0x15, zigzag(1) = 2
    w.fieldI64(3, -1);         // delta 2, type i64 (6): 0x26, zigzag(-1) = 1
    w.fieldBinary(20, "ab");   // delta 17 > 15: long form 0x08, zigzag(20) = 40 = 0x28
    w.fieldBool(21, true);     // delta 1, BOOLEAN_TRUE (1): 0x11
    w.fieldList(22, ThriftCompactWriter::Type::I32, 2); // 0x19, size 2 << 4 | 5 = 0x25
    w.elemI32(300);            // zigzag 600 = 0xd8 0x04
    w.elemI32(-2);             // zigzag 3
    w.endStruct();
    QCOMPARE(hex(w.bytes()), std::string("1502260108280261621119" "25d80403" "00"));
    QCOMPARE(ThriftCompactWriter::zigzag(-64), uint64_t(127));
}

void TestParquetWriter::rleHybridMatchesTheSpec() {
    // The spec's bit-packing example: 0..7 with width 3 is 10001000 11000110 11111010.
    std::vector<uint32_t> v{0, 1, 2, 3, 4, 5, 6, 7};
    std::string out;
    encodeRleHybrid(v, 3, out);
    QCOMPARE(hex(out), std::string("03" "88c6fa"));
    // A run of 100 fives, width 3: RLE header 100 << 1 = 200 (varint c8 01), value 05.
    std::vector<uint32_t> run(100, 5);
    out.clear();
    encodeRleHybrid(run, 3, out);
    QCOMPARE(hex(out), std::string("c80105"));
    QCOMPARE(bitWidthFor(0), 0);
    QCOMPARE(bitWidthFor(1), 1);
    QCOMPARE(bitWidthFor(255), 8);
    QCOMPARE(bitWidthFor(256), 9);
}

void TestParquetWriter::everyTypeRoundTrips_data() {
    QTest::addColumn<QString>("codec");
    QTest::newRow("snappy") << "snappy";
    QTest::newRow("zstd") << "zstd";
    QTest::newRow("none") << "none";
}

void TestParquetWriter::everyTypeRoundTrips() {
    QFETCH(QString, codec);
    QTemporaryDir dir;
    const QString file = dir.filePath("types.parquet");
    const std::vector<ColumnSpec> schema{
        {"b", PhysicalType::Boolean},
        {"i32", PhysicalType::Int32},
        {"i64", PhysicalType::Int64},
        {"f", PhysicalType::Float},
        {"d", PhysicalType::Double, LogicalType::None, true},
        {"s", PhysicalType::ByteArray, LogicalType::String, true},
        {"j", PhysicalType::ByteArray, LogicalType::Json},
    };
    WriterOptions o;
    o.compression = ParquetWriter::compressionFromName(codec.toStdString());
    ParquetWriter w(file.toStdString(), schema, o);
    const int groups = 2, perGroup = 37;
    for (int g = 0; g < groups; ++g) {
        std::vector<ColumnData> cols(schema.begin(), schema.end());
        for (int k = 0; k < perGroup; ++k) {
            const int i = g * perGroup + k;
            cols[0].push(i % 3 == 0);
            cols[1].push(int32_t(i * 7 - 100));
            cols[2].push(static_cast<int64_t>(int64_t(i) * 10000000000LL - 5));
            cols[3].push(i == 5 ? std::nanf("") : float(i) * 0.25f - 3.0f);
            if (i % 4 == 1)
                cols[4].pushNull();
            else
                cols[4].push(double(i) / 3.0);
            if (i % 5 == 2)
                cols[5].pushNull();
            else
                cols[5].push("label " + std::to_string(i) + " ✓");
            cols[6].push("{\"i\":" + std::to_string(i) + "}");
        }
        w.writeRowGroup(cols);
    }
    w.setKeyValue("pandas", "{\"index_columns\": []}");
    w.close();

    const json f = readOne(file);
    QVERIFY(!f.is_null());
    QCOMPARE(f["num_rows"].get<int>(), groups * perGroup);
    QCOMPARE(f["row_groups"].size(), size_t(groups));
    QCOMPARE(f["key_value_metadata"]["pandas"].get<std::string>(), std::string("{\"index_columns\": []}"));
    QVERIFY(f["created_by"].get<std::string>().find("touchstone") != std::string::npos);
    const std::map<std::string, std::string> types{{"b", "BOOLEAN"}, {"i32", "INT32"},
                                                   {"i64", "INT64"}, {"f", "FLOAT"},
                                                   {"d", "DOUBLE"}, {"s", "BYTE_ARRAY"},
                                                   {"j", "BYTE_ARRAY"}};
    for (const json& s : f["schema"])
        if (types.count(s["name"]))
            QCOMPARE(s["type"].get<std::string>(), types.at(s["name"]));
    for (const json& s : f["schema"]) {
        if (s["name"] == "s") {
            QCOMPARE(s["logical_type"].get<std::string>(), std::string("STRING"));
            QCOMPARE(s["repetition_type"].get<std::string>(), std::string("OPTIONAL"));
        }
        if (s["name"] == "j")
            QCOMPARE(s["logical_type"].get<std::string>(), std::string("JSON"));
    }
    const std::string wantCodec = codec == "none" ? "UNCOMPRESSED" : codec.toUpper().toStdString();
    QCOMPARE((*columnMeta(f, 0, "i64"))["codec"].get<std::string>(), wantCodec);

    const json& rows = f["rows"];
    QCOMPARE(rows.size(), size_t(groups * perGroup));
    for (int i = 0; i < groups * perGroup; ++i) {
        const json& r = rows[i];
        QCOMPARE(r["b"].get<bool>(), i % 3 == 0);
        QCOMPARE(r["i32"].get<int>(), i * 7 - 100);
        QCOMPARE(r["i64"].get<int64_t>(), int64_t(i) * 10000000000LL - 5);
        if (i == 5)
            QCOMPARE(r["f"].get<std::string>(), std::string("NaN"));
        else
            QCOMPARE(r["f"].get<float>(), float(i) * 0.25f - 3.0f);
        if (i % 4 == 1)
            QVERIFY(r["d"].is_null());
        else
            QCOMPARE(r["d"].get<double>(), double(i) / 3.0);
        if (i % 5 == 2)
            QVERIFY(r["s"].is_null());
        else
            QCOMPARE(r["s"].get<std::string>(), "label " + std::to_string(i) + " ✓");
    }
    // Statistics of the first row group (rows 0..36): NaN takes no part in min/max.
    const json& st = (*columnMeta(f, 0, "f"))["statistics"];
    QCOMPARE(st["min_value"].get<float>(), -3.0f);
    QCOMPARE(st["max_value"].get<float>(), 36 * 0.25f - 3.0f);
    const json& sd = (*columnMeta(f, 0, "d"))["statistics"];
    QCOMPARE(sd["null_count"].get<int>(), 9); // i % 4 == 1 for i < 37
    const json& si = (*columnMeta(f, 1, "i32"))["statistics"];
    QCOMPARE(si["min_value"].get<int>(), 37 * 7 - 100);
    QCOMPARE(si["max_value"].get<int>(), 73 * 7 - 100);
    const json& ss = (*columnMeta(f, 0, "s"))["statistics"];
    QCOMPARE(ss["min_value"].get<std::string>(), std::string("label 0 ✓"));
    QCOMPARE(ss["max_value"].get<std::string>(), std::string("label 9 ✓"));
}

void TestParquetWriter::listsWithNullsAndEmptyRoundTrip() {
    QTemporaryDir dir;
    const QString file = dir.filePath("lists.parquet");
    ColumnSpec joints{"joints", PhysicalType::Float};
    joints.list = true;
    joints.optional = true;
    ColumnSpec tags{"tags", PhysicalType::ByteArray, LogicalType::String};
    tags.list = true;
    ColumnSpec sparse{"sparse", PhysicalType::Double};
    sparse.list = true;
    sparse.optional = true;
    sparse.optionalElement = true;
    ColumnSpec counts{"counts", PhysicalType::Int64};
    counts.list = true;
    ParquetWriter w(file.toStdString(), {joints, tags, sparse, counts});
    std::vector<ColumnData> cols{ColumnData(joints), ColumnData(tags), ColumnData(sparse),
                                 ColumnData(counts)};
    const int n = 50;
    for (int i = 0; i < n; ++i) {
        if (i % 7 == 3) {
            cols[0].pushNull();
        } else {
            std::vector<float> v(63);
            for (int k = 0; k < 63; ++k)
                v[k] = float(i) + float(k) / 64.0f;
            cols[0].pushList(std::span<const float>(v));
        }
        std::vector<std::string> t;
        for (int k = 0; k < i % 3; ++k) // 0, 1 or 2 tags: empty lists included
            t.push_back("tag" + std::to_string(k));
        cols[1].pushList(std::span<const std::string>(t));
        if (i % 5 == 0) {
            cols[2].pushNull();
        } else {
            cols[2].beginList();
            cols[2].push(double(i));
            cols[2].pushNullElement();
            cols[2].push(-double(i));
            cols[2].endList();
        }
        const std::vector<int64_t> c{int64_t(i), int64_t(i) * 2};
        cols[3].pushList(std::span<const int64_t>(c));
    }
    w.writeRowGroup(cols);
    w.close();

    const json f = readOne(file);
    QVERIFY(!f.is_null());
    QCOMPARE(f["num_rows"].get<int>(), n);
    // The standard three-level LIST: optional group (LIST) > repeated group list > element.
    bool sawList = false;
    for (size_t k = 0; k + 2 < f["schema"].size(); ++k) {
        const json& s = f["schema"][k];
        if (s["name"] == "joints") {
            QCOMPARE(s["converted_type"].get<std::string>(), std::string("LIST"));
            QCOMPARE(f["schema"][k + 1]["name"].get<std::string>(), std::string("list"));
            QCOMPARE(f["schema"][k + 1]["repetition_type"].get<std::string>(), std::string("REPEATED"));
            QCOMPARE(f["schema"][k + 2]["name"].get<std::string>(), std::string("element"));
            QCOMPARE(f["schema"][k + 2]["type"].get<std::string>(), std::string("FLOAT"));
            sawList = true;
        }
    }
    QVERIFY(sawList);
    for (int i = 0; i < n; ++i) {
        const json& r = f["rows"][i];
        if (i % 7 == 3) {
            QVERIFY(r["joints"].is_null());
        } else {
            QCOMPARE(r["joints"].size(), size_t(63));
            for (int k = 0; k < 63; ++k)
                QCOMPARE(r["joints"][k].get<float>(), float(i) + float(k) / 64.0f);
        }
        QCOMPARE(r["tags"].size(), size_t(i % 3));
        for (int k = 0; k < i % 3; ++k)
            QCOMPARE(r["tags"][k].get<std::string>(), "tag" + std::to_string(k));
        if (i % 5 == 0) {
            QVERIFY(r["sparse"].is_null());
        } else {
            QCOMPARE(r["sparse"].size(), size_t(3));
            QCOMPARE(r["sparse"][0].get<double>(), double(i));
            QVERIFY(r["sparse"][1].is_null());
            QCOMPARE(r["sparse"][2].get<double>(), -double(i));
        }
        QCOMPARE(r["counts"][1].get<int64_t>(), int64_t(i) * 2);
    }
}

void TestParquetWriter::dictionaryAndPagesRoundTrip() {
    QTemporaryDir dir;
    const QString file = dir.filePath("dict.parquet");
    ColumnSpec task{"task", PhysicalType::ByteArray, LogicalType::String};
    task.dictionary = true;
    ColumnSpec episode{"episode_index", PhysicalType::Int64};
    episode.dictionary = true;
    ColumnSpec label{"label", PhysicalType::ByteArray, LogicalType::String, true};
    label.dictionary = true;
    ColumnSpec value{"value", PhysicalType::Double};
    ColumnSpec hand{"hand", PhysicalType::Float};
    hand.list = true;
    WriterOptions o;
    o.pageBytes = 512; // many pages per chunk; each must end at a row boundary
    o.compression = Compression::Zstd;
    ParquetWriter w(file.toStdString(), {task, episode, label, value, hand}, o);
    const std::vector<std::string> tasks{"open the drawer", "pour the water", "wipe the table"};
    std::vector<ColumnData> cols{ColumnData(task), ColumnData(episode), ColumnData(label),
                                 ColumnData(value), ColumnData(hand)};
    const int n = 3000;
    for (int i = 0; i < n; ++i) {
        cols[0].push(tasks[(i / 100) % 3]); // long runs: RLE runs in the indices
        cols[1].push(int64_t(i / 250));
        if ((i / 40) % 2)
            cols[2].pushNull();
        else
            cols[2].push(i % 3 ? std::string("grasp") : std::string("lift"));
        cols[3].push(std::sin(i * 0.01));
        const std::vector<float> h{float(i), float(-i), 0.5f};
        cols[4].pushList(std::span<const float>(h));
    }
    w.writeRowGroup(cols);
    w.close();

    const json f = readOne(file);
    QVERIFY(!f.is_null());
    const json* t = columnMeta(f, 0, "task");
    QVERIFY(t);
    QVERIFY(hasEncoding(*t, "RLE_DICTIONARY"));
    QVERIFY(!(*t)["dictionary_page_offset"].is_null());
    QVERIFY(hasEncoding(*columnMeta(f, 0, "episode_index"), "RLE_DICTIONARY"));
    QVERIFY(!hasEncoding(*columnMeta(f, 0, "value"), "RLE_DICTIONARY"));
    QCOMPARE((*t)["codec"].get<std::string>(), std::string("ZSTD"));
    QCOMPARE((*columnMeta(f, 0, "label"))["statistics"]["null_count"].get<int>(), 1480);
    for (int i = 0; i < n; ++i) {
        const json& r = f["rows"][i];
        QCOMPARE(r["task"].get<std::string>(), tasks[(i / 100) % 3]);
        QCOMPARE(r["episode_index"].get<int64_t>(), int64_t(i / 250));
        if ((i / 40) % 2)
            QVERIFY(r["label"].is_null());
        else
            QCOMPARE(r["label"].get<std::string>(), std::string(i % 3 ? "grasp" : "lift"));
        QCOMPARE(r["value"].get<double>(), std::sin(i * 0.01));
        QCOMPARE(r["hand"][1].get<float>(), float(-i));
    }
}

void TestParquetWriter::mismatchedRowGroupIsRefused() {
    QTemporaryDir dir;
    const QString file = dir.filePath("bad.parquet");
    ParquetWriter w(file.toStdString(), {{"a", PhysicalType::Int32}, {"b", PhysicalType::Int32}});
    std::vector<ColumnData> cols{ColumnData({"a", PhysicalType::Int32}),
                                 ColumnData({"b", PhysicalType::Int32})};
    cols[0].push(int32_t(1));
    cols[0].push(int32_t(2));
    cols[1].push(int32_t(1));
    try {
        w.writeRowGroup(cols);
        QFAIL("a row group with columns of different lengths was accepted");
    } catch (const ts::core::Error& e) {
        const QString what = e.what();
        QVERIFY2(what.contains("bad.parquet") && what.contains("'b' has 1 rows"), qPrintable(what));
    }
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cols[0].push(1.5));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, cols[0].pushNull());
}

QTEST_GUILESS_MAIN(TestParquetWriter)
#include "tst_parquetwriter.moc"
