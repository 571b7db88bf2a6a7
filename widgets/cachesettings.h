// How much memory the app keeps decoded video frames in: the "cache/video_frames_mb" setting
// (View → Video Frame Memory…), 384 MB unless changed, between 64 MB and 16 GB. An episode
// workspace's frame cache holds at most this many bytes of frames (and their display-sized
// copies); decoding ahead takes at most half of it.
#pragma once

#include <cstddef>

class QMenu;
class QWidget;

namespace ts::widgets {

inline constexpr int kDefaultVideoFramesMb = 384;
inline constexpr int kMinVideoFramesMb = 64;
inline constexpr int kMaxVideoFramesMb = 16384;

int videoFramesMb(); // the setting, clamped to the range above
void saveVideoFramesMb(int mb);
// View → Video Frame Memory…: asks for the size; it applies to episodes opened afterwards.
void addCacheActions(QMenu* menu, QWidget* parent);

} // namespace ts::widgets
