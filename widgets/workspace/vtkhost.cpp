#include "workspace/vtkhost.h"

#include <cstring>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QPainter>
#include <QSurfaceFormat>
#include <QTimer>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkNew.h>
#include <vtkOpenGLState.h>
#include <vtkUnsignedCharArray.h>

namespace ts::widgets {

VtkHost::VtkHost(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::ClickFocus);
    setMinimumSize(120, 90);

    window_ = vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New();
    window_->SetOwnContext(false);
    window_->SetIsCurrent(true);
    window_->SetSupportsOpenGL(1);
    window_->SetFrameBlitModeToNoBlit(); // the picture is read back, not shown by VTK
    window_->SetMultiSamples(0);
    window_->SetForceMaximumHardwareLineWidth(1);
    renderer_ = vtkSmartPointer<vtkRenderer>::New();
    window_->AddRenderer(renderer_);

    interactor_ = vtkSmartPointer<vtkGenericRenderWindowInteractor>::New();
    interactor_->SetRenderWindow(window_);
    interactor_->EnableRenderOff(); // Qt decides when to paint; VTK asks through update()
    vtkNew<vtkInteractorStyleTrackballCamera> style;
    interactor_->SetInteractorStyle(style);
    interactor_->Initialize();

    // VTK asks whether its context is current and to make it so: answer with ours.
    auto* isCurrent = vtkCallbackCommand::New();
    isCurrent->SetClientData(this);
    isCurrent->SetCallback([](vtkObject*, unsigned long, void* self, void* callData) {
        auto* w = static_cast<VtkHost*>(self);
        *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == &w->context_;
    });
    window_->AddObserver(vtkCommand::WindowIsCurrentEvent, isCurrent);
    isCurrent->Delete();
    auto* makeCurrent = vtkCallbackCommand::New();
    makeCurrent->SetClientData(this);
    makeCurrent->SetCallback([](vtkObject*, unsigned long, void* self, void*) {
        static_cast<VtkHost*>(self)->makeCurrent();
    });
    window_->AddObserver(vtkCommand::WindowMakeCurrentEvent, makeCurrent);
    makeCurrent->Delete();
    // Rendering requests from the interactor style become Qt repaints.
    auto* render = vtkCallbackCommand::New();
    render->SetClientData(this);
    render->SetCallback([](vtkObject*, unsigned long, void* self, void*) {
        static_cast<VtkHost*>(self)->update();
    });
    interactor_->AddObserver(vtkCommand::RenderEvent, render);
    render->Delete();
}

VtkHost::~VtkHost() {
    if (initialized_ && makeCurrent()) {
        window_->Finalize();
        context_.doneCurrent();
    }
}

bool VtkHost::makeCurrent() {
    if (!context_.isValid()) {
        QSurfaceFormat f;
        f.setRenderableType(QSurfaceFormat::OpenGL);
        f.setVersion(3, 2);
        f.setProfile(QSurfaceFormat::CoreProfile);
        f.setDepthBufferSize(24);
        f.setStencilBufferSize(8);
        surface_.setFormat(f);
        surface_.create();
        context_.setFormat(f);
        if (!context_.create() || context_.format().majorVersion() < 3) {
            error_ = tr("The 3D view needs OpenGL 3.2, which this display does not offer.");
            return false;
        }
    }
    return context_.makeCurrent(&surface_);
}

QImage VtkHost::renderImage() {
    const double dpr = devicePixelRatioF();
    const int w = std::max(1, int(width() * dpr)), h = std::max(1, int(height() * dpr));
    if (!makeCurrent())
        return {};
    QElapsedTimer t;
    t.start();
    if (!initialized_) {
        window_->OpenGLInitContext();
        initialized_ = true;
    }
    window_->SetSize(w, h);
    interactor_->SetSize(w, h);
    window_->GetState()->ResetFramebufferBindings();
    window_->SetReadyForRendering(true);
    window_->Render();
    vtkNew<vtkUnsignedCharArray> pixels;
    window_->GetRGBACharPixelData(0, 0, w - 1, h - 1, 1, pixels);
    window_->SetReadyForRendering(false);
    QImage img(w, h, QImage::Format_RGBA8888);
    if (pixels->GetNumberOfValues() == vtkIdType(w) * h * 4) {
        // OpenGL rows go bottom to top.
        for (int y = 0; y < h; ++y)
            std::memcpy(img.scanLine(h - 1 - y), pixels->GetPointer(vtkIdType(y) * w * 4),
                        size_t(w) * 4);
    } else {
        img.fill(Qt::black);
    }
    img.setDevicePixelRatio(dpr);
    ++frames_;
    lastRenderMs_ = double(t.nsecsElapsed()) * 1e-6;
    return img;
}

void VtkHost::paintEvent(QPaintEvent*) {
    const qint64 minGapMs = maxFps_ > 0 ? qint64(1000.0 / maxFps_) : 0;
    if (image_.isNull() || !sinceRender_.isValid() || sinceRender_.elapsed() >= minGapMs ||
        image_.size() != size() * devicePixelRatioF()) {
        image_ = renderImage();
        sinceRender_.restart();
    } else if (!renderPending_) {
        renderPending_ = true;
        QTimer::singleShot(int(minGapMs - sinceRender_.elapsed()) + 1, this, [this] {
            renderPending_ = false;
            update();
        });
    }
    QPainter p(this);
    if (image_.isNull()) {
        p.fillRect(rect(), QColor(0x16, 0x18, 0x1c));
        p.setPen(QColor(0xff, 0x8a, 0x80));
        p.drawText(rect().adjusted(10, 10, -10, -10), Qt::AlignCenter | Qt::TextWordWrap, error_);
        return;
    }
    p.drawImage(QPointF(0, 0), image_);
}

void VtkHost::forward(QMouseEvent* e, unsigned long vtkEvent) {
    const double dpr = devicePixelRatioF();
    const QPointF p = e->position() * dpr;
    const bool ctrl = e->modifiers() & Qt::ControlModifier;
    const bool shift = e->modifiers() & Qt::ShiftModifier;
    interactor_->SetEventInformationFlipY(int(p.x()), int(p.y()), ctrl, shift);
    interactor_->InvokeEvent(vtkEvent, e);
    update();
}

void VtkHost::mousePressEvent(QMouseEvent* e) {
    switch (e->button()) {
    case Qt::LeftButton:
        forward(e, vtkCommand::LeftButtonPressEvent);
        break;
    case Qt::MiddleButton:
        forward(e, vtkCommand::MiddleButtonPressEvent);
        break;
    case Qt::RightButton:
        forward(e, vtkCommand::RightButtonPressEvent);
        break;
    default:
        break;
    }
    emit cameraMovedByUser();
}

void VtkHost::mouseReleaseEvent(QMouseEvent* e) {
    switch (e->button()) {
    case Qt::LeftButton:
        forward(e, vtkCommand::LeftButtonReleaseEvent);
        break;
    case Qt::MiddleButton:
        forward(e, vtkCommand::MiddleButtonReleaseEvent);
        break;
    case Qt::RightButton:
        forward(e, vtkCommand::RightButtonReleaseEvent);
        break;
    default:
        break;
    }
}

void VtkHost::mouseMoveEvent(QMouseEvent* e) {
    forward(e, vtkCommand::MouseMoveEvent);
}

void VtkHost::wheelEvent(QWheelEvent* e) {
    const double dpr = devicePixelRatioF();
    const QPointF p = e->position() * dpr;
    interactor_->SetEventInformationFlipY(int(p.x()), int(p.y()),
                                          e->modifiers() & Qt::ControlModifier,
                                          e->modifiers() & Qt::ShiftModifier);
    interactor_->InvokeEvent(e->angleDelta().y() > 0 ? vtkCommand::MouseWheelForwardEvent
                                                     : vtkCommand::MouseWheelBackwardEvent,
                             e);
    update();
    emit cameraMovedByUser();
}

} // namespace ts::widgets
