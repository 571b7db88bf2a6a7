#include "core/annotation/annotationtestutil.h"

#include "core/store/storetestutil.h"
#include "store/database.h"
#include "store/statement.h"

namespace tstest {

using namespace ts::core;

AnnotationProject makeAnnotationProject(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    ProjectStore store = ProjectStore::create(dir / "p.tsproj", "Study", "root");
    store.addUser("root", "lee", Role::Lead);
    store.addUser("root", "ann", Role::Annotator);
    store.addUser("root", "amy", Role::Annotator);
    store.addUser("root", "rev", Role::Reviewer);
    store.addUser("root", "rita", Role::Reviewer);
    const Bundle b = writeTestBundle(dir / "ep-1", "ep-1");
    store.importBundle(b, "lee");
    const auto d = store.episode("ep-1");
    AnnotationProject p{dir, std::move(store), "ep-1", d->timelineStartNs, d->timelineEndNs};
    return p;
}

std::string annotationSnapshot(ProjectStore& store) {
    std::string out;
    for (const char* table : {"label", "event", "keypoint_correction", "slip_decision", "review",
                              "episode", "participant", "consent"}) {
        out += std::string("## ") + table + "\n";
        Statement st = store.database().prepare(std::string("SELECT * FROM ") + table +
                                                " ORDER BY rowid");
        while (st.step()) {
            for (int c = 0; c < st.columnCount(); ++c)
                out += st.columnName(c) + "=" + (st.isNull(c) ? "NULL" : st.text(c)) + ";";
            out += "\n";
        }
    }
    return out;
}

} // namespace tstest
