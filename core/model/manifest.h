// What an episode bundle's episode.json declares (docs/bundle-format.md): who, under which
// consent, on which device, which clocks and which streams.
#pragma once

#include "model/clockmodel.h"
#include "model/streamkind.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ts::core {

struct ConsentRecord {
    std::string id;                 // the consent's reference (form instance id or document name)
    std::string formVersion;        // version of the consent form that was signed
    std::string terms;              // the terms in force, as text or a short reference
    std::vector<std::string> scope; // e.g. "research", "commercial", "publication"
    std::string compensation;
    std::string signedAt; // ISO 8601 date or date-time
    std::optional<std::string> withdrawnAt;
};

struct DeviceInfo {
    std::string model;
    std::string serial;
};

struct ClockDecl {
    std::string name;
    std::string description;
    bool timeline = false;           // the clock the episode timeline is on (the RGB camera's)
    std::optional<ClockModel> model; // a raw→timeline mapping known from the recording
};

struct StreamDecl {
    std::string name;
    StreamKind kind = StreamKind::Imu;
    std::string path;       // relative to the bundle; a folder for depth PNG sequences
    std::string timestamps; // frame timestamp CSV for video and depth, else empty
    std::string clock;
    std::map<std::string, std::string> units;
    std::optional<double> nominalRateHz;
};

// A file carried with the episode that is not one of the six stream kinds: what a source
// recorded beyond them (a world point cloud, pose velocities, per-frame depth confidence), kept so
// that nothing measured is thrown away on import. Optional; docs/bundle-format.md "Attachments".
struct AttachmentDecl {
    std::string name;
    std::string kind;   // points | table | frames
    std::string path;   // a CSV file, or a folder of NNNNNN.png for frames
    std::string stream; // the stream it belongs to (its clock, its frame indices), may be empty
    std::string description;
};

struct Manifest {
    std::string format; // "touchstone-episode/1"
    int formatVersion = 0;
    std::string id;
    std::string task;
    std::string participant;
    ConsentRecord consent;
    DeviceInfo device;
    std::string calibration; // relative path, may be empty
    std::vector<ClockDecl> clocks;
    std::vector<StreamDecl> streams;
    std::vector<AttachmentDecl> attachments;
    std::string notes;

    const ClockDecl* clock(const std::string& name) const;
    const StreamDecl* stream(const std::string& name) const;
};

} // namespace ts::core
