#include "output/staged_output.hpp"

#include <zoning/error.hpp>

#include <unistd.h>

#include <string>

namespace fs = std::filesystem;

namespace zoning::output {

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    return fs::weakly_canonical(a, ec) == fs::weakly_canonical(b, ec);
}

StagedOutput::StagedOutput(fs::path destination, const std::vector<fs::path>& inputs,
                           const std::vector<fs::path>& protect)
    : destination_(std::move(destination)) {
    std::vector<fs::path> outs = protect;
    outs.push_back(destination_);
    for (const auto& out : outs) {
        for (const auto& in : inputs) {
            if (same_file(out, in)) throw InputError(out.string() + ": is one of the inputs; refusing to overwrite it");
        }
    }
    const fs::path dir = destination_.has_parent_path() ? destination_.parent_path() : fs::path(".");
    if (!fs::is_directory(dir)) {
        throw InputError(destination_.string() + ": folder " + dir.string() + " does not exist");
    }
    const std::string stem = ".zoning-tmp-" + std::to_string(::getpid()) + "-" + destination_.filename().string() + "-";
    for (int i = 0;; ++i) {
        std::error_code ec;
        folder_ = dir / (stem + std::to_string(i));
        if (fs::create_directory(folder_, ec)) break;
        if (i >= 100 || (ec && ec != std::errc::file_exists)) {
            throw InputError(destination_.string() + ": cannot create a temporary folder in " + dir.string() +
                             (ec ? ": " + ec.message() : std::string()));
        }
    }
}

StagedOutput::~StagedOutput() {
    std::error_code ec;
    fs::remove_all(folder_, ec);
}

void StagedOutput::commit() {
    if (committed_) return;
    const fs::path dir = folder_.parent_path();
    for (const auto& e : fs::directory_iterator(folder_)) fs::rename(e.path(), dir / e.path().filename());
    committed_ = true;
    fs::remove_all(folder_);
}

}  // namespace zoning::output
