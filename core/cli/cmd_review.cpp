// touchstone-cli submit|review|reopen PROJECT EPISODE: the review workflow of one episode
// (docs/cli.md). `review` without a verdict shows the status, the reviews so far and the QC
// checks; with --approve or --reject it records the verdict.
#include "annotation/qcchecks.h"
#include "annotation/workflow.h"
#include "cli/annotationcli.h"
#include "cli/args.h"
#include "cli/commands.h"
#include "project/projectpath.h"
#include "store/projectstore.h"
#include "util/error.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace ts::core::cli {

using nlohmann::json;
using namespace ts::core::annotation;

namespace {

std::string status(ProjectStore& store, const std::string& episode) {
    const auto d = store.episode(episode);
    if (!d)
        throw Error(store.file().string(), "there is no episode '" + episode + "' in this project");
    return std::string(episodeStatusName(d->summary.status));
}

json reviewJson(const ReviewRecord& r) {
    return {{"id", r.id},         {"episode", r.episode}, {"reviewer", r.reviewer},
            {"verdict", r.verdict}, {"reasons", r.reasons}, {"comment", r.comment},
            {"created_at", r.createdAt}};
}

json qcJson(const QcReport& q) {
    json streams = json::array();
    for (const StreamQc& s : q.streams) {
        json metrics = json::array();
        for (const QcMetric& m : s.metrics)
            metrics.push_back({{"name", m.name},
                               {"value", m.value ? json(*m.value) : json(nullptr)},
                               {"unit", m.unit},
                               {"passed", m.passed ? json(*m.passed) : json(nullptr)}});
        streams.push_back({{"stream", s.stream},
                           {"method", s.method},
                           {"confidence", s.confidence},
                           {"residual_ms", s.residualMs},
                           {"healthy", s.healthy},
                           {"aligned", s.aligned},
                           {"alignment", s.alignment},
                           {"metrics", metrics}});
    }
    json problems = json::array();
    for (const QcProblem& p : q.problems)
        problems.push_back(
            {{"code", p.code},
             {"entity", p.entity},
             {"from", p.startNs ? json(secondsFrom(*p.startNs, q.startNs)) : json(nullptr)},
             {"to", p.endNs ? json(secondsFrom(*p.endNs, q.startNs)) : json(nullptr)},
             {"message", p.message},
             {"args", p.args}});
    return {{"sync_confidence", q.syncConfidence},
            {"max_residual_ms", q.maxResidualMs},
            {"streams", streams},
            {"coverage", q.coverage},
            {"problems", problems}};
}

} // namespace

int cmdSubmit(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"as", "user"});
    if (a.positional().size() != 2)
        throw UsageError("submit takes PROJECT EPISODE");
    ProjectStore store = ProjectStore::open(resolveProjectFile(a.positional()[0]));
    const std::string& episode = a.positional()[1];
    submitEpisode(store, actingUser(a), episode);
    if (a.flag("json"))
        out << json{{"episode", episode}, {"status", status(store, episode)}}.dump(2) << "\n";
    else
        out << "episode " << episode << " submitted for review\n";
    return 0;
}

int cmdReopen(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json"}, {"as", "user"});
    if (a.positional().size() != 2)
        throw UsageError("reopen takes PROJECT EPISODE");
    ProjectStore store = ProjectStore::open(resolveProjectFile(a.positional()[0]));
    const std::string& episode = a.positional()[1];
    reopenEpisode(store, actingUser(a), episode);
    if (a.flag("json"))
        out << json{{"episode", episode}, {"status", status(store, episode)}}.dump(2) << "\n";
    else
        out << "episode " << episode << " is being annotated again\n";
    return 0;
}

int cmdReview(const Argv& argv, std::ostream& out, std::ostream&) {
    Args a(argv, 2, {"json", "approve", "reject"}, {"as", "user", "reason", "comment"});
    if (a.positional().size() != 2)
        throw UsageError("review takes PROJECT EPISODE [--approve | --reject --reason CODE[,...]]");
    if (a.flag("approve") && a.flag("reject"))
        throw UsageError("review takes --approve or --reject, not both");
    ProjectStore store = ProjectStore::open(resolveProjectFile(a.positional()[0]));
    const std::string& episode = a.positional()[1];
    if (a.flag("approve") || a.flag("reject")) {
        std::vector<std::string> reasons;
        for (const std::string& v : a.values("reason")) {
            size_t start = 0;
            for (;;) {
                const size_t comma = v.find(',', start);
                const std::string r = v.substr(start, comma - start);
                if (!r.empty())
                    reasons.push_back(r);
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        }
        // The QC problems open at the verdict, as the app's QC panel shows them beside its
        // buttons: an approval over them is the reviewer's call, made knowingly. Taken first, so
        // that QC that cannot run (a setting that does not read) records no verdict.
        const QcReport qc = qcChecks(store, episode);
        const ReviewRecord r = reviewEpisode(store, actingUser(a), episode, a.flag("approve"),
                                             reasons, a.value("comment").value_or(""));
        if (a.flag("json")) {
            out << json{{"episode", episode},
                        {"status", status(store, episode)},
                        {"review", reviewJson(r)},
                        {"qc_problems_open", qc.problems.size()}}
                       .dump(2)
                << "\n";
            return 0;
        }
        out << "episode " << episode << " " << r.verdict << " by " << r.reviewer << "\n";
        if (!qc.problems.empty()) {
            out << "  with " << qc.problems.size() << " QC problem(s) open:\n";
            for (const QcProblem& p : qc.problems)
                out << "    " << p.code << ": " << p.message << "\n";
        }
        return 0;
    }
    json all = json::array();
    for (const ReviewRecord& r : reviews(store, episode))
        all.push_back(reviewJson(r));
    const auto open = openRejection(store, episode);
    const QcReport qc = qcChecks(store, episode);
    const json j{{"episode", episode},
                 {"status", status(store, episode)},
                 {"contributors", episodeContributors(store, episode)},
                 {"reviews", all},
                 {"open_rejection", open ? reviewJson(*open) : json(nullptr)},
                 {"qc", qcJson(qc)}};
    if (a.flag("json")) {
        out << j.dump(2) << "\n";
        return 0;
    }
    out << "episode " << episode << ": " << j["status"].get<std::string>() << "\n";
    if (open) {
        out << "rejected by " << open->reviewer << ":";
        for (const auto& r : open->reasons)
            out << " " << r;
        out << (open->comment.empty() ? "" : " — " + open->comment) << "\n";
    }
    out << "sync confidence " << qc.syncConfidence << ", largest residual " << qc.maxResidualMs
        << " ms\n";
    for (const auto& [tier, c] : qc.coverage)
        out << "coverage " << tier << ": " << static_cast<int>(c * 100 + 0.5) << "%\n";
    for (const QcProblem& p : qc.problems)
        out << p.code << ": " << p.message << "\n";
    return 0;
}

} // namespace ts::core::cli
