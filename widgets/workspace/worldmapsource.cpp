#include "workspace/worldmapsource.h"

#include "recon/reconprojectsettings.h"
#include "recon/worldmapcache.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <QMetaObject>
#include <QPointer>
#include <QTimer>

namespace ts::widgets {

namespace recon = core::recon;

WorldMapSource::WorldMapSource(const QString& projectFile, const QString& episodeId,
                               std::shared_ptr<const core::Bundle> bundle, QObject* parent)
    : QObject(parent), projectFile_(projectFile), episodeId_(episodeId), bundle_(std::move(bundle)) {}

WorldMapSource::~WorldMapSource() {
    builder_.reset(); // cancels and joins before the bundle goes
}

double WorldMapSource::progress() const {
    return builder_ ? builder_->progress() : (fromCache_ ? 1.0 : 0.0);
}

void WorldMapSource::start() {
    const std::string id = episodeId_.toStdString();
    recon::StreamClocks clocks;
    recon::ReconSettings st;
    try {
        store_ = std::make_unique<core::ProjectStore>(core::ProjectStore::open(projectFile_.toStdString()));
        auto detail = store_->episode(id);
        if (!detail)
            throw core::Error(projectFile_.toStdString(), "no episode '" + id + "'");
        for (const auto& s : detail->streams)
            clocks[s.stats.name] = s.clockModel;
        recon::reconProjectSettingsFromJson(
            store_->setting("project", "recon").value_or(nlohmann::json(nullptr)))
            .applyTo(st.map);
        key_ = recon::worldMapCacheKey(*store_, id, clocks, st);
        recon::CachedWorldMap c = recon::loadCachedWorldMap(*store_, key_);
        if (c.map) {
            auto snap = std::make_shared<recon::WorldMapSnapshot>();
            for (int k = 0; k < c.map->levels(); ++k)
                snap->levels.push_back(c.map->level(k));
            snap->voxelM = c.map->voxelM();
            snap->voxels = c.map->voxels();
            snap->fraction = 1;
            snap->final = true;
            fromCache_ = true;
            emit snapshot(snap);
            emit finished(true);
            return;
        }
    } catch (const core::Error& e) {
        emit failed(QString::fromUtf8(e.what()));
        return;
    }
    QPointer<WorldMapSource> self(this);
    builder_ = std::make_unique<recon::WorldMapBuilder>(
        *bundle_, clocks, st, [self](std::shared_ptr<const recon::WorldMapSnapshot> s) {
            // On the worker: hand over, nothing else.
            QMetaObject::invokeMethod(
                self.data(),
                [self, s] {
                    if (self)
                        self->onSnapshot(s);
                },
                Qt::QueuedConnection);
        });
    building_ = true;
    builder_->start();
    // A build that fails publishes no final snapshot: notice it by its state.
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll] {
        const auto state = builder_ ? builder_->state() : recon::WorldMapBuilder::State::Idle;
        if (!building_) {
            poll->deleteLater();
        } else if (state == recon::WorldMapBuilder::State::Failed ||
                   state == recon::WorldMapBuilder::State::Cancelled) {
            building_ = false;
            poll->deleteLater();
            try {
                builder_->wait();
            } catch (const std::exception& e) {
                emit failed(QString::fromUtf8(e.what()));
            }
        }
    });
    poll->start(500);
}

void WorldMapSource::onSnapshot(std::shared_ptr<const recon::WorldMapSnapshot> s) {
    emit snapshot(s);
    if (!s->final || !building_)
        return;
    building_ = false;
    try {
        recon::EpisodeRecon& r = builder_->wait();
        std::string problem;
        recon::storeCachedWorldMap(*store_, key_, r.map, &problem);
        emit finished(false);
    } catch (const core::Error& e) {
        emit failed(QString::fromUtf8(e.what()));
    }
}

} // namespace ts::widgets
