#pragma once
// Internal: checks zoning makes on a DXF file before GDAL reads it. GDAL 3.6's DXF reader loops
// for ever on some damaged files (found by tests/fuzz/fuzz_field_input): a DXF cut short (a copy
// or download interrupted), a NUL byte inside the text. zoning refuses those with a message.
#include <filesystem>
#include <string>
#include <string_view>

namespace zoning::io {

/// Throws InputError (naming `label` and the line) unless `bytes` are a DXF of well-formed group
/// pairs: text lines in pairs, a group code (an integer) then its value, no NUL byte, ending with
/// the end-of-file group (0 / EOF); trailing blank lines, NULs and a Ctrl-Z are allowed.
/// A binary DXF ("AutoCAD Binary DXF" header) must end with "EOF" and a NUL byte.
void check_dxf(std::string_view bytes, const std::string& label);

/// check_dxf on the file's content.
void check_dxf_file(const std::filesystem::path& path);

}  // namespace zoning::io
