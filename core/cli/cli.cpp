#include "cli/cli.h"

#include "cli/args.h"
#include "cli/commands.h"
#include "util/error.h"

#include <map>
#include <ostream>

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
  settings PROJECT [KEY VALUE] [--user NAME] [--json]
                                                 show project settings, or set one (leads)
  recon PROJECT EPISODE [--json] [--export-ply FILE] [--poses auto|pose|odometry|ground-truth]
        [--voxel-mm MM] [--max-voxels N] [--budget POINTS] [--max-frames N] [--no-colour]
                                                 metric 3D: odometry, world map, trajectory error
  export PROJECT --format lerobot|hdf5 --out DIR [--episodes ID,...] [--fps N] [--as USER] [--json]
                                                 approved, consented episodes as a dataset (leads)
  check BUNDLE... [--json] [--quick]             validate bundles without importing
  synth OUT_DIR [--seconds S] [--fps F] [--width W] [--height H] [--seed N]
        [--clock-offset STREAM=MS]... [--clock-drift STREAM=PPM]...
        [--drop-rate P] [--jitter-us U]          write a synthetic episode with ground truth
  frame VIDEO (--index N | --time-ns T) --out FILE.png [--timestamps CSV] [--json]
                                                 write that exact frame (displayed orientation)
  bench import|synth|decode|seek|sync-accuracy|recon-accuracy|recon|export [--seconds S] [--work-dir DIR]
                                                 performance figures as JSON lines
  --version                                      print the version

See docs/cli.md for every option and the --json output.
)";

using Command = int (*)(const Argv&, std::ostream&, std::ostream&);

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
        (args.size() < 2 ? err : out) << kUsage;
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == "--version") {
        out << "touchstone-cli " << TS_VERSION << "\n";
        return 0;
    }
    static const std::map<std::string, Command> commands{
        {"check", cmdCheck}, {"synth", cmdSynth},   {"init", cmdInit},   {"import", cmdImport},
        {"info", cmdInfo},   {"verify", cmdVerify}, {"bench", cmdBench}, {"frame", cmdFrame},
        {"sync", cmdSync},   {"settings", cmdSettings}, {"recon", cmdRecon}, {"convert", cmdConvert},
        {"export", cmdExport},
    };
    auto it = commands.find(args[1]);
    if (it == commands.end()) {
        err << "touchstone-cli: unknown command '" << args[1] << "'\n\n" << kUsage;
        return 2;
    }
    try {
        return it->second(args, out, err);
    } catch (const UsageError& e) {
        err << "touchstone-cli " << args[1] << ": " << e.what()
            << "\n(run 'touchstone-cli --help' for usage)\n";
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
