#include "cachesettings.h"

#include <QInputDialog>
#include <QMenu>
#include <QSettings>

#include <algorithm>

namespace ts::widgets {

namespace {
constexpr const char* kKey = "cache/video_frames_mb";
}

int videoFramesMb() {
    bool ok = false;
    const int mb = QSettings().value(QLatin1String(kKey), kDefaultVideoFramesMb).toInt(&ok);
    return ok ? std::clamp(mb, kMinVideoFramesMb, kMaxVideoFramesMb) : kDefaultVideoFramesMb;
}

void saveVideoFramesMb(int mb) {
    QSettings().setValue(QLatin1String(kKey), std::clamp(mb, kMinVideoFramesMb, kMaxVideoFramesMb));
}

void addCacheActions(QMenu* menu, QWidget* parent) {
    menu->addAction(QMenu::tr("Video Frame &Memory…"), parent, [parent] {
        bool ok = false;
        const int mb = QInputDialog::getInt(
            parent, QMenu::tr("Video Frame Memory"),
            QMenu::tr("Memory for decoded video frames, in MB (for episodes opened from now "
                      "on; playback decodes ahead into half of it):"),
            videoFramesMb(), kMinVideoFramesMb, kMaxVideoFramesMb, 64, &ok);
        if (ok)
            saveVideoFramesMb(mb);
    });
}

} // namespace ts::widgets
