#pragma once
// Internal: the checks yaml-cpp does not make on a catalog file, run over its parser events
// before the document is loaded. yaml-cpp keeps the first of two equal keys and ignores the
// second, loads only the first of several documents and lets a key be a list: each would be a
// silently wrong catalog, so each is a CatalogError naming the line.
#include <string>

namespace zoning::io {

/// Throws CatalogError (file:line) for
/// - a key given twice in one mapping, at any depth ("duplicate key 'verdict' (first at line 12)");
/// - a key that is a list, a mapping or empty (a key is a single name);
/// - an alias (*name) used inside the node it names (a recursive document);
/// - a second YAML document ("---" after the first);
/// and for invalid YAML, as yaml-cpp reports it.
void check_yaml_structure(const std::string& text, const std::string& file);

}  // namespace zoning::io
