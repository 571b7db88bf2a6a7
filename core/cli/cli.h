// touchstone-cli's commands as a library, so that tests can run them in-process and the
// executable stays a thin main(). Output goes to the given streams; the return value is the
// process exit code (0 ok, 1 failure found, 2 usage error).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ts::core::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace ts::core::cli
