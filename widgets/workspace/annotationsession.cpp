#include "workspace/annotationsession.h"

#include "annotation/annotationsettings.h"
#include "annotation/slipsuggestions.h"
#include "io/bundle.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <QUndoCommand>
#include <QUndoStack>

#include <algorithm>
#include <map>
#include <tuple>

namespace ts::widgets {

namespace ann = core::annotation;

// A change already committed when pushed: its first redo() is that commit; later ones apply
// it again; undo() applies its inverse. A refusal (someone changed it since) makes the command
// obsolete and is reported.
class CommittedCommand : public QUndoCommand {
public:
    CommittedCommand(AnnotationSession* s, const QString& text) : QUndoCommand(text), s_(s) {}
    void redo() override {
        if (first_) {
            first_ = false;
            return;
        }
        run(false);
    }
    void undo() override { run(true); }

protected:
    virtual void apply(bool back) = 0; // throws core::Error to refuse
    virtual void done() = 0;           // after apply, refused or not
    AnnotationSession* s_;

private:
    void run(bool back) {
        try {
            apply(back);
        } catch (const core::Error& e) {
            setObsolete(true);
            emit s_->failed(QString::fromUtf8(e.what()));
        }
        done();
    }
    bool first_ = true;
};

// One committed core annotation edit.
class EditCommand : public CommittedCommand {
public:
    EditCommand(AnnotationSession* s, ann::Edit e)
        : CommittedCommand(s, QString::fromStdString(e.text)), edit_(std::move(e)) {}

private:
    void apply(bool back) override {
        if (back)
            ann::undo(*s_->store_, s_->user_.toStdString(), edit_);
        else
            ann::redo(*s_->store_, s_->user_.toStdString(), edit_);
    }
    void done() override { s_->reload(); }
    ann::Edit edit_;
};

namespace {
// The same mapping (what undo and redo compare; author and timestamps aside).
bool sameClock(const core::ClockModel& a, const core::ClockModel& b) {
    return a.sameMapping(b) && a.method == b.method;
}
} // namespace

// A clock model set by hand: undo takes it back through the store, redo sets it again, each
// refused when the stream's model is no longer what the command left (or found).
class ClockCommand : public CommittedCommand {
public:
    ClockCommand(AnnotationSession* s, std::string stream, core::ClockModel before,
                 core::ClockModel after)
        : CommittedCommand(
              s, AnnotationSession::tr("set the clock of %1").arg(QString::fromStdString(stream))),
          stream_(std::move(stream)), before_(std::move(before)), after_(std::move(after)) {}

private:
    void apply(bool back) override {
        const std::string ep = s_->episode_.toStdString(), user = s_->user_.toStdString();
        if (!sameClock(s_->storedClock(stream_), back ? after_ : before_))
            throw core::Error(s_->store_->file().string(),
                              "the clock model of " + ep + "/" + stream_ +
                                  " has changed since (someone else, or a sync run): "
                                  "not changed back");
        if (back)
            s_->store_->undoClockModel(user, ep, stream_);
        else
            s_->store_->setClockModel(user, ep, stream_, after_);
    }
    void done() override { s_->clocksMoved(); }
    std::string stream_;
    core::ClockModel before_, after_;
};

AnnotationSession::AnnotationSession(const QString& projectFile, const QString& episode,
                                     const QString& user, const core::Bundle* samples,
                                     QObject* parent)
    : QObject(parent), episode_(episode), user_(user), undo_(new QUndoStack(this)) {
    store_ =
        std::make_unique<core::ProjectStore>(core::ProjectStore::open(projectFile.toStdString()));
    if (auto u = store_->user(user.toStdString()))
        role_ = u->role;
    // The force and hands samples once per open episode, not on every edit's reload; the
    // contact onsets from the same force samples.
    try {
        const auto detail = samples ? store_->episode(episode.toStdString()) : std::nullopt;
        streams_ = detail ? ann::EpisodeStreams::fromSamples(detail->streams, samples->hands,
                                                             samples->force)
                          : ann::EpisodeStreams::load(*store_, episode.toStdString());
        haveStreams_ = true;
    } catch (const core::Error&) {
        haveStreams_ = false; // no force or hands stream: nothing to suggest
    }
    timing_ = ann::EpisodeTiming::load(*store_, episode.toStdString(),
                                       haveStreams_ ? &streams_ : nullptr);
    detectSlips();
    for (const auto& t : ann::labelTiers(*store_))
        tiers_ << QString::fromStdString(t);
    for (const auto& k : ann::eventKinds(*store_))
        kinds_ << QString::fromStdString(k);
    reload();
}

AnnotationSession::~AnnotationSession() = default;

void AnnotationSession::reload() {
    const std::string ep = episode_.toStdString();
    try {
        labels_ = ann::labels(*store_, ep);
        events_ = ann::events(*store_, ep);
        corrections_ = ann::keypointCorrections(*store_, ep);
        qc_ = ann::qcChecks(*store_, ep);
        rejection_ = ann::openRejection(*store_, ep);
        if (auto d = store_->episode(ep))
            status_ = d->summary.status;
    } catch (const core::Error& e) {
        emit failed(QString::fromUtf8(e.what()));
    }
    try { // a few queries: the detector ran when the episode opened or a clock moved
        suggestions_ = ann::untakenSlips(*store_, ep, candidates_);
    } catch (const core::Error&) {
        suggestions_.clear(); // the store's trouble is reported above
    }
    emit changed();
}

void AnnotationSession::detectSlips() {
    candidates_.clear();
    if (!haveStreams_)
        return;
    try {
        candidates_ = ann::episodeSlipCandidates(streams_);
    } catch (const core::Error&) {
        candidates_.clear(); // streams the detector cannot use: nothing to suggest
    }
}

QStringList AnnotationSession::vocabulary(const QString& tier) const {
    QStringList out;
    for (const auto& v : ann::vocabulary(*store_, tier.toStdString(), "", 200))
        out << QString::fromStdString(v.text);
    return out;
}

std::optional<ann::LabelRecord> AnnotationSession::findLabel(qint64 id) const {
    for (const auto& l : labels_)
        if (l.id == id)
            return l;
    return std::nullopt;
}

std::optional<ann::EventRecord> AnnotationSession::findEvent(qint64 id) const {
    for (const auto& e : events_)
        if (e.id == id)
            return e;
    return std::nullopt;
}

bool AnnotationSession::push(const std::function<ann::Edit()>& edit) {
    try {
        ann::Edit e = edit();
        undo_->push(new EditCommand(this, std::move(e)));
    } catch (const core::Error& e) {
        emit failed(QString::fromUtf8(e.what()));
        return false;
    }
    reload();
    return true;
}

bool AnnotationSession::guarded(const std::function<void()>& step) {
    try {
        step();
    } catch (const core::Error& e) {
        emit failed(QString::fromUtf8(e.what()));
        return false;
    }
    reload();
    return true;
}

bool AnnotationSession::addLabel(const QString& tier, qint64 start, qint64 end, const QString& text,
                                 ann::Snap snap) {
    const ann::LabelSpan span{tier.toStdString(), start, end, text.trimmed().toStdString()};
    return push([&] {
        return ann::addLabel(*store_, user_.toStdString(), episode_.toStdString(), span, timing_,
                             snap);
    });
}

bool AnnotationSession::updateLabel(qint64 id, const QString& tier, qint64 start, qint64 end,
                                    const QString& text, ann::Snap snap) {
    const ann::LabelSpan span{tier.toStdString(), start, end, text.trimmed().toStdString()};
    return push(
        [&] { return ann::updateLabel(*store_, user_.toStdString(), id, span, timing_, snap); });
}

bool AnnotationSession::deleteLabel(qint64 id) {
    return push([&] { return ann::deleteLabel(*store_, user_.toStdString(), id); });
}

bool AnnotationSession::addEvent(const ann::EventSpec& spec, ann::Snap snap) {
    return push([&] {
        return ann::addEvent(*store_, user_.toStdString(), episode_.toStdString(), spec, timing_,
                             snap);
    });
}

bool AnnotationSession::updateEvent(qint64 id, const ann::EventSpec& spec, ann::Snap snap) {
    return push(
        [&] { return ann::updateEvent(*store_, user_.toStdString(), id, spec, timing_, snap); });
}

bool AnnotationSession::deleteEvent(qint64 id) {
    return push([&] { return ann::deleteEvent(*store_, user_.toStdString(), id); });
}

bool AnnotationSession::correctKeypoint(core::Hand hand, int joint, qint64 rawNs,
                                        const core::Vec3& position) {
    if (!haveStreams_) {
        emit failed(tr("Episode %1 has no hands stream to correct.").arg(episode_));
        return false;
    }
    return push([&] {
        return ann::correctKeypoint(*store_, user_.toStdString(), episode_.toStdString(), streams_,
                                    hand, joint, rawNs, position);
    });
}

bool AnnotationSession::restoreKeypoint(core::Hand hand, int joint, qint64 rawNs) {
    for (const auto& k : corrections_)
        if (k.hand == hand && k.joint == joint && k.rawNs == rawNs)
            return push(
                [&] { return ann::deleteKeypointCorrection(*store_, user_.toStdString(), k.id); });
    return false; // nothing to restore
}

int AnnotationSession::interpolateCorrections(qint64 from, qint64 to) {
    if (!haveStreams_ || to < from)
        return 0;
    // Per hand and joint, the corrected samples inside the span in time order; each pair of
    // neighbours with raw samples between them is one gap to fill.
    std::map<std::pair<int, int>, std::vector<qint64>> byJoint;
    for (const auto& k : corrections_) {
        if (k.stream != streams_.handsStream)
            continue;
        const qint64 t = streams_.handsClock.toTimeline(k.rawNs);
        if (t >= from && t <= to)
            byJoint[{static_cast<int>(k.hand), k.joint}].push_back(k.rawNs);
    }
    std::vector<std::tuple<core::Hand, int, qint64, qint64>> gaps;
    for (auto& [key, raws] : byJoint) {
        std::sort(raws.begin(), raws.end());
        const auto hand = static_cast<core::Hand>(key.first);
        for (size_t i = 0; i + 1 < raws.size(); ++i) {
            bool between = false;
            for (const auto& h : streams_.hands)
                if (h.hand == hand && h.tNs > raws[i] && h.tNs < raws[i + 1]) {
                    between = true;
                    break;
                }
            if (between)
                gaps.emplace_back(hand, key.second, raws[i], raws[i + 1]);
        }
    }
    if (gaps.empty())
        return 0;
    undo_->beginMacro(tr("interpolate %n keypoint correction(s)", nullptr, int(gaps.size())));
    int done = 0;
    for (const auto& [hand, joint, a, b] : gaps) {
        try {
            ann::Edit e = ann::interpolateCorrections(
                *store_, user_.toStdString(), episode_.toStdString(), streams_, hand, joint, a, b);
            undo_->push(new EditCommand(this, std::move(e)));
            ++done;
        } catch (const core::Error& e) {
            undo_->endMacro();
            emit failed(QString::fromUtf8(e.what()));
            reload();
            return done > 0 ? done : -1;
        }
    }
    undo_->endMacro();
    reload();
    return done;
}

bool AnnotationSession::acceptSuggestion(int index) {
    if (index < 0 || index >= int(suggestions_.size()))
        return false;
    const ann::SlipCandidate s = suggestions_[size_t(index)];
    return push([&] {
        return ann::acceptSlipSuggestion(*store_, user_.toStdString(), episode_.toStdString(), s);
    });
}

bool AnnotationSession::dismissSuggestion(int index) {
    if (index < 0 || index >= int(suggestions_.size()))
        return false;
    const ann::SlipCandidate s = suggestions_[size_t(index)];
    return push([&] {
        return ann::dismissSlipSuggestion(*store_, user_.toStdString(), episode_.toStdString(), s);
    });
}

bool AnnotationSession::submit() {
    return guarded(
        [&] { ann::submitEpisode(*store_, user_.toStdString(), episode_.toStdString()); });
}

bool AnnotationSession::review(bool approve, const QStringList& reasons, const QString& comment) {
    std::vector<std::string> r;
    for (const QString& s : reasons)
        r.push_back(s.toStdString());
    return guarded([&] {
        ann::reviewEpisode(*store_, user_.toStdString(), episode_.toStdString(), approve, r,
                           comment.toStdString());
    });
}

bool AnnotationSession::reopen() {
    return guarded(
        [&] { ann::reopenEpisode(*store_, user_.toStdString(), episode_.toStdString()); });
}

core::ClockModel AnnotationSession::storedClock(const std::string& stream) const {
    if (const auto d = store_->episode(episode_.toStdString()))
        for (const auto& s : d->streams)
            if (s.stats.name == stream)
                return s.clockModel;
    throw core::Error(store_->file().string(),
                      "episode '" + episode_.toStdString() + "' has no stream '" + stream + "'");
}

bool AnnotationSession::setClockModel(const QString& stream, const core::ClockModel& model) {
    const std::string name = stream.toStdString();
    try {
        const core::ClockModel before = storedClock(name);
        store_->setClockModel(user_.toStdString(), episode_.toStdString(), name, model);
        undo_->push(new ClockCommand(this, name, before, storedClock(name)));
    } catch (const core::Error& e) {
        emit failed(QString::fromUtf8(e.what()));
        return false;
    }
    clocksMoved();
    return true;
}

void AnnotationSession::clocksMoved() {
    // Frame times, contact onsets, slip suggestions and keypoint times follow the clocks: the
    // samples read at opening mapped through the models as stored now (no file is read).
    try {
        if (const auto d = store_->episode(episode_.toStdString())) {
            timing_.remap(d->streams);
            streams_.remap(d->streams);
            detectSlips();
        }
    } catch (const core::Error& e) {
        emit failed(QString::fromUtf8(e.what()));
    }
    reload();
    emit clocksChanged();
}

} // namespace ts::widgets
