// The Video panel: the canvas with the overlay switches (skeleton, force, depth) above it.
#pragma once

#include <QWidget>

#include <memory>

namespace ts::widgets {

struct EpisodeData;
class DepthSource;
class TimeCursor;
class VideoCanvas;

class VideoPanel : public QWidget {
    Q_OBJECT
public:
    explicit VideoPanel(TimeCursor* cursor, QWidget* parent = nullptr);

    void setEpisode(std::shared_ptr<const EpisodeData> data, DepthSource* depth);
    VideoCanvas* canvas() const { return canvas_; }

private:
    VideoCanvas* canvas_;
};

} // namespace ts::widgets
