// The shortcut help drawn over the workspace (F1 or ?): every entry of workspaceShortcuts()
// on a translucent card; any key or click closes it.
#pragma once

#include <QWidget>

namespace ts::widgets {

class HelpOverlay : public QWidget {
    Q_OBJECT
public:
    explicit HelpOverlay(QWidget* parent);
    void toggle();
    int entries() const;

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void keyPressEvent(QKeyEvent*) override;
    bool eventFilter(QObject* o, QEvent* e) override;
};

} // namespace ts::widgets
