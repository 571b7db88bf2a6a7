#include "util/error.h"
#include "util/sha256.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

class TstSha256 : public QObject {
    Q_OBJECT
private slots:
    void knownVectors() {
        QCOMPARE(ts::core::Sha256::hex(""),
                 std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(ts::core::Sha256::hex("abc"),
                 std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }
    void fileMatchesString() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("f.bin").toStdString();
        std::string data(3'000'000, 'x');
        for (size_t i = 0; i < data.size(); ++i)
            data[i] = static_cast<char>(i * 31 % 251);
        std::ofstream(path, std::ios::binary) << data;
        uint64_t n = 0;
        QCOMPARE(ts::core::Sha256::hexOfFile(path, &n), ts::core::Sha256::hex(data));
        QCOMPARE(n, uint64_t(data.size()));
    }
    void missingFileNamesIt() {
        try {
            ts::core::Sha256::hexOfFile("/nonexistent/zzz.bin");
            QFAIL("no exception");
        } catch (const ts::core::Error& e) {
            QVERIFY(std::string(e.what()).find("/nonexistent/zzz.bin") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TstSha256)
#include "tst_sha256.moc"
