#include "media/videodepthreader.h"

#include "util/error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>

namespace ts::core::media {

namespace fs = std::filesystem;

struct VideoDepthReader::Av {
    AVFormatContext* fmt = nullptr;
    AVCodecContext* codec = nullptr;
    AVPacket* pkt = nullptr;
    AVFrame* frame = nullptr;
    int stream = -1;

    ~Av() {
        av_frame_free(&frame);
        av_packet_free(&pkt);
        avcodec_free_context(&codec);
        avformat_close_input(&fmt);
    }
};

namespace {

std::string avError(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

bool isGrey16(int format) {
    return format == AV_PIX_FMT_GRAY16LE || format == AV_PIX_FMT_GRAY16BE;
}

std::string describeFormat(int format) {
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(format));
    if (!d)
        return "an unknown pixel format";
    return "pixel format " + std::string(d->name) + " (" + std::to_string(d->comp[0].depth) +
           "-bit, " + std::to_string(d->nb_components) +
           (d->nb_components == 1 ? " channel)" : " channels)");
}

int64_t packetPts(const AVPacket* p) {
    return p->pts != AV_NOPTS_VALUE ? p->pts : p->dts;
}

constexpr const char* kNeed16 = "depth needs 16-bit single-channel grey (gray16le or gray16be)";

} // namespace

VideoDepthReader::VideoDepthReader(const fs::path& file, std::vector<TimeNs> frameTimes,
                                   double scaleM, int expectedWidth, int expectedHeight)
    : DepthReader(file, std::move(frameTimes), scaleM), av_(std::make_unique<Av>()) {
    openInput(expectedWidth, expectedHeight);
    buildIndex();
}

VideoDepthReader::~VideoDepthReader() = default;

void VideoDepthReader::fail(int64_t index, const std::string& what) const {
    throw Error(path().string(),
                (index >= 0 ? "depth frame " + std::to_string(index) + ": " : std::string()) +
                    what);
}

int64_t VideoDepthReader::keyframeCount() const {
    return std::count_if(packets_.begin(), packets_.end(), [](const Packet& p) { return p.key; });
}

void VideoDepthReader::openInput(int expectedWidth, int expectedHeight) {
    std::error_code ec;
    if (!fs::is_regular_file(path(), ec))
        fail(-1, "the depth video does not exist (or is not a file)");
    if (int r = avformat_open_input(&av_->fmt, path().c_str(), nullptr, nullptr); r < 0)
        fail(-1, "the depth video cannot be opened (" + avError(r) +
                     "); it may be truncated or not a video");
    if (int r = avformat_find_stream_info(av_->fmt, nullptr); r < 0)
        fail(-1, "the depth video's streams cannot be read: " + avError(r));
    av_->stream = av_find_best_stream(av_->fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (av_->stream < 0)
        fail(-1, "the file has no video stream");
    const AVCodecParameters* par = av_->fmt->streams[av_->stream]->codecpar;
    // The container usually knows the pixel format; refusing here gives one clear message
    // instead of one per frame. Frames are checked again when decoded.
    if (par->format != AV_PIX_FMT_NONE && !isGrey16(par->format))
        fail(-1, "the video holds " + describeFormat(par->format) + "; " + kNeed16);
    if (par->width <= 0 || par->height <= 0)
        fail(-1, "the video stream has no frame size");
    if (expectedWidth > 0 && expectedHeight > 0 &&
        (par->width != expectedWidth || par->height != expectedHeight))
        fail(-1, "the video is " + std::to_string(par->width) + "×" + std::to_string(par->height) +
                     " but the depth camera is calibrated at " + std::to_string(expectedWidth) +
                     "×" + std::to_string(expectedHeight));

    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    if (!codec)
        fail(-1, "no decoder for codec '" + std::string(avcodec_get_name(par->codec_id)) + "'");
    av_->codec = avcodec_alloc_context3(codec);
    av_->pkt = av_packet_alloc();
    av_->frame = av_frame_alloc();
    if (!av_->codec || !av_->pkt || !av_->frame)
        fail(-1, "out of memory while opening the decoder");
    avcodec_parameters_to_context(av_->codec, par);
    av_->codec->pkt_timebase = av_->fmt->streams[av_->stream]->time_base;
    // One thread: readers are one per thread already, and frame threading would delay output.
    av_->codec->thread_count = 1;
    // Depth that decodes "with concealment" is wrong depth: ask decoders to fail loudly instead.
    av_->codec->err_recognition |= AV_EF_CRCCHECK | AV_EF_EXPLODE;
    if (int r = avcodec_open2(av_->codec, codec, nullptr); r < 0)
        fail(-1, "the decoder cannot be opened: " + avError(r));
    setGeometry(0, par->width, par->height);
}

void VideoDepthReader::buildIndex() {
    AVFormatContext* fmt = av_->fmt;
    const AVStream* st = fmt->streams[av_->stream];
    const int64_t fileSize = avio_size(fmt->pb);
    int64_t lastDuration = 0;
    for (;;) {
        const int64_t n = static_cast<int64_t>(packets_.size());
        int r = av_read_frame(fmt, av_->pkt);
        if (r == AVERROR_EOF)
            break;
        if (r < 0) {
            truncation_ = "the file is cut short or damaged: it cannot be read past frame " +
                          std::to_string(n) + " (" + avError(r) + ")";
            break;
        }
        if (av_->pkt->stream_index != av_->stream) {
            av_packet_unref(av_->pkt);
            continue;
        }
        const int64_t pos = av_->pkt->pos, size = av_->pkt->size;
        Packet p;
        p.pts = packetPts(av_->pkt);
        p.dts = av_->pkt->dts != AV_NOPTS_VALUE ? av_->pkt->dts : p.pts;
        p.key = (av_->pkt->flags & AV_PKT_FLAG_KEY) != 0;
        lastDuration = av_->pkt->duration;
        av_packet_unref(av_->pkt);
        if (fileSize > 0 && pos >= 0 && pos + size > fileSize) {
            truncation_ = "the file is cut short: it ends inside frame " + std::to_string(n);
            break;
        }
        if (p.pts == AV_NOPTS_VALUE)
            fail(n, "the packet has no timestamp, so frames cannot be indexed");
        if (!positionOfPts_.emplace(p.pts, packets_.size()).second)
            fail(n, "the packet repeats timestamp " + std::to_string(p.pts) + " of frame " +
                        std::to_string(positionOfPts_[p.pts]) + ", so frames cannot be told apart");
        // Packets before the first keyframe can only be decoded from the start of the file.
        p.keyframe = p.key || packets_.empty() ? packets_.size() : packets_.back().keyframe;
        packets_.push_back(p);
    }
    complete_ = static_cast<int64_t>(packets_.size());

    // Some containers end cleanly at a cut (Matroska: the demuxer just sees no more blocks); the
    // frame count or duration written in the header then still tells that frames are missing.
    // The file's overall duration stands for the stream's only when there is no other stream
    // (an audio track may well be longer than the video).
    if (truncation_.empty() && complete_ > 0) {
        int64_t declaredEnd = AV_NOPTS_VALUE;
        const int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
        if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
            declaredEnd = start + st->duration;
        else if (fmt->nb_streams == 1 && fmt->duration != AV_NOPTS_VALUE && fmt->duration > 0)
            declaredEnd = start + av_rescale_q(fmt->duration, AV_TIME_BASE_Q, st->time_base);
        int64_t lastPts = packets_.front().pts;
        for (const Packet& p : packets_)
            lastPts = std::max(lastPts, p.pts);
        if (st->nb_frames > complete_)
            truncation_ = "the file is cut short: the container declares " +
                          std::to_string(st->nb_frames) + " frames but holds only " +
                          std::to_string(complete_);
        else if (declaredEnd != AV_NOPTS_VALUE && lastDuration > 0 &&
                 declaredEnd - (lastPts + lastDuration) > lastDuration + lastDuration / 2)
            truncation_ = "the file is cut short: the container declares a duration past its "
                          "last complete frame " +
                          std::to_string(complete_ - 1);
    }
    if (complete_ == 0)
        fail(-1, "the video holds no complete frame" +
                     (truncation_.empty() ? std::string() : " (" + truncation_ + ")"));

    byDisplay_.resize(packets_.size());
    std::iota(byDisplay_.begin(), byDisplay_.end(), size_t{0});
    std::sort(byDisplay_.begin(), byDisplay_.end(),
              [this](size_t a, size_t b) { return packets_[a].pts < packets_[b].pts; });

    int64_t count = complete_;
    const auto listed = static_cast<int64_t>(frameTimes().size());
    if (listed > 0 && listed != complete_) {
        if (listed < complete_ || truncation_.empty())
            fail(-1, "the video has " + std::to_string(complete_) + " frames but " +
                         std::to_string(listed) + " frame times were given");
        count = listed; // the missing tail throws when read, naming the cut
    }
    setGeometry(count, width(), height());
}

void VideoDepthReader::seekToKeyframe(size_t keyframe) {
    ++seeks_;
    live_ = false;
    draining_ = false;
    avcodec_flush_buffers(av_->codec);
    const auto displayIndex = [this](size_t pos) {
        return static_cast<int64_t>(std::find(byDisplay_.begin(), byDisplay_.end(), pos) -
                                    byDisplay_.begin());
    };
    // Containers land on an index entry at or before the time asked for, but not all of them
    // know every keyframe; when one lands after the keyframe, start again from the beginning.
    const int64_t targets[2] = {packets_[keyframe].dts, packets_.front().dts};
    for (int64_t ts : targets) {
        if (av_seek_frame(av_->fmt, av_->stream, ts, AVSEEK_FLAG_BACKWARD) < 0)
            continue;
        for (;;) {
            if (av_read_frame(av_->fmt, av_->pkt) < 0)
                break;
            if (av_->pkt->stream_index != av_->stream) {
                av_packet_unref(av_->pkt);
                continue;
            }
            auto it = positionOfPts_.find(packetPts(av_->pkt));
            if (it == positionOfPts_.end() || it->second > keyframe) {
                av_packet_unref(av_->pkt);
                break; // overshot (or lost): try the next target
            }
            if (it->second < keyframe) {
                av_packet_unref(av_->pkt);
                continue; // before the keyframe: not needed
            }
            const int r = avcodec_send_packet(av_->codec, av_->pkt);
            av_packet_unref(av_->pkt);
            if (r < 0)
                fail(displayIndex(keyframe), "cannot be decoded: " + avError(r));
            nextPacket_ = keyframe + 1;
            live_ = true;
            lastIndex_ = -1;
            return;
        }
    }
    fail(displayIndex(keyframe), "the video cannot be positioned at this keyframe");
}

int64_t VideoDepthReader::readOwnPacket() {
    for (;;) {
        if (nextPacket_ >= packets_.size())
            return -1; // never read into a cut-off tail the index left out
        const int r = av_read_frame(av_->fmt, av_->pkt);
        if (r == AVERROR_EOF)
            return -1;
        if (r < 0)
            fail(-1, "the video cannot be read at decode position " + std::to_string(nextPacket_) +
                         ": " + avError(r));
        if (av_->pkt->stream_index != av_->stream) {
            av_packet_unref(av_->pkt);
            continue;
        }
        auto it = positionOfPts_.find(packetPts(av_->pkt));
        if (it == positionOfPts_.end() || it->second != nextPacket_) {
            av_packet_unref(av_->pkt);
            fail(-1, "the video no longer matches its index (was it changed since it was "
                     "opened?)");
        }
        return static_cast<int64_t>(nextPacket_++);
    }
}

bool VideoDepthReader::receiveTarget(int64_t index, int64_t targetPts, std::vector<uint16_t>& raw) {
    for (;;) {
        int r = avcodec_receive_frame(av_->codec, av_->frame);
        if (r == 0) {
            const int64_t pts = av_->frame->pts != AV_NOPTS_VALUE
                                    ? av_->frame->pts
                                    : av_->frame->best_effort_timestamp;
            if (pts == targetPts) {
                convert(index, raw);
                av_frame_unref(av_->frame);
                lastIndex_ = index;
                return true;
            }
            av_frame_unref(av_->frame);
            if (pts > targetPts)
                return false; // frames leave the decoder in pts order: the target was lost
            continue;
        }
        if (r == AVERROR_EOF)
            return false;
        if (r != AVERROR(EAGAIN))
            fail(index, "cannot be decoded: " + avError(r));
        if (draining_)
            return false;
        const int64_t pos = readOwnPacket();
        if (pos < 0) {
            avcodec_send_packet(av_->codec, nullptr); // flush out delayed frames
            draining_ = true;
            continue;
        }
        r = avcodec_send_packet(av_->codec, av_->pkt);
        av_packet_unref(av_->pkt);
        if (r < 0 && r != AVERROR(EAGAIN))
            fail(index, "cannot be decoded: the packet at decode position " + std::to_string(pos) +
                            " is damaged (" + avError(r) + ")");
    }
}

void VideoDepthReader::decode(int64_t index, std::vector<uint16_t>& raw) {
    if (index >= complete_)
        fail(index, "the frame is not in the file (" + truncation_ + ")");
    const size_t target = byDisplay_[static_cast<size_t>(index)];
    const size_t keyframe = packets_[target].keyframe;
    // Reading on from where the decoder stands is what makes playback cheap; seek only when the
    // frame lies behind us or a keyframe nearer to it lies ahead.
    const bool seek = !live_ || index <= lastIndex_ || keyframe > nextPacket_;
    try {
        if (seek)
            seekToKeyframe(keyframe);
        if (receiveTarget(index, packets_[target].pts, raw))
            return;
        if (!seek) { // the continued state did not hold the frame; start from its keyframe
            seekToKeyframe(keyframe);
            if (receiveTarget(index, packets_[target].pts, raw))
                return;
        }
    } catch (const Error&) {
        live_ = false; // the decoder stopped somewhere unknown: the next read starts afresh
        throw;
    }
    live_ = false;
    fail(index, "the decoder returned no picture for this frame (pts " +
                    std::to_string(packets_[target].pts) + ")");
}

void VideoDepthReader::convert(int64_t index, std::vector<uint16_t>& raw) {
    const AVFrame* f = av_->frame;
    if (f->width != width() || f->height != height())
        fail(index, "the frame decodes to " + std::to_string(f->width) + "×" +
                        std::to_string(f->height) + " but the stream is " +
                        std::to_string(width()) + "×" + std::to_string(height()));
    if (f->decode_error_flags || (f->flags & AV_FRAME_FLAG_CORRUPT))
        fail(index, "the frame's data is damaged (the decoder found errors in it)");
    if (!isGrey16(f->format))
        fail(index, "the frame decodes to " + describeFormat(f->format) + "; " + kNeed16);
    const size_t w = static_cast<size_t>(width());
    const bool bigEndian = f->format == AV_PIX_FMT_GRAY16BE;
    for (int y = 0; y < height(); ++y) {
        const uint8_t* row = f->data[0] + static_cast<std::ptrdiff_t>(y) * f->linesize[0];
        uint16_t* out = raw.data() + static_cast<size_t>(y) * w;
        if (!bigEndian && std::endian::native == std::endian::little) {
            std::memcpy(out, row, w * 2);
        } else if (bigEndian) {
            for (size_t x = 0; x < w; ++x)
                out[x] = static_cast<uint16_t>((row[2 * x] << 8) | row[2 * x + 1]);
        } else {
            for (size_t x = 0; x < w; ++x)
                out[x] = static_cast<uint16_t>(row[2 * x] | (row[2 * x + 1] << 8));
        }
    }
}

} // namespace ts::core::media
