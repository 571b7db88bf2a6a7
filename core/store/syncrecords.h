// Writing what the sync engine (or a person) decides about an episode's clocks and QC: a
// stream's clock model and qc_metric rows, each checked against the actor's role and audited
// in the same transaction. Thread ownership: its Database's thread.
#pragma once

#include "store/storerecords.h"

#include <string>
#include <vector>

namespace ts::core {

class Database;

class SyncRecords {
public:
    explicit SyncRecords(Database& db) : db_(db) {}

    // Throws Error when the episode is approved: its clocks stay as its reviewer saw them until
    // a lead reopens it (setClockModel and undoClockModel refuse then).
    void requireClocksOpen(const std::string& episodeId);
    // `undo`: audited "clock_model.undo" rather than "clock_model.set".
    void setClockModel(const std::string& actor, const std::string& episodeId,
                       const std::string& streamName, const ClockModel& model, bool undo = false);
    ClockModel undoClockModel(const std::string& actor, const std::string& episodeId,
                              const std::string& streamName);
    void recordQcMetrics(const std::string& actor, const std::string& episodeId,
                         const std::vector<QcMetric>& metrics);
    std::vector<QcMetric> qcMetrics(const std::string& episodeId);

private:
    int64_t episodeRowId(const std::string& episodeId);
    // The episode's slip decisions mapped from one force clock to the other (setClockModel).
    void moveSlipDecisions(int64_t episodeRowId, const ClockModel& before, const ClockModel& after);

    Database& db_;
};

} // namespace ts::core
