#pragma once
// District area statistics (`zoning stats`): how much of the district, and of each unit of a
// breakdown layer (e.g. each township), lies in each zoning layer, and how much the layers of
// the three control lines (三条控制线) overlap. See docs/stats.md.
#include <zoning/area.hpp>
#include <zoning/catalog.hpp>
#include <zoning/layer.hpp>

#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace zoning {

struct StatsOptions {
    std::string total;                ///< layer whose union is the district (default: first admin layer)
    std::string by;                   ///< breakdown layer (e.g. townships), or empty
    std::vector<std::string> layers;  ///< layers to report (default: all)
    /// Extra overlap pairs (beyond those among the three control lines).
    std::vector<std::pair<std::string, std::string>> overlaps;
    EllipsoidalMethod ellipsoidal = EllipsoidalMethod::geodesic;
    /// Worker threads for cutting polygon layers into pieces (0: one per core). The report does
    /// not depend on it.
    unsigned threads = 0;
    /// With `by`: also each class of a polygon layer with a class_field, and each overlap, per unit
    /// (`zoning stats --wide`: the table unit × layer).
    bool wide = false;
};

/// One unit of the breakdown layer: the part of a layer's in-district union inside that unit.
struct StatsRow {
    std::string key;           ///< the unit's name (else code, else "fid N")
    std::int64_t fid = -1;     ///< the unit's feature id; -1 for the remainder row
    bool remainder = false;    ///< the part inside the district but outside every unit
    double area_m2 = 0;        ///< planar, working CRS
    double area_ellipsoidal_m2 = 0;
    double length_m = 0;       ///< line layers
    double unit_area_ellipsoidal_m2 = 0;  ///< the unit's own area (the remainder: the uncovered part)
    double share = 0;          ///< area_ellipsoidal_m2 / unit_area_ellipsoidal_m2
};

/// One class (value of the class_field) of a polygon layer: the union of its features (`wide`).
struct ClassStats {
    std::string cls;                 ///< the class value ("" for features without one)
    Verdict verdict = Verdict::allowed;
    size_t features = 0;
    double area_m2 = 0;              ///< union of the class's features ∩ district, planar
    double area_ellipsoidal_m2 = 0;
    double share = 0;                ///< of the district's ellipsoidal area
    double outside_m2 = 0;           ///< planar, outside the district
    std::vector<StatsRow> by;        ///< per unit, as LayerStats::by
};

struct LayerStats {
    std::string id, title;
    LayerKind kind = LayerKind::other;
    size_t features = 0;
    int dimension = 2;               ///< 2 polygons, 1 lines, 0 points (max over the features)
    /// Polygon layers: features that overlap a feature before them (the overlap counts once).
    size_t overlapping = 0;
    double area_m2 = 0;              ///< union ∩ district, planar (polygon layers: summed over
                                     ///< the features, each less its overlap with earlier ones)
    double area_ellipsoidal_m2 = 0;  ///< union ∩ district, ellipsoidal
    double share = 0;                ///< area_ellipsoidal_m2 / district ellipsoidal area
    double outside_m2 = 0;           ///< union − district, planar
    double outside_ellipsoidal_m2 = 0;
    double length_m = 0;             ///< line layers: length inside the district
    double outside_length_m = 0;     ///< line layers: length outside
    std::vector<StatsRow> by;
    /// `wide`, polygon layers with a class_field: each class, most severe verdict first. Classes
    /// may overlap (then they add up to more than the layer).
    std::vector<ClassStats> classes;
};

struct OverlapStats {
    std::string a, b;
    double area_m2 = 0;  ///< union(a) ∩ union(b), planar (in and outside the district)
    double area_ellipsoidal_m2 = 0;
    double share = 0;    ///< of the district's ellipsoidal area
    /// `wide`: the overlap inside the district (in_*) and its rows per unit (share of the unit).
    double in_area_m2 = 0, in_area_ellipsoidal_m2 = 0, in_share = 0;
    std::vector<StatsRow> by;
};

struct StatsReport {
    std::string catalog;
    std::string crs;  ///< label of the working CRS
    EllipsoidalMethod ellipsoidal = EllipsoidalMethod::geodesic;
    std::string total_layer, total_title;
    double total_area_m2 = 0, total_area_ellipsoidal_m2 = 0;
    std::string by_layer, by_title;
    bool wide = false;             ///< computed with StatsOptions::wide
    /// `wide`: the units of the breakdown layer (key, fid, the unit's own planar and ellipsoidal
    /// area in area_m2 / area_ellipsoidal_m2), in the order of the rows.
    std::vector<StatsRow> units;
    /// Layers named in StatsOptions::layers (the text then shows admin layers it would leave out).
    bool layers_chosen = false;
    std::vector<LayerStats> layers;
    std::vector<OverlapStats> overlaps;
    std::vector<Warning> warnings;  ///< loading warnings and arithmetic notes (overlapping units)
};

/// The measure of one layer's union (overlapping features counted once), as `zoning info` shows
/// it. Polygon layers are measured piece by piece without building the union (docs/stats.md).
struct LayerMeasure {
    double area_m2 = 0;              ///< planar, working CRS
    double area_ellipsoidal_m2 = 0;
    double length_m = 0;             ///< line layers
    size_t overlapping = 0;          ///< polygon layers: features cut where they overlap earlier ones
};
/// `threads`: workers for cutting polygon layers (0: one per core); the result does not depend on it.
LayerMeasure measure_layer(const LoadedCatalog& catalog, const ZoneLayer& layer,
                           EllipsoidalMethod ellipsoidal = EllipsoidalMethod::geodesic, unsigned threads = 0);

/// Computes the statistics. Throws InputError for an unknown layer id or a missing district.
StatsReport compute_stats(const LoadedCatalog& catalog, const StatsOptions& opts = {});

/// Text (Chinese labels; m², 公顷, 亩, km², percentages), JSON (`zoning.stats/1`) and CSV (UTF-8
/// with BOM).
void write_stats_text(std::ostream& out, const StatsReport& r);
void write_stats_json(std::ostream& out, const StatsReport& r);
void write_stats_csv(std::ostream& out, const StatsReport& r);
/// The wide table (needs a report computed with `wide`): one row per unit (and the remainder),
/// then the total; columns layer by layer (classes after their layer), then the overlaps.
void write_stats_wide_text(std::ostream& out, const StatsReport& r);
void write_stats_wide_csv(std::ostream& out, const StatsReport& r);

}  // namespace zoning
