// The subcommands of touchstone-cli, one function each (docs/cli.md). Each returns the exit
// code: 0 ok, 1 the input or project has a problem, 2 usage error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace ts::core::cli {

using Argv = std::vector<std::string>;

int cmdCheck(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdSynth(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdInit(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdImport(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdInfo(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdVerify(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdBench(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdFrame(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdConvert(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdSync(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdClock(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdSettings(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdRecon(const Argv& argv, std::ostream& out, std::ostream& err);
// Annotation and review (cmd_annotate.cpp, cmd_review.cpp, cmd_consent.cpp, cmd_audit.cpp).
int cmdLabel(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdEvent(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdSubmit(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdReview(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdReopen(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdConsent(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdAudit(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdUser(const Argv& argv, std::ostream& out, std::ostream& err);
int cmdExport(const Argv& argv, std::ostream& out, std::ostream& err);

} // namespace ts::core::cli
