#include "backgroundtask.h"

#include <QMetaObject>
#include <QPointer>
#include <QThread>

#include <exception>

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

} // namespace ts::widgets
