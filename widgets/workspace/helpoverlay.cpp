#include "workspace/helpoverlay.h"

#include "workspace/shortcuts.h"

#include <QEvent>
#include <QKeyEvent>
#include <QPainter>

namespace ts::widgets {

HelpOverlay::HelpOverlay(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("helpOverlay"));
    setFocusPolicy(Qt::StrongFocus);
    hide();
    parent->installEventFilter(this);
}

int HelpOverlay::entries() const {
    return static_cast<int>(workspaceShortcuts().size());
}

void HelpOverlay::toggle() {
    if (isVisible()) {
        hide();
        return;
    }
    setGeometry(parentWidget()->rect());
    show();
    raise();
    setFocus();
}

bool HelpOverlay::eventFilter(QObject* o, QEvent* e) {
    if (o == parentWidget() && e->type() == QEvent::Resize)
        setGeometry(parentWidget()->rect());
    return false;
}

void HelpOverlay::mousePressEvent(QMouseEvent*) {
    hide();
}

void HelpOverlay::keyPressEvent(QKeyEvent*) {
    hide();
}

void HelpOverlay::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(0, 0, 0, 120));
    const auto& table = workspaceShortcuts();
    QFont f = font();
    QFont bold = f;
    bold.setBold(true);
    QFont title = bold;
    title.setPointSizeF(f.pointSizeF() * 1.3);
    const int row = QFontMetrics(f).height() + 6;
    const int w = std::min(width() - 40, 560), h = (int(table.size()) + 3) * row + 24;
    const QRect card((width() - w) / 2, std::max(10, (height() - h) / 2), w, h);
    p.setPen(Qt::NoPen);
    p.setBrush(palette().color(QPalette::Window));
    p.drawRoundedRect(card, 10, 10);
    p.setPen(palette().color(QPalette::WindowText));
    p.setFont(title);
    p.drawText(card.adjusted(20, 12, -20, 0), Qt::AlignTop | Qt::AlignLeft,
               tr("Keyboard shortcuts"));
    int y = card.top() + 12 + 2 * row;
    for (const auto& e : table) {
        p.setFont(bold);
        p.drawText(QRect(card.left() + 20, y, 120, row), Qt::AlignVCenter, e.keysText);
        p.setFont(f);
        p.drawText(QRect(card.left() + 150, y, w - 170, row), Qt::AlignVCenter, e.description);
        y += row;
    }
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(card.left() + 20, y + 4, w - 40, row), Qt::AlignVCenter,
               tr("Any key or click closes this help."));
}

} // namespace ts::widgets
