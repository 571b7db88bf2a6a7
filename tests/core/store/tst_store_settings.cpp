// Project settings: leads and admins change them, annotators may not; each change is audited;
// the "sync" setting loads into SyncSettings and refuses typos and nonsense by name.
#include "project/syncstore.h"
#include "store/projectstore.h"
#include "sync/syncsettingsjson.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

using namespace ts::core;
using nlohmann::json;

class TstStoreSettings : public QObject {
    Q_OBJECT
private slots:
    void leadsChangeProjectSettingsAudited() {
        QTemporaryDir tmp;
        ProjectStore s = ProjectStore::create(
            std::filesystem::path(tmp.path().toStdString()) / "p.tsproj", "Study", "root");
        s.addUser("root", "lee", Role::Lead);
        s.addUser("root", "ann", Role::Annotator);
        QVERIFY(!s.setting("project", "sync"));
        const int64_t before = s.info().auditEntries;
        s.setSetting("lee", "project", "sync", json{{"tolerance_ms", 2.5}});
        QCOMPARE(s.setting("project", "sync")->at("tolerance_ms").get<double>(), 2.5);
        QCOMPARE(s.info().auditEntries, before + 1);
        s.setSetting("lee", "project", "sync", json{{"tolerance_ms", 2.5}}); // unchanged
        QCOMPARE(s.info().auditEntries, before + 1);
        QVERIFY_THROWS_EXCEPTION(Error, s.setSetting("ann", "project", "sync", json{{"x", 1}}));
        QVERIFY_THROWS_EXCEPTION(Error, s.setSetting("lee", "team", "sync", json{{"x", 1}}));
        // A user's own preferences are theirs.
        s.setSetting("ann", "user:ann", "theme", "dark");
        QVERIFY_THROWS_EXCEPTION(Error, s.setSetting("ann", "user:lee", "theme", "dark"));
        QCOMPARE(s.settings("project").size(), size_t(1));
        const auto entries = s.auditEntries(before);
        QVERIFY(!entries.empty());
        QCOMPARE(entries.front().action, std::string("setting.set"));
    }

    // A stored "sync" setting that no longer reads (stored before a check was added) stops sync
    // and the QC checks with one error naming the project, the key and how to set it again;
    // setting it again mends it.
    void aStoredSettingThatNoLongerReadsSaysHowToMendIt() {
        QTemporaryDir tmp;
        const auto file = std::filesystem::path(tmp.path().toStdString()) / "p.tsproj";
        ProjectStore s = ProjectStore::create(file, "Study", "root");
        s.addUser("root", "lee", Role::Lead);
        QCOMPARE(projectSyncSettings(s).toleranceMs, sync::SyncSettings{}.toleranceMs);
        s.setSetting("lee", "project", "sync", json{{"health", {{"duplicates_fail", 1.5}}}});
        std::string msg;
        try {
            projectSyncSettings(s);
        } catch (const Error& e) {
            msg = e.what();
        }
        QVERIFY2(
            msg.find(file.string()) != std::string::npos &&
                msg.find("'health.duplicates_fail' must be a whole number") != std::string::npos &&
                msg.find("touchstone-cli settings PROJECT sync.KEY VALUE") != std::string::npos,
            msg.c_str());
        s.setSetting("lee", "project", "sync", json{{"health", {{"duplicates_fail", 2}}}});
        QCOMPARE(projectSyncSettings(s).health.duplicatesFail, int64_t(2));
    }

    void syncSettingsLoadAndRefuseNonsense() {
        const auto s = sync::syncSettingsFromJson(
            json{{"tolerance_ms", 0.5}, {"health", {{"drop_ratio_warn", 0.05}}}});
        QCOMPARE(s.toleranceMs, 0.5);
        QCOMPARE(s.health.dropRatioWarn, 0.05);
        QCOMPARE(s.health.dropRatioFail, sync::HealthThresholds{}.dropRatioFail); // default kept
        QCOMPARE(sync::syncSettingsFromJson(sync::syncSettingsToJson(s)).toleranceMs, 0.5);
        QVERIFY(s.poseTranslation); // on by default
        const auto off = sync::syncSettingsFromJson(json{{"pose_translation", false}});
        QVERIFY(!off.poseTranslation);
        QVERIFY(!sync::syncSettingsFromJson(sync::syncSettingsToJson(off)).poseTranslation);
        auto refuses = [](const json& j, const char* word) {
            try {
                sync::syncSettingsFromJson(j);
            } catch (const Error& e) {
                return std::string(e.what()).find(word) != std::string::npos;
            }
            return false;
        };
        QVERIFY(refuses(json{{"tolerance_msec", 1}}, "tolerance_msec"));
        QVERIFY(refuses(json{{"tolerance_ms", "x"}}, "tolerance_ms"));
        QVERIFY(refuses(json{{"min_confidence", 2}}, "min_confidence"));
        QVERIFY(refuses(json{{"pose_translation", "yes"}}, "pose_translation"));
        QVERIFY(refuses(json{{"health", {{"jitter_warn", 0.5}, {"jitter_fail", 0.2}}}}, "jitter"));
        QVERIFY(refuses(json{{"health", {{"gap", 1}}}}, "health.gap"));
        // Counts are whole numbers: 1.5 is refused, not taken as 1.
        QVERIFY(refuses(json{{"health", {{"duplicates_fail", 1.5}}}}, "whole number"));
        QVERIFY(refuses(json{{"health", {{"non_monotonic_fail", 2.25}}}}, "non_monotonic_fail"));
        QCOMPARE(sync::syncSettingsFromJson(json{{"health", {{"duplicates_fail", 3.0}}}})
                     .health.duplicatesFail,
                 int64_t(3));
    }
};

QTEST_GUILESS_MAIN(TstStoreSettings)
#include "tst_store_settings.moc"
