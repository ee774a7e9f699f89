#include "io/dxf_check.hpp"

#include <zoning/error.hpp>

#include <fstream>
#include <sstream>

namespace zoning::io {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' || c == '\x1a'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    return s;
}

bool is_group_code(std::string_view s) {
    s = trim(s);
    if (!s.empty() && s.front() == '-') s.remove_prefix(1);
    if (s.empty() || s.size() > 4) return false;
    for (const char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

}  // namespace

void check_dxf(std::string_view bytes, const std::string& label) {
    const std::string cut = label + ": the DXF does not end with its end-of-file group (0 / EOF): the file is "
                                    "incomplete (cut short when copied or downloaded?): save or copy it again";
    constexpr std::string_view kBinary = "AutoCAD Binary DXF";
    if (bytes.substr(0, kBinary.size()) == kBinary) {
        if (bytes.size() < 4 || bytes.substr(bytes.size() - 4) != std::string_view("EOF\0", 4)) throw InputError(cut);
        return;
    }
    std::string_view s = bytes;
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    if (const size_t nul = s.find('\0'); nul != std::string_view::npos) {
        throw InputError(label + ": byte " + std::to_string(nul) + " is a NUL: not a text DXF, or a damaged one");
    }
    // A lone carriage return (not in \r\n or \n\r) is damage in a text DXF, and GDAL 3.6's reader
    // went out of step on it and read for ever in more than one way (fuzz_field_input): refused.
    // The trailing blanks are checked once the file is known to end with 0 / EOF (below), so that
    // a file cut between \r and \n is still called cut short.
    const size_t content_end = s.size();
    auto refuse_lone_cr = [&](size_t from, size_t to) {
        for (size_t i = bytes.find('\r', from); i != std::string_view::npos && i < to; i = bytes.find('\r', i + 1)) {
            const bool crlf = i + 1 < bytes.size() && bytes[i + 1] == '\n';
            const bool lfcr = i > 0 && bytes[i - 1] == '\n' && !(i > 1 && bytes[i - 2] == '\r');
            if (!crlf && !lfcr) {
                throw InputError(label + ": byte " + std::to_string(i) +
                                 " is a carriage return alone (not \\r\\n): a damaged DXF: save or copy it again");
            }
        }
    };
    refuse_lone_cr(0, content_end);
    size_t line = 0;
    std::string_view code, value;
    size_t section_line = 0;  // the line of the open SECTION's group code, 0 when none is open
    while (!s.empty()) {
        // Lines as GDAL's DXF reader splits them: at \n or a lone \r, with \r\n and \n\r one
        // break each. Splitting only at \n let a stray \r shift GDAL's group codes and values out
        // of step with ours, and GDAL 3.6 then read for ever (found by fuzz_field_input).
        auto next = [&] {
            const size_t nl = s.find_first_of("\r\n");
            const std::string_view l = s.substr(0, nl);
            if (nl == std::string_view::npos) {
                s = {};
            } else {
                const bool pair = nl + 1 < s.size() && s[nl + 1] != s[nl] && (s[nl + 1] == '\r' || s[nl + 1] == '\n');
                s = s.substr(nl + (pair ? 2 : 1));
            }
            ++line;
            return l;
        };
        code = next();
        if (!is_group_code(code)) {
            throw InputError(label + ":" + std::to_string(line) + ": '" + std::string(trim(code).substr(0, 40)) +
                             "' is not a group code (an integer): not a DXF, or a damaged one");
        }
        if (s.empty()) throw InputError(cut);
        const size_t code_line = line;
        value = next();
        // Sections must close before the end: GDAL 3.6 reads a section cut by 0 / EOF for ever
        // (found by fuzz_field_input: a HEADER with no ENDSEC).
        if (trim(code) != "0") continue;
        const std::string_view v = trim(value);
        if (v == "SECTION") {
            if (section_line != 0) {
                throw InputError(label + ":" + std::to_string(code_line) + ": a SECTION starts inside the section of line " +
                                 std::to_string(section_line) + " (no ENDSEC): a damaged DXF");
            }
            section_line = code_line;
        } else if (v == "ENDSEC") {
            section_line = 0;
        } else if (v == "EOF" && section_line != 0) {
            throw InputError(label + ":" + std::to_string(code_line) + ": the file ends inside the section of line " +
                             std::to_string(section_line) + " (no ENDSEC): the file is incomplete or damaged: save or "
                             "copy it again");
        }
    }
    if (trim(code) != "0" || trim(value) != "EOF") throw InputError(cut);
    // After 0 / EOF: a lone \r in the trailing blanks (`EOF\r`, `EOF\r\0`) was read for ever
    // as well (the third fuzz_field_input finding).
    refuse_lone_cr(content_end, bytes.size());
}

void check_dxf_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return;  // GDAL says why it cannot be opened
    std::ostringstream ss;
    ss << in.rdbuf();
    check_dxf(ss.str(), path.string());
}

}  // namespace zoning::io
