// Crash safety: the test re-executes itself as a child that commits a burst of writes (users
// and small episode imports), printing each committed id right after its commit; the parent
// SIGKILLs it mid-burst, reopens the project, and requires a clean verify() and every
// reported id present. Repeated with several kill points on the same project.
#include "storetestutil.h"

#include "store/projectstore.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;
using namespace ts::core;

namespace {

constexpr const char* kChildFlag = "--crash-child";

// The child: commits forever (until killed; the cap only guards against an orphan).
int runChild(const fs::path& project, const fs::path& bundleDir, const std::string& prefix) {
    try {
        ProjectStore s = ProjectStore::open(project);
        Bundle b = tstest::writeTestBundle(bundleDir / prefix, prefix + "-template");
        std::fputs("ready\n", stdout);
        std::fflush(stdout);
        for (int i = 0; i < 100'000; ++i) {
            std::string line;
            if (i % 4 == 3) {
                b.manifest.id = prefix + "-ep-" + std::to_string(i);
                s.importBundle(b, "root");
                line = "episode " + b.manifest.id + "\n";
            } else {
                const std::string name = prefix + "-user-" + std::to_string(i);
                s.addUser("root", name, Role::Annotator);
                line = "user " + name + "\n";
            }
            // Only after the commit returned: a reported id must be durable.
            std::fputs(line.c_str(), stdout);
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::cerr << "child failed: " << e.what() << "\n";
        return 3;
    }
    return 0;
}

} // namespace

class TstStoreCrash : public QObject {
    Q_OBJECT
private slots:
    void killMidBurst() {
        QTemporaryDir tmp;
        const fs::path dir = tmp.path().toStdString();
        const fs::path project = dir / "crash.tsproj";
        { ProjectStore::create(project, "Crash", "root"); }

        int round = 0;
        for (int killAt : {3, 17, 41, 64}) {
            const std::string prefix = "r" + std::to_string(round++);
            QProcess child;
            child.setProcessChannelMode(QProcess::SeparateChannels);
            child.start(QCoreApplication::applicationFilePath(),
                        {kChildFlag, QString::fromStdString(project.string()),
                         QString::fromStdString(dir.string()), QString::fromStdString(prefix)});
            QVERIFY2(child.waitForStarted(10'000), "child did not start");

            QStringList lines;
            QByteArray pending;
            auto collect = [&] {
                pending += child.readAllStandardOutput();
                int nl;
                while ((nl = pending.indexOf('\n')) >= 0) {
                    lines << QString::fromUtf8(pending.left(nl));
                    pending.remove(0, nl + 1);
                }
            };
            while (lines.size() < killAt + 1) { // +1 for "ready"
                if (!child.waitForReadyRead(10'000))
                    QFAIL(qPrintable("child stalled: " + child.readAllStandardError()));
                collect();
            }
            child.kill(); // SIGKILL: no destructors, no rollback, no checkpoint
            QVERIFY(child.waitForFinished(10'000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            collect(); // complete lines still in the pipe were committed too

            ProjectStore s = ProjectStore::open(project);
            const VerifyReport r = s.verify();
            std::string findings;
            for (const auto& f : r.findings)
                findings += f.code + " " + f.entity + ": " + f.message + "\n";
            QVERIFY2(r.ok(), findings.c_str());

            int users = 0, episodes = 0;
            for (const QString& line : lines) {
                const QStringList parts = line.split(' ');
                if (parts.at(0) == "ready")
                    continue;
                QCOMPARE(parts.size(), qsizetype(2));
                const std::string id = parts.at(1).toStdString();
                if (parts.at(0) == "user") {
                    QVERIFY2(s.user(id).has_value(), id.c_str());
                    ++users;
                } else {
                    QCOMPARE(parts.at(0), QString("episode"));
                    const auto d = s.episode(id);
                    QVERIFY2(d.has_value(), id.c_str());
                    QCOMPARE(d->streams.size(), size_t(3));
                    QCOMPARE(d->mediaCount, int64_t(5));
                    ++episodes;
                }
            }
            QVERIFY(users + episodes >= killAt);
            qInfo("kill after %d reported commits: %d users, %d episodes confirmed; project "
                  "holds %lld users, %lld episodes",
                  killAt, users, episodes, static_cast<long long>(s.info().users),
                  static_cast<long long>(s.info().episodes));
        }
    }
};

int main(int argc, char** argv) {
    if (argc == 5 && std::string(argv[1]) == kChildFlag)
        return runChild(argv[2], argv[3], argv[4]);
    QCoreApplication app(argc, argv);
    TstStoreCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_store_crash.moc"
