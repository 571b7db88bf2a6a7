#include "workspace/signalspanel.h"

#include "workspace/episodedata.h"
#include "workspace/signalsview.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPixmap>
#include <QToolButton>
#include <QVBoxLayout>

namespace ts::widgets {

SignalsPanel::SignalsPanel(TimeCursor* cursor, QWidget* parent)
    : QWidget(parent), view_(new SignalsView(cursor)), channels_(new QToolButton) {
    channels_->setText(tr("Channels"));
    channels_->setObjectName(QStringLiteral("channelsButton"));
    channels_->setPopupMode(QToolButton::InstantPopup);
    channels_->setMenu(new QMenu(channels_));
    auto* hint = new QLabel(tr("hover to read values · click to move the cursor"));
    hint->setEnabled(false);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 2, 6, 2);
    bar->addWidget(channels_);
    bar->addStretch(1);
    bar->addWidget(hint);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);
}

void SignalsPanel::setEpisode(std::shared_ptr<const EpisodeData> data) {
    view_->setChannels(data ? data->channels : std::vector<SignalChannel>{});
    // Raw acceleration is mostly gravity: off at first, one click away in Channels.
    for (int i = 0; i < view_->channelCount(); ++i)
        if (view_->channel(i).group == "Acceleration")
            view_->setChannelVisible(i, false);
    QMenu* menu = channels_->menu();
    menu->clear();
    std::string group;
    for (int i = 0; i < view_->channelCount(); ++i) {
        const SignalChannel& c = view_->channel(i);
        if (c.group != group) {
            group = c.group;
            menu->addSection(QCoreApplication::translate("SignalGroup", group.c_str()));
        }
        QPixmap swatch(12, 12);
        swatch.fill(view_->channelColour(i));
        QAction* a = menu->addAction(QIcon(swatch), QString::fromStdString(c.name));
        a->setCheckable(true);
        a->setChecked(view_->channelVisible(i));
        connect(a, &QAction::toggled, view_,
                [this, i](bool on) { view_->setChannelVisible(i, on); });
    }
}

} // namespace ts::widgets
