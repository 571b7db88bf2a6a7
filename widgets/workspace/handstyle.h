// How hands look in every view: one colour per finger (the palm's bones and the wrist in a
// neutral tone), the same in the video overlay, the 3D scene and the legends.
#pragma once

#include <QColor>

namespace ts::widgets {

// Finger 0..4 = thumb..pinky; -1 = wrist and palm.
QColor fingerColour(int finger);
// The finger a joint (canonical order) belongs to; -1 for the wrist.
int fingerOfJoint(int joint);
// The colour of fingertip force halos.
QColor forceColour();

} // namespace ts::widgets
