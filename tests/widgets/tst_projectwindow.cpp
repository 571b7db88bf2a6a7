// The project window on a real project (offscreen): the episode table lists what the store
// holds, search filters it, sorting by duration is numeric, and the selected episode's
// streams are shown.
#include "aboutdialog.h"
#include "episodetablemodel.h"
#include "filmstripview.h"
#include "projectwindow.h"
#include "workspace/episodeworkspace.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "support/minibundle.h"

#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

using namespace ts::test;

class TstProjectWindow : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString project_;

private slots:
    void initTestCase() {
        qputenv("TS_NO_DIALOGS", "1");
        project_ = tmp_.filePath("proj");
        QString out;
        QCOMPARE(
            runProgram(qEnvironmentVariable("TS_CLI"), {"init", project_, "--user", "lead"}, &out),
            0);
        for (int i = 0; i < 3; ++i) {
            MiniBundleOptions o;
            o.id = QString("mini-%1").arg(i);
            o.participant = i == 2 ? "P-XYZ" : "P-001";
            o.video = i != 1;
            o.videoFrames = 10 + 10 * i; // different durations on the timeline clock
            const QString b = tmp_.filePath(o.id);
            QVERIFY(writeMiniBundle(b, o));
            if (i == 2) { // ten IMU samples lost: imported with a warning
                QStringList l = readText(b + "/imu.csv").split('\n');
                l.erase(l.begin() + 50, l.begin() + 60);
                writeText(b + "/imu.csv", l.join('\n'));
            }
            QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                                {"import", project_, b, "--user", "lead"}, &out),
                     0);
        }
    }

    void listsSearchesAndShowsStreams() {
        ts::widgets::ProjectWindow w;
        QSignalSpy loaded(&w, &ts::widgets::ProjectWindow::projectLoaded);
        QVERIFY(w.openProject(project_));
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(w.episodeCount(), 3);
        auto* table = w.findChild<QTableView*>();
        QVERIFY(table);
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(table->model());
        QCOMPARE(proxy->rowCount(), 3);

        auto* search = w.findChild<QLineEdit*>();
        QTest::keyClicks(search, "xyz");
        QCOMPARE(proxy->rowCount(), 1);
        QCOMPARE(proxy->index(0, ts::widgets::EpisodeTableModel::Id).data().toString(),
                 QString("mini-2"));
        search->clear();
        QCOMPARE(proxy->rowCount(), 3);

        // Sort by duration, longest first: mini-2 has the longest video (mini-1 has none).
        table->sortByColumn(ts::widgets::EpisodeTableModel::Duration, Qt::DescendingOrder);
        QCOMPARE(proxy->index(0, ts::widgets::EpisodeTableModel::Id).data().toString(),
                 QString("mini-2"));

        // Selecting mini-1 (no video) shows its five streams.
        for (int r = 0; r < proxy->rowCount(); ++r)
            if (proxy->index(r, 0).data().toString() == "mini-1")
                table->selectRow(r);
        auto* streams = w.findChild<QTreeWidget*>("streams");
        auto* findings = w.findChild<QTreeWidget*>("findings");
        QVERIFY(streams && findings);
        QCOMPARE(streams->topLevelItemCount(), 5);
        QStringList names;
        for (int i = 0; i < streams->topLevelItemCount(); ++i)
            names << streams->topLevelItem(i)->text(0);
        QVERIFY(!names.contains("rgb"));
        QVERIFY(names.contains("imu"));
        QCOMPARE(findings->topLevelItemCount(), 0);
        auto* strip = w.findChild<ts::widgets::FilmstripView*>("filmstrip");
        QVERIFY(strip);
        QCOMPARE(strip->thumbnailsShown(), 0); // no video, no thumbnails
        QVERIFY(!strip->busy());

        // mini-2 lost IMU samples: its warning is shown where the reviewer looks.
        for (int r = 0; r < proxy->rowCount(); ++r)
            if (proxy->index(r, 0).data().toString() == "mini-2")
                table->selectRow(r);
        QCOMPARE(findings->topLevelItemCount(), 1);
        // mini-2 has a video: its filmstrip fills in from the background.
        QTRY_VERIFY_WITH_TIMEOUT(strip->thumbnailsShown() == 12, 20000);
        QCOMPARE(strip->thumbnail(0).height(), 72);
        QVERIFY(strip->thumbnail(0).pixel(10, 10) != strip->thumbnail(0).pixel(40, 60));
        QCOMPARE(findings->topLevelItem(0)->text(0), QString("imu.csv:51"));
        QVERIFY(findings->topLevelItem(0)->text(1).contains("gap"));
    }

    // The Task column takes the room the other columns leave, and at least about 20
    // characters of it when there is none: the task is what tells the episodes apart.
    void taskColumnTakesTheRoomLeft() {
        ts::widgets::ProjectWindow w;
        w.resize(1600, 700);
        w.show();
        QVERIFY(w.openProject(project_));
        auto* table = w.findChild<QTableView*>();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QHeaderView* h = table->horizontalHeader();
        const auto columnsWidth = [h] {
            int sum = 0;
            for (int c = 0; c < h->count(); ++c)
                sum += h->isSectionHidden(c) ? 0 : h->sectionSize(c);
            return sum;
        };
        const int least = table->fontMetrics().averageCharWidth() * 20;
        const int task = ts::widgets::EpisodeTableModel::Task;
        QTRY_COMPARE(columnsWidth(), table->viewport()->width()); // wide: filled exactly
        QVERIFY(h->sectionSize(task) >= least);
        w.resize(500, 700); // narrow: Task keeps its least, the table scrolls
        QTRY_COMPARE(h->sectionSize(task), least);
        QVERIFY(columnsWidth() > table->viewport()->width());
        w.resize(1600, 700); // and takes the room again
        QTRY_COMPARE(columnsWidth(), table->viewport()->width());
    }

    void qcColumnShowsTheNewestVerdict() {
        try {
            // mini-2 was rejected, then approved; mini-0 rejected with two reasons.
            ts::core::Database db((project_ + "/project.tsproj").toStdString(),
                                  ts::core::Database::Mode::OpenExisting);
            db.exec(R"sql(
INSERT INTO review (episode_id, reviewer_id, verdict, reason_codes, comment, created_at)
  SELECT e.id, u.id, 'rejected', '["slip_not_marked"]', 'first pass', '2026-02-01T10:00:00Z'
  FROM episode e, user_account u WHERE e.ident = 'mini-2' AND u.name = 'lead';
INSERT INTO review (episode_id, reviewer_id, verdict, reason_codes, comment, created_at)
  SELECT e.id, u.id, 'approved', '[]', 'fixed', '2026-02-02T10:00:00Z'
  FROM episode e, user_account u WHERE e.ident = 'mini-2' AND u.name = 'lead';
INSERT INTO review (episode_id, reviewer_id, verdict, reason_codes, comment, created_at)
  SELECT e.id, u.id, 'rejected', '["misaligned_streams","slip_not_marked"]', 'force late',
         '2026-02-03T10:00:00Z'
  FROM episode e, user_account u WHERE e.ident = 'mini-0' AND u.name = 'lead';
)sql");
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        ts::widgets::ProjectWindow w;
        QVERIFY(w.openProject(project_));
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(w.findChild<QTableView*>()->model());
        QMap<QString, QString> qc;
        for (int r = 0; r < proxy->rowCount(); ++r)
            qc[proxy->index(r, ts::widgets::EpisodeTableModel::Id).data().toString()] =
                proxy->index(r, ts::widgets::EpisodeTableModel::Qc).data().toString();
        QCOMPARE(qc["mini-1"], QString());
        QCOMPARE(qc["mini-2"], QString("approved by lead"));
        QCOMPARE(qc["mini-0"],
                 QString("rejected by lead: Streams misaligned, A slip is not marked"));
        // The search finds episodes by their verdict too.
        w.findChild<QLineEdit*>()->setText("misaligned");
        QCOMPARE(proxy->rowCount(), 1);
    }

    // The Sync column: each episode's clocks judged as stored now by the project's rule
    // ("aligned", or the streams that are not, with why in the tooltip); a clock set by hand
    // aligns it; the search finds the episodes to align.
    void syncColumnFlagsUnalignedClocks() {
        auto syncOf = [](ts::widgets::ProjectWindow& w, const QString& id, int role) {
            auto* proxy =
                qobject_cast<QSortFilterProxyModel*>(w.findChild<QTableView*>()->model());
            for (int r = 0; r < proxy->rowCount(); ++r)
                if (proxy->index(r, ts::widgets::EpisodeTableModel::Id).data().toString() == id)
                    return proxy->index(r, ts::widgets::EpisodeTableModel::Sync).data(role);
            return QVariant();
        };
        QStringList unaligned; // mini-0's streams on clocks of their own that nothing aligned
        {
            ts::widgets::ProjectWindow w;
            QVERIFY(w.openProject(project_));
            const QString text = syncOf(w, "mini-0", Qt::DisplayRole).toString();
            qInfo("mini-0: %s", qPrintable(text));
            QVERIFY2(text.startsWith("not aligned: "), qPrintable(text));
            unaligned = text.mid(13).split(", ");
            const QString tip = syncOf(w, "mini-0", Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(unaligned[0] + ": not aligned to the camera clock"),
                     qPrintable(tip));
            QCOMPARE(syncOf(w, "mini-0", Qt::ForegroundRole).value<QBrush>().color(),
                     QColor(0xc6, 0x28, 0x28));
            QCOMPARE(syncOf(w, "mini-0", ts::widgets::EpisodeTableModel::SortRole).toInt(),
                     int(unaligned.size()));
        }
        QString out;
        for (const QString& stream : unaligned)
            QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                                {"clock", project_, "mini-0", stream, "--offset-ms", "0",
                                 "--user", "lead"},
                                &out),
                     0);
        ts::widgets::ProjectWindow w;
        QVERIFY(w.openProject(project_));
        QCOMPARE(syncOf(w, "mini-0", Qt::DisplayRole).toString(), QString("aligned"));
        QCOMPARE(syncOf(w, "mini-0", Qt::ForegroundRole).value<QBrush>().color(),
                 QColor(0x2e, 0x7d, 0x32));
        QCOMPARE(syncOf(w, "mini-0", ts::widgets::EpisodeTableModel::SortRole).toInt(), 0);
        // The others are as they were: found by the search.
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(w.findChild<QTableView*>()->model());
        w.findChild<QLineEdit*>()->setText("not aligned");
        QCOMPARE(proxy->rowCount(), 2);
        for (int r = 0; r < proxy->rowCount(); ++r)
            QVERIFY(proxy->index(r, ts::widgets::EpisodeTableModel::Id).data().toString() !=
                    "mini-0");
    }

    // Closing an episode's workspace shows what changed meanwhile (here a clock set from the
    // command line), and the selected episode stays selected.
    void closingAWorkspaceReloadsTheTable() {
        ts::widgets::ProjectWindow w;
        QVERIFY(w.openProject(project_));
        auto* table = w.findChild<QTableView*>();
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(table->model());
        int row = -1;
        for (int r = 0; r < proxy->rowCount(); ++r)
            if (proxy->index(r, ts::widgets::EpisodeTableModel::Id).data().toString() == "mini-2")
                row = r;
        QVERIFY(row > 0); // not the row a reload would fall back to
        table->selectRow(row);
        QCOMPARE(w.selectedEpisode(), QString("mini-2"));
        auto syncText = [&] {
            for (int r = 0; r < proxy->rowCount(); ++r)
                if (proxy->index(r, ts::widgets::EpisodeTableModel::Id).data().toString() ==
                    "mini-2")
                    return proxy->index(r, ts::widgets::EpisodeTableModel::Sync).data().toString();
            return QString();
        };
        const QString before = syncText();
        QVERIFY2(before.startsWith("not aligned: "), qPrintable(before));
        QPointer<ts::widgets::EpisodeWorkspace> ws = w.openWorkspace("mini-2");
        QVERIFY(ws);
        QString out;
        for (const QString& stream : before.mid(13).split(", "))
            QCOMPARE(runProgram(qEnvironmentVariable("TS_CLI"),
                                {"clock", project_, "mini-2", stream, "--offset-ms", "0",
                                 "--user", "lead"},
                                &out),
                     0);
        QCOMPARE(syncText(), before); // not yet: the table is the store as last read
        ws->close();
        QTRY_VERIFY(ws.isNull());
        QCOMPARE(syncText(), QString("aligned"));
        QCOMPARE(w.selectedEpisode(), QString("mini-2"));
    }

    // Episode → Synchronise Clocks: the engine's run stored as the CLI stores it (health and
    // alignment rows per stream, audited), the table reloaded; refused while the episode's
    // workspace is open.
    void synchroniseClocksFromTheWindow() {
        qputenv("TOUCHSTONE_USER", "lead");
        ts::widgets::ProjectWindow w;
        QVERIFY(w.openProject(project_));
        auto* table = w.findChild<QTableView*>();
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(table->model());
        for (int r = 0; r < proxy->rowCount(); ++r)
            if (proxy->index(r, ts::widgets::EpisodeTableModel::Id).data().toString() == "mini-1")
                table->selectRow(r);
        QCOMPARE(w.selectedEpisode(), QString("mini-1"));
        auto rows = [&] {
            auto store = ts::core::ProjectStore::open((project_ + "/project.tsproj").toStdString());
            return store.qcMetrics("mini-1");
        };
        QVERIFY(rows().empty());
        QSignalSpy loaded(&w, &ts::widgets::ProjectWindow::projectLoaded);
        w.synchroniseSelected();
        QVERIFY(loaded.wait(120000)); // the table is read again when the run is stored
        const auto metrics = rows();
        int health = 0, alignment = 0;
        for (const auto& m : metrics) {
            health += m.name == "sync.health";
            alignment += m.name == "sync.alignment";
        }
        QCOMPARE(health, 5); // mini-1 has no video: five streams
        QCOMPARE(alignment, 5);
        QVERIFY2(w.statusBar()->currentMessage().startsWith("mini-1: "),
                 qPrintable(w.statusBar()->currentMessage()));
        // mini-1 has no video: nothing reaches the camera clock, and the message says so per
        // stream, in the words of the Sync column's tooltip (alignmentText).
        QVERIFY2(w.statusBar()->currentMessage().contains(
                     "1 of 5 streams aligned; imu: not aligned to the camera clock"),
                 qPrintable(w.statusBar()->currentMessage()));
        {
            auto store = ts::core::ProjectStore::open((project_ + "/project.tsproj").toStdString());
            const auto entries = store.auditEntries();
            QCOMPARE(entries.back().action, std::string("qc.record"));
            QCOMPARE(entries.back().actor, std::string("lead"));
        }
        // With its workspace open, nothing runs.
        QPointer<ts::widgets::EpisodeWorkspace> ws = w.openWorkspace("mini-1");
        QVERIFY(ws);
        const size_t before = rows().size();
        w.synchroniseSelected();
        QVERIFY(!loaded.wait(1000));
        QCOMPARE(rows().size(), before);
        ws->close();
        QTRY_VERIFY(ws.isNull());
        qunsetenv("TOUCHSTONE_USER");
    }

    // Episode → Synchronise All Not Aligned: each flagged episode's run stored (one qc.record
    // each), the summary in the status bar.
    void synchroniseAllNotAligned() {
        qputenv("TOUCHSTONE_USER", "lead");
        ts::widgets::ProjectWindow w;
        QVERIFY(w.openProject(project_));
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(w.findChild<QTableView*>()->model());
        int flagged = 0;
        for (int r = 0; r < proxy->rowCount(); ++r)
            flagged += proxy->index(r, ts::widgets::EpisodeTableModel::Sync)
                           .data()
                           .toString()
                           .startsWith("not aligned");
        QVERIFY(flagged >= 1); // mini-1: its streams' clocks of their own, not aligned by sync
        auto records = [&] {
            auto store = ts::core::ProjectStore::open((project_ + "/project.tsproj").toStdString());
            int n = 0;
            for (const auto& e : store.auditEntries())
                n += e.action == "qc.record";
            return n;
        };
        const int before = records();
        QSignalSpy loaded(&w, &ts::widgets::ProjectWindow::projectLoaded);
        w.synchroniseUnaligned();
        QVERIFY(loaded.wait(120000));
        QCOMPARE(records(), before + flagged);
        QString message = w.statusBar()->currentMessage();
        QVERIFY2(message.startsWith(QString("Synchronised %1 episode").arg(flagged)),
                 qPrintable(message));

        // A bundle damaged since import is named (file and line), nothing of it is stored,
        // and the window goes on.
        const QString imu = tmp_.filePath("mini-1") + "/imu.csv";
        const QString good = readText(imu);
        QStringList lines = good.split('\n');
        lines[5] = "12,not-a-number,0,0,0,0,0";
        writeText(imu, lines.join('\n'));
        const int stored = records();
        w.synchroniseUnaligned();
        QVERIFY(loaded.wait(120000));
        writeText(imu, good);
        QCOMPARE(records(), stored + flagged - 1);
        message = w.statusBar()->currentMessage();
        QVERIFY2(message.contains("not read: ") && message.contains("mini-1") &&
                     message.contains("cannot be read for sync: imu.csv:6:"),
                 qPrintable(message));

        // An approved episode keeps its clocks as its reviewer saw them: left alone and named.
        auto setStatus = [&](const char* status) {
            auto store = ts::core::ProjectStore::open((project_ + "/project.tsproj").toStdString());
            store.database().exec(std::string("UPDATE episode SET status = '") + status +
                                  "' WHERE ident = 'mini-1'");
        };
        setStatus("approved");
        const int kept = records();
        w.synchroniseUnaligned();
        if (flagged > 1)
            QVERIFY(loaded.wait(120000));
        message = w.statusBar()->currentMessage();
        QVERIFY2(flagged > 1 ? message.endsWith("; left as reviewed (approved): mini-1")
                             : message.startsWith("Only approved episodes are not aligned: mini-1"),
                 qPrintable(message));
        QCOMPARE(records(), kept + flagged - 1);
        setStatus("new");
        qunsetenv("TOUCHSTONE_USER");
    }

    void refusesBrokenProjectFile() {
        QTemporaryDir d;
        writeText(d.filePath("broken.tsproj"), "definitely not sqlite");
        ts::widgets::ProjectWindow w;
        QSignalSpy failed(&w, &ts::widgets::ProjectWindow::loadFailed);
        QVERIFY(!w.openProject(d.filePath("broken.tsproj")));
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed[0][0].toString().contains("broken.tsproj"));
        QCOMPARE(w.episodeCount(), 0);
    }

    void aboutShowsDiagnosticsAndCopiesThem() {
        ts::widgets::AboutDialog about;
        const QString text = about.diagnostics();
        // Version, commit, library versions as loaded, and what the GUI runs on.
        QVERIFY2(text.startsWith(QStringLiteral("Touchstone " TS_VERSION "\n")), qPrintable(text));
        for (const char* key : {"commit: ", "compiler: ", "libavcodec: ", "SQLite: ", "OpenCV: ",
                                "HDF5: ", "Qt: ", "VTK: ", "Qt platform: offscreen", "OpenGL: "})
            QVERIFY2(text.contains(QLatin1String(key)), key);
        QVERIFY(text.contains(QString::fromLatin1(qVersion())));
        QGuiApplication::clipboard()->clear();
        auto* copy = about.findChild<QPushButton*>(QStringLiteral("copyDiagnostics"));
        QVERIFY(copy);
        copy->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), text);
        QCOMPARE(copy->text(), QStringLiteral("Copied"));
    }
};

QTEST_MAIN(TstProjectWindow)
#include "tst_projectwindow.moc"
