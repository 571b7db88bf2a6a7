#include "workspace/handstyle.h"

namespace ts::widgets {

QColor fingerColour(int finger) {
    switch (finger) {
    case 0:
        return QColor(0xef, 0x53, 0x50); // thumb: red
    case 1:
        return QColor(0xff, 0xa7, 0x26); // index: orange
    case 2:
        return QColor(0xfd, 0xd8, 0x35); // middle: yellow
    case 3:
        return QColor(0x66, 0xbb, 0x6a); // ring: green
    case 4:
        return QColor(0x42, 0xa5, 0xf5); // pinky: blue
    default:
        return QColor(0xf5, 0xf5, 0xf5); // wrist, palm
    }
}

int fingerOfJoint(int joint) {
    return joint <= 0 ? -1 : (joint - 1) / 4;
}

QColor forceColour() {
    return QColor(0xe0, 0x40, 0xfb); // magenta: unlike any finger colour
}

} // namespace ts::widgets
