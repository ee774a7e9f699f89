#pragma once
// Internal: the catalog model beyond what catalog.hpp declares — layer kinds by name and the
// verdict of a kind — shared by the YAML parser (io/catalog_yaml.cpp) and catalog/model.cpp.
#include <zoning/catalog.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace zoning::catalog {

/// The kind named `name`, or nothing when no kind has that name.
std::optional<LayerKind> find_layer_kind(std::string_view name);
/// "ecological_redline | nature_reserve | ...": every kind's name, for messages.
std::string layer_kind_list();
/// The verdict a layer gets when the catalog does not say.
Verdict default_verdict(LayerKind k);

}  // namespace zoning::catalog
