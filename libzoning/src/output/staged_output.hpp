#pragma once
// Internal: every file zoning writes (conflicts, findings, converted footprints, maps) is written
// whole or not at all, and never over one of its inputs. The files are made in a hidden folder
// beside their destination and moved into place only when complete; if anything throws first,
// the folder and whatever is in it are removed and the destination is left as it was.
#include <filesystem>
#include <vector>

namespace zoning::output {

/// True when a and b name the same file (the same inode when both exist).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

class StagedOutput {
public:
    /// Checks that the destination's folder exists and that none of `protect` (the destination
    /// and any sidecar files it will have, e.g. a shapefile's .dbf) is one of `inputs` or a
    /// folder, removes staging folders left beside it by dead processes, then makes the staging
    /// folder. Throws InputError naming the destination.
    StagedOutput(std::filesystem::path destination, const std::vector<std::filesystem::path>& inputs,
                 const std::vector<std::filesystem::path>& protect = {});
    explicit StagedOutput(std::filesystem::path destination) : StagedOutput(std::move(destination), {}) {}
    ~StagedOutput();
    StagedOutput(const StagedOutput&) = delete;
    StagedOutput& operator=(const StagedOutput&) = delete;

    /// Where to write the destination file; its sidecars go into the same folder().
    [[nodiscard]] std::filesystem::path path() const { return folder_ / destination_.filename(); }
    [[nodiscard]] const std::filesystem::path& folder() const noexcept { return folder_; }

    /// Moves every file of the staging folder beside the destination as one unit, replacing files
    /// of the same names: the previous ones are moved aside first and put back if any move fails
    /// (InputError naming the destination). Then removes the folder.
    void commit();

private:
    std::filesystem::path destination_, folder_;
    bool committed_ = false;
    bool keep_ = false;
};

}  // namespace zoning::output
