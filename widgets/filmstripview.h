// A row of thumbnails of one video (core::media::Filmstrip computed in the background),
// drawn as placeholders until each picture arrives; the project window shows it for the
// selected episode, the timeline will reuse it.
#pragma once

#include <QImage>
#include <QWidget>

#include <memory>
#include <vector>

namespace ts::core::media {
class Filmstrip;
class FrameIndex;
} // namespace ts::core::media

namespace ts::widgets {

class FilmstripView : public QWidget {
    Q_OBJECT
public:
    explicit FilmstripView(QWidget* parent = nullptr);
    ~FilmstripView() override;

    // Starts computing the strip of `file` (sha256 is the cache key, may be empty); a strip
    // still being computed for another video is cancelled.
    // `index`, when the project has one cached, spares the strip a scan of the file.
    void setVideo(const QString& file, const QString& sha256,
                  std::shared_ptr<const core::media::FrameIndex> index = {}, int count = 12);
    void clear();
    int thumbnailsShown() const;
    // True while thumbnails are still being computed.
    bool busy() const;
    QImage thumbnail(int slot) const;

    QSize sizeHint() const override { return {320, 88}; }
    QSize minimumSizeHint() const override { return {160, 88}; }

signals:
    void finished();

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    std::unique_ptr<core::media::Filmstrip> strip_;
    std::vector<QImage> images_;
    QString error_;
    quint64 generation_ = 0; // drops deliveries from a strip that was replaced
};

} // namespace ts::widgets
