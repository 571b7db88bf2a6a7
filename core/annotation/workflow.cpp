#include "annotation/workflow.h"

#include "annotation/editsession.h"
#include "store/auditlog.h"
#include "store/database.h"
#include "store/projectstore.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "store/transaction.h"
#include "store/usertable.h"
#include "util/error.h"

#include <algorithm>

namespace ts::core::annotation {

using nlohmann::json;

namespace {

void setStatus(Database& db, const EpisodeRow& e, EpisodeStatus to) {
    db.prepare("UPDATE episode SET status = ? WHERE id = ?")
        .bindAll(episodeStatusName(to), e.rowId)
        .run();
}

void addContributor(Database& db, const EpisodeRow& e, const UserInfo& u, const char* kind) {
    db.prepare("INSERT OR IGNORE INTO episode_contributor (episode_id, user_id, kind, first_at) "
               "VALUES (?, ?, ?, ?)")
        .bindAll(e.rowId, u.id, kind, utcNowIso8601())
        .run();
}

std::string statusName(EpisodeStatus s) {
    return std::string(episodeStatusName(s));
}

ReviewRecord readReview(const Statement& st) {
    ReviewRecord r;
    r.id = st.int64(0);
    r.episode = st.text(1);
    r.reviewer = st.text(2);
    r.verdict = st.text(3);
    r.reasons = json::parse(st.text(4)).get<std::vector<std::string>>();
    r.comment = st.text(5);
    r.createdAt = st.text(6);
    return r;
}

constexpr const char* kReviewSelect =
    "SELECT r.id, e.ident, u.name, r.verdict, r.reason_codes, r.comment, r.created_at "
    "FROM review r JOIN episode e ON e.id = r.episode_id JOIN user_account u ON "
    "u.id = r.reviewer_id";

} // namespace

const std::vector<std::string>& reviewReasonCodes() {
    static const std::vector<std::string> codes{"misaligned_streams",      "missing_stream",
                                                "wrong_or_missing_labels", "slip_not_marked",
                                                "consent_problem",         "other"};
    return codes;
}

void submitEpisode(ProjectStore& store, const std::string& actor, const std::string& episode) {
    Database& db = store.database();
    Transaction tx(db);
    const UserInfo who = UserTable(db).requireActor(actor);
    const EpisodeRow e = requireEpisode(db, episode);
    const std::string refused = describeUser(who) + " may not submit episode " + episode;
    if (!roleMayAnnotate(who.role))
        throw Error(db.fileName(), refused + ": only annotators, leads and admins may");
    switch (e.status) {
    case EpisodeStatus::Annotating:
        break;
    case EpisodeStatus::New:
        throw Error(db.fileName(), refused + ": it is new and nobody has annotated it yet");
    case EpisodeStatus::Submitted:
        throw Error(db.fileName(), refused + ": it is already submitted");
    case EpisodeStatus::Approved:
        throw Error(db.fileName(), refused + ": it is already approved");
    case EpisodeStatus::Rejected:
        throw Error(db.fileName(), refused + ": it was rejected; fix it (or reopen it) first");
    }
    setStatus(db, e, EpisodeStatus::Submitted);
    addContributor(db, e, who, "submitted");
    AuditLog(db).append(who.name, "episode.submit", "episode", episode,
                        {{"status", statusName(e.status)}}, {{"status", "submitted"}});
    tx.commit();
}

ReviewRecord reviewEpisode(ProjectStore& store, const std::string& actor,
                           const std::string& episode, bool approve,
                           const std::vector<std::string>& reasons, const std::string& comment) {
    Database& db = store.database();
    Transaction tx(db);
    const UserInfo who = UserTable(db).requireActor(actor);
    const EpisodeRow e = requireEpisode(db, episode);
    const std::string verb = approve ? "approve" : "reject";
    const std::string refused = describeUser(who) + " may not " + verb + " episode " + episode;
    if (!roleMayReview(who.role))
        throw Error(db.fileName(), refused + ": only reviewers and leads may");
    if (e.status != EpisodeStatus::Submitted)
        throw Error(db.fileName(), refused + ": it is " + statusName(e.status) +
                                       ", and only a submitted episode is reviewed");
    {
        Statement st =
            db.prepare("SELECT kind FROM episode_contributor WHERE episode_id = ? AND "
                       "user_id = ? AND kind IN ('annotated', 'submitted') ORDER BY kind");
        st.bindAll(e.rowId, who.id);
        if (st.step())
            throw Error(db.fileName(), refused + ": " + who.name + " " + st.text(0) +
                                           " it, and nobody reviews their own work");
    }
    const auto& known = reviewReasonCodes();
    for (const std::string& r : reasons)
        if (std::find(known.begin(), known.end(), r) == known.end()) {
            std::string list;
            for (const auto& k : known)
                list += (list.empty() ? "" : ", ") + k;
            throw Error(db.fileName(), "episode " + episode + ": unknown reason code '" + r +
                                           "' (known: " + list + ")");
        }
    if (!approve && reasons.empty())
        throw Error(db.fileName(), refused + " without a reason code (one or more of: "
                                             "misaligned_streams, missing_stream, "
                                             "wrong_or_missing_labels, slip_not_marked, "
                                             "consent_problem, other)");
    if (!approve && std::find(reasons.begin(), reasons.end(), "other") != reasons.end() &&
        comment.empty())
        throw Error(db.fileName(), refused + " for 'other' without a comment saying what is wrong");
    if (approve) {
        Statement st = db.prepare(
            "SELECT p.pseudonym, coalesce(p.withdrawn_at, c.withdrawn_at) FROM episode x "
            "JOIN participant p ON p.id = x.participant_id JOIN consent c ON c.id = x.consent_id "
            "WHERE x.id = ? AND (p.withdrawn_at IS NOT NULL OR c.withdrawn_at IS NOT NULL)");
        st.bind(1, e.rowId);
        if (st.step())
            throw Error(db.fileName(), refused + ": participant " + st.text(0) +
                                           " withdrew consent on " + st.text(1) +
                                           " (reject it with consent_problem)");
    }
    ReviewRecord r;
    r.episode = episode;
    r.reviewer = who.name;
    r.verdict = approve ? "approved" : "rejected";
    r.reasons = reasons;
    r.comment = comment;
    r.createdAt = utcNowIso8601();
    db.prepare("INSERT INTO review (episode_id, reviewer_id, verdict, reason_codes, comment, "
               "created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bindAll(e.rowId, who.id, r.verdict, json(reasons).dump(), comment, r.createdAt)
        .run();
    r.id = db.lastInsertRowId();
    setStatus(db, e, approve ? EpisodeStatus::Approved : EpisodeStatus::Rejected);
    addContributor(db, e, who, "reviewed");
    AuditLog(db).append(
        who.name, "episode.review", "episode", episode, {{"status", "submitted"}},
        {{"status", r.verdict}, {"review", r.id}, {"reasons", reasons}, {"comment", comment}});
    tx.commit();
    return r;
}

void reopenEpisode(ProjectStore& store, const std::string& actor, const std::string& episode) {
    Database& db = store.database();
    Transaction tx(db);
    const UserInfo who = UserTable(db).requireActor(actor);
    const EpisodeRow e = requireEpisode(db, episode);
    const std::string refused = describeUser(who) + " may not reopen episode " + episode;
    if (e.status == EpisodeStatus::Annotating)
        throw Error(db.fileName(), "episode " + episode + " is already being annotated");
    const bool lead = who.role == Role::Lead || who.role == Role::Admin;
    if (!roleMayAnnotate(who.role))
        throw Error(db.fileName(), refused + ": only annotators, leads and admins may");
    if ((e.status == EpisodeStatus::Submitted || e.status == EpisodeStatus::Approved) && !lead)
        throw Error(db.fileName(), refused + ": it is " + statusName(e.status) +
                                       ", and only leads and admins reopen it");
    setStatus(db, e, EpisodeStatus::Annotating);
    AuditLog(db).append(who.name, "episode.reopen", "episode", episode,
                        {{"status", statusName(e.status)}}, {{"status", "annotating"}});
    tx.commit();
}

std::vector<ReviewRecord> reviews(ProjectStore& store, const std::string& episode) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    Statement st = db.prepare(std::string(kReviewSelect) + " WHERE r.episode_id = ? ORDER BY r.id");
    st.bind(1, e.rowId);
    std::vector<ReviewRecord> out;
    while (st.step())
        out.push_back(readReview(st));
    return out;
}

std::map<std::string, ReviewRecord> latestReviews(ProjectStore& store) {
    Database& db = store.database();
    Statement st = db.prepare(std::string(kReviewSelect) +
                              " WHERE r.id IN (SELECT MAX(id) FROM review GROUP BY episode_id)");
    std::map<std::string, ReviewRecord> out;
    while (st.step()) {
        ReviewRecord r = readReview(st);
        out[r.episode] = std::move(r);
    }
    return out;
}

std::optional<ReviewRecord> openRejection(ProjectStore& store, const std::string& episode) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    if (e.status != EpisodeStatus::Rejected && e.status != EpisodeStatus::Annotating)
        return std::nullopt;
    const auto all = reviews(store, episode);
    if (all.empty() || all.back().verdict != "rejected")
        return std::nullopt;
    return all.back();
}

std::vector<std::string> episodeContributors(ProjectStore& store, const std::string& episode) {
    Database& db = store.database();
    const EpisodeRow e = requireEpisode(db, episode);
    Statement st = db.prepare(
        "SELECT DISTINCT u.name FROM episode_contributor c JOIN user_account u ON u.id = "
        "c.user_id WHERE c.episode_id = ? AND c.kind IN ('annotated', 'submitted') ORDER BY "
        "u.name");
    st.bind(1, e.rowId);
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

} // namespace ts::core::annotation
