#include "workspace/colormap.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace ts::widgets {

QColor depthColour(double z, double near, double far) {
    // Turbo's key colours, near (red) to far (dark blue).
    static constexpr std::array<std::array<int, 3>, 7> stops{{{122, 4, 3},
                                                              {230, 80, 20},
                                                              {250, 185, 55},
                                                              {165, 250, 60},
                                                              {40, 230, 165},
                                                              {50, 140, 245},
                                                              {48, 18, 59}}};
    double f = far > near ? (z - near) / (far - near) : 0.0;
    f = std::clamp(f, 0.0, 1.0) * (stops.size() - 1);
    const size_t i = std::min<size_t>(static_cast<size_t>(f), stops.size() - 2);
    const double u = f - double(i);
    auto mix = [&](int k) { return int(std::lround(stops[i][k] * (1 - u) + stops[i + 1][k] * u)); };
    return QColor(mix(0), mix(1), mix(2));
}

} // namespace ts::widgets
