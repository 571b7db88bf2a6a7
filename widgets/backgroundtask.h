// Runs one piece of heavy work (import, demo creation) on its own thread and delivers progress
// and the result to the GUI thread by queued signals; the GUI never waits on it.
#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QThreadPool;

namespace ts::widgets {

// A one-thread pool of its own for a kind of repeated view work (the 3D view's clouds, the
// video's hands drawn ahead), made on first use and owned by the application (which waits
// for work still running when it quits). Not Qt's global pool: its raster engine hands pieces
// of large fills to that pool and waits for them, so view work queued there would hold up
// painting on the GUI thread. GUI thread only.
QThreadPool* dedicatedPool(const QString& name);

class BackgroundTask : public QObject {
    Q_OBJECT
public:
    // `work` runs on a worker thread; it reports progress through the callback it is given and
    // returns a message for the GUI; a thrown exception becomes failed(what()).
    using Work = std::function<QString(const std::function<void(double)>& progress)>;

    // Starts at once; the object deletes itself after finished/failed has been delivered.
    static BackgroundTask* start(QObject* parent, Work work);

signals:
    void progress(double fraction);
    void finished(const QString& message);
    void failed(const QString& error);

private:
    explicit BackgroundTask(QObject* parent) : QObject(parent) {}
};

} // namespace ts::widgets
