#include "backgroundtask.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#include <exception>
#include <map>

namespace ts::widgets {

BackgroundTask* BackgroundTask::start(QObject* parent, Work work) {
    auto* task = new BackgroundTask(parent);
    QPointer<BackgroundTask> guard(task);
    QThread* thread = QThread::create([task, guard, work = std::move(work)] {
        auto report = [task, guard](double f) {
            QMetaObject::invokeMethod(
                task,
                [guard, f] {
                    if (guard)
                        emit guard->progress(f);
                },
                Qt::QueuedConnection);
        };
        QString message, error;
        bool ok = true;
        try {
            message = work(report);
        } catch (const std::exception& e) {
            ok = false;
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            task,
            [guard, ok, message, error] {
                if (!guard)
                    return;
                if (ok)
                    emit guard->finished(message);
                else
                    emit guard->failed(error);
                guard->deleteLater();
            },
            Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
    return task;
}

QThreadPool* dedicatedPool(const QString& name) {
    static std::map<QString, QThreadPool*> pools;
    QThreadPool*& pool = pools[name];
    if (!pool) {
        pool = new QThreadPool(qApp);
        pool->setObjectName(name);
        pool->setMaxThreadCount(1);
    }
    return pool;
}

} // namespace ts::widgets
