#include "synth/videoencoder.h"

#include "util/error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
}

#include <cmath>
#include <string>

namespace ts::core::synth {

namespace {
std::string avError(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(code, buf, sizeof buf);
    return buf;
}
} // namespace

struct VideoEncoder::Impl {
    AVFormatContext* fmt = nullptr;
    AVCodecContext* ctx = nullptr;
    AVStream* stream = nullptr;
    AVFrame* frame = nullptr;
    AVPacket* packet = nullptr;
    bool headerWritten = false;
    bool finished = false;

    ~Impl() {
        av_packet_free(&packet);
        av_frame_free(&frame);
        avcodec_free_context(&ctx);
        if (fmt) {
            if (fmt->pb)
                avio_closep(&fmt->pb);
            avformat_free_context(fmt);
        }
    }
};

VideoEncoder::VideoEncoder(const std::filesystem::path& file, const Settings& s)
    : d_(std::make_unique<Impl>()), file_(file) {
    const std::string name = file.string();
    auto fail = [&](const std::string& what, int code) {
        throw Error(name, what + (code ? " (" + avError(code) + ")" : std::string()));
    };
    int rc = avformat_alloc_output_context2(&d_->fmt, nullptr, "mp4", name.c_str());
    if (rc < 0 || !d_->fmt)
        fail("cannot set up an MP4 muxer", rc);
    const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        fail("libavcodec has no libx264 encoder", 0);
    d_->ctx = avcodec_alloc_context3(codec);
    AVCodecContext* c = d_->ctx;
    c->width = s.width;
    c->height = s.height;
    c->pix_fmt = AV_PIX_FMT_YUV420P;
    // Millisecond-exact rational frame rate (29.97 → 29970/1000).
    const int rate = static_cast<int>(std::lround(s.fps * 1000.0));
    c->time_base = AVRational{1000, rate};
    c->framerate = AVRational{rate, 1000};
    c->gop_size = s.gopFrames > 0 ? s.gopFrames : static_cast<int>(std::lround(2 * s.fps));
    c->max_b_frames = s.maxBFrames;
    c->thread_count = s.threads;
    c->color_range = AVCOL_RANGE_MPEG;
    c->colorspace = AVCOL_SPC_BT470BG;
    c->color_primaries = AVCOL_PRI_BT709;
    c->color_trc = AVCOL_TRC_BT709;
    if (d_->fmt->oformat->flags & AVFMT_GLOBALHEADER)
        c->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    av_opt_set(c->priv_data, "preset", s.preset, 0);
    av_opt_set(c->priv_data, "crf", std::to_string(s.crf).c_str(), 0);
    // x264 reports its settings and statistics at info level on stderr; keep only its errors.
    // libavcodec also prints x264's version banner at info level, so lower the library's
    // default log level too (only when nobody has chosen one).
    av_opt_set(c->priv_data, "x264-params", "log=0", 0);
    if (av_log_get_level() == AV_LOG_INFO)
        av_log_set_level(AV_LOG_WARNING);
    if ((rc = avcodec_open2(c, codec, nullptr)) < 0)
        fail("cannot open the H.264 encoder", rc);
    d_->stream = avformat_new_stream(d_->fmt, nullptr);
    if (!d_->stream)
        fail("cannot add a video stream", 0);
    d_->stream->time_base = c->time_base;
    d_->stream->avg_frame_rate = c->framerate;
    if ((rc = avcodec_parameters_from_context(d_->stream->codecpar, c)) < 0)
        fail("cannot copy encoder parameters", rc);
    if ((rc = avio_open(&d_->fmt->pb, name.c_str(), AVIO_FLAG_WRITE)) < 0)
        fail("cannot open for writing", rc);
    if ((rc = avformat_write_header(d_->fmt, nullptr)) < 0)
        fail("cannot write the MP4 header", rc);
    d_->headerWritten = true;
    d_->frame = av_frame_alloc();
    d_->packet = av_packet_alloc();
    d_->frame->format = c->pix_fmt;
    d_->frame->width = c->width;
    d_->frame->height = c->height;
    if ((rc = av_frame_get_buffer(d_->frame, 0)) < 0)
        fail("cannot allocate a frame", rc);
}

VideoEncoder::~VideoEncoder() = default;

void VideoEncoder::addFrame(const uint8_t* rgb, int64_t frameNumber) {
    AVFrame* f = d_->frame;
    int rc = av_frame_make_writable(f); // the encoder may still hold the previous buffer
    if (rc < 0)
        throw Error(file_.string(), "cannot reuse the frame buffer (" + avError(rc) + ")");
    const int w = d_->ctx->width, h = d_->ctx->height;
    // BT.601 limited range (the colour space declared above), chroma averaged over 2x2.
    for (int y = 0; y < h; ++y) {
        const uint8_t* src = rgb + 3 * static_cast<size_t>(y) * static_cast<size_t>(w);
        uint8_t* Y = f->data[0] + static_cast<ptrdiff_t>(y) * f->linesize[0];
        for (int x = 0; x < w; ++x) {
            const int r = src[3 * x], g = src[3 * x + 1], b = src[3 * x + 2];
            Y[x] = static_cast<uint8_t>((66 * r + 129 * g + 25 * b + 128 + (16 << 8)) >> 8);
        }
    }
    for (int y = 0; y < h / 2; ++y) {
        const uint8_t* s0 = rgb + 3 * static_cast<size_t>(2 * y) * static_cast<size_t>(w);
        const uint8_t* s1 = s0 + 3 * static_cast<size_t>(w);
        uint8_t* U = f->data[1] + static_cast<ptrdiff_t>(y) * f->linesize[1];
        uint8_t* V = f->data[2] + static_cast<ptrdiff_t>(y) * f->linesize[2];
        for (int x = 0; x < w / 2; ++x) {
            const int i = 6 * x;
            const int r = s0[i] + s0[i + 3] + s1[i] + s1[i + 3];
            const int g = s0[i + 1] + s0[i + 4] + s1[i + 1] + s1[i + 4];
            const int b = s0[i + 2] + s0[i + 5] + s1[i + 2] + s1[i + 5];
            U[x] = static_cast<uint8_t>((-38 * r - 74 * g + 112 * b + 512 + (128 << 10)) >> 10);
            V[x] = static_cast<uint8_t>((112 * r - 94 * g - 18 * b + 512 + (128 << 10)) >> 10);
        }
    }
    f->pts = frameNumber;
    if ((rc = avcodec_send_frame(d_->ctx, f)) < 0)
        throw Error(file_.string(), "encoder rejected frame " + std::to_string(frameNumber) +
                                        " (" + avError(rc) + ")");
    drain();
}

void VideoEncoder::drain() {
    for (;;) {
        int rc = avcodec_receive_packet(d_->ctx, d_->packet);
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF)
            return;
        if (rc < 0)
            throw Error(file_.string(), "encoding failed (" + avError(rc) + ")");
        av_packet_rescale_ts(d_->packet, d_->ctx->time_base, d_->stream->time_base);
        d_->packet->stream_index = d_->stream->index;
        rc = av_interleaved_write_frame(d_->fmt, d_->packet); // takes the packet's reference
        if (rc < 0)
            throw Error(file_.string(), "cannot write a packet (" + avError(rc) + ")");
        ++packets_;
    }
}

void VideoEncoder::finish() {
    if (d_->finished)
        return;
    d_->finished = true;
    int rc = avcodec_send_frame(d_->ctx, nullptr);
    if (rc < 0)
        throw Error(file_.string(), "cannot flush the encoder (" + avError(rc) + ")");
    drain();
    if ((rc = av_write_trailer(d_->fmt)) < 0)
        throw Error(file_.string(), "cannot write the MP4 trailer (" + avError(rc) + ")");
    if ((rc = avio_closep(&d_->fmt->pb)) < 0)
        throw Error(file_.string(), "cannot close (" + avError(rc) + ")");
}

} // namespace ts::core::synth
