// The Signals panel: the plot with a Channels menu (one checkable entry per channel, grouped
// by lane) above it.
#pragma once

#include <QWidget>

#include <memory>

class QToolButton;

namespace ts::widgets {

struct EpisodeData;
class SignalsView;
class TimeCursor;

class SignalsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SignalsPanel(TimeCursor* cursor, QWidget* parent = nullptr);
    void setEpisode(std::shared_ptr<const EpisodeData> data);
    SignalsView* view() const { return view_; }

private:
    SignalsView* view_;
    QToolButton* channels_;
};

} // namespace ts::widgets
