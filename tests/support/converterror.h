// Test helper: converts a capture folder into a bundle and returns the error message, or an
// empty string when the conversion succeeded (for tests of malformed sources).
#pragma once

#include "io/importers/bundleconverter.h"
#include "util/error.h"

#include <QString>

#include <optional>

namespace tstest {

inline QString convertError(const QString& src, const QString& out) {
    try {
        ts::core::importers::convertToBundle(src.toStdString(), out.toStdString(), std::nullopt,
                                             {});
    } catch (const ts::core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace tstest
