#pragma once
// Shared by the PostGIS test files (test_postgis.cpp, test_postgis_sink.cpp): the zoning binary
// and psql run against the throwaway cluster that tests/postgis/with-cluster starts (ZONING_PG).
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace pgtest {

inline std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

/// Single-quoted for the shell.
inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

struct Result {
    int exit = -1;
    std::string out, err;
};

/// Runs zoning --lang en with `args` (shell-quoted), stdout and stderr captured. English
/// messages (the default is Chinese): the tests look for the library's own words.
inline Result zoning(const std::vector<std::string>& args) {
    static std::atomic<int> n{0};  // the tests may run zoning from several threads
    const std::filesystem::path err = std::filesystem::temp_directory_path() /
                                      ("zoning-pg-err-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
    std::string cmd = quote(ZONING_BINARY) + " --lang en";
    for (const auto& a : args) cmd += " " + quote(a);
    cmd += " 2>" + quote(err.string());
    Result r;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return r;
    std::array<char, 65536> buf{};
    for (size_t got; (got = std::fread(buf.data(), 1, buf.size(), p)) > 0;) r.out.append(buf.data(), got);
    const int status = ::pclose(p);
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err);
    std::ostringstream ss;
    ss << in.rdbuf();
    r.err = ss.str();
    std::filesystem::remove(err);
    return r;
}

/// psql -A -t on ZONING_PG: rows on lines, values separated by |; errors in the output.
inline std::string psql(const std::string& sql) {
    const std::string cmd = "psql -X -q -A -t -v ON_ERROR_STOP=1 -d " + quote(env("ZONING_PG")) +
                            " -c 'SET client_min_messages = warning' -c " + quote(sql) + " 2>&1";
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    if (p == nullptr) return out;
    std::array<char, 4096> buf{};
    for (size_t got; (got = std::fread(buf.data(), 1, buf.size(), p)) > 0;) out.append(buf.data(), got);
    ::pclose(p);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace pgtest
