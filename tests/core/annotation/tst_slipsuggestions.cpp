// Slip suggestions against the synthetic episode's ground truth (a scripted slip of the right
// hand: force drops while ring and pinky let go), accepted and dismissed through undoable
// edits; keypoint corrections beside the raw joints, interpolated over a span, and the
// effective joints at a time.
#include "core/annotation/annotationtestutil.h"
#include "core/store/storetestutil.h"

#include "annotation/edit.h"
#include "annotation/events.h"
#include "annotation/keypoints.h"
#include "annotation/slipsuggestions.h"
#include "io/bundle.h"
#include "store/database.h"
#include "store/statement.h"
#include "project/episodeimport.h"
#include "sync/groundtruthclocks.h"
#include "synth/synth.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>

using namespace ts::core;
using namespace ts::core::annotation;
using tstest::contains;
using tstest::errorOf;
namespace fs = std::filesystem;

class TstSlipSuggestions : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    std::optional<ProjectStore> store_;
    std::string episode_;
    nlohmann::json truth_;

private slots:
    void initTestCase() {
        const fs::path dir = tmp_.path().toStdString();
        synth::SynthOptions o;
        o.seconds = 10;
        o.width = 160;
        o.height = 120;
        o.seed = 5;
        o.randomClocks = false;
        // Force and hands run on their own clocks: suggestions must use the stored models.
        o.clockOffsetMs = {{"force", 120.0}, {"hands", -80.0}};
        synth::generateEpisode(dir / "bundle", o);
        std::ifstream in(dir / "bundle" / "ground_truth.json");
        truth_ = nlohmann::json::parse(in);

        store_ = ProjectStore::create(dir / "p.tsproj", "Study", "root");
        store_->addUser("root", "lee", Role::Lead);
        store_->addUser("root", "ann", Role::Annotator);
        const EpisodeImportOutcome r = importEpisode(*store_, dir / "bundle", "lee");
        QVERIFY2(r.ok(), r.error.c_str());
        episode_ = r.result->episodeId;
        const auto clocks = sync::readGroundTruthClocks(dir / "bundle" / "ground_truth.json");
        int set = 0;
        const auto detail = store_->episode(episode_);
        QVERIFY(detail);
        for (const StreamInfo& s : detail->streams) {
            auto it = clocks.find(s.stats.name);
            if (it == clocks.end())
                it = clocks.find(s.stats.clock);
            if (it != clocks.end() && (s.stats.name == "force" || s.stats.name == "hands")) {
                ClockModel m = it->second;
                m.method = "manual";
                m.confidence = 1.0;
                store_->setClockModel("lee", episode_, s.stats.name, m);
                ++set;
            }
        }
        QCOMPARE(set, 2);
    }

    void suggestsTheScriptedSlipAndNothingElse() {
        std::vector<std::pair<TimeNs, TimeNs>> slips;
        for (const auto& e : truth_["events"])
            if (e["kind"] == "slip")
                slips.emplace_back(e["start_ns"].get<TimeNs>(), e["end_ns"].get<TimeNs>());
        QCOMPARE(slips.size(), size_t(1));
        const auto list = slipSuggestions(*store_, episode_);
        for (const auto& s : list)
            qInfo("suggested %s %.3f..%.3f s score %.2f drop %.2f motion %.4f m",
                  std::string(handName(s.hand)).c_str(), s.startNs * 1e-9, s.endNs * 1e-9,
                  s.score, s.dropFraction, s.tipMotionM);
        QCOMPARE(list.size(), slips.size());
        QCOMPARE(list[0].hand, Hand::Right);
        QVERIFY2(std::llabs(list[0].startNs - slips[0].first) < 100 * kNsPerMs,
                 qPrintable(QString::number((list[0].startNs - slips[0].first) * 1e-6)));
        QVERIFY2(std::llabs(list[0].endNs - slips[0].second) < 150 * kNsPerMs,
                 qPrintable(QString::number((list[0].endNs - slips[0].second) * 1e-6)));
        QVERIFY(list[0].tipMotionM > 0.004);
        QVERIFY(list[0].score > 0.5);
    }

    void acceptAndDismissAreUndoableDecisions() {
        auto list = slipSuggestions(*store_, episode_);
        QCOMPARE(list.size(), size_t(1));
        const std::string before = tstest::annotationSnapshot(*store_);
        const Edit accept = acceptSlipSuggestion(*store_, "ann", episode_, list[0], "box slid");
        const auto evs = events(*store_, episode_);
        QCOMPARE(evs.size(), size_t(1));
        QCOMPARE(evs[0].spec.kind, std::string("slip"));
        QCOMPARE(*evs[0].spec.hand, std::string("right"));
        QVERIFY(contains(evs[0].spec.note, "box slid"));
        QVERIFY(slipSuggestions(*store_, episode_).empty());
        QVERIFY(contains(errorOf([&] { dismissSlipSuggestion(*store_, "ann", episode_, list[0]); }),
                         "already accepted"));

        undo(*store_, "ann", accept);
        QCOMPARE(tstest::annotationSnapshot(*store_), before);
        QCOMPARE(slipSuggestions(*store_, episode_).size(), size_t(1));

        const Edit dismiss = dismissSlipSuggestion(*store_, "ann", episode_, list[0]);
        QVERIFY(slipSuggestions(*store_, episode_).empty());
        QVERIFY(events(*store_, episode_).empty());
        undo(*store_, "ann", dismiss);
        QCOMPARE(tstest::annotationSnapshot(*store_), before);

        // Accepted, then the event deleted: the suggestion comes back; undo restores both.
        const Edit again = acceptSlipSuggestion(*store_, "ann", episode_, list[0]);
        const std::string accepted = tstest::annotationSnapshot(*store_);
        const Edit del = deleteEvent(*store_, "ann", again.changes.size() == 3
                                                         ? again.changes[1].id
                                                         : again.changes[0].id);
        QCOMPARE(slipSuggestions(*store_, episode_).size(), size_t(1));
        undo(*store_, "ann", del);
        QCOMPARE(tstest::annotationSnapshot(*store_), accepted);
    }

    void keypointCorrectionsInterpolateAndApply() {
        const EpisodeStreams streams = EpisodeStreams::load(*store_, episode_);
        QVERIFY(!streams.hands.empty());
        std::vector<const HandSample*> right;
        for (const HandSample& h : streams.hands)
            if (h.hand == Hand::Right)
                right.push_back(&h);
        QVERIFY(right.size() > 40);
        const HandSample& a = *right[20];
        const HandSample& b = *right[25];
        const std::string before = tstest::annotationSnapshot(*store_);

        Vec3 pa = a.joints[IndexTip], pb = b.joints[IndexTip];
        pa[0] += 0.010;
        pb[0] += 0.020;
        correctKeypoint(*store_, "ann", episode_, streams, Hand::Right, IndexTip, a.tNs, pa);
        correctKeypoint(*store_, "ann", episode_, streams, Hand::Right, IndexTip, b.tNs, pb);
        QVERIFY(contains(errorOf([&] {
                             correctKeypoint(*store_, "ann", episode_, streams, Hand::Right,
                                             IndexTip, a.tNs + 1, pa);
                         }),
                         "has no right hand sample at raw time"));
        const std::string twoCorrections = tstest::annotationSnapshot(*store_);
        const Edit interp = interpolateCorrections(*store_, "ann", episode_, streams, Hand::Right,
                                                   IndexTip, a.tNs, b.tNs);
        const auto corrections = keypointCorrections(*store_, episode_);
        QCOMPARE(corrections.size(), size_t(6)); // the two ends and the four between

        // Effective joints: the corrected joint moves, the others keep their raw values.
        const HandSample& mid = *right[22];
        const TimeNs t = streams.handsClock.toTimeline(mid.tNs);
        const auto eff = effectiveHandsAt(streams, corrections, t);
        const EffectiveHand* r = nullptr;
        for (const auto& e : eff)
            if (e.hand == Hand::Right)
                r = &e;
        QVERIFY(r);
        QCOMPARE(r->rawNs, mid.tNs);
        const double u = double(mid.tNs - a.tNs) / double(b.tNs - a.tNs);
        QVERIFY(std::abs(r->joints[IndexTip][0] - (mid.joints[IndexTip][0] + 0.010 + u * 0.010)) <
                1e-9);
        QVERIFY(r->corrected[IndexTip]);
        QVERIFY(!r->corrected[ThumbTip]);
        QVERIFY(r->joints[ThumbTip] == mid.joints[ThumbTip]);

        undo(*store_, "ann", interp);
        QCOMPARE(tstest::annotationSnapshot(*store_), twoCorrections);
        redo(*store_, "ann", interp);
        QCOMPARE(keypointCorrections(*store_, episode_).size(), size_t(6));
        for (const auto& k : keypointCorrections(*store_, episode_))
            deleteKeypointCorrection(*store_, "ann", k.id);
        QCOMPARE(tstest::annotationSnapshot(*store_), before);
        // The raw hands file was never touched.
        QVERIFY(store_->verify().ok());
    }

    // What the app's session does after each edit: the detector's candidates kept, filtered by
    // the decisions as they stand. The slip is accepted by now (the test above): detected, but
    // no longer suggested; deleting its event brings it back, as slipSuggestions has it.
    void candidatesFilteredByDecisions() {
        const EpisodeStreams streams = EpisodeStreams::load(*store_, episode_);
        const auto candidates = episodeSlipCandidates(streams);
        QCOMPARE(candidates.size(), size_t(1));
        QCOMPARE(candidates[0].hand, Hand::Right);
        QVERIFY(untakenSlips(*store_, episode_, candidates).empty());
        QVERIFY(slipSuggestions(*store_, episode_, streams).empty());
        const auto evs = events(*store_, episode_);
        QCOMPARE(evs.size(), size_t(1));
        const Edit del = deleteEvent(*store_, "ann", evs[0].id);
        const auto untaken = untakenSlips(*store_, episode_, candidates);
        const auto oneStep = slipSuggestions(*store_, episode_, streams);
        QCOMPARE(untaken.size(), size_t(1));
        QCOMPARE(oneStep.size(), size_t(1));
        QCOMPARE(untaken[0].startNs, oneStep[0].startNs);
        QCOMPARE(untaken[0].endNs, oneStep[0].endNs);
        undo(*store_, "ann", del);
        QVERIFY(untakenSlips(*store_, episode_, candidates).empty());
        QVERIFY(contains(errorOf([&] { untakenSlips(*store_, "no-such-episode", candidates); }),
                         "no-such-episode"));
    }

    // The app's session takes the samples the workspace read with the bundle: the same streams
    // as reading them from the project, and nothing for streams whose samples are not given.
    void streamsFromSamplesMatchStreamsRead() {
        const EpisodeStreams read = EpisodeStreams::load(*store_, episode_);
        const auto detail = store_->episode(episode_);
        QVERIFY(detail);
        BundleReadOptions ro;
        ro.hashMedia = false;
        ro.checkVideoFrames = false;
        ro.checkDepthFrames = false;
        const Bundle b = readBundle(store_->projectDir() / detail->bundlePath, ro);
        QVERIFY(b.ok());
        const EpisodeStreams given = EpisodeStreams::fromSamples(detail->streams, b.hands, b.force);
        QCOMPARE(given.handsStream, read.handsStream);
        QCOMPARE(given.forceStream, read.forceStream);
        QVERIFY(!given.hands.empty());
        QCOMPARE(given.hands.size(), read.hands.size());
        for (size_t i = 0; i < read.hands.size(); i += 37) {
            QCOMPARE(given.hands[i].tNs, read.hands[i].tNs);
            QCOMPARE(given.hands[i].hand, read.hands[i].hand);
            QVERIFY(given.hands[i].joints == read.hands[i].joints);
        }
        QCOMPARE(given.force.tNs, read.force.tNs);
        QCOMPARE(given.force.values, read.force.values);
        QVERIFY(given.handsClock.sameMapping(read.handsClock));
        QVERIFY(given.forceClock.sameMapping(read.forceClock));
        QCOMPARE(slipSuggestions(*store_, episode_, given).size(),
                 slipSuggestions(*store_, episode_, read).size());

        const EpisodeStreams none = EpisodeStreams::fromSamples(detail->streams, {}, {});
        QVERIFY(none.handsStream.empty() && none.forceStream.empty());
        QVERIFY(none.hands.empty() && none.force.tNs.empty());
    }

    // A clock edit while the episode is open: the samples read once, remapped through the
    // models as stored now, suggest what a fresh read suggests (the app does not read the
    // files again on the GUI thread).
    void remappedStreamsFollowAClockEdit() {
        // The tests above left the slip accepted: delete the event so that it is suggested.
        std::vector<Edit> deleted;
        EpisodeStreams streams = EpisodeStreams::load(*store_, episode_);
        const ClockModel force = streams.forceClock, hands = streams.handsClock;
        ClockModel video;
        const auto opened = store_->episode(episode_);
        QVERIFY(opened);
        for (const StreamInfo& s : opened->streams)
            if (s.stats.name == "rgb")
                video = s.clockModel;
        // Put the project back whatever fails below: the tests share it.
        struct Restore {
            TstSlipSuggestions* t;
            std::vector<Edit>* deleted;
            ClockModel force, hands, video;
            ~Restore() {
                t->store_->setClockModel("lee", t->episode_, "force", force);
                t->store_->setClockModel("lee", t->episode_, "hands", hands);
                t->store_->setClockModel("lee", t->episode_, "rgb", video);
                for (auto it = deleted->rbegin(); it != deleted->rend(); ++it)
                    undo(*t->store_, "ann", *it);
            }
        } restore{this, &deleted, force, hands, video};
        for (const auto& e : events(*store_, episode_))
            deleted.push_back(deleteEvent(*store_, "ann", e.id));
        EpisodeTiming timing = EpisodeTiming::load(*store_, episode_);
        const auto before = slipSuggestions(*store_, episode_, streams);
        QCOMPARE(before.size(), size_t(1));
        QVERIFY(!timing.onsets.empty());
        const TimeNs onset = timing.onsets.front().tNs;
        QVERIFY(!timing.frameTimes.empty());
        const TimeNs firstFrame = timing.frameTimes.front();
        const TimeNs shift = 40 * kNsPerMs;
        ClockModel f = force, h = hands;
        f.offsetNs += shift;
        h.offsetNs += shift;
        store_->setClockModel("lee", episode_, "force", f);
        store_->setClockModel("lee", episode_, "hands", h);
        // The video's frames move with its own clock (a person may set that one too).
        ClockModel v = video.setByHand();
        v.offsetNs += 10 * kNsPerMs;
        store_->setClockModel("lee", episode_, "rgb", v);

        const auto detail = store_->episode(episode_);
        QVERIFY(detail);
        streams.remap(detail->streams);
        timing.remap(detail->streams);
        QVERIFY(streams.forceClock.sameMapping(f));
        QVERIFY(streams.handsClock.sameMapping(h));
        QCOMPARE(timing.onsets.front().tNs, onset + shift);
        QCOMPARE(timing.frameTimes.front(), firstFrame + 10 * kNsPerMs);
        const EpisodeTiming fresh = EpisodeTiming::load(*store_, episode_);
        QCOMPARE(fresh.frameTimes, timing.frameTimes);
        QCOMPARE(fresh.onsets.size(), timing.onsets.size());
        for (size_t i = 0; i < fresh.onsets.size(); ++i)
            QCOMPARE(timing.onsets[i].tNs, fresh.onsets[i].tNs);
        // The onsets from the force samples already read (the session's one read of them).
        const EpisodeTiming shared = EpisodeTiming::load(*store_, episode_, &streams);
        QCOMPARE(shared.frameTimes, fresh.frameTimes);
        QCOMPARE(shared.onsets.size(), fresh.onsets.size());
        for (size_t i = 0; i < fresh.onsets.size(); ++i) {
            QCOMPARE(shared.onsets[i].tNs, fresh.onsets[i].tNs);
            QCOMPARE(shared.onsets[i].channel, fresh.onsets[i].channel);
        }
        const auto after = slipSuggestions(*store_, episode_, streams);
        const auto reread = slipSuggestions(*store_, episode_);
        QCOMPARE(after.size(), size_t(1));
        QCOMPARE(reread.size(), size_t(1));
        QCOMPARE(after[0].startNs, reread[0].startNs);
        QCOMPARE(after[0].endNs, reread[0].endNs);
        // Both clocks moved by 40 ms: so did the slip, to within a hands frame.
        QVERIFY2(std::llabs(after[0].startNs - before[0].startNs - shift) < 34 * kNsPerMs,
                 qPrintable(QString::number((after[0].startNs - before[0].startNs) * 1e-6)));
    }

    // A dismissed suggestion stays dismissed when the force clock moves it further than its
    // own length: the decision follows the force clock (and comes back with an undo of it).
    void decisionsFollowTheForceClock() {
        std::vector<Edit> deleted;
        const ClockModel force = EpisodeStreams::load(*store_, episode_).forceClock;
        // Put the project back whatever fails below: the tests share it.
        struct Restore {
            TstSlipSuggestions* t;
            std::vector<Edit>* deleted;
            ClockModel force;
            std::optional<Edit> dismiss;
            ~Restore() {
                t->store_->setClockModel("lee", t->episode_, "force", force);
                if (dismiss)
                    undo(*t->store_, "ann", *dismiss);
                for (auto it = deleted->rbegin(); it != deleted->rend(); ++it)
                    undo(*t->store_, "ann", *it);
            }
        } restore{this, &deleted, force, std::nullopt};
        for (const auto& e : events(*store_, episode_))
            deleted.push_back(deleteEvent(*store_, "ann", e.id));
        const auto list = slipSuggestions(*store_, episode_);
        QCOMPARE(list.size(), size_t(1));
        restore.dismiss = dismissSlipSuggestion(*store_, "ann", episode_, list[0]);
        auto decisionStart = [&] {
            Statement st = store_->database().prepare("SELECT start_ns FROM slip_decision");
            return st.step() ? st.int64(0) : TimeNs(-1);
        };
        QCOMPARE(decisionStart(), list[0].startNs);
        const TimeNs shift = -500 * kNsPerMs;
        QVERIFY(list[0].endNs - list[0].startNs < -shift); // moved clear of where it was
        ClockModel moved = force;
        moved.offsetNs += shift;
        store_->setClockModel("lee", episode_, "force", moved);
        const auto candidates = episodeSlipCandidates(EpisodeStreams::load(*store_, episode_));
        QCOMPARE(candidates.size(), size_t(1));
        QVERIFY2(std::llabs(candidates[0].startNs - list[0].startNs - shift) < 34 * kNsPerMs,
                 qPrintable(QString::number((candidates[0].startNs - list[0].startNs) * 1e-6)));
        QCOMPARE(decisionStart(), list[0].startNs + shift);
        QVERIFY(untakenSlips(*store_, episode_, candidates).empty());
        // The hands clock alone does not move the decisions.
        const ClockModel hands = EpisodeStreams::load(*store_, episode_).handsClock;
        ClockModel handsMoved = hands;
        handsMoved.offsetNs += shift;
        store_->setClockModel("lee", episode_, "hands", handsMoved);
        QCOMPARE(decisionStart(), list[0].startNs + shift);
        store_->undoClockModel("lee", episode_, "hands");
        // Undoing the force clock's change takes the decision back to where it was taken.
        store_->undoClockModel("lee", episode_, "force");
        QCOMPARE(decisionStart(), list[0].startNs);
        QVERIFY(slipSuggestions(*store_, episode_).empty());
    }
};

QTEST_GUILESS_MAIN(TstSlipSuggestions)
#include "tst_slipsuggestions.moc"
