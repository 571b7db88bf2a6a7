#include "synthtesthelpers.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}
#include <png.h>

#include <cstdio>

namespace synthtest {

int64_t decodeVideo(const std::filesystem::path& file, const std::vector<int64_t>& keep,
                    std::map<int64_t, Luma>& frames) {
    AVFormatContext* fmt = nullptr;
    if (avformat_open_input(&fmt, file.c_str(), nullptr, nullptr) < 0)
        throw std::runtime_error("cannot open video");
    avformat_find_stream_info(fmt, nullptr);
    const int si = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (si < 0)
        throw std::runtime_error("no video stream");
    const AVCodec* codec = avcodec_find_decoder(fmt->streams[si]->codecpar->codec_id);
    AVCodecContext* ctx = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(ctx, fmt->streams[si]->codecpar);
    avcodec_open2(ctx, codec, nullptr);
    AVPacket* pkt = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    int64_t count = 0;
    auto receive = [&] {
        while (avcodec_receive_frame(ctx, frame) == 0) {
            if (std::find(keep.begin(), keep.end(), count) != keep.end()) {
                Luma l;
                l.width = frame->width;
                l.height = frame->height;
                l.y.resize(static_cast<size_t>(l.width * l.height));
                for (int r = 0; r < l.height; ++r)
                    std::copy_n(frame->data[0] + r * frame->linesize[0], l.width,
                                l.y.begin() + r * l.width);
                frames[count] = std::move(l);
            }
            ++count;
        }
    };
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == si) {
            avcodec_send_packet(ctx, pkt);
            receive();
        }
        av_packet_unref(pkt);
    }
    avcodec_send_packet(ctx, nullptr);
    receive();
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&ctx);
    avformat_close_input(&fmt);
    return count;
}

std::vector<uint16_t> readPng16(const std::filesystem::path& file, int& width, int& height) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, file.c_str()))
        throw std::runtime_error("cannot read " + file.string());
    if (image.format != PNG_FORMAT_LINEAR_Y)
        throw std::runtime_error("not 16-bit grey: " + file.string());
    width = static_cast<int>(image.width);
    height = static_cast<int>(image.height);
    std::vector<uint16_t> px(static_cast<size_t>(width) * static_cast<size_t>(height));
    if (!png_image_finish_read(&image, nullptr, px.data(), 0, nullptr))
        throw std::runtime_error("cannot decode " + file.string());
    return px;
}

} // namespace synthtest
