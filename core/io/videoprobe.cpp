#include "io/videoprobe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/log.h>
}

#include <memory>

namespace ts::core {

namespace {

std::string avError(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

struct FormatCloser {
    void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct CodecCloser {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct PacketFree {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameFree {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};

// Decodes until the first frame comes out; false when the stream's data cannot be decoded.
bool decodeFirstFrame(AVFormatContext* fmt, int streamIndex, std::string* why) {
    const AVStream* st = fmt->streams[streamIndex];
    const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
    if (!codec) {
        *why =
            "no decoder for codec '" + std::string(avcodec_get_name(st->codecpar->codec_id)) + "'";
        return false;
    }
    std::unique_ptr<AVCodecContext, CodecCloser> ctx(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(ctx.get(), st->codecpar);
    ctx->thread_count = 1;
    if (int r = avcodec_open2(ctx.get(), codec, nullptr); r < 0) {
        *why = "the decoder cannot be opened: " + avError(r);
        return false;
    }
    std::unique_ptr<AVPacket, PacketFree> pkt(av_packet_alloc());
    std::unique_ptr<AVFrame, FrameFree> frame(av_frame_alloc());
    for (int read = 0; read < 600; ++read) {
        int r = av_read_frame(fmt, pkt.get());
        if (r < 0) {
            avcodec_send_packet(ctx.get(), nullptr);
        } else if (pkt->stream_index != streamIndex) {
            av_packet_unref(pkt.get());
            continue;
        } else {
            avcodec_send_packet(ctx.get(), pkt.get());
            av_packet_unref(pkt.get());
        }
        int got = avcodec_receive_frame(ctx.get(), frame.get());
        if (got == 0)
            return true;
        if (got != AVERROR(EAGAIN) || r < 0) {
            *why = got == AVERROR_EOF ? "no frame could be decoded" : avError(got);
            return false;
        }
    }
    *why = "no frame decoded from the first 600 packets";
    return false;
}

} // namespace

VideoProbe probeVideo(const std::filesystem::path& file, const std::string& displayName,
                      bool countFrames, Diagnostics& diags) {
    av_log_set_level(AV_LOG_QUIET); // findings are reported as diagnostics, not on stderr
    VideoProbe p;
    AVFormatContext* raw = nullptr;
    if (int r = avformat_open_input(&raw, file.c_str(), nullptr, nullptr); r < 0) {
        diags.error("video.open", displayName, -1,
                    "the video cannot be opened (" + avError(r) +
                        "); it may be truncated, still being written, or not a video");
        return p;
    }
    std::unique_ptr<AVFormatContext, FormatCloser> fmt(raw);
    if (int r = avformat_find_stream_info(fmt.get(), nullptr); r < 0) {
        diags.error("video.open", displayName, -1,
                    "the video's streams cannot be read: " + avError(r));
        return p;
    }
    const int vs = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (vs < 0) {
        diags.error("video.open", displayName, -1, "the file has no video stream");
        return p;
    }
    const AVStream* st = fmt->streams[vs];
    p.opened = true;
    p.width = st->codecpar->width;
    p.height = st->codecpar->height;
    p.codec = avcodec_get_name(st->codecpar->codec_id);
    p.declaredFrames = st->nb_frames;
    if (fmt->duration > 0)
        p.durationSeconds = static_cast<double>(fmt->duration) / AV_TIME_BASE;

    std::string why;
    if (!decodeFirstFrame(fmt.get(), vs, &why)) {
        diags.errorAtFrame("video.decode", displayName, 0,
                           "the first frame cannot be decoded: " + why);
        return p;
    }
    if (!countFrames)
        return p;
    if (av_seek_frame(fmt.get(), vs, st->start_time == AV_NOPTS_VALUE ? 0 : st->start_time,
                      AVSEEK_FLAG_BACKWARD) < 0)
        avformat_seek_file(fmt.get(), -1, INT64_MIN, 0, 0, 0);

    const int64_t fileSize = avio_size(fmt->pb);
    std::unique_ptr<AVPacket, PacketFree> pkt(av_packet_alloc());
    int64_t n = 0;
    for (;;) {
        int r = av_read_frame(fmt.get(), pkt.get());
        if (r == AVERROR_EOF)
            break;
        if (r < 0) {
            diags.errorAtFrame("video.truncated", displayName, n,
                               "the video cannot be read past frame " + std::to_string(n) + ": " +
                                   avError(r));
            break;
        }
        if (pkt->stream_index == vs) {
            if (fileSize > 0 && pkt->pos >= 0 && pkt->pos + pkt->size > fileSize) {
                diags.errorAtFrame("video.truncated", displayName, n,
                                   "the file ends inside frame " + std::to_string(n) +
                                       ": it was cut short");
                av_packet_unref(pkt.get());
                break;
            }
            if (pkt->flags & AV_PKT_FLAG_CORRUPT)
                diags.warningAtFrame("video.corrupt_packet", displayName, n,
                                     "the packet of frame " + std::to_string(n) +
                                         " is marked corrupt");
            ++n;
        }
        av_packet_unref(pkt.get());
    }
    p.frames = n;
    if (p.declaredFrames > 0 && n < p.declaredFrames && !diags.contains("video.truncated"))
        diags.errorAtFrame("video.truncated", displayName, n,
                           "the video ends after " + std::to_string(n) + " of the " +
                               std::to_string(p.declaredFrames) +
                               " frames its index lists: the file is truncated");
    return p;
}

} // namespace ts::core
