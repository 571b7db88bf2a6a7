#include "media/videoreader.h"

#include "media/framerotation.h"
#include "util/error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <algorithm>
#include <cmath>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace ts::core::media {

namespace fs = std::filesystem;

namespace {

std::string avError(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

// Clockwise degrees to turn the stored picture for display, as ffmpeg's autorotate does.
int displayRotation(const AVStream* st) {
    const uint8_t* m = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, nullptr);
    if (!m)
        return 0;
    double theta = -std::round(av_display_rotation_get(reinterpret_cast<const int32_t*>(m)));
    theta -= 360 * std::floor(theta / 360 + 0.9 / 360);
    const int r = static_cast<int>(std::lround(theta / 90.0)) * 90 % 360;
    return r < 0 ? r + 360 : r;
}

} // namespace

struct VideoReader::Impl {
    fs::path file;
    AVFormatContext* fmt = nullptr;
    AVCodecContext* dec = nullptr;
    AVPacket* pkt = nullptr;
    AVFrame* frm = nullptr;
    SwsContext* sws = nullptr;
    int previewMaxW = 0, previewMaxH = 0; // setPreviewSize
    int vs = -1;
    FrameIndex index;
    VideoInfo info;
    int64_t position = -1; // display index of the last frame the decoder gave us
    bool flushed = false;  // end of file reached and the decoder drained
    int64_t decoded = 0;
    int grayMaxWidth = 0; // VideoReaderOptions::grayMaxWidth

    ~Impl() {
        sws_freeContext(sws);
        av_frame_free(&frm);
        av_packet_free(&pkt);
        avcodec_free_context(&dec);
        avformat_close_input(&fmt);
    }

    [[noreturn]] void fail(int64_t frame, const std::string& what) const {
        throw Error(file.string(), "frame " + std::to_string(frame) + ": " + what);
    }

    void buildIndex(const std::atomic<bool>* cancel) {
        const int64_t fileSize = avio_size(fmt->pb);
        const AVStream* st = fmt->streams[vs];
        index.timeBaseNum = st->time_base.num;
        index.timeBaseDen = st->time_base.den;
        int64_t packets = 0;
        for (;;) {
            if (cancel && cancel->load(std::memory_order_relaxed))
                throw Error(file.string(), "indexing the video was cancelled");
            int r = av_read_frame(fmt, pkt);
            if (r == AVERROR_EOF)
                break;
            if (r < 0) {
                index.truncated = true;
                break;
            }
            if (pkt->stream_index == vs) {
                // A packet cut by the end of the file comes back short and flagged corrupt.
                const bool cut =
                    fileSize > 0 && pkt->pos >= 0 &&
                    (pkt->pos + pkt->size > fileSize ||
                     ((pkt->flags & AV_PKT_FLAG_CORRUPT) && pkt->pos + pkt->size >= fileSize));
                if (cut) {
                    index.truncated = true;
                    av_packet_unref(pkt);
                    break;
                }
                ++packets;
                // Packets an edit list cuts away are decoded as references but never shown.
                if (!(pkt->flags & AV_PKT_FLAG_DISCARD)) {
                    FrameIndexEntry e;
                    e.pts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
                    e.dts = pkt->dts != AV_NOPTS_VALUE ? pkt->dts : e.pts;
                    e.pos = pkt->pos;
                    e.size = pkt->size;
                    e.key = pkt->flags & AV_PKT_FLAG_KEY;
                    e.corrupt = pkt->flags & AV_PKT_FLAG_CORRUPT;
                    index.frames.push_back(e);
                }
            }
            av_packet_unref(pkt);
        }
        if (st->nb_frames > 0 && packets < st->nb_frames)
            index.truncated = true;
        if (index.truncated)
            index.truncatedAfter = packets;
        std::stable_sort(
            index.frames.begin(), index.frames.end(),
            [](const FrameIndexEntry& a, const FrameIndexEntry& b) { return a.pts < b.pts; });
        if (!index.frames.empty() && !index.frames.front().key)
            index.frames.front().key = true; // decoding has to start somewhere
    }

    void seekTo(int64_t keyframe) {
        const FrameIndexEntry& e = index.frames[static_cast<size_t>(keyframe)];
        // Formats that index by presentation time want the pts; the rest (MP4) the dts.
        const bool byPts = fmt->iformat->flags & AVFMT_SEEK_TO_PTS;
        int r = av_seek_frame(fmt, vs, byPts ? e.pts : e.dts, AVSEEK_FLAG_BACKWARD);
        if (r < 0)
            r = av_seek_frame(fmt, vs, std::min(e.pts, e.dts),
                              AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_ANY);
        if (r < 0)
            fail(keyframe, "seeking to the keyframe failed: " + avError(r));
        avcodec_flush_buffers(dec);
        position = -1;
        flushed = false;
    }

    VideoFrame convert(int64_t idx) {
        VideoFrame out;
        out.index = idx;
        out.pts = index.frames[static_cast<size_t>(idx)].pts;
        out.ptsNs = index.ptsToNs(out.pts);
        out.key = frm->key_frame;
        out.damaged = frm->decode_error_flags != 0 || (frm->flags & AV_FRAME_FLAG_CORRUPT);
        const int w = frm->width, h = frm->height;
        const bool gray = grayMaxWidth > 0;
        int ow = w, oh = h;
        if (gray && w > grayMaxWidth) {
            ow = grayMaxWidth;
            oh = std::max(1, static_cast<int>(std::lround(static_cast<double>(h) * ow / w)));
        }
        const AVPixelFormat outFormat = gray ? AV_PIX_FMT_GRAY8 : AV_PIX_FMT_RGB24;
        const int channels = gray ? 1 : 3;
        if (gray && grayFromLuma(out, ow, oh))
            return out;
        sws = sws_getCachedContext(sws, w, h, static_cast<AVPixelFormat>(frm->format), ow, oh,
                                   outFormat, gray ? SWS_AREA : SWS_BICUBIC, nullptr, nullptr,
                                   nullptr);
        if (!sws)
            fail(idx,
                 "no conversion from pixel format " +
                     std::string(av_get_pix_fmt_name(static_cast<AVPixelFormat>(frm->format))));
        std::vector<uint8_t> rgb(static_cast<size_t>(ow) * oh * channels);
        uint8_t* dst[4] = {rgb.data(), nullptr, nullptr, nullptr};
        int stride[4] = {ow * channels, 0, 0, 0};
        sws_scale(sws, frm->data, frm->linesize, 0, h, dst, stride);
        out.width = ow;
        out.height = oh;
        out.channels = channels;
        out.rgb = std::move(rgb);
        rotateRgb(out.rgb, out.width, out.height, info.rotation, channels);
        if (!gray && previewMaxW > 0 && previewMaxH > 0)
            makePreview(out, previewMaxW, previewMaxH);
        return out;
    }

    // Gray straight from the luma plane of an 8-bit YUV frame when the scale is a whole
    // number k (640 → 320, 1920 → 320): each output pixel is the mean of a k × k block, the
    // same as swscale's area filter there, without its format and range passes (a tenth of the
    // analysis pass's own work). Luma keeps the video's range (16–235 for most video), which
    // corner finding and tracking do not mind. Other formats and scales: false (swscale).
    bool grayFromLuma(VideoFrame& out, int ow, int oh) const {
        const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frm->format));
        if (!d || (d->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BE)) ||
            d->nb_components < 1 || d->comp[0].depth != 8 || d->comp[0].plane != 0 ||
            d->comp[0].step != 1 || d->comp[0].offset != 0)
            return false;
        const int w = frm->width, h = frm->height;
        const int k = w / ow;
        if (k < 1 || k > 16 || w != ow * k || h / k != oh)
            return false;
        std::vector<uint8_t> px(static_cast<size_t>(ow) * oh);
        const uint8_t* src = frm->data[0];
        const ptrdiff_t ls = frm->linesize[0];
        const int n = k * k;
        const uint64_t recip = ((uint64_t(1) << 32) + uint64_t(n) - 1) / uint64_t(n);
        std::vector<uint16_t> acc(static_cast<size_t>(ow));
        for (int y = 0; y < oh; ++y) {
            std::fill(acc.begin(), acc.end(), 0);
            for (int r = 0; r < k; ++r) {
                const uint8_t* row = src + static_cast<ptrdiff_t>(y * k + r) * ls;
                if (k == 2) {
                    int x = 0;
#ifdef __SSE2__
                    // 16 output pixels a step: the even and odd bytes of 32 as 16-bit lanes.
                    const __m128i lo = _mm_set1_epi16(0x00ff);
                    for (; x + 16 <= ow; x += 16) {
                        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2 * x));
                        const __m128i b =
                            _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 2 * x + 16));
                        const __m128i sa = _mm_add_epi16(_mm_and_si128(a, lo), _mm_srli_epi16(a, 8));
                        const __m128i sb = _mm_add_epi16(_mm_and_si128(b, lo), _mm_srli_epi16(b, 8));
                        __m128i* d0 = reinterpret_cast<__m128i*>(acc.data() + x);
                        _mm_storeu_si128(d0, _mm_add_epi16(_mm_loadu_si128(d0), sa));
                        _mm_storeu_si128(d0 + 1, _mm_add_epi16(_mm_loadu_si128(d0 + 1), sb));
                    }
#endif
                    for (; x < ow; ++x)
                        acc[size_t(x)] += uint16_t(row[2 * x] + row[2 * x + 1]);
                } else {
                    for (int x = 0; x < ow; ++x)
                        for (int c = 0; c < k; ++c)
                            acc[size_t(x)] += row[x * k + c];
                }
            }
            uint8_t* dst = px.data() + static_cast<size_t>(y) * ow;
            // Rounded mean by a reciprocal: exact for sums below 2^17 and n ≤ 256 (an integer
            // division per pixel cost more than the sums).
            for (int x = 0; x < ow; ++x)
                dst[x] = static_cast<uint8_t>((uint64_t(acc[size_t(x)] + n / 2) * recip) >> 32);
        }
        out.width = ow;
        out.height = oh;
        out.channels = 1;
        out.rgb = std::move(px);
        rotateRgb(out.rgb, out.width, out.height, info.rotation, 1);
        return true;
    }

    // The display-sized BGRA copy of the frame (setPreviewSize), from the RGB24 picture just
    // made: each output pixel averages the 2 × 2 source pixels around where it falls. The
    // scaled YUV → BGRA path of swscale costs several times the whole full-size conversion;
    // this costs a fraction of it.
    static void makePreview(VideoFrame& out, int maxW, int maxH) {
        const int w = out.width, h = out.height;
        const double s = std::min({1.0, double(maxW) / w, double(maxH) / h});
        const int pw = std::max(1, static_cast<int>(std::lround(w * s)));
        const int ph = std::max(1, static_cast<int>(std::lround(h * s)));
        std::vector<int> x0(static_cast<size_t>(pw)), x1(static_cast<size_t>(pw));
        for (int x = 0; x < pw; ++x) {
            const double sx = (x + 0.5) * w / pw - 0.5;
            x0[size_t(x)] = std::clamp(static_cast<int>(std::floor(sx)), 0, w - 1) * 3;
            x1[size_t(x)] = std::min(x0[size_t(x)] / 3 + 1, w - 1) * 3;
        }
        std::vector<uint8_t> px(static_cast<size_t>(pw) * ph * 4);
        const uint8_t* src = out.rgb.data();
        const size_t stride = static_cast<size_t>(w) * 3;
        for (int y = 0; y < ph; ++y) {
            const double sy = (y + 0.5) * h / ph - 0.5;
            const int r0 = std::clamp(static_cast<int>(std::floor(sy)), 0, h - 1);
            const int r1 = std::min(r0 + 1, h - 1);
            const uint8_t* a = src + size_t(r0) * stride;
            const uint8_t* b = src + size_t(r1) * stride;
            uint8_t* d = px.data() + size_t(y) * pw * 4;
            for (int x = 0; x < pw; ++x, d += 4) {
                const int i = x0[size_t(x)], j = x1[size_t(x)];
                for (int c = 0; c < 3; ++c) // R, G, B in; B, G, R out
                    d[2 - c] = uint8_t((a[i + c] + a[j + c] + b[i + c] + b[j + c] + 2) >> 2);
                d[3] = 255;
            }
        }
        out.preview = std::move(px);
        out.previewWidth = pw;
        out.previewHeight = ph;
    }

    // Decodes forward until display index `target` comes out. Frames from `firstUseful` on
    // are handed to `passing`. Returns false when the target was skipped or never came.
    bool decodeUntil(int64_t target, int64_t firstUseful, VideoFrame& out,
                     const std::function<void(VideoFrame&&)>& passing) {
        for (;;) {
            int r = avcodec_receive_frame(dec, frm);
            if (r == 0) {
                ++decoded;
                const int64_t pts =
                    frm->pts != AV_NOPTS_VALUE ? frm->pts : frm->best_effort_timestamp;
                const int64_t idx = index.indexOfPts(pts);
                if (idx < 0) {
                    av_frame_unref(frm);
                    continue;
                }
                position = idx;
                if (idx == target) {
                    out = convert(idx);
                    av_frame_unref(frm);
                    return true;
                }
                if (idx > target) {
                    av_frame_unref(frm);
                    return false;
                }
                if (passing && idx >= firstUseful)
                    passing(convert(idx));
                av_frame_unref(frm);
                continue;
            }
            if (r == AVERROR_EOF) {
                flushed = true;
                return false;
            }
            if (r != AVERROR(EAGAIN))
                return false;
            // The decoder wants input.
            for (;;) {
                r = av_read_frame(fmt, pkt);
                if (r < 0) {
                    avcodec_send_packet(dec, nullptr); // drain the frames still inside
                    break;
                }
                if (pkt->stream_index != vs) {
                    av_packet_unref(pkt);
                    continue;
                }
                // A damaged packet costs its own frame; the decoder goes on with the next.
                avcodec_send_packet(dec, pkt);
                av_packet_unref(pkt);
                break;
            }
        }
    }
};

VideoReader::VideoReader() : d_(std::make_unique<Impl>()) {}
VideoReader::~VideoReader() = default;

void VideoReader::setPreviewSize(int maxWidth, int maxHeight) {
    d_->previewMaxW = std::max(0, maxWidth);
    d_->previewMaxH = std::max(0, maxHeight);
}

std::unique_ptr<VideoReader> VideoReader::open(const fs::path& file, const VideoReaderOptions& o) {
    av_log_set_level(AV_LOG_QUIET); // problems are reported as errors, not on stderr
    std::unique_ptr<VideoReader> r(new VideoReader());
    Impl& d = *r->d_;
    d.file = file;
    d.grayMaxWidth = o.grayMaxWidth;
    if (int e = avformat_open_input(&d.fmt, file.c_str(), nullptr, nullptr); e < 0)
        throw Error(file.string(), "the video cannot be opened (" + avError(e) +
                                       "); it may be truncated or not a video");
    if (int e = avformat_find_stream_info(d.fmt, nullptr); e < 0)
        throw Error(file.string(), "the video's streams cannot be read: " + avError(e));
    const AVCodec* codec = nullptr;
    d.vs = av_find_best_stream(d.fmt, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (d.vs < 0 || !codec)
        throw Error(file.string(), d.vs < 0 ? "the file has no video stream"
                                            : "no decoder for this video's codec");
    AVStream* st = d.fmt->streams[d.vs];
    d.dec = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(d.dec, st->codecpar);
    d.dec->thread_count = std::max(1, o.threads);
    d.dec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
    if (o.skipLoopFilter && o.grayMaxWidth > 0 && st->codecpar->width >= 2 * o.grayMaxWidth) {
        d.dec->skip_loop_filter = AVDISCARD_ALL;
        d.dec->flags2 |= AV_CODEC_FLAG2_FAST;
    }
    d.dec->pkt_timebase = st->time_base;
    if (int e = avcodec_open2(d.dec, codec, nullptr); e < 0)
        throw Error(file.string(), "the decoder cannot be opened: " + avError(e));
    d.pkt = av_packet_alloc();
    d.frm = av_frame_alloc();

    if (o.cachedIndex && o.cachedIndex->timeBaseNum == st->time_base.num &&
        o.cachedIndex->timeBaseDen == st->time_base.den)
        d.index = *o.cachedIndex;
    else
        d.buildIndex(o.cancel);
    if (d.index.frames.empty())
        throw Error(file.string(), "the video holds no frames");

    VideoInfo& info = d.info;
    info.codec = avcodec_get_name(st->codecpar->codec_id);
    info.codedWidth = st->codecpar->width;
    info.codedHeight = st->codecpar->height;
    info.rotation = displayRotation(st);
    const bool swap = info.rotation == 90 || info.rotation == 270;
    info.width = swap ? info.codedHeight : info.codedWidth;
    info.height = swap ? info.codedWidth : info.codedHeight;
    info.firstNs = d.index.ptsToNs(d.index.frames.front().pts);
    info.lastNs = d.index.ptsToNs(d.index.frames.back().pts);
    if (d.index.size() > 1 && info.lastNs > info.firstNs)
        info.averageFps = static_cast<double>(d.index.size() - 1) * 1e9 /
                          static_cast<double>(info.lastNs - info.firstNs);
    d.seekTo(0);
    return r;
}

const VideoInfo& VideoReader::info() const {
    return d_->info;
}
const FrameIndex& VideoReader::index() const {
    return d_->index;
}
const fs::path& VideoReader::file() const {
    return d_->file;
}
int64_t VideoReader::decodedFrames() const {
    return d_->decoded;
}

VideoFrame VideoReader::frame(int64_t n, const std::function<void(VideoFrame&&)>& passing) {
    Impl& d = *d_;
    if (n < 0 || n >= d.index.size())
        throw Error(d.file.string(), "frame " + std::to_string(n) +
                                         " does not exist: the video has " +
                                         std::to_string(d.index.size()) + " frames" +
                                         (d.index.truncated ? " (the file is truncated)" : ""));
    VideoFrame out;
    // Going on from where the decoder is beats a seek when no keyframe lies in between.
    const int64_t key = d.index.keyframeAtOrBefore(n);
    if (d.position >= 0 && !d.flushed && n > d.position && key <= d.position + 1) {
        if (d.decodeUntil(n, d.position + 1, out, passing))
            return out;
    }
    // Seek to the keyframe; if the decoder cannot produce the frame from there (open GOPs,
    // a keyframe flag that lies), start one keyframe earlier.
    int64_t k = key;
    for (int attempt = 0; attempt < 4; ++attempt) {
        d.seekTo(k);
        if (d.decodeUntil(n, k, out, passing))
            return out;
        if (k == 0)
            break;
        k = d.index.keyframeAtOrBefore(k - 1);
    }
    d.position = -1;
    d.fail(n, d.index.frames[static_cast<size_t>(n)].corrupt
                  ? "the frame's data is damaged and cannot be decoded"
                  : "the frame cannot be decoded (damaged or missing data)");
}

VideoFrame VideoReader::frameAtTime(TimeNs t) {
    const int64_t n = d_->index.indexAtTimeNs(t);
    if (n < 0)
        throw Error(d_->file.string(), "no frame is shown at " + std::to_string(t) +
                                           " ns: the first frame is at " +
                                           std::to_string(d_->info.firstNs) + " ns");
    return frame(n);
}

VideoFrame VideoReader::next() {
    return frame(d_->position < 0 ? 0 : d_->position + 1);
}

} // namespace ts::core::media
