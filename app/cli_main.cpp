// touchstone-cli: the headless engine front-end (docs/cli.md).
#include "cli/cli.h"

#include <iostream>

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    return ts::core::cli::run(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr);
}
