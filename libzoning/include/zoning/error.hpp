#pragma once
// Exceptions thrown by libzoning. The command line maps each to one exit code:
// InputError (and CatalogError) -> 2, anything else -> 3.
#include <stdexcept>
#include <string>

namespace zoning {

/// Base of every error libzoning throws on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The user's input is wrong: a file, a layer, a feature, an option. The message names the place
/// (file, layer, feature id or line) and the reason.
class InputError : public Error {
public:
    using Error::Error;
};

/// An error in the catalog file; the message starts with "catalog.yaml:LINE:".
class CatalogError : public InputError {
public:
    CatalogError(const std::string& file, int line, const std::string& reason)
        : InputError(file + ":" + std::to_string(line) + ": " + reason), file_(file), line_(line) {}
    [[nodiscard]] const std::string& file() const noexcept { return file_; }
    [[nodiscard]] int line() const noexcept { return line_; }

private:
    std::string file_;
    int line_;
};

/// A library call failed where it should not have (GEOS, PROJ, GDAL internals).
class InternalError : public Error {
public:
    using Error::Error;
};

}  // namespace zoning
