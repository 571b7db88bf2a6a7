#include "filmstripview.h"

#include "media/filmstrip.h"

#include <QDir>
#include <QPainter>
#include <QPointer>
#include <QStandardPaths>

namespace ts::widgets {

FilmstripView::FilmstripView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

FilmstripView::~FilmstripView() = default; // the strip's destructor cancels and joins

void FilmstripView::clear() {
    strip_.reset();
    ++generation_;
    images_.clear();
    error_.clear();
    update();
}

void FilmstripView::setVideo(const QString& file, const QString& sha256,
                             std::shared_ptr<const core::media::FrameIndex> index, int count) {
    clear();
    images_.assign(static_cast<size_t>(count), QImage());
    core::media::FilmstripOptions o;
    o.count = count;
    o.height = 72;
    o.sha256 = sha256.toStdString();
    o.index = std::move(index);
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                          QStringLiteral("/filmstrips");
    QDir().mkpath(cache);
    o.cacheDir = cache.toStdString();
    strip_ = std::make_unique<core::media::Filmstrip>(file.toStdString(), o);
    QPointer<FilmstripView> self(this);
    const quint64 gen = generation_;
    // Both callbacks run on the strip's worker thread: convert there, hand over by queue.
    strip_->onThumbnail([self, gen](int slot, const core::media::Thumbnail& t) {
        QImage img(t.rgb.data(), t.width, t.height, t.width * 3, QImage::Format_RGB888);
        QImage copy = img.copy();
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, slot, copy] {
                if (!self || self->generation_ != gen || slot < 0 ||
                    slot >= static_cast<int>(self->images_.size()))
                    return;
                self->images_[static_cast<size_t>(slot)] = copy;
                self->update();
            },
            Qt::QueuedConnection);
    });
    auto* strip = strip_.get();
    strip_->onFinished([self, gen, strip] {
        const QString error = QString::fromStdString(strip->error());
        QMetaObject::invokeMethod(
            self.data(),
            [self, gen, error] {
                if (!self || self->generation_ != gen)
                    return;
                self->error_ = error;
                self->update();
                emit self->finished();
            },
            Qt::QueuedConnection);
    });
    strip_->start();
}

bool FilmstripView::busy() const {
    return strip_ && !strip_->done();
}

int FilmstripView::thumbnailsShown() const {
    int n = 0;
    for (const auto& i : images_)
        n += !i.isNull();
    return n;
}

QImage FilmstripView::thumbnail(int slot) const {
    return slot >= 0 && slot < static_cast<int>(images_.size()) ? images_[static_cast<size_t>(slot)]
                                                                : QImage();
}

void FilmstripView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base).darker(108));
    const int n = static_cast<int>(images_.size());
    if (n == 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("No video in this episode"));
        return;
    }
    const int gap = 2;
    const double slotW = (width() - gap * (n + 1)) / double(n);
    const int h = height() - 2 * gap;
    for (int i = 0; i < n; ++i) {
        const QRectF cell(gap + i * (slotW + gap), gap, slotW, h);
        const QImage& img = images_[static_cast<size_t>(i)];
        if (img.isNull()) {
            p.fillRect(cell, palette().color(QPalette::Mid));
            continue;
        }
        // Fill the cell, cropping the sides: the strip reads as a continuous timeline.
        const QSizeF scaled =
            QSizeF(img.size()).scaled(cell.size(), Qt::KeepAspectRatioByExpanding);
        const QRectF src((scaled.width() - cell.width()) / 2 * img.width() / scaled.width(),
                         (scaled.height() - cell.height()) / 2 * img.height() / scaled.height(),
                         cell.width() * img.width() / scaled.width(),
                         cell.height() * img.height() / scaled.height());
        p.drawImage(cell, img, src);
    }
    if (!error_.isEmpty()) {
        p.setPen(QColor(0xc6, 0x28, 0x28));
        p.drawText(rect().adjusted(6, 0, -6, 0),
                   Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, error_);
    }
}

} // namespace ts::widgets
