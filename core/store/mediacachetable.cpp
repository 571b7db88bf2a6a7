#include "store/mediacachetable.h"

#include "store/database.h"
#include "store/statement.h"
#include "store/timestamp.h"
#include "util/error.h"

#include <algorithm>
#include <cctype>

namespace ts::core {

namespace {

bool isSha256Hex(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
               return std::isdigit(c) || (c >= 'a' && c <= 'f');
           });
}

} // namespace

std::optional<std::string> MediaCacheTable::find(const std::string& sha256, const std::string& kind,
                                                 int version) {
    Statement st = db_.prepare("SELECT version, data FROM media_cache WHERE sha256 = ? AND "
                               "kind = ?");
    st.bindAll(sha256, kind);
    if (!st.step() || st.int64(0) != version)
        return std::nullopt;
    return st.blob(1);
}

void MediaCacheTable::put(const std::string& sha256, const std::string& kind, int version,
                          std::string_view data) {
    // Media hashes are stored lowercase (Sha256::hex); another spelling would be a second key
    // for the same file.
    if (!isSha256Hex(sha256))
        throw Error(db_.fileName(),
                    "media cache key '" + sha256 + "' is not a lowercase SHA-256 (64 hex digits)");
    if (kind.empty())
        throw Error(db_.fileName(), "a media cache entry needs a kind");
    // No transaction and no audit entry: one statement is atomic by itself, and a cache is
    // derived data, not an edit (see migration 2).
    Statement st = db_.prepare("INSERT OR REPLACE INTO media_cache (sha256, kind, version, data, "
                               "created_at) VALUES (?, ?, ?, ?, ?)");
    st.bindAll(sha256, kind, version);
    st.bindBlob(4, data);
    st.bind(5, utcNowIso8601());
    st.run();
}

} // namespace ts::core
