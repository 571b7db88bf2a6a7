#include "cli/cli.h"

#include <ostream>

namespace ts::core::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() >= 2 && args[1] == "--version") {
        out << "touchstone-cli " << TS_VERSION << "\n";
        return 0;
    }
    err << "usage: touchstone-cli --version\n";
    return 2;
}

} // namespace ts::core::cli
