// Runs touchstone-cli (TS_CLI) in a test and returns the JSON object it printed, failing the
// current test when the exit code is not the expected one. Header-only: it uses QtTest.
#pragma once

#include "support/minibundle.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace ts::test {

inline QJsonObject cliJson(const QStringList& args, int expectRc = 0) {
    QString out;
    const int rc = runProgram(qEnvironmentVariable("TS_CLI"), args, &out);
    if (rc != expectRc)
        qWarning("%s", qPrintable(out));
    [&] { QCOMPARE(rc, expectRc); }();
    // stderr is merged; the JSON is the last top-level object in the output.
    const int start = out.indexOf("\n{") >= 0 && !out.startsWith('{') ? out.indexOf("\n{") + 1 : 0;
    return QJsonDocument::fromJson(out.mid(start).toUtf8()).object();
}

} // namespace ts::test
