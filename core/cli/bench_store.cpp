// touchstone-cli bench store: what an annotation edit costs and how the store scales.
// - edit commit latency (p50, p99) of addLabel — role and status checks, the row, the audit
//   entry, one durable commit — against a bare sqlite3 INSERT in its own transaction on a file
//   with the same pragmas (WAL, synchronous=FULL), both measured here;
// - a project of --episodes (10 000) episodes and --labels (1 000 000) labels: the time to open
//   it (ProjectStore::open, whose integrity check reads every page) against sqlite3_open_v2 +
//   PRAGMA quick_check, and the time to filter labels by tier and text across the project and
//   to list one episode's labels, against the same SQL through the bare C API.
#include "annotation/episodetiming.h"
#include "annotation/labels.h"
#include "cli/benchutil.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/transaction.h"
#include "util/error.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace ts::core::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBench = "store";
constexpr TimeNs kEpisodeNs = 60 * kNsPerSecond;

class RawDb {
public:
    explicit RawDb(const fs::path& file) {
        if (sqlite3_open_v2(file.string().c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                            nullptr) != SQLITE_OK)
            throw Error(file.string(), "bench store: cannot open with sqlite3");
    }
    ~RawDb() { sqlite3_close_v2(db_); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;
    void exec(const std::string& sql) {
        char* err = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            const std::string msg = err ? err : "?";
            sqlite3_free(err);
            throw Error("bench store: sqlite3: " + msg);
        }
    }
    // Runs a query with up to two text/int parameters and returns the row count.
    int64_t countRows(const std::string& sql, const std::vector<std::string>& params) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
            throw Error(std::string("bench store: sqlite3: ") + sqlite3_errmsg(db_));
        for (size_t i = 0; i < params.size(); ++i)
            sqlite3_bind_text(st, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
        int64_t n = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            // Touch the columns as a real reader would.
            for (int c = 0; c < sqlite3_column_count(st); ++c)
                (void)sqlite3_column_text(st, c);
            ++n;
        }
        sqlite3_finalize(st);
        return n;
    }
    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
};

void removeDb(const fs::path& f) {
    for (const char* s : {"", "-wal", "-shm"})
        fs::remove(f.string() + s);
}

// Fills the project with synthetic episodes and labels straight through SQL (the setup is not
// what is measured).
void populate(ProjectStore& store, int64_t episodes, int64_t labels) {
    Database& db = store.database();
    Transaction tx(db);
    db.exec("INSERT INTO participant (pseudonym, created_at) VALUES ('P-bench', 'now');"
            "INSERT INTO consent (participant_id, consent_ref, form_version, signed_at, "
            "created_at) VALUES (1, 'C-bench', '1', '2026-01-01', 'now');");
    {
        Statement st = db.prepare(
            "INSERT INTO episode (ident, status, participant_id, consent_id, bundle_path, "
            "duration_ns, timeline_start_ns, timeline_end_ns, imported_at, imported_by) "
            "VALUES (?, 'annotating', 1, 1, 'none', ?, 0, ?, 'now', 1)");
        for (int64_t e = 0; e < episodes; ++e) {
            st.reset();
            st.bindAll("ep-" + std::to_string(e), kEpisodeNs, kEpisodeNs);
            st.run();
        }
    }
    static const char* verbs[] = {"pick up", "put down", "open", "close", "pour", "wipe",
                                  "turn", "push", "pull", "hold"};
    static const char* things[] = {"cup", "box", "drawer", "lid", "bottle", "towel", "knob",
                                   "door", "bag", "spoon", "plate", "jar"};
    Statement st = db.prepare("INSERT INTO label (episode_id, tier, start_ns, end_ns, text, "
                              "author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, 'now', "
                              "'now')");
    const int64_t perEpisode = std::max<int64_t>(1, labels / std::max<int64_t>(1, episodes));
    for (int64_t i = 0; i < labels; ++i) {
        const int64_t ep = i / perEpisode % episodes + 1;
        const int64_t k = i % perEpisode;
        const TimeNs span = kEpisodeNs / perEpisode;
        st.reset();
        st.bindAll(ep, k % 4 == 0 ? "task" : "subtask", k * span, k * span + span,
                   std::string(verbs[i % 10]) + " " + things[(i / 10) % 12]);
        st.run();
    }
    tx.commit();
}

} // namespace

int benchStore(const Args& a, std::ostream& out, std::ostream& err) {
    const int64_t episodes = a.integer("episodes", 10'000);
    const int64_t labels = a.integer("labels", 1'000'000);
    const int edits = static_cast<int>(a.integer("edits", 200));
    if (episodes < 1 || labels < 1 || edits < 2)
        throw UsageError("bench store needs --episodes, --labels >= 1 and --edits >= 2");
    WorkDir work = makeWorkDir(a);
    const fs::path proj = work.path / "bench-store.tsproj";
    removeDb(proj);
    err << "bench store: a project of " << episodes << " episodes and " << labels << " labels…\n";
    {
        ProjectStore store = ProjectStore::create(proj, "bench", "bench");
        populate(store, episodes, labels);
    }

    // Open: ProjectStore::open against bare open + quick_check, best of three each.
    double openBest = 1e9, rawOpenBest = 1e9;
    for (int run = 0; run < 3; ++run) {
        double t = now();
        {
            RawDb raw(proj);
            raw.countRows("PRAGMA quick_check", {});
        }
        rawOpenBest = std::min(rawOpenBest, now() - t);
        t = now();
        { ProjectStore s = ProjectStore::open(proj); }
        openBest = std::min(openBest, now() - t);
    }

    ProjectStore store = ProjectStore::open(proj);
    // Filter across the project, and one episode's labels.
    const std::string filterSql =
        "SELECT l.id, e.ident, l.tier, l.start_ns, l.end_ns, l.text, u.name, l.created_at, "
        "l.updated_at FROM label l JOIN episode e ON e.id = l.episode_id JOIN user_account u ON "
        "u.id = l.author_id WHERE l.tier = ?1 AND instr(l.text, ?2) > 0 ORDER BY l.episode_id, "
        "l.start_ns, l.id";
    const std::string episodeSql =
        "SELECT l.id, e.ident, l.tier, l.start_ns, l.end_ns, l.text, u.name, l.created_at, "
        "l.updated_at FROM label l JOIN episode e ON e.id = l.episode_id JOIN user_account u ON "
        "u.id = l.author_id WHERE e.ident = ?1 ORDER BY l.tier, l.start_ns, l.id";
    const std::string someEpisode = "ep-" + std::to_string(episodes / 2);
    double filterBest = 1e9, rawFilterBest = 1e9, epBest = 1e9, rawEpBest = 1e9;
    size_t found = 0;
    {
        RawDb raw(proj);
        for (int run = 0; run < 3; ++run) {
            double t = now();
            const int64_t n = raw.countRows(filterSql, {"task", "cup"});
            rawFilterBest = std::min(rawFilterBest, now() - t);
            t = now();
            found = annotation::findLabels(store, "task", "cup").size();
            filterBest = std::min(filterBest, now() - t);
            if (static_cast<int64_t>(found) != n)
                throw Error("bench store: the filter found " + std::to_string(found) +
                            " labels, the bare query " + std::to_string(n));
            t = now();
            raw.countRows(episodeSql, {someEpisode});
            rawEpBest = std::min(rawEpBest, now() - t);
            t = now();
            annotation::labels(store, someEpisode);
            epBest = std::min(epBest, now() - t);
        }
    }

    // Commit latency of one edit against one bare insert, interleaved so both see the same load.
    annotation::EpisodeTiming timing;
    timing.startNs = 0;
    timing.endNs = kEpisodeNs;
    for (TimeNs t = 0; t <= kEpisodeNs; t += kNsPerSecond / 30)
        timing.frameTimes.push_back(t);
    const fs::path rawFile = work.path / "bare.sqlite";
    removeDb(rawFile);
    std::vector<double> editMs, rawMs;
    {
        RawDb raw(rawFile);
        raw.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE label (id "
                 "INTEGER PRIMARY KEY, episode_id INTEGER, tier TEXT, start_ns INTEGER, end_ns "
                 "INTEGER, text TEXT, author_id INTEGER, created_at TEXT, updated_at TEXT);");
        sqlite3_stmt* ins = nullptr;
        sqlite3_prepare_v2(raw.handle(),
                           "INSERT INTO label (episode_id, tier, start_ns, end_ns, text, "
                           "author_id, created_at, updated_at) VALUES (1, 'task', ?, ?, ?, 1, "
                           "'now', 'now')",
                           -1, &ins, nullptr);
        for (int i = 0; i < edits; ++i) {
            const TimeNs from = (i % 50) * kNsPerSecond, to = from + kNsPerSecond / 2;
            double t = now();
            sqlite3_reset(ins);
            sqlite3_bind_int64(ins, 1, from);
            sqlite3_bind_int64(ins, 2, to);
            sqlite3_bind_text(ins, 3, "pick up cup", -1, SQLITE_STATIC);
            if (sqlite3_step(ins) != SQLITE_DONE)
                throw Error(std::string("bench store: sqlite3: ") + sqlite3_errmsg(raw.handle()));
            rawMs.push_back((now() - t) * 1e3);
            annotation::LabelSpan span{"task", from, to, "pick up cup"};
            t = now();
            annotation::addLabel(store, "bench", "ep-0", span, timing);
            editMs.push_back((now() - t) * 1e3);
        }
        sqlite3_finalize(ins);
    }

    const std::string scale =
        std::to_string(episodes) + "_episodes_" + std::to_string(labels) + "_labels";
    const std::string bare = "bare sqlite3 INSERT, own transaction (WAL, synchronous=FULL)";
    out << benchLine(kBench, "edit_commit_p50_ms", quantile(editMs, 0.5), "ms", bare,
                     quantile(rawMs, 0.5), "lower", 3.0)
               .dump()
        << "\n";
    out << benchLine(kBench, "edit_commit_p99_ms", quantile(editMs, 0.99), "ms", bare,
                     quantile(rawMs, 0.99), "lower", 3.0)
               .dump()
        << "\n";
    out << benchLine(kBench, "open_ms_" + scale, openBest * 1e3, "ms",
                     "sqlite3_open_v2 + PRAGMA quick_check", rawOpenBest * 1e3, "lower", 1.5)
               .dump()
        << "\n";
    out << benchLine(kBench, "filter_ms_tier_text_" + scale, filterBest * 1e3, "ms",
                     "the same SELECT through the sqlite3 C API", rawFilterBest * 1e3, "lower",
                     1.5)
               .dump()
        << "\n";
    out << benchLine(kBench, "episode_labels_ms_" + scale, epBest * 1e3, "ms",
                     "the same SELECT through the sqlite3 C API", rawEpBest * 1e3, "lower", 1.5)
               .dump()
        << "\n";
    err << "bench store: the filter matched " << found << " labels\n";
    return 0;
}

} // namespace ts::core::cli
