// Thrown when the user cancels an export; the export leaves nothing behind.
#pragma once

#include "util/error.h"

namespace ts::core::exporting {

struct ExportCancelled : Error {
    ExportCancelled() : Error("the export was cancelled; nothing was written") {}
};

} // namespace ts::core::exporting
