// A small demo project for widget tests: one synthetic episode of that length and video width
// (4:3), made by the same generator as the app's demo. Header-only; the test links the engine
// (through touchstone_widgets).
#pragma once

#include "project/demoproject.h"

#include <QString>

#include <string>

namespace ts::test {

inline std::string oneEpisodeDemo(const QString& dir, double seconds, int width,
                                  const std::string& user = "tester") {
    ts::core::DemoOptions o;
    o.episodes = 1;
    o.seconds = seconds;
    o.width = width;
    o.height = width * 3 / 4;
    o.user = user;
    return ts::core::ensureDemoProject(dir.toStdString(), o).string();
}

} // namespace ts::test
