#pragma once
// Shared helpers for the tests: temp folders, in-process CLI runs, file reading.
#include "cli.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace zoning::test {

inline std::filesystem::path data(const std::string& rel) {
    return std::filesystem::path(ZONING_TEST_DATA) / rel;
}

/// A fresh, empty folder for one test, removed when the test ends.
class TempDir {
public:
    TempDir() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        const char* env = std::getenv("ZONING_TEST_TMP");
        std::filesystem::path base = env != nullptr ? env : std::filesystem::temp_directory_path();
        // The process id keeps two runs of the same test apart (two builds' ctest, or a test
        // binary run by hand next to ctest).
        // Parameterised tests have '/' in their names (Screen/BadInput.X/Case): one folder, not a tree.
        std::string name = std::string("zoning-") + info->test_suite_name() + "-" + info->name() + "-" +
                           std::to_string(::getpid());
        std::replace(name.begin(), name.end(), '/', '_');
        path_ = base / name;
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

struct CliResult {
    int code = -1;
    std::string out, err;
};

/// Runs `zoning ARGS...` in-process. Its messages are English unless ARGS give --lang or
/// `messages` says zh: the tests of what a message says match the English text (the message id);
/// the user's default, Chinese, is what the golden cases and tests/test_messages.cpp check.
inline CliResult zoning_cli(const std::vector<std::string>& args, Lang messages = Lang::en) {
    std::ostringstream out, err;
    CliResult r;
    r.code = cli::run(args, out, err, messages);
    r.out = out.str();
    r.err = err.str();
    return r;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

}  // namespace zoning::test
