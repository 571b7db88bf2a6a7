// The demo project that `touchstone --demo` opens: a few synthetic episodes, generated and
// imported once into a folder, built in a temporary sibling and renamed when complete so an
// interrupted run never leaves a half-made demo behind.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace ts::core {

struct DemoOptions {
    int episodes = 3;
    double seconds = 8.0;
    int width = 640, height = 480;
    std::string user;                     // the admin; defaultUserName() when empty
    std::function<void(double)> progress; // 0..1, from the calling thread
};

// Returns the project file in `dir`, creating the project first if it is not there yet.
// Throws ts::core::Error when generation or import fails.
std::filesystem::path ensureDemoProject(const std::filesystem::path& dir,
                                        const DemoOptions& o = {});

} // namespace ts::core
