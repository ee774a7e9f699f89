#include "output/staged_output.hpp"

#include <zoning/error.hpp>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <string>
#include <string_view>

namespace fs = std::filesystem;

namespace zoning::output {

namespace {

constexpr std::string_view kPrefix = ".zoning-tmp-";

/// Removes the staging folders beside a destination that were left by a process that died before
/// it could (SIGKILL, power loss): `.zoning-tmp-PID-...` folders whose PID no longer exists
/// (kill(PID, 0) fails with ESRCH). A folder of a live process, ours included, is left alone.
void remove_stale_staging(const fs::path& dir) {
    std::vector<fs::path> stale;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.compare(0, kPrefix.size(), kPrefix) != 0) continue;
        const char* first = name.data() + kPrefix.size();
        const char* last = name.data() + name.size();
        pid_t pid = 0;
        const auto [end_of_pid, err] = std::from_chars(first, last, pid);
        if (err != std::errc() || end_of_pid == first || end_of_pid == last || *end_of_pid != '-') continue;
        if (pid <= 0 || pid == ::getpid()) continue;
        std::error_code sec;
        if (!fs::is_directory(it->symlink_status(sec))) continue;  // never follow a link out of dir
        if (::kill(pid, 0) == 0 || errno != ESRCH) continue;         // alive (or not ours to signal)
        stale.push_back(it->path());
    }
    for (const auto& p : stale) {
        std::error_code rec;
        fs::remove_all(p, rec);  // best effort: another run may be removing it too
    }
}

}  // namespace

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (fs::exists(a, ec) && fs::exists(b, ec)) return fs::equivalent(a, b, ec);
    std::error_code eca, ecb;
    const fs::path ca = fs::weakly_canonical(a, eca), cb = fs::weakly_canonical(b, ecb);
    if (eca || ecb) return fs::absolute(a, eca).lexically_normal() == fs::absolute(b, ecb).lexically_normal();
    return ca == cb;
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
    for (const auto& out : outs) {
        std::error_code ec;
        if (fs::is_directory(fs::symlink_status(out, ec))) {
            throw InputError(out.string() + ": is a folder" +
                             (out == destination_ ? "; name a file to write (e.g. " + (out / destination_.filename()).string() + ")"
                                                  : std::string("; remove it or write elsewhere")));
        }
    }
    const fs::path dir = destination_.has_parent_path() ? destination_.parent_path() : fs::path(".");
    if (!fs::is_directory(dir)) {
        throw InputError(destination_.string() + ": folder " + dir.string() + " does not exist");
    }
    remove_stale_staging(dir);
    const std::string stem = std::string(kPrefix) + std::to_string(::getpid()) + "-" + destination_.filename().string() + "-";
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
    if (keep_) return;  // a failed rollback left the previous files in it: never delete them
    std::error_code ec;
    fs::remove_all(folder_, ec);
}

void StagedOutput::commit() {
    if (committed_) return;
    const fs::path dir = folder_.parent_path();
    std::vector<fs::path> names;
    for (const auto& e : fs::directory_iterator(folder_)) names.push_back(e.path().filename());
    std::sort(names.begin(), names.end());
    // The files are one unit (a shapefile's .shp, .shx, .dbf...): the previous files of those names
    // are moved aside into the staging folder first, then the new ones in; if any step fails, the
    // new ones are taken out again and the previous ones put back, so the destination never holds
    // a mix of old and new files.
    const fs::path aside = folder_ / ".previous";
    fs::create_directory(aside);
    std::vector<fs::path> moved_aside, moved_in;
    try {
        for (const auto& name : names) {
            const fs::path dest = dir / name;
            std::error_code ec;
            const fs::file_status st = fs::symlink_status(dest, ec);
            if (!fs::exists(st)) continue;
            if (fs::is_directory(st)) throw InputError(dest.string() + ": is a folder; not replacing it");
            fs::rename(dest, aside / name);
            moved_aside.push_back(name);
        }
        for (const auto& name : names) {
            fs::rename(folder_ / name, dir / name);
            moved_in.push_back(name);
        }
    } catch (const std::exception& e) {
        bool restored = true;
        for (auto it = moved_in.rbegin(); it != moved_in.rend(); ++it) {
            std::error_code ec;
            fs::rename(dir / *it, folder_ / *it, ec);
            restored = restored && !ec;
        }
        for (const auto& name : moved_aside) {
            std::error_code ec;
            fs::rename(aside / name, dir / name, ec);
            restored = restored && !ec;
        }
        const auto* fe = dynamic_cast<const fs::filesystem_error*>(&e);
        std::string what = fe != nullptr ? fe->code().message() : std::string(e.what());
        if (!restored) {
            keep_ = true;
            throw InputError(destination_.string() + ": cannot move the finished files into place (" + what +
                             "); the previous files could not all be put back: they are in " + aside.string());
        }
        if (fe == nullptr && dynamic_cast<const InputError*>(&e) != nullptr) throw;
        throw InputError(destination_.string() + ": cannot move the finished files into place (" + what +
                         "); the previous files are left as they were");
    }
    committed_ = true;
    std::error_code ec;
    fs::remove_all(folder_, ec);
}

}  // namespace zoning::output
