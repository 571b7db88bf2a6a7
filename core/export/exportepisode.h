// What an export reads about one episode from the project store, with its own queries (the
// annotation/review tables are written elsewhere): identity, consent, the stream clocks,
// labels, events, reviews, who annotated, and the source media with their SHA-256.
// Thread ownership: selectEpisodes runs on the thread that owns the Database.
#pragma once

#include "model/clockmodel.h"
#include "model/manifest.h"
#include "model/time.h"
#include "store/storerecords.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {
class Database;
}

namespace ts::core::exporting {

struct LabelSpan {
    std::string tier; // "task" tier labels name the task of the frames they cover
    std::string text;
    TimeNs startNs = 0, endNs = 0; // episode timeline
    std::string author;
};

struct EventSpan {
    std::string kind; // slip | regrasp | recovery | contact | custom:<name>
    TimeNs startNs = 0;
    std::optional<TimeNs> endNs; // none: an instant
    std::string hand;            // left | right | both | "" (unknown)
    std::string note;
    std::string author;
};

// An annotator's corrected position of one joint in one sample of a hands stream (the raw
// sample is kept; the export writes the corrected joint in its place).
struct JointCorrection {
    std::string stream;
    TimeNs rawNs = 0; // the sample's time on the stream's clock
    int hand = 0;     // 0 left, 1 right (core::Hand)
    int joint = 0;
    double x = 0, y = 0, z = 0; // device frame, metres
};

struct ReviewRecord {
    std::string reviewer;
    std::string verdict; // approved | rejected | changes_requested
    nlohmann::json reasonCodes = nlohmann::json::array();
    std::string comment;
    std::string at;
};

struct StreamClock {
    std::string stream, kind;
    ClockModel model;
    std::string updatedAt;
};

struct ExportEpisode {
    int64_t rowId = 0;
    std::string id;
    std::string task;
    std::string participant; // pseudonym
    ConsentRecord consent;
    std::filesystem::path bundleDir; // absolute
    TimeNs timelineStartNs = 0, timelineEndNs = 0;
    std::vector<StreamClock> clocks;
    std::vector<LabelSpan> labels; // by start
    std::vector<EventSpan> events; // by start
    std::vector<JointCorrection> corrections;
    std::vector<ReviewRecord> reviews;
    std::vector<std::string> annotators; // authors of labels and events, sorted
    std::vector<MediaRecord> media;

    const ClockModel* clockOf(const std::string& stream) const;
};

struct Exclusion {
    std::string episode;
    std::string reason; // e.g. "status is 'submitted', not 'approved'"
};

struct Selection {
    std::vector<ExportEpisode> episodes; // in episode order
    std::vector<Exclusion> excluded;     // episodes of the project left out, and why
};

// Episodes with status 'approved' whose consent is recorded and not withdrawn. `requested`
// (episode ids, or row numbers) limits the selection; a requested episode that does not
// exist or may not be exported is an Error naming it and the reason.
Selection selectEpisodes(Database& db, const std::filesystem::path& projectDir,
                         const std::vector<std::string>& requested);

} // namespace ts::core::exporting
