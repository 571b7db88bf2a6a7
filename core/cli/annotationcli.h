// What the annotation commands of touchstone-cli share (label, event, submit, review, consent,
// audit): the acting user (--as, else --user, else the default), seconds ↔ timeline
// nanoseconds, and the JSON of an edit.
#pragma once

#include "annotation/edit.h"
#include "cli/args.h"
#include "model/time.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ts::core {
class ProjectStore;
}

namespace ts::core::cli {

std::string actingUser(const Args& a);
TimeNs secondsToNs(double seconds);
double secondsFrom(TimeNs t, TimeNs start); // seconds of t after start
TimeNs episodeStart(ProjectStore& store, const std::string& episode); // Error if unknown
// {"action", "episode", "entity", "id", "text", "audit_seq", "rows_changed"}
nlohmann::json editJson(const annotation::Edit& e);

} // namespace ts::core::cli
