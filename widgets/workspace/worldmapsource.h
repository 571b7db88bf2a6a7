// The episode's world map for the 3D view: from the project's cache when it holds one for the
// same media, clocks and settings (instant), else built in the background by core's
// WorldMapBuilder, which publishes snapshots of the levels of detail as the map fills in; the
// finished map is stored in the project's cache for the next time. The project's recon
// setting bounds its memory (recon.map_memory_mb). GUI thread; the building runs on a worker.
#pragma once

#include "io/bundle.h"
#include "recon/worldmapbuilder.h"

#include <QObject>
#include <QString>

#include <memory>

namespace ts::core {
class ProjectStore;
}

namespace ts::widgets {

class WorldMapSource : public QObject {
    Q_OBJECT
public:
    WorldMapSource(const QString& projectFile, const QString& episodeId,
                   std::shared_ptr<const core::Bundle> bundle, QObject* parent = nullptr);
    ~WorldMapSource() override; // cancels a build in progress

    void start();
    bool busy() const { return building_; }
    bool fromCache() const { return fromCache_; }
    double progress() const;

signals:
    void snapshot(std::shared_ptr<const core::recon::WorldMapSnapshot> s);
    void finished(bool fromCache);
    void failed(const QString& message);

private:
    void onSnapshot(std::shared_ptr<const core::recon::WorldMapSnapshot> s);

    QString projectFile_, episodeId_;
    std::shared_ptr<const core::Bundle> bundle_;
    std::unique_ptr<core::ProjectStore> store_;
    std::unique_ptr<core::recon::WorldMapBuilder> builder_;
    std::string key_;
    bool building_ = false, fromCache_ = false;
};

} // namespace ts::widgets
