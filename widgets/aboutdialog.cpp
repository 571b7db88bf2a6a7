#include "aboutdialog.h"

#include "util/buildinfo.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QLocale>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

#include <vtkVersion.h>

namespace ts::widgets {

namespace {

// The OpenGL implementation the 3D view will get, asked of a context of the default format.
QString openGlLine() {
    QOffscreenSurface surface;
    surface.create();
    QOpenGLContext context;
    if (!context.create() || !context.makeCurrent(&surface))
        return QStringLiteral("not available");
    QOpenGLFunctions* f = context.functions();
    auto str = [f](GLenum name) {
        const auto* s = reinterpret_cast<const char*>(f->glGetString(name));
        return s ? QString::fromLatin1(s) : QStringLiteral("?");
    };
    const QString line = QStringLiteral("%1 (%2; %3)")
                             .arg(str(GL_RENDERER), str(GL_VERSION), str(GL_VENDOR));
    context.doneCurrent();
    return line;
}

} // namespace

QString diagnosticsText() {
    QString s = QString::fromStdString(core::toText(core::buildInfo()));
    s += QStringLiteral("Qt: %1 (built with %2)\n").arg(QString::fromLatin1(qVersion()),
                                                        QStringLiteral(QT_VERSION_STR));
    s += QStringLiteral("VTK: %1\n").arg(QString::fromLatin1(vtkVersion::GetVTKVersion()));
    s += QStringLiteral("Qt platform: %1\n").arg(QGuiApplication::platformName());
    for (const QScreen* screen : QGuiApplication::screens())
        s += QStringLiteral("screen: %1 %2×%3 at %4× (%5 dpi)\n")
                 .arg(screen->name())
                 .arg(screen->size().width())
                 .arg(screen->size().height())
                 .arg(screen->devicePixelRatio())
                 .arg(screen->logicalDotsPerInch(), 0, 'f', 0);
    s += QStringLiteral("OpenGL: %1\n").arg(openGlLine());
    s += QStringLiteral("locale: %1 (UI: %2)\n")
             .arg(QLocale::system().name(), QLocale().uiLanguages().join(QLatin1Char(',')));
    s += QStringLiteral("settings: %1\n").arg(QSettings().fileName());
    s += QStringLiteral("data: %1\n")
             .arg(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation));
    return s;
}

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About Touchstone"));
    setObjectName(QStringLiteral("aboutDialog"));
    auto* layout = new QVBoxLayout(this);
    auto* head = new QLabel(
        tr("<h2>Touchstone %1</h2><p>Egocentric recordings of hands at work, aligned, annotated "
           "and reviewed as training data for robots.</p><p>Licensed under the Apache License, "
           "version 2.0.</p>")
            .arg(QStringLiteral(TS_VERSION)));
    head->setWordWrap(true);
    layout->addWidget(head);
    layout->addWidget(new QLabel(tr("Diagnostics (quote them in a bug report):")));
    text_ = new QPlainTextEdit(diagnosticsText());
    text_->setReadOnly(true);
    text_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text_->setMinimumSize(560, 300);
    layout->addWidget(text_, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    copy_ = buttons->addButton(tr("Copy Diagnostics"), QDialogButtonBox::ActionRole);
    copy_->setObjectName(QStringLiteral("copyDiagnostics"));
    connect(copy_, &QPushButton::clicked, this, &AboutDialog::copyDiagnostics);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString AboutDialog::diagnostics() const {
    return text_->toPlainText();
}

void AboutDialog::copyDiagnostics() {
    QGuiApplication::clipboard()->setText(diagnostics());
    copy_->setText(tr("Copied"));
    QTimer::singleShot(1500, copy_, [this] { copy_->setText(tr("Copy Diagnostics")); });
}

} // namespace ts::widgets
