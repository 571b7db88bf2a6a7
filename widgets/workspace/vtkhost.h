// VTK rendering in a Qt 6 widget. Debian's VTK::GUISupportQt is built for Qt 5 (DESIGN.md "VTK
// inside Qt 6"), so the host lives here: VTK draws with an OpenGL 3.2 core context of our own
// (QOpenGLContext on a QOffscreenSurface) into its own framebuffer, and the widget shows the
// picture read back from it. Rendering into QOpenGLWidget's framebuffer was tried first: VTK
// 9.1 re-attaches the bound framebuffer and Mesa then reports it unsupported (a garbage view
// under Xvfb); the read-back costs about a millisecond at panel sizes and works everywhere.
// Mouse and wheel events go to a VTK interactor with a trackball-camera style (orbit: left,
// pan: middle or Shift+left, zoom: wheel or right). GUI thread.
#pragma once

#include <QElapsedTimer>
#include <QImage>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QWidget>

#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>

namespace ts::widgets {

class VtkHost : public QWidget {
    Q_OBJECT
public:
    explicit VtkHost(QWidget* parent = nullptr);
    ~VtkHost() override;

    vtkRenderer* renderer() const { return renderer_; }
    vtkGenericOpenGLRenderWindow* renderWindow() const { return window_; }
    // Renders now (as a paint would) and returns the picture; empty when OpenGL is missing.
    QImage renderImage();
    // Frames VTK rendered, and the wall time of the last one (for the bench).
    int64_t framesRendered() const { return frames_; }
    double lastRenderMs() const { return lastRenderMs_; }
    // At most this many renders a second (0: no limit); repaints in between show the last
    // picture and one more render follows. Playback sets it so the 3D view cannot hold the
    // video back.
    void setMaxFps(double fps) { maxFps_ = fps; }
    // Why nothing can be drawn (no OpenGL 3.2 context), empty when all is well.
    QString error() const { return error_; }

signals:
    // The user moved the camera with the mouse (follow mode should let go).
    void cameraMovedByUser();

protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent*) override;
    void mouseReleaseEvent(QMouseEvent*) override;
    void mouseMoveEvent(QMouseEvent*) override;
    void wheelEvent(QWheelEvent*) override;

private:
    bool makeCurrent();
    void forward(QMouseEvent* e, unsigned long vtkEvent);

    QOpenGLContext context_;
    QOffscreenSurface surface_;
    vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
    vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor_;
    vtkSmartPointer<vtkRenderer> renderer_;
    QImage image_;
    QString error_;
    bool initialized_ = false;
    double maxFps_ = 0;
    QElapsedTimer sinceRender_;
    bool renderPending_ = false;
    int64_t frames_ = 0;
    double lastRenderMs_ = 0;
};

} // namespace ts::widgets
