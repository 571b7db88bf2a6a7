// Help → About Touchstone: what this build is (version, commit, compiler), what it runs on
// (Qt, platform, screens, OpenGL, every library's version) and a "Copy Diagnostics" button
// that puts all of it on the clipboard for a bug report. GUI thread.
#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace ts::widgets {

// The diagnostics text: core's build info plus Qt, platform, screens, OpenGL and VTK.
QString diagnosticsText();

class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(QWidget* parent = nullptr);

    QString diagnostics() const;

public slots:
    void copyDiagnostics();

private:
    QPlainTextEdit* text_;
    QPushButton* copy_;
};

} // namespace ts::widgets
