#include "workspace/depthsource.h"

#include "io/bundle.h"
#include "media/depthreader.h"
#include "util/threadname.h"

#include <QPointer>

namespace ts::widgets {

DepthSource::DepthSource(std::shared_ptr<const core::Bundle> bundle, std::string stream,
                         QObject* parent)
    : QObject(parent) {
    thread_ = std::thread([this, bundle = std::move(bundle), stream = std::move(stream)] {
        core::nameThisThread("ts-depth");
        run(bundle, stream);
    });
}

DepthSource::~DepthSource() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void DepthSource::request(int64_t index) {
    if (index == last_)
        return;
    last_ = index;
    {
        std::lock_guard lock(mutex_);
        pending_ = index;
    }
    wake_.notify_all();
}

void DepthSource::run(std::shared_ptr<const core::Bundle> bundle, std::string stream) {
    std::unique_ptr<core::media::DepthReader> reader;
    QPointer<DepthSource> self(this);
    auto fail = [self](const std::string& message) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, m = QString::fromStdString(message)] {
                if (self)
                    emit self->failed(m);
            },
            Qt::QueuedConnection);
    };
    try {
        reader = core::media::DepthReader::openFromBundle(*bundle, stream);
    } catch (const std::exception& e) {
        fail(e.what());
    }
    for (;;) {
        int64_t index;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stop_ || pending_ >= 0; });
            if (stop_)
                return;
            index = pending_;
            pending_ = -1;
        }
        if (!reader)
            continue;
        try {
            auto frame = std::make_shared<core::media::DepthFrame>(reader->frame(index));
            QMetaObject::invokeMethod(
                this,
                [this, frame] {
                    current_ = frame;
                    emit ready(frame);
                },
                Qt::QueuedConnection);
        } catch (const std::exception& e) {
            fail(e.what());
        }
    }
}

} // namespace ts::widgets
