#pragma once
// Writing a screen report: text (zh/en), JSON (schema zoning.screen/1), CSV for Excel, and the
// conflict geometries as GeoPackage, Shapefile or GeoJSON. See docs/screen.md.
#include <zoning/screen.hpp>

#include <nlohmann/json.hpp>

#include <array>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace zoning {

enum class Lang { zh, en };
/// Every language of the text report, the default first.
inline constexpr std::array kLangs{Lang::zh, Lang::en};
std::string_view to_string(Lang l);  ///< "zh" | "en"
Lang parse_lang(std::string_view s);  ///< throws InputError naming the choices

/// The JSON report; each footprint's `summary` is in `lang`.
nlohmann::ordered_json to_json(const ScreenReport& r, Lang lang = Lang::zh);
void write_text(std::ostream& out, const ScreenReport& r, Lang lang);
/// UTF-8 with BOM, one row per footprint × layer (the subtotal, `class` empty) and, for layers
/// with classes, one per footprint × layer × class (a footprint with no conflict: one row).
void write_csv(std::ostream& out, const ScreenReport& r);
/// UTF-8 with BOM, one row per footprint × zoning feature hit (or near), with its own areas.
void write_csv_features(std::ostream& out, const ScreenReport& r);
/// The 占用地类 tables (docs/land-use.md) as CSV, UTF-8 with BOM: one row per footprint ×
/// land_use layer × class (level 1, its level-2 rows, then a `total` row).
void write_land_use_csv(std::ostream& out, const ScreenReport& r);

/// Writes one feature per footprint × layer × zoning feature to `path` (.gpkg, .shp, .geojson,
/// .kml), via a temporary file renamed only when complete. Refuses to overwrite any of `inputs`.
/// - .gpkg: layers `conflicts`, `footprints` and, given the catalog, `hit_<layer id>` with copies
///   of the features hit; each with its QGIS style in `layer_styles` (useAsDefault) and Chinese
///   field aliases. A layer whose geometries mix types is one table per type, so that each is
///   styled: `conflicts_polygons`, `conflicts_lines`, `conflicts_points` (likewise `footprints_*`
///   and `hit_<layer id>_*`); rows without geometry (near entries) are in the first of them.
/// - .shp: the conflicts with .prj, .cpg (UTF-8) and a QGIS .qml beside them. A shapefile holds
///   one geometry type: when the conflicts mix them, the polygons (else the lines) go to `path`
///   and the other types to <stem>_lines.shp and <stem>_points.shp beside it.
/// - .kml: WGS84, styled, footprints and conflict pieces with names and areas in the balloon.
/// Styles come from the style table (style.hpp) and the catalog's `style:` overrides.
/// Returns the files written (their main file: .shp, .gpkg, ...), `path` first.
std::vector<std::filesystem::path> write_conflicts(const std::filesystem::path& path, const ScreenReport& r,
                     const GeosContext& ctx, const Crs& crs,
                     const std::vector<std::filesystem::path>& inputs,
                     const LoadedCatalog* catalog = nullptr);

/// How much of `f` lies outside the catalog's coverage, in words ("2.0000 公顷(30.00 亩，50.00%)在目录范围外，
/// 未审查"; "超出目录范围，无法审查" for coverage none); empty for full and unchecked.
std::string coverage_note(const FootprintResult& f, Lang lang);

/// Display width of UTF-8 text in a terminal (CJK wide characters count 2).
size_t display_width(std::string_view s);

}  // namespace zoning
