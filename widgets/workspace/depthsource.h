// Depth frames for the views, read on a thread of its own: request(index) returns at once
// and ready(frame) arrives on the GUI thread when the frame is read; a newer request replaces
// an older one not yet started. Errors arrive as failed(message) naming the frame.
// GUI thread for every call; the reader lives on the worker.
#pragma once

#include "media/depthframe.h"

#include <QObject>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace ts::core {
struct Bundle;
}

namespace ts::widgets {

class DepthSource : public QObject {
    Q_OBJECT
public:
    // Opens the bundle's depth stream on the worker; an error there arrives as failed().
    DepthSource(std::shared_ptr<const core::Bundle> bundle, std::string stream,
                QObject* parent = nullptr);
    ~DepthSource() override;

    void request(int64_t index);
    std::shared_ptr<const core::media::DepthFrame> current() const { return current_; }

signals:
    void ready(std::shared_ptr<const core::media::DepthFrame> frame);
    void failed(const QString& message);

private:
    void run(std::shared_ptr<const core::Bundle> bundle, std::string stream);

    std::shared_ptr<const core::media::DepthFrame> current_;
    std::mutex mutex_;
    std::condition_variable wake_;
    int64_t pending_ = -1;
    int64_t last_ = -1; // GUI thread: the last index asked for
    bool stop_ = false;
    std::thread thread_;
};

} // namespace ts::widgets
