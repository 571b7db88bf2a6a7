#include "cli/cli.h"

#include "cli/args.h"
#include "cli/commands.h"
#include "util/buildinfo.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <map>
#include <ostream>
#include <sstream>

namespace ts::core::cli {

namespace {

const char* kUsage = R"(usage: touchstone-cli COMMAND [ARGS]

Commands:
  init PROJECT [--name NAME] [--user NAME]      create a project file (SQLite)
  import PROJECT PATH... [--format aria-mps|stray|egodex|bundle] [--user NAME] [--json]
        [--id ID] [--task TEXT] [--participant P] [--consent ID --consent-form V
        --consent-signed DATE]                   check and register bundles or captures
  convert PATH OUT_BUNDLE [--format F] [--id ID] [...] [--json]
                                                 write a capture as a native bundle
  info PROJECT [EPISODE] [--json]                what the project (or one episode) holds
  verify PROJECT [--json]                        integrity, media hashes, audit chain
  sync PROJECT [EPISODE] [--user NAME] [--json]  stream health and clock alignment, stored
  clock PROJECT EPISODE [STREAM] [--offset-ms MS | --shift-ms MS] [--drift-ppm PPM] [--undo]
        [--user NAME] [--json]                   show clock models, set one by hand, undo
  settings PROJECT [KEY VALUE] [--user NAME] [--json]
                                                 show project settings, or set one (leads)
  recon PROJECT EPISODE [--json] [--export-ply FILE] [--poses auto|pose|odometry|ground-truth]
        [--voxel-mm MM] [--max-voxels N] [--budget POINTS] [--max-frames N] [--no-colour]
        [--no-cache]
                                                 metric 3D: odometry, world map, trajectory error
  export PROJECT --format lerobot|hdf5 --out DIR [--episodes ID,...] [--fps N] [--as USER] [--json]
                                                 approved, consented episodes as a dataset (leads)
  check BUNDLE... [--json] [--quick]             validate bundles without importing
  synth OUT_DIR [--seconds S] [--fps F] [--width W] [--height H] [--seed N]
        [--clock-offset STREAM=MS]... [--clock-drift STREAM=PPM]...
        [--drop-rate P] [--jitter-us U] [--crf N] [--head-turn X]
                                                 write a synthetic episode with ground truth
  frame VIDEO (--index N | --time-ns T) --out FILE.png [--timestamps CSV] [--json]
                                                 write that exact frame (displayed orientation)
  label PROJECT EPISODE add|list|update ID|delete ID|undo|vocabulary [--tier T] [--from S]
        [--to S] [--text TEXT] [--snap frame|contact|none] [--as USER] [--json]
                                                 language labels on time spans
  event PROJECT EPISODE add|list|update ID|delete ID|suggest|undo [--kind K] [--at S] [--to S]
        [--hand H] [--note N] [--recovers ID] [--accept K|--dismiss K] [--as USER] [--json]
                                                 slips, regrasps, recoveries, contacts
  submit|reopen PROJECT EPISODE [--as USER]      hand in for review / annotate again
  review PROJECT EPISODE [--approve | --reject --reason CODE[,...]] [--comment C] [--as USER]
                                                 verdict, or status + QC checks without one
  consent PROJECT add-participant|add-form|add-consent|withdraw|list|exportable ...
                                                 participants, consent forms, withdrawal
  user PROJECT add NAME --role R | set-role NAME --role R | list [--as ADMIN]
                                                 project users and their roles
  audit PROJECT [--episode ID] [--json] | audit PROJECT verify
                                                 the audit log, and its hash chain
  bench import|synth|decode|seek|sync|sync-accuracy|recon-accuracy|recon|store|export [--seconds S] [--work-dir DIR]
                                                 performance figures as JSON lines
  --version [--verbose [--json]]                 print the version (verbose: commit,
                                                 compiler and library versions, for bug reports)

See docs/cli.md for every option and the --json output.
)";

using Command = int (*)(const Argv&, std::ostream&, std::ostream&);

// One command's lines of kUsage: the line that names it ("  sync PROJECT …", or one of
// "submit|reopen") and the indented lines that continue it. Empty for a name it lacks.
std::string commandUsage(const std::string& command) {
    std::istringstream in(kUsage);
    std::string line, block;
    bool inBlock = false;
    while (std::getline(in, line)) {
        if (line.rfind("        ", 0) == 0) { // a continuation of the line above
            if (inBlock)
                block += line + "\n";
            continue;
        }
        inBlock = false;
        if (line.rfind("  ", 0) != 0 || line.size() < 3 || line[2] == ' ')
            continue;
        const std::string names = line.substr(2, line.find(' ', 2) - 2);
        std::istringstream alternatives(names);
        for (std::string name; std::getline(alternatives, name, '|');)
            if (name == command)
                inBlock = true;
        if (inBlock)
            block += line + "\n";
    }
    return block;
}


// --version [--verbose [--json]]
int printVersion(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    bool verbose = false, json = false;
    for (size_t i = 2; i < args.size(); ++i) {
        if (args[i] == "--verbose")
            verbose = true;
        else if (args[i] == "--json")
            json = true;
        else {
            err << "touchstone-cli --version: unknown option " << args[i] << "\n";
            return 2;
        }
    }
    if (!verbose) {
        out << "touchstone-cli " << TS_VERSION << "\n";
        return 0;
    }
    const BuildInfo b = buildInfo();
    if (!json) {
        out << toText(b);
        return 0;
    }
    nlohmann::json j{{"version", b.version},          {"commit", b.commit},
                     {"build_type", b.buildType},     {"compiler", b.compiler},
                     {"cxx_standard", b.cxxStandard}, {"system", b.system}};
    j["libraries"] = nlohmann::json::array();
    for (const LibraryVersion& l : b.libraries)
        j["libraries"].push_back(
            {{"name", l.name}, {"compiled", l.compiled}, {"running", l.running}});
    out << j.dump(2) << "\n";
    return 0;
}

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
        (args.size() < 2 ? err : out) << kUsage;
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == "--version")
        return printVersion(args, out, err);
    static const std::map<std::string, Command> commands{
        {"check", cmdCheck},
        {"synth", cmdSynth},
        {"init", cmdInit},
        {"import", cmdImport},
        {"info", cmdInfo},
        {"verify", cmdVerify},
        {"bench", cmdBench},
        {"frame", cmdFrame},
        {"sync", cmdSync},
        {"clock", cmdClock},
        {"settings", cmdSettings},
        {"recon", cmdRecon},
        {"convert", cmdConvert},
        // annotation and review
        {"label", cmdLabel},
        {"event", cmdEvent},
        {"submit", cmdSubmit},
        {"review", cmdReview},
        {"reopen", cmdReopen},
        {"consent", cmdConsent},
        {"audit", cmdAudit},
        {"user", cmdUser},
        {"export", cmdExport},
    };
    auto it = commands.find(args[1]);
    if (it == commands.end()) {
        err << "touchstone-cli: unknown command '" << args[1] << "'\n\n" << kUsage;
        return 2;
    }
    try {
        return it->second(args, out, err);
    } catch (const HelpRequested&) { // COMMAND --help (not as an option's value), COMMAND -h
        out << "usage:\n"
            << commandUsage(args[1]) << "\nSee docs/cli.md for every option and the --json output.\n";
        return 0;
    } catch (const UsageError& e) {
        err << "touchstone-cli " << args[1] << ": " << e.what() << "\n(run 'touchstone-cli "
            << args[1] << " --help' for usage)\n";
        return 2;
    } catch (const Error& e) {
        err << "touchstone-cli " << args[1] << ": error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        err << "touchstone-cli " << args[1] << ": unexpected error: " << e.what() << "\n";
        return 1;
    }
}

} // namespace ts::core::cli
