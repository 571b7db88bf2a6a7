#include "workspace/videopanel.h"

#include "workspace/depthsource.h"
#include "workspace/episodedata.h"
#include "workspace/videocanvas.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace ts::widgets {

VideoPanel::VideoPanel(TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), canvas_(new VideoCanvas(cursor)) {
    auto* skeleton = new QCheckBox(tr("Skeletons"));
    auto* force = new QCheckBox(tr("Force halos"));
    auto* depth = new QCheckBox(tr("Depth"));
    skeleton->setObjectName(QStringLiteral("showSkeletons"));
    force->setObjectName(QStringLiteral("showForce"));
    depth->setObjectName(QStringLiteral("showDepth"));
    skeleton->setChecked(true);
    force->setChecked(true);
    auto apply = [this, skeleton, force] {
        HandOverlayOptions o;
        o.skeleton = skeleton->isChecked();
        o.force = force->isChecked();
        canvas_->setOverlay(o);
    };
    connect(skeleton, &QCheckBox::toggled, this, apply);
    connect(force, &QCheckBox::toggled, this, apply);
    connect(depth, &QCheckBox::toggled, canvas_, &VideoCanvas::setDepthOverlay);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 6, 2);
    bar->addWidget(skeleton);
    bar->addWidget(force);
    bar->addWidget(depth);
    bar->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(canvas_, 1);
}

void VideoPanel::setEpisode(std::shared_ptr<const EpisodeData> data, DepthSource* depth) {
    canvas_->setEpisode(std::move(data));
    if (depth)
        connect(depth, &DepthSource::ready, canvas_, &VideoCanvas::setDepth);
}

} // namespace ts::widgets
