#include "workspace/timeformat.h"

#include <cstdlib>

namespace ts::widgets {

QString formatTimelineTime(qint64 ns, bool fine) {
    const bool negative = ns < 0;
    const qint64 ms = std::llabs(ns) / 1'000'000;
    const qint64 s = ms / 1000, m = s / 60, h = m / 60;
    QString out = h > 0 ? QStringLiteral("%1:%2:%3")
                              .arg(h)
                              .arg(m % 60, 2, 10, QLatin1Char('0'))
                              .arg(s % 60, 2, 10, QLatin1Char('0'))
                        : QStringLiteral("%1:%2").arg(m).arg(s % 60, 2, 10, QLatin1Char('0'));
    if (fine)
        out += QStringLiteral(".%1").arg(ms % 1000, 3, 10, QLatin1Char('0'));
    return negative ? QStringLiteral("−") + out : out;
}

} // namespace ts::widgets
