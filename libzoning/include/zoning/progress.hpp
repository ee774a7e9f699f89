#pragma once
// Progress of a long run, reported to a callback: the library does no I/O for it, the caller
// (the CLI's progress line on a terminal) draws it.
#include <cstddef>
#include <functional>
#include <string_view>

namespace zoning {

struct Progress {
    /// What is being counted: "layers" (LoadedCatalog::load reading the sources) or
    /// "footprints" (screen_all).
    std::string_view stage;
    std::size_t done = 0;   ///< items finished: 1, 2, ... total, each once and in order
    std::size_t total = 0;  ///< items in this stage
};

/// Called after each item; may be called from worker threads, but never from two at once.
using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace zoning
